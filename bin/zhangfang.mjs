#!/usr/bin/env node
// `npx zhangfang …`: runs the CLI from the TypeScript sources through tsx (the packaged app runs the
// same module from its bundle as `zhangfang cli …`).
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src/main/cli/main.ts')
const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
})
process.exitCode = code
