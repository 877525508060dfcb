// Runs inside the page under test: builds window.zhangfang with the same createApi the Electron preload
// uses; only the transport differs (a Playwright binding into the real core in the test process).
import { createApi, type Transport } from '../../../src/preload/api'
import type { EventName } from '../../../src/shared/ipc/contract'

declare global {
  interface Window {
    __zfInvoke(channel: string, payload: unknown): Promise<unknown>
    __zfEmit(event: string, payload: unknown): void
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>()

const transport: Transport = {
  invoke: (channel, payload) => window.__zfInvoke(channel, payload),
  subscribe: (event: EventName, listener) => {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  },
}

Object.defineProperty(window, '__zfEmit', {
  value: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
})
Object.defineProperty(window, 'zhangfang', { value: createApi(transport), enumerable: true })
