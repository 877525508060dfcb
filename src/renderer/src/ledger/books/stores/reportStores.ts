// The ledger reports of one client, one store per screen: 明细账 and 序时账 paged by offset ("load more"),
// 总账 and 辅助核算余额 in one answer. Each keeps its query, drops answers to an older query, and lives only
// as long as its screen (nothing is kept at module level).
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AuxType, CallOutput } from '../../../../../shared/ipc/contract'
import { safeCall, type AppErrorData, type Result } from '../../../stores/call'
import type { LedgerApi } from '../../stores/ledgerApi'
import { orderRange } from '../logic'

export type ReportsApi = Pick<LedgerApi['reports'], 'detailLedger' | 'generalLedger' | 'journal' | 'auxBalance'>

export type DetailLedger = CallOutput<'reports:detailLedger'>
export type GeneralLedger = CallOutput<'reports:generalLedger'>
export type Journal = CallOutput<'reports:journal'>
export type AuxBalance = CallOutput<'reports:auxBalance'>

/** Lines fetched per page of 明细账 and 序时账. */
export const PAGE_SIZE = 500

export interface ReportQuery {
  accountCode: string
  auxType: AuxType | ''
  from: string
  to: string
}

interface ReportBase<R> {
  query: ReportQuery
  report: R | null
  loading: boolean
  loadingMore: boolean
  error: AppErrorData | null
  setQuery(patch: Partial<ReportQuery>): void
  load(): Promise<void>
  clearError(): void
}

export interface PagedState<R> extends ReportBase<R> {
  /** Fetches the next page and appends its rows. */
  more(): Promise<void>
}

export type ReportStore<R> = StoreApi<PagedState<R>>

interface Fetcher<R> {
  /** Whether the query is complete enough to ask main. */
  ready(q: ReportQuery): boolean
  fetch(q: ReportQuery, offset: number): Promise<Result<R>>
  /** Appends a following page (paged reports only). */
  append?(cur: R, page: R): R
  next?(r: R): number | null
}

function createReportStore<R>(f: Fetcher<R>, initialQuery: ReportQuery): ReportStore<R> {
  // bumped by every new query: an answer to an older one is dropped
  let seq = 0
  return createStore<PagedState<R>>()((set, get) => ({
    query: initialQuery,
    report: null,
    loading: false,
    loadingMore: false,
    error: null,

    setQuery(patch) {
      const q = { ...get().query, ...patch }
      const range = orderRange(q.from, q.to, patch.from !== undefined && patch.to === undefined ? 'from' : 'to')
      set({ query: { ...q, ...range } })
    },

    async load() {
      const q = get().query
      const mine = ++seq
      if (!f.ready(q)) return set({ report: null, loading: false, loadingMore: false })
      set({ loading: true, loadingMore: false, error: null })
      const r = await safeCall(() => f.fetch(q, 0))
      if (mine !== seq) return
      if (!r.ok) return set({ loading: false, error: r.error, report: null })
      set({ loading: false, report: r.value })
    },

    async more() {
      const { report, loading, loadingMore, query } = get()
      const offset = report && f.next ? f.next(report) : null
      if (!report || offset === null || loading || loadingMore || !f.append) return
      const mine = seq
      set({ loadingMore: true, error: null })
      const r = await safeCall(() => f.fetch(query, offset))
      if (mine !== seq) return
      if (!r.ok) return set({ loadingMore: false, error: r.error })
      set({ loadingMore: false, report: f.append(get().report ?? report, r.value) })
    },

    clearError() {
      set({ error: null })
    },
  }))
}

const hasAccount = (q: ReportQuery) => /^\d{4,16}$/.test(q.accountCode) && !!q.from && !!q.to

export function createDetailLedgerStore(api: Pick<ReportsApi, 'detailLedger'>, clientId: string, query: ReportQuery): ReportStore<DetailLedger> {
  return createReportStore<DetailLedger>(
    {
      ready: hasAccount,
      fetch: (q, offset) => api.detailLedger({ clientId, accountCode: q.accountCode, from: q.from, to: q.to, offset, limit: PAGE_SIZE }),
      append: (cur, page) => ({ ...page, opening: cur.opening, rows: [...cur.rows, ...page.rows] }),
      next: (r) => r.next,
    },
    query,
  )
}

export function createGeneralLedgerStore(api: Pick<ReportsApi, 'generalLedger'>, clientId: string, query: ReportQuery): ReportStore<GeneralLedger> {
  return createReportStore<GeneralLedger>({ ready: hasAccount, fetch: (q) => api.generalLedger({ clientId, accountCode: q.accountCode, from: q.from, to: q.to }) }, query)
}

export function createJournalStore(api: Pick<ReportsApi, 'journal'>, clientId: string, query: ReportQuery): ReportStore<Journal> {
  return createReportStore<Journal>(
    {
      ready: (q) => !!q.from && !!q.to,
      fetch: (q, offset) => api.journal({ clientId, from: q.from, to: q.to, offset, limit: PAGE_SIZE }),
      append: (cur, page) => ({ ...page, rows: [...cur.rows, ...page.rows] }),
      next: (r) => r.next,
    },
    query,
  )
}

export function createAuxBalanceStore(api: Pick<ReportsApi, 'auxBalance'>, clientId: string, query: ReportQuery): ReportStore<AuxBalance> {
  return createReportStore<AuxBalance>(
    {
      ready: (q) => hasAccount(q) && q.auxType !== '',
      fetch: (q) => api.auxBalance({ clientId, accountCode: q.accountCode, type: q.auxType as AuxType, from: q.from, to: q.to }),
    },
    query,
  )
}
