// Writes to one client's chart: sub-accounts, renames, auxiliary requirements, 停用/启用, auxiliary items.
// The chart itself stays in the workspace store; after each write `refresh` reloads it there. Created per
// screen, so nothing outlives the workspace (or a lock).
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Account, AuxItem, AuxType } from '../../../../../shared/ipc/contract'
import { safeCall, type AppErrorData, type Result } from '../../../stores/call'
import type { LedgerApi } from '../../stores/ledgerApi'

export type ChartApi = {
  accounts: Pick<LedgerApi['accounts'], 'create' | 'update'>
  auxItems: Pick<LedgerApi['auxItems'], 'create'>
}

export interface ChartDeps {
  clientId: string
  /** Reloads the workspace chart and auxiliary items. */
  refresh(): Promise<void>
}

/** What the failed write was, so its error can be said in the right words. */
export type ChartOp = 'create' | 'update' | 'toggle' | 'aux'

export interface ChartState {
  saving: boolean
  error: AppErrorData | null
  errorOp: ChartOp | null
  /** Adds a sub-account. Errors: CONFLICT, VOUCHER_INVALID (coding-scheme, parent-has-postings). */
  createAccount(input: { parentCode: string; code: string; name: string; auxTypes: AuxType[]; sensitive: boolean }): Promise<Account | null>
  /** Renames, changes auxiliary types or sensitivity. Errors: NOT_FOUND, INVALID_STATE (aux change with amounts). */
  updateAccount(input: { code: string; name?: string; auxTypes?: AuxType[]; sensitive?: boolean }): Promise<Account | null>
  setActive(code: string, active: boolean): Promise<Account | null>
  /** Errors: CONFLICT (code taken within the type). */
  createAuxItem(input: { type: AuxType; code: string; name: string; sensitive: boolean }): Promise<AuxItem | null>
  clearError(): void
}

export type ChartStore = StoreApi<ChartState>

export function createChartStore(api: ChartApi, deps: ChartDeps): ChartStore {
  return createStore<ChartState>()((set) => {
    async function write<T>(op: ChartOp, run: () => Promise<Result<T>>): Promise<T | null> {
      set({ saving: true, error: null, errorOp: null })
      const r = await safeCall(run)
      if (!r.ok) {
        set({ saving: false, error: r.error, errorOp: op })
        return null
      }
      await deps.refresh()
      set({ saving: false })
      return r.value
    }
    return {
      saving: false,
      error: null,
      errorOp: null,
      createAccount: (input) => write('create', () => api.accounts.create({ clientId: deps.clientId, ...input })),
      updateAccount: (input) => write('update', () => api.accounts.update({ clientId: deps.clientId, ...input })),
      setActive: (code, active) => write('toggle', () => api.accounts.update({ clientId: deps.clientId, code, active })),
      createAuxItem: (input) => write('aux', () => api.auxItems.create({ clientId: deps.clientId, ...input })),
      clearError: () => set({ error: null, errorOp: null }),
    }
  })
}
