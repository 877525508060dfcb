// A fake of the preload's Api for store tests: every call is a vi.fn answering a plausible Result,
// and emit() plays main's push events. No module mocking: stores receive this object (or a slice).
import { vi } from 'vitest'
import type { Api } from '../../../src/preload/api'
import type { StoresApi } from '../../../src/renderer/src/stores'
import type { EventName, EventPayload, SessionInfo, UserSummary } from '../../../src/shared/ipc/contract'
import type { AppErrorData, ErrorCode, Result } from '../../../src/shared/ipc/result'

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(code: ErrorCode, extra: Partial<AppErrorData> = {}): Result<T> => ({
  ok: false,
  error: { code, message: code.toLowerCase(), ...extra },
})

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

export const adminSession: SessionInfo = {
  userId: uuid(1),
  username: 'wangfang',
  displayName: '王芳',
  role: 'admin',
  permissions: ['users:manage', 'settings:manage', 'audit:verify'],
  mustChangePassword: false,
  firmName: '明诚财务',
  idleLockMinutes: 10,
  previousUnlockAt: null,
  failedAttemptsSinceLastUnlock: 0,
}

export const user = (n: number, username: string, extra: Partial<UserSummary> = {}): UserSummary => ({
  id: uuid(n),
  username,
  displayName: username.toUpperCase(),
  role: 'bookkeeper',
  status: 'active',
  mustChangePassword: true,
  createdAt: '2025-11-01T08:00:00.000Z',
  lastUnlockAt: null,
  ...extra,
})

type Listener = (payload: unknown) => void

export function createFakeApi() {
  const listeners = new Map<EventName, Set<Listener>>()
  const api = {
    app: {
      getState: vi.fn<Api['app']['getState']>(async () => ok({ setUp: true, session: null })),
    },
    setup: {
      begin: vi.fn<Api['setup']['begin']>(async () =>
        ok({ recoveryGroups: ['AAAA', 'BBBB', 'CCCC', 'DDDD'], confirmGroups: [2, 4] }),
      ),
      complete: vi.fn<Api['setup']['complete']>(async () => ok(adminSession)),
    },
    session: {
      unlock: vi.fn<Api['session']['unlock']>(async () => ok(adminSession)),
      recover: vi.fn<Api['session']['recover']>(async () => ok(adminSession)),
      lock: vi.fn<Api['session']['lock']>(async () => ok({})),
      touch: vi.fn<Api['session']['touch']>(async () => ok({})),
      changePassword: vi.fn<Api['session']['changePassword']>(async () => ok({ ...adminSession, mustChangePassword: false })),
    },
    users: {
      list: vi.fn<Api['users']['list']>(async () => ok({ users: [user(1, 'wangfang', { role: 'admin' }), user(2, 'lixiao')] })),
      create: vi.fn<Api['users']['create']>(async (i) =>
        ok(user(9, i.username, { displayName: i.displayName, role: i.role })),
      ),
      disable: vi.fn<Api['users']['disable']>(async ({ userId }) => ok({ ...user(2, 'lixiao'), id: userId, status: 'disabled' })),
      enable: vi.fn<Api['users']['enable']>(async ({ userId }) => ok({ ...user(2, 'lixiao'), id: userId, status: 'active' })),
    },
    settings: {
      get: vi.fn<Api['settings']['get']>(async () => ok({ idleLockMinutes: 10, vaultMaxFileMb: 50 })),
      update: vi.fn<Api['settings']['update']>(async (s) => ok({ idleLockMinutes: 10, vaultMaxFileMb: 50, ...s })),
    },
    audit: {
      verifyFirm: vi.fn<Api['audit']['verifyFirm']>(async () => ok({ ok: true, count: 3, head: 'ab'.repeat(32), firstBad: null })),
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>()
      listeners.set(event, set)
      const l = listener as Listener
      set.add(l)
      return () => set.delete(l)
    },
  } satisfies StoresApi

  return {
    api,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  }
}

/** A promise whose resolution the test controls, for answers that arrive late. */
export function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
