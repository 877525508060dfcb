// 科目余额表 of the open client: the query (period range within one year, account level, zero rows) and
// the report main computed. Holds one report at a time; cleared with the workspace.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { TrialBalance } from '../../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from '../../stores/call'
import { NO_CLIENT, type LedgerApi, type LedgerContext } from './ledgerApi'

export type TrialBalanceApi = Pick<LedgerApi['reports'], 'trialBalance'>

export interface TrialBalanceParams {
  from: string
  to: string
  /** Deepest account level shown, 1–5. */
  level: number
  showZero: boolean
}

export interface TrialBalanceData {
  params: TrialBalanceParams
  report: TrialBalance | null
  loading: boolean
  error: AppErrorData | null
}

export interface TrialBalanceActions {
  /** Changes the query; a range across years is pulled into `to`'s year. */
  setParams(patch: Partial<TrialBalanceParams>): void
  /** The range follows the workspace period: from = to = period. */
  followPeriod(period: string): void
  load(): Promise<void>
  clearError(): void
  reset(): void
}

export type TrialBalanceState = TrialBalanceData & TrialBalanceActions
export type TrialBalanceStore = StoreApi<TrialBalanceState>

const initial: TrialBalanceData = {
  params: { from: '', to: '', level: 5, showZero: false },
  report: null,
  loading: false,
  error: null,
}

/** Keeps a range valid for reports:trialBalance: one year, from ≤ to. */
export function normaliseRange(from: string, to: string, changed: 'from' | 'to'): { from: string; to: string } {
  if (!from || !to) return { from: from || to, to: to || from }
  if (from.slice(0, 4) !== to.slice(0, 4)) {
    // keep the end the user just moved and bring the other one into its year
    return changed === 'from' ? { from, to: `${from.slice(0, 4)}-12` } : { from: `${to.slice(0, 4)}-01`, to }
  }
  if (from > to) return changed === 'from' ? { from, to: from } : { from: to, to }
  return { from, to }
}

export function createTrialBalanceStore(api: TrialBalanceApi, ctx: LedgerContext): TrialBalanceStore {
  let epoch = 0
  let seq = 0
  return createStore<TrialBalanceState>()((set, get) => ({
    ...initial,

    setParams(patch) {
      const cur = get().params
      const next = { ...cur, ...patch }
      const range = normaliseRange(next.from, next.to, patch.from !== undefined && patch.to === undefined ? 'from' : 'to')
      set({ params: { ...next, ...range, level: Math.max(1, Math.min(5, Math.trunc(next.level) || 1)) } })
    },

    followPeriod(period) {
      const p = get().params
      if (p.from !== period || p.to !== period) set({ params: { ...p, from: period, to: period } })
    },

    async load() {
      const client = ctx.client()
      if (!client) return set({ error: NO_CLIENT })
      const { from, to, level, showZero } = get().params
      if (!from || !to) return
      const mine = ++seq
      set({ loading: true, error: null })
      const e = epoch
      const r = await safeCall(() => api.trialBalance({ clientId: client.id, from, to, level, showZero }))
      if (e !== epoch || mine !== seq) return
      if (!r.ok) return set({ loading: false, error: r.error })
      set({ loading: false, report: r.value })
    },

    clearError() {
      set({ error: null })
    },

    reset() {
      epoch++
      seq++
      set({ ...initial })
    },
  }))
}
