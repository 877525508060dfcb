// The only module that reads window.zhangfang, the API the preload exposes (built by createApi from the
// IPC contract). Everything else receives the api, or a slice of it, as an argument.
import type { Api } from '../../../preload/api'

export type { Api }

declare global {
  interface Window {
    /** Exposed by the preload through contextBridge; absent when the page is opened outside Zhangfang. */
    readonly zhangfang?: Api
  }
}

/** The preload's api, or null when the renderer runs without it. */
export function getApi(): Api | null {
  return typeof window !== 'undefined' && window.zhangfang ? window.zhangfang : null
}
