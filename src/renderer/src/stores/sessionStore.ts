// Session state: whether a firm exists, whether it is unlocked, who is signed in and why it was locked.
// Holds no secret after a call returns: passwords pass straight through to main and are never stored.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../lib/api'
import type { LockReason, SessionInfo } from '../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from './call'

export type SessionApi = Pick<Api, 'app' | 'session'>

export type Phase = 'loading' | 'setup' | 'locked' | 'unlocked'
export type SessionOp = 'load' | 'unlock' | 'recover' | 'lock' | 'changePassword'

/** Minimum time between two activity reports to main. */
export const TOUCH_INTERVAL_MS = 30_000

export interface SessionData {
  phase: Phase
  session: SessionInfo | null
  /** Why the app was last locked, when main told us; null after a fresh start. */
  lockReason: LockReason | null
  /** Idle minutes in force when the lock happened, to explain an idle lock. */
  lockIdleMinutes: number | null
  /** Username of the session that was just locked, to prefill the unlock form. */
  lastUsername: string
  pending: SessionOp | null
  errors: Partial<Record<SessionOp, AppErrorData>>
  lastTouchAt: number
}

export interface SessionActions {
  /** Reads app:getState and picks the phase: setup wizard, unlock screen or unlocked. */
  load(): Promise<void>
  unlock(username: string, password: string): Promise<boolean>
  recover(username: string, recoverySecret: string, newPassword: string): Promise<boolean>
  changePassword(currentPassword: string, newPassword: string): Promise<boolean>
  /** Locks now (the lock button, Ctrl+L). */
  lock(): Promise<void>
  /** Reports user activity, at most once every TOUCH_INTERVAL_MS. */
  touch(): void
  /** A session obtained elsewhere (setup:complete). */
  setSession(session: SessionInfo): void
  /** Main locked the session (session:locked event, or a LOCKED answer). */
  markLocked(reason: LockReason | null): void
  /** Keeps the displayed idle minutes in step with a settings change. */
  setIdleLockMinutes(minutes: number): void
  clearError(op: SessionOp): void
  reset(): void
}

export type SessionState = SessionData & SessionActions
export type SessionStore = StoreApi<SessionState>

export interface SessionStoreOptions {
  now?: () => number
}

const initial: SessionData = {
  phase: 'loading',
  session: null,
  lockReason: null,
  lockIdleMinutes: null,
  lastUsername: '',
  pending: null,
  errors: {},
  lastTouchAt: 0,
}

function withoutKey<K extends string, V>(record: Partial<Record<K, V>>, key: K): Partial<Record<K, V>> {
  const copy = { ...record }
  delete copy[key]
  return copy
}

export function createSessionStore(api: SessionApi, options: SessionStoreOptions = {}): SessionStore {
  const now = options.now ?? (() => Date.now())

  // bumped whenever the session ends: answers to calls made before are dropped
  let epoch = 0
  return createStore<SessionState>()((set, get) => {
    const begin = (op: SessionOp) => set({ pending: op, errors: withoutKey(get().errors, op) })
    const fail = (op: SessionOp, error: AppErrorData) => {
      set((s) => ({ pending: null, errors: { ...s.errors, [op]: error } }))
    }
    const unlocked = (session: SessionInfo) => {
      set({
        phase: 'unlocked',
        session,
        lockReason: null,
        lockIdleMinutes: null,
        lastUsername: session.username,
        pending: null,
        errors: {},
        lastTouchAt: now(), // an unlock restarts main's idle count
      })
    }
    const markLocked = (reason: LockReason | null) => {
      const prev = get()
      if (prev.phase === 'setup') return // no firm, so no session to lock
      epoch++
      set({
        ...initial,
        phase: 'locked',
        lockReason: reason,
        lockIdleMinutes: prev.session?.idleLockMinutes ?? prev.lockIdleMinutes,
        lastUsername: prev.session?.username ?? prev.lastUsername,
      })
    }

    return {
      ...initial,

      async load() {
        begin('load')
        const e = epoch
        const r = await safeCall(() => api.app.getState({}))
        if (e !== epoch) return
        if (!r.ok) return fail('load', r.error)
        if (!r.value.setUp) set({ ...initial, phase: 'setup' })
        else if (r.value.session) unlocked(r.value.session)
        else set({ phase: 'locked', pending: null })
      },

      async unlock(username, password) {
        begin('unlock')
        const e = epoch
        const r = await safeCall(() => api.session.unlock({ username, password }))
        if (e !== epoch) return false
        if (!r.ok) {
          fail('unlock', r.error)
          return false
        }
        unlocked(r.value)
        return true
      },

      async recover(username, recoverySecret, newPassword) {
        begin('recover')
        const e = epoch
        const r = await safeCall(() => api.session.recover({ username, recoverySecret, newPassword }))
        if (e !== epoch) return false
        if (!r.ok) {
          fail('recover', r.error)
          return false
        }
        unlocked(r.value)
        return true
      },

      async changePassword(currentPassword, newPassword) {
        begin('changePassword')
        const e = epoch
        const r = await safeCall(() => api.session.changePassword({ currentPassword, newPassword }))
        if (e !== epoch) return false
        if (!r.ok) {
          if (r.error.code === 'LOCKED') markLocked(get().lockReason)
          else fail('changePassword', r.error)
          return false
        }
        set({ session: r.value, pending: null, lastTouchAt: now() })
        return true
      },

      async lock() {
        if (get().phase !== 'unlocked') return
        begin('lock')
        const r = await safeCall(() => api.session.lock({}))
        // LOCKED means main had locked already; either way the session is gone
        if (r.ok || r.error.code === 'LOCKED') {
          // the session:locked event may have arrived first, with the authoritative reason
          if (get().phase === 'unlocked') markLocked('manual')
          return
        }
        fail('lock', r.error)
      },

      touch() {
        const s = get()
        if (s.phase !== 'unlocked') return
        const t = now()
        if (t - s.lastTouchAt < TOUCH_INTERVAL_MS) return
        set({ lastTouchAt: t })
        void safeCall(() => api.session.touch({})).then((r) => {
          if (!r.ok && r.error.code === 'LOCKED' && get().phase === 'unlocked') markLocked(null)
        })
      },

      setSession(session) {
        unlocked(session)
      },

      markLocked,

      setIdleLockMinutes(minutes) {
        const session = get().session
        if (session) set({ session: { ...session, idleLockMinutes: minutes } })
      },

      clearError(op) {
        set({ errors: withoutKey(get().errors, op) })
      },

      reset() {
        epoch++
        set({ ...initial })
      },
    }
  })
}
