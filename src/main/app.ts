// Composition root: createZhangfang({ dataDir, clock, … }) wires the store, keys, auth, router and
// events. Electron-free: the same core runs under vitest, the e2e harness, the CLI and inside Electron.
import type { EventName, EventPayload, LockReason } from '../shared/ipc/contract'
import { AuthService, type Clock, type Logger } from './auth/service'
import { createHandlers } from './ipc/handlers'
import { createRouter, type Router, type Sender } from './ipc/router'
import { calibrateKdf, KDF_FLOOR, type KdfCost } from './keys/kdf'
import { Jobs } from './jobs'
import { openLedger } from './ledger/handlers'
import { fsFolderWatcher, noDialogs, type Dialogs, type FolderWatcher } from './ports'
import { DropTokens } from './vault/drops'
import { maxBytesOf } from './vault/handlers'
import { Inboxes, type InboxDeps } from './vault/inbox'
import type { ExportPolicy } from './vault/service'

export const APP_ORIGIN = 'app://zhangfang'

export interface ZhangfangOptions {
  dataDir: string
  clock?: Clock
  log?: Logger
  /** Origins whose main frame may call the router. Default: the app:// origin only. */
  allowedOrigins?: string[]
  /** Argon2id cost for new slots: 'calibrate' (the app) or fixed (tests use the floor). */
  kdf?: 'calibrate' | KdfCost
  /** File and folder dialogs (Electron's, a test's). Default: every dialog answers "cancelled". */
  dialogs?: Dialogs
  /** Watches inbox folders. Default: fs.watch. */
  watcher?: FolderWatcher
  /** How long an inbox file must stay unchanged before it is taken (ms). Default 1500. */
  inboxSettleMs?: number
  /** Test seam of the inbox: runs before an original is deleted. */
  inboxBeforeDelete?: InboxDeps['beforeDeleteOriginal']
  /** Decides exports (approvals come here later). Default: the permission is enough. */
  exportPolicy?: ExportPolicy
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
  /**
   * Swaps the paths of a real drag-and-drop (found by the preload, never by page script) for a one-use
   * token the renderer passes to vault:addDropped. Null when locked or when no path is a file.
   */
  registerDrop(sender: Sender, paths: unknown): Promise<string | null>
  /** Locks and releases everything. */
  close(): Promise<void>
  readonly dataDir: string
  /** For trusted main-side code only (benchmarks, tests): never reachable from the renderer. */
  readonly internals: { auth: AuthService; now: () => Date; inboxes: Inboxes; jobs: Jobs }
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
  const now = () => clock.now()
  const jobs = new Jobs((p) => emit('jobs:progress', p), () => now().getTime())
  const drops = new DropTokens(() => now().getTime())
  const inboxes = new Inboxes({
    dataDir: opts.dataDir,
    watcher: opts.watcher ?? fsFolderWatcher,
    log,
    openLedger: (s, clientId) => openLedger(s, opts.dataDir, clientId, now()),
    maxBytes: maxBytesOf,
    onChanged: (clientId, added, refused) => emit('vault:changed', { clientId, added, refused }),
    settleMs: opts.inboxSettleMs ?? 1500,
    beforeDeleteOriginal: opts.inboxBeforeDelete,
  })
  const auth = new AuthService({
    dataDir: opts.dataDir,
    clock,
    log,
    kdfCost,
    onLocked: (reason) => emit('session:locked', { reason }),
    onUnlocked: (s) => void inboxes.start(s).catch((e: unknown) => log.warn('inbox watching did not start', { error: String(e) })),
    onLocking: async () => {
      jobs.cancelAll()
      drops.clear()
      await inboxes.stop()
    },
  })
  const handlers = createHandlers(
    auth,
    { dataDir: opts.dataDir, now, kdfCost, exclusive: (fn) => auth.exclusive(fn) },
    { dialogs: opts.dialogs ?? noDialogs, jobs, drops, inboxes, exportPolicy: opts.exportPolicy },
  )
  const allowedOrigins = new Set(opts.allowedOrigins ?? [APP_ORIGIN])
  const handle = createRouter({
    allowedOrigins,
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
    registerDrop: async (sender, paths) => {
      const s = auth.current
      if (!s || !sender || !allowedOrigins.has(sender.origin) || sender.isMainFrame !== true) return null
      return drops.register(s.user.id, paths)
    },
    close: () => auth.lock('shutdown'),
    dataDir: opts.dataDir,
    internals: { auth, now, inboxes, jobs },
  }
}
