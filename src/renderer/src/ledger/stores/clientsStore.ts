// The clients (账套) the user may see: list and search, create books, and (admins) who is assigned to
// a client. Holds summaries only; a client's books are read by the workspace stores once it is opened.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { CallInput, ClientSummary } from '../../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from '../../stores/call'
import type { LedgerApi } from './ledgerApi'

export type ClientsApi = LedgerApi['clients']
export type CreateClientInput = CallInput<'clients:create'>

export interface Assignment {
  userId: string
  username: string
  displayName: string
  role: 'admin' | 'supervisor' | 'bookkeeper' | 'auditor'
  assigned: boolean
}

export interface ClientsData {
  clients: ClientSummary[]
  query: string
  loaded: boolean
  loading: boolean
  loadError: AppErrorData | null
  creating: boolean
  createError: AppErrorData | null
  /** The client whose assignment drawer is open. */
  assignClientId: string | null
  assignments: Assignment[]
  assignLoading: boolean
  /** The user whose assign/unassign call is running. */
  assignBusyUserId: string | null
  assignError: AppErrorData | null
}

export interface ClientsActions {
  /** Lists clients matching `query` (name or 统一社会信用代码); without it, the last query. */
  load(query?: string): Promise<void>
  create(input: CreateClientInput): Promise<ClientSummary | null>
  clearCreateError(): void
  openAssignments(clientId: string): Promise<void>
  closeAssignments(): void
  /** Assigns or unassigns a user; unassigning rekeys the client's database (main does it in the call). */
  setAssigned(userId: string, assigned: boolean): Promise<boolean>
  reset(): void
}

export type ClientsState = ClientsData & ClientsActions
export type ClientsStore = StoreApi<ClientsState>

const initial: ClientsData = {
  clients: [],
  query: '',
  loaded: false,
  loading: false,
  loadError: null,
  creating: false,
  createError: null,
  assignClientId: null,
  assignments: [],
  assignLoading: false,
  assignBusyUserId: null,
  assignError: null,
}

export function createClientsStore(api: ClientsApi): ClientsStore {
  // bumped by reset(): answers to calls made before a lock are dropped
  let epoch = 0
  // only the answer to the latest search is shown, whatever order answers arrive in
  let searchSeq = 0
  return createStore<ClientsState>()((set, get) => ({
    ...initial,

    async load(query) {
      const q = query ?? get().query
      const seq = ++searchSeq
      set({ loading: true, loadError: null, query: q })
      const e = epoch
      const r = await safeCall(() => api.list(q.trim() ? { query: q.trim() } : {}))
      if (e !== epoch || seq !== searchSeq) return
      if (!r.ok) return set({ loading: false, loadError: r.error })
      set({ clients: r.value.clients, loaded: true, loading: false })
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
      const c = r.value
      set((s) => ({
        creating: false,
        clients: [...s.clients.filter((x) => x.id !== c.id), c].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      }))
      return c
    },

    clearCreateError() {
      set({ createError: null })
    },

    async openAssignments(clientId) {
      set({ assignClientId: clientId, assignments: [], assignLoading: true, assignError: null, assignBusyUserId: null })
      const e = epoch
      const r = await safeCall(() => api.assignments({ clientId }))
      if (e !== epoch || get().assignClientId !== clientId) return
      if (!r.ok) return set({ assignLoading: false, assignError: r.error })
      set({ assignLoading: false, assignments: r.value.users })
    },

    closeAssignments() {
      set({ assignClientId: null, assignments: [], assignError: null, assignBusyUserId: null, assignLoading: false })
    },

    async setAssigned(userId, assigned) {
      const clientId = get().assignClientId
      if (!clientId) return false
      set({ assignBusyUserId: userId, assignError: null })
      const e = epoch
      const r = await safeCall(() => (assigned ? api.assign({ clientId, userId }) : api.unassign({ clientId, userId })))
      if (e !== epoch || get().assignClientId !== clientId) return false
      if (!r.ok) {
        set({ assignBusyUserId: null, assignError: r.error })
        return false
      }
      set({ assignBusyUserId: null, assignments: r.value.users })
      return true
    },

    reset() {
      epoch++
      searchSeq++
      set({ ...initial })
    },
  }))
}
