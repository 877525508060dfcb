// Runs inside the page under test: builds window.zhangfang with the same createApi the Electron preload
// uses; only the transport differs (a Playwright binding into the real core in the test process).
import { createApi, type Transport } from '../../../src/preload/api'
import type { EventName } from '../../../src/shared/ipc/contract'

declare global {
  interface Window {
    __zfInvoke(channel: string, payload: unknown): Promise<unknown>
    __zfEmit(event: string, payload: unknown): void
    __zfDrop(names: string[]): Promise<string | null>
  }
}

/** Undoes the harness's base64 wrapping of bytes (Electron's IPC would have cloned the Uint8Array). */
function decodeBytes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeBytes)
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    if (typeof o.__zfBytes === 'string') return Uint8Array.from(atob(o.__zfBytes), (c) => c.charCodeAt(0))
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeBytes(x)]))
  }
  return v
}

const listeners = new Map<string, Set<(payload: unknown) => void>>()

const transport: Transport = {
  invoke: async (channel, payload) => decodeBytes(await window.__zfInvoke(channel, payload)),
  subscribe: (event: EventName, listener) => {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  },
  // Electron's preload asks webUtils for each File's path; here the harness knows the test's files by name
  registerDrop: (files) => window.__zfDrop(files.map((f) => (f as File).name)),
}

Object.defineProperty(window, '__zfEmit', {
  value: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
})
Object.defineProperty(window, 'zhangfang', { value: createApi(transport), enumerable: true })
