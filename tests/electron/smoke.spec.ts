// Smoke test of the built app under a real Electron: it starts on an empty data folder, shows the first-run
// wizard, and its page sees only `window.zhangfang` (no `require`, no `process`). Runs only where an Electron
// binary exists and skips with the reason elsewhere; nothing may be verified only here (see DESIGN.md).
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const mainEntry = join(root, 'out/main/index.js')
const electronBinary = findElectronBinary()
const skipReason = 'missing' in electronBinary ? `Electron smoke test skipped: ${electronBinary.missing}` : ''
// The list reporter shows a skipped test without its reason; say it once, while the file is collected.
if (skipReason) console.log(skipReason)

/**
 * The Electron executable, found the way `require('electron')` finds it, but without its side effect:
 * electron@45 starts a download when its binary is missing, which must not happen while collecting tests.
 */
function findElectronBinary(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url)
  let packageDir: string
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt') // written when the binary was downloaded
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  let binary: string
  if (override) {
    const platformDefault = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }
    binary = join(override, relative ?? platformDefault[process.platform as 'darwin' | 'win32'] ?? 'electron')
  } else if (relative) {
    binary = join(packageDir, 'dist', relative)
  } else {
    return {
      missing:
        'no Electron binary: node_modules/electron was installed without downloading it, ' +
        'and ELECTRON_OVERRIDE_DIST_PATH is not set',
    }
  }
  return existsSync(binary) ? { path: binary } : { missing: `no Electron binary at ${binary}` }
}

test.describe('Electron app', () => {
  test.skip(skipReason !== '', skipReason)

  test.beforeAll(() => {
    // Test what is in src/, not whatever an earlier build left in out/.
    const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
    })
    expect(build.status, 'electron-vite build').toBe(0)
    expect(existsSync(mainEntry), `${mainEntry} after the build`).toBe(true)
  })

  test('first run shows the setup wizard in an isolated renderer', async () => {
    if (!('path' in electronBinary)) throw new Error('unreachable: skipped above')
    const dataDir = await mkdtemp(join(tmpdir(), 'zhangfang-electron-'))
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
    delete env.ELECTRON_RUN_AS_NODE // would start Electron as plain Node
    env.ZHANGFANG_DATA_DIR = dataDir

    let app: ElectronApplication | undefined
    try {
      app = await electron.launch({
        executablePath: electronBinary.path,
        // Chromium refuses to start as root (CI containers) without --no-sandbox. That switches off the
        // OS-level sandbox only; the page isolation checked below comes from contextIsolation and stays.
        args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainEntry],
        env,
        cwd: root,
      })
      const page = await app.firstWindow()
      await expect(page.getByTestId('setup-firm-name')).toBeVisible()

      const globals = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>
        return { zhangfang: typeof w.zhangfang, require: typeof w.require, process: typeof w.process }
      })
      expect(globals).toEqual({ zhangfang: 'object', require: 'undefined', process: 'undefined' })
    } finally {
      await app?.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
