// 凭证列表: the vouchers matching the filters (in the workspace period, or every period), the selection,
// and the batch intents — review, unreview, post the selection or the whole period, 断号整理 — with the
// summary of what was done and what was refused and why.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { BatchOutcome, VoucherSummary } from '../../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from '../../stores/call'
import { parseAmount } from '../voucherGrid'
import { NO_CLIENT, type LedgerApi, type LedgerContext } from './ledgerApi'

export type VoucherListApi = Pick<LedgerApi['vouchers'], 'list' | 'review' | 'unreview' | 'post' | 'reviewPeriod' | 'postPeriod' | 'renumber'>

export type VoucherStatus = VoucherSummary['status']
export type BatchOp = 'review' | 'unreview' | 'post' | 'reviewPeriod' | 'postPeriod'

export interface VoucherFilters {
  /** false: only the workspace period; true: every period. */
  allPeriods: boolean
  type: VoucherSummary['type'] | null
  status: VoucherStatus | null
  preparer: string
  /** Account code or code prefix. */
  accountCode: string
  /** Amounts as typed in 元 ('' for no bound). */
  minAmount: string
  maxAmount: string
  /** Text in any 摘要. */
  text: string
}

export const EMPTY_FILTERS: VoucherFilters = {
  allPeriods: false,
  type: null,
  status: null,
  preparer: '',
  accountCode: '',
  minAmount: '',
  maxAmount: '',
  text: '',
}

/** Page size of vouchers:list (its maximum). */
export const PAGE = 1000

export interface BatchSummary {
  op: BatchOp
  outcome: BatchOutcome
  /** Labels of the vouchers done, as the list knew them. */
  doneLabels: string[]
}

export interface VoucherListData {
  filters: VoucherFilters
  /** The period the list was loaded for (the workspace period), '' before the first load. */
  period: string
  vouchers: VoucherSummary[]
  total: number
  loaded: boolean
  loading: boolean
  error: AppErrorData | null
  /** Selected voucher ids. */
  selected: number[]
  busy: BatchOp | 'renumber' | null
  summary: BatchSummary | null
  /** Vouchers moved by the last 断号整理, null before one ran. */
  renumbered: number | null
}

export interface VoucherListActions {
  setFilters(patch: Partial<VoucherFilters>): void
  clearFilters(): void
  /** Loads the first page for `period` with the current filters. */
  load(period: string): Promise<void>
  loadMore(): Promise<void>
  select(ids: number[]): void
  /** Runs a batch on the selection (review/unreview/post) or on the whole period (reviewPeriod/postPeriod). */
  batch(op: BatchOp): Promise<BatchSummary | null>
  closeSummary(): void
  renumber(): Promise<number | null>
  clearError(): void
  reset(): void
}

export type VoucherListState = VoucherListData & VoucherListActions
export type VoucherListStore = StoreApi<VoucherListState>

const initial: VoucherListData = {
  filters: EMPTY_FILTERS,
  period: '',
  vouchers: [],
  total: 0,
  loaded: false,
  loading: false,
  error: null,
  selected: [],
  busy: null,
  summary: null,
  renumbered: null,
}

/** Amount bound in 分, or undefined when empty or unreadable. */
function bound(text: string): number | undefined {
  if (!text.trim()) return undefined
  const v = parseAmount(text)
  return v === null ? undefined : v
}

/** vouchers:list filters from the form; unreadable amount bounds are left out. */
export function listQuery(filters: VoucherFilters, period: string) {
  const q: {
    period?: string
    type?: VoucherSummary['type']
    status?: VoucherStatus
    preparer?: string
    accountCode?: string
    minAmount?: number
    maxAmount?: number
    text?: string
  } = {}
  if (!filters.allPeriods && period) q.period = period
  if (filters.type) q.type = filters.type
  if (filters.status) q.status = filters.status
  if (filters.preparer.trim()) q.preparer = filters.preparer.trim()
  if (/^\d{4,16}$/.test(filters.accountCode.trim())) q.accountCode = filters.accountCode.trim()
  const min = bound(filters.minAmount)
  const max = bound(filters.maxAmount)
  if (min !== undefined) q.minAmount = min
  if (max !== undefined) q.maxAmount = max
  if (filters.text.trim()) q.text = filters.text.trim()
  return q
}

export function createVoucherListStore(api: VoucherListApi, ctx: LedgerContext): VoucherListStore {
  let epoch = 0
  // only the latest query's answer is shown
  let querySeq = 0
  return createStore<VoucherListState>()((set, get) => {
    const fetchPage = async (period: string, offset: number) => {
      const client = ctx.client()
      if (!client) return set({ error: NO_CLIENT })
      const seq = ++querySeq
      set({ loading: true, error: null, period })
      const e = epoch
      const r = await safeCall(() => api.list({ clientId: client.id, ...listQuery(get().filters, period), offset, limit: PAGE }))
      if (e !== epoch || seq !== querySeq) return
      if (!r.ok) return set({ loading: false, error: r.error })
      set((s) => {
        const vouchers = offset === 0 ? r.value.vouchers : [...s.vouchers, ...r.value.vouchers]
        const ids = new Set(vouchers.map((v) => v.id))
        return { loading: false, loaded: true, vouchers, total: r.value.total, selected: s.selected.filter((id) => ids.has(id)) }
      })
    }

    return {
      ...initial,

      setFilters(patch) {
        set((s) => ({ filters: { ...s.filters, ...patch } }))
      },

      clearFilters() {
        set({ filters: EMPTY_FILTERS })
      },

      load(period) {
        return fetchPage(period, 0)
      },

      async loadMore() {
        const s = get()
        if (s.loading || s.vouchers.length >= s.total) return
        await fetchPage(s.period, s.vouchers.length)
      },

      select(ids) {
        set({ selected: [...new Set(ids)] })
      },

      async batch(op) {
        const client = ctx.client()
        const s = get()
        if (!client) return null
        const ids = s.selected
        const period = s.period
        if ((op === 'review' || op === 'unreview' || op === 'post') && ids.length === 0) return null
        if ((op === 'reviewPeriod' || op === 'postPeriod') && !period) return null
        set({ busy: op, error: null })
        const e = epoch
        const clientId = client.id
        const r = await safeCall(() => {
          switch (op) {
            case 'review':
              return api.review({ clientId, ids })
            case 'unreview':
              return api.unreview({ clientId, ids })
            case 'post':
              return api.post({ clientId, ids })
            case 'reviewPeriod':
              return api.reviewPeriod({ clientId, period })
            case 'postPeriod':
              return api.postPeriod({ clientId, period })
          }
        })
        if (e !== epoch) return null
        if (!r.ok) {
          set({ busy: null, error: r.error })
          return null
        }
        const byId = new Map(get().vouchers.map((v) => [v.id, v]))
        const summary: BatchSummary = {
          op,
          outcome: r.value,
          doneLabels: r.value.done.map((id) => {
            const v = byId.get(id)
            return v ? `${v.type}-${String(v.number).padStart(4, '0')}` : `#${id}`
          }),
        }
        set({ busy: null, summary, selected: [] })
        ctx.changed()
        await fetchPage(get().period, 0)
        return summary
      },

      closeSummary() {
        set({ summary: null })
      },

      async renumber() {
        const client = ctx.client()
        const period = get().period
        if (!client || !period) return null
        set({ busy: 'renumber', error: null })
        const e = epoch
        const r = await safeCall(() => api.renumber({ clientId: client.id, period }))
        if (e !== epoch) return null
        if (!r.ok) {
          set({ busy: null, error: r.error })
          return null
        }
        set({ busy: null, renumbered: r.value.renumbered })
        ctx.changed()
        await fetchPage(period, 0)
        return r.value.renumbered
      },

      clearError() {
        set({ error: null })
      },

      reset() {
        epoch++
        querySeq++
        set({ ...initial })
      },
    }
  })
}
