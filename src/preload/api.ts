// Builds the renderer's api object from the contract: one named function per call, grouped by area
// (`api.session.unlock(input)`), plus `on(event, cb)` for push events. It never exposes a generic
// invoke: the transport is closed over. Pure: used by the Electron preload and the e2e harness alike.
import {
  CHANNELS,
  EVENT_NAMES,
  splitChannel,
  type CallInput,
  type CallOutput,
  type Channel,
  type EventName,
  type EventPayload,
} from '../shared/ipc/contract'
import type { Result } from '../shared/ipc/result'

/** The one preload-only channel: paths of a real drop, answered with a token (main checks the sender). */
export const DROP_CHANNEL = 'files:registerDrop'

export interface Transport {
  invoke(channel: Channel, payload: unknown): Promise<unknown>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
  /**
   * Turns the File objects of a real drag-and-drop into a one-use token main holds the paths for. The
   * preload finds the paths (Electron's webUtils), never the page; null when none is a file on disk.
   */
  registerDrop(files: readonly unknown[]): Promise<string | null>
}

type AreaOf<C extends string> = C extends `${infer A}:${string}` ? A : never
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never

export type Api = {
  [A in AreaOf<Channel>]: {
    [C in Channel as AreaOf<C> extends A ? VerbOf<C> : never]: (
      input: CallInput<C>,
    ) => Promise<Result<CallOutput<C>>>
  }
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** The token for files dropped on the window (File objects from a drop event), for vault:addDropped. */
  dropToken(files: readonly unknown[]): Promise<string | null>
}

export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of CHANNELS) {
    const [area, verb] = splitChannel(channel)
    api[area] ??= {}
    api[area][verb] = (input: unknown) => transport.invoke(channel, input ?? {})
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`)
    return transport.subscribe(event, listener)
  }
  const dropToken = (files: readonly unknown[]) => transport.registerDrop(Array.from(files).slice(0, 200))
  return Object.freeze({ ...api, on, dropToken }) as unknown as Api
}
