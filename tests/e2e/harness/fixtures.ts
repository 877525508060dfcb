// The e2e harness (DESIGN.md "End-to-end testing without an Electron binary"): the built renderer is
// served from a fake origin with page.route, window.zhangfang comes from the real createApi, and its
// transport is page.exposeBinding into a real createZhangfang core on real SQLCipher files.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'
import { build } from 'esbuild'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, resolve, sep } from 'node:path'
import { createZhangfang, type Zhangfang } from '../../../src/main/app'
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

export interface Harness {
  core: Zhangfang
  clock: FakeClock
  dataDir: string
  /** Opens the app in `page` (a fresh page gets the binding and the api first). */
  open(page?: Page): Promise<Page>
  /** Restarts the core on the same data folder (an app restart) and reloads the page. */
  restart(page: Page): Promise<void>
}

async function attachCore(page: Page, getCore: () => Zhangfang): Promise<void> {
  await page.exposeBinding('__zfInvoke', async (source, channel: string, payload: unknown) => {
    const frameUrl = source.frame.url()
    let origin = ''
    try {
      origin = new URL(frameUrl).origin
    } catch {
      origin = ''
    }
    return getCore().handle({ origin, isMainFrame: source.frame === source.page.mainFrame() }, channel, payload)
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
    const dataDir = await mkdtemp(join(tmpdir(), 'zf-e2e-'))
    const clock = new FakeClock()
    const pages = new Set<Page>()
    const make = () => {
      const core = createZhangfang({ dataDir, clock, allowedOrigins: [ORIGIN] })
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
      open: async (p = page) => {
        if (!pages.has(p)) {
          pages.add(p)
          await attachCore(p, () => state.core)
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
    await rm(dataDir, { recursive: true, force: true })
  },
})

/** Attaches a full-page screenshot to the test report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
}

export { expect }
