// Composition root: createZhangfang({ dataDir, clock, … }) wires the store, keys, auth, router and
// events. Electron-free: the same core runs under vitest, the e2e harness, the CLI and inside Electron.
import type { EventName, EventPayload, LockReason } from '../shared/ipc/contract'
import { AuthService, type Clock, type Logger } from './auth/service'
import { createHandlers } from './ipc/handlers'
import { createRouter, type Router, type Sender } from './ipc/router'
import { calibrateKdf, KDF_FLOOR, type KdfCost } from './keys/kdf'

export const APP_ORIGIN = 'app://zhangfang'

export interface ZhangfangOptions {
  dataDir: string
  clock?: Clock
  log?: Logger
  /** Origins whose main frame may call the router. Default: the app:// origin only. */
  allowedOrigins?: string[]
  /** Argon2id cost for new slots: 'calibrate' (the app) or fixed (tests use the floor). */
  kdf?: 'calibrate' | KdfCost
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface Zhangfang {
  /** The IPC entry point: never throws, always answers a Result. */
  handle: Router
  /** Runs the idle auto-lock check now. */
  tick(): Promise<void>
  /** Locks from outside the window (OS lock screen, suspend, shutdown). */
  lock(reason: LockReason): Promise<void>
  onEvent(listener: EventListener): () => void
  /** Locks and releases everything. */
  close(): Promise<void>
  readonly dataDir: string
  /** For trusted main-side code only (benchmarks, tests): never reachable from the renderer. */
  readonly internals: { auth: AuthService; now: () => Date }
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }

export function consoleLogger(): Logger {
  // messages and codes only: callers never pass client data
  const out = (level: string) => (msg: string, extra?: Record<string, unknown>) =>
    console.error(`[zhangfang ${level}] ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`)
  return { info: out('info'), warn: out('warn'), error: out('error') }
}

export function createZhangfang(opts: ZhangfangOptions): Zhangfang {
  const clock = opts.clock ?? { now: () => new Date() }
  const log = opts.log ?? silentLogger
  const listeners = new Set<EventListener>()
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) {
      try {
        l(event, payload)
      } catch (e) {
        log.warn('event listener failed', { event, error: String(e) })
      }
    }
  }
  let cost: Promise<KdfCost> | null = null
  const kdfCost = () => {
    if (opts.kdf && opts.kdf !== 'calibrate') return Promise.resolve(opts.kdf)
    if (opts.kdf === undefined) return Promise.resolve({ ...KDF_FLOOR })
    cost ??= calibrateKdf()
    return cost
  }
  const auth = new AuthService({
    dataDir: opts.dataDir,
    clock,
    log,
    kdfCost,
    onLocked: (reason) => emit('session:locked', { reason }),
  })
  const handlers = createHandlers(auth, { dataDir: opts.dataDir, now: () => clock.now(), kdfCost, exclusive: (fn) => auth.exclusive(fn) })
  const handle = createRouter({
    allowedOrigins: new Set(opts.allowedOrigins ?? [APP_ORIGIN]),
    auth,
    handlers,
    log,
    now: () => clock.now().getTime(),
  })
  return {
    handle: (sender: Sender, channel: string, payload: unknown) => handle(sender, channel, payload),
    tick: () => auth.tick(),
    lock: (reason) => auth.lock(reason),
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => auth.lock('shutdown'),
    dataDir: opts.dataDir,
    internals: { auth, now: () => clock.now() },
  }
}
