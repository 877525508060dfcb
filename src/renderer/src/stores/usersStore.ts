// The firm's user list for admins: list, create with a temporary password, disable and enable.
// Never keeps the temporary password: it goes to main with the create call and is dropped.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../lib/api'
import type { CallInput, UserSummary } from '../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from './call'

export type UsersApi = Api['users']
export type CreateUserInput = CallInput<'users:create'>

export interface UsersData {
  users: UserSummary[]
  loaded: boolean
  loading: boolean
  loadError: AppErrorData | null
  creating: boolean
  createError: AppErrorData | null
  /** The user whose disable/enable call is running. */
  busyUserId: string | null
  actionError: AppErrorData | null
}

export interface UsersActions {
  load(): Promise<void>
  create(input: CreateUserInput): Promise<UserSummary | null>
  disable(userId: string): Promise<UserSummary | null>
  enable(userId: string): Promise<UserSummary | null>
  clearCreateError(): void
  clearActionError(): void
  reset(): void
}

export type UsersState = UsersData & UsersActions
export type UsersStore = StoreApi<UsersState>

const initial: UsersData = {
  users: [],
  loaded: false,
  loading: false,
  loadError: null,
  creating: false,
  createError: null,
  busyUserId: null,
  actionError: null,
}

export function createUsersStore(api: UsersApi): UsersStore {
  // bumped by reset(): answers to calls made before a lock are dropped, never shown to the next user
  let epoch = 0
  return createStore<UsersState>()((set, get) => {
    const replace = (user: UserSummary) =>
      set((s) => ({ users: s.users.map((u) => (u.id === user.id ? user : u)), busyUserId: null }))

    const setStatus = async (userId: string, run: () => ReturnType<UsersApi['disable']>) => {
      set({ busyUserId: userId, actionError: null })
      const e = epoch
      const r = await safeCall(run)
      if (e !== epoch) return null
      if (!r.ok) {
        set({ busyUserId: null, actionError: r.error })
        return null
      }
      replace(r.value)
      return r.value
    }

    return {
      ...initial,

      async load() {
        set({ loading: true, loadError: null })
        const e = epoch
        const r = await safeCall(() => api.list({}))
        if (e !== epoch) return
        if (!r.ok) return set({ loading: false, loadError: r.error })
        set({ users: r.value.users, loaded: true, loading: false })
      },

      async create(input) {
        set({ creating: true, createError: null })
        const e = epoch
        const r = await safeCall(() => api.create(input))
        if (e !== epoch) return null
        if (!r.ok) {
          set({ creating: false, createError: r.error })
          return null
        }
        const exists = get().users.some((u) => u.id === r.value.id)
        set((s) => ({
          users: exists ? s.users.map((u) => (u.id === r.value.id ? r.value : u)) : [...s.users, r.value],
          creating: false,
        }))
        return r.value
      },

      disable(userId) {
        return setStatus(userId, () => api.disable({ userId }))
      },

      enable(userId) {
        return setStatus(userId, () => api.enable({ userId }))
      },

      clearCreateError() {
        set({ createError: null })
      },

      clearActionError() {
        set({ actionError: null })
      },

      reset() {
        epoch++
        set({ ...initial })
      },
    }
  })
}
