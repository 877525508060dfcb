// Runs the CLI in-process against a data folder, with stdin given and stdout/stderr captured.
import { PassThrough } from 'node:stream'
import { runCli } from '../../../src/main/cli/main'

export async function runCliCaptured(dir: string, args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const input = new PassThrough()
  input.end(stdin)
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => (out += d))
  stderr.on('data', (d) => (err += d))
  const code = await runCli(['--data-dir', dir, ...args], { stdin: input, stdout, stderr, env: {} })
  return { code, out, err }
}
