// The e2e harness (DESIGN.md "End-to-end testing without an Electron binary"): the built renderer is
// served from a fake origin with page.route, window.zhangfang comes from the real createApi, and its
// transport is page.exposeBinding into a real createZhangfang core on real SQLCipher files.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'
import { build } from 'esbuild'
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, extname, join, resolve, sep } from 'node:path'
import { createZhangfang, type Zhangfang } from '../../../src/main/app'
import type { Dialogs } from '../../../src/main/ports'
import { CSP, STATIC_MIME } from '../../../src/main/csp'

export const ORIGIN = 'https://zhangfang.test'
const RENDERER_DIR = resolve('out/renderer')

let pageApiBundle: Promise<string> | null = null
function pageApi(): Promise<string> {
  pageApiBundle ??= build({
    entryPoints: [resolve('tests/e2e/harness/pageApi.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).then((r) => r.outputFiles[0].text)
  return pageApiBundle
}

export class FakeClock {
  constructor(public t = Date.parse('2026-11-23T09:00:00Z')) {}
  now = () => new Date(this.t)
  advance(ms: number) {
    this.t += ms
  }
}

/**
 * The desktop's file dialogs as the test drives them: each dialog takes the next queued answer, and
 * answers "cancelled" when nothing is queued. `asked` records every dialog main opened.
 */
export class ScriptedDialogs implements Dialogs {
  private readonly opens: string[][] = []
  private readonly saves: (string | null)[] = []
  private readonly folders: (string | null)[] = []
  readonly asked: string[] = []
  answerOpen(paths: string[]) {
    this.opens.push(paths)
  }
  answerSave(path: string | null) {
    this.saves.push(path)
  }
  answerFolder(path: string | null) {
    this.folders.push(path)
  }
  openFiles = async () => (this.asked.push('open'), this.opens.shift() ?? [])
  saveFile = async () => (this.asked.push('save'), this.saves.shift() ?? null)
  chooseFolder = async () => (this.asked.push('folder'), this.folders.shift() ?? null)
}

export interface Harness {
  core: Zhangfang
  clock: FakeClock
  dataDir: string
  dialogs: ScriptedDialogs
  /** The "desktop" folder files are picked, dropped and exported in (outside the data folder). */
  filesDir: string
  /** Opens the app in `page` (a fresh page gets the binding and the api first). */
  open(page?: Page): Promise<Page>
  /** Restarts the core on the same data folder (an app restart) and reloads the page. */
  restart(page: Page): Promise<void>
}

/** Bytes cross the test pipe as base64 (Electron's IPC clones them as they are); pageApi turns them back. */
function encodeBytes(v: unknown): unknown {
  if (v instanceof Uint8Array) return { __zfBytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
  if (Array.isArray(v)) return v.map(encodeBytes)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeBytes(x)]))
  return v
}

async function attachCore(page: Page, getCore: () => Zhangfang, filesDir: string): Promise<void> {
  const senderOf = (source: { frame: import('@playwright/test').Frame; page: Page }) => {
    let origin = ''
    try {
      origin = new URL(source.frame.url()).origin
    } catch {
      origin = ''
    }
    return { origin, isMainFrame: source.frame === source.page.mainFrame() }
  }
  await page.exposeBinding('__zfInvoke', async (source, channel: string, payload: unknown) => encodeBytes(await getCore().handle(senderOf(source), channel, payload)))
  // what Electron's webUtils does for a real drop: the OS knows where a dropped file lives (here: filesDir)
  await page.exposeBinding('__zfDrop', async (source, names: unknown) => {
    if (!Array.isArray(names)) return null
    const paths: string[] = []
    for (const n of names) {
      const p = join(filesDir, basename(String(n)))
      if (await stat(p).then((st) => st.isFile(), () => false)) paths.push(p)
    }
    return paths.length ? getCore().registerDrop(senderOf(source), paths) : null
  })
  await page.addInitScript({ content: await pageApi() })
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url())
    const path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
    const file = resolve(RENDERER_DIR, '.' + path)
    if (!file.startsWith(RENDERER_DIR + sep)) return route.fulfill({ status: 404 })
    try {
      const body = await readFile(file)
      return route.fulfill({ status: 200, body, headers: { 'content-type': STATIC_MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP } })
    } catch {
      return route.fulfill({ status: 404 })
    }
  })
}

export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page }, use) => {
    const root = await mkdtemp(join(tmpdir(), 'zf-e2e-'))
    const dataDir = join(root, 'data')
    const filesDir = join(root, 'desktop')
    await mkdir(dataDir)
    await mkdir(filesDir)
    const clock = new FakeClock()
    const dialogs = new ScriptedDialogs()
    const pages = new Set<Page>()
    const make = () => {
      const core = createZhangfang({ dataDir, clock, allowedOrigins: [ORIGIN], dialogs })
      core.onEvent((event, payload) => {
        for (const p of pages) {
          if (!p.isClosed()) void p.evaluate(([e, pl]) => window.__zfEmit(e, pl), [event, payload] as const).catch(() => undefined)
        }
      })
      return core
    }
    const state = { core: make() }
    const harness: Harness = {
      get core() {
        return state.core
      },
      clock,
      dataDir,
      dialogs,
      filesDir,
      open: async (p = page) => {
        if (!pages.has(p)) {
          pages.add(p)
          await attachCore(p, () => state.core, filesDir)
        }
        await p.goto(`${ORIGIN}/index.html`)
        return p
      },
      restart: async (p) => {
        await state.core.close()
        state.core = make()
        await p.reload()
      },
    }
    await use(harness)
    await state.core.close()
    await rm(root, { recursive: true, force: true })
  },
})

/** Attaches a full-page screenshot to the test report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
}

export { expect }
