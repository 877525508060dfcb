// Wiring a report screen to its store: the starting query (screen parameters such as a trial-balance row's
// account and range, else January to the workspace period), following the header period afterwards, and
// loading whenever the query changes.
import { useEffect, useRef } from 'react'
import { useStore } from 'zustand'
import { useWorkspace } from '../../stores/context'
import { defaultRange } from './logic'
import type { ReportQuery, ReportStore } from './stores/reportStores'

/** The query a report screen starts with. */
export function startQuery(params: Readonly<Record<string, string>> | null, period: string, firstPeriod: string): ReportQuery {
  const range = defaultRange(period, firstPeriod)
  const ok = (p: string | undefined) => (p && /^\d{4}-(0[1-9]|1[0-2])$/.test(p) ? p : undefined)
  const from = ok(params?.from) ?? range.from
  const to = ok(params?.to) ?? range.to
  return { accountCode: params?.accountCode ?? params?.account ?? '', auxType: '', from: from <= to ? from : to, to }
}

export function useReport<R>(store: ReportStore<R>) {
  const period = useWorkspace((s) => s.period)
  const firstPeriod = useWorkspace((s) => s.client?.firstPeriod ?? '')
  const params = useWorkspace((s) => s.screenParams)
  const query = useStore(store, (s) => s.query)
  const seen = useRef({ period, params })

  // a later nav.go('detail-ledger', …) while the screen is shown, or a new header period, moves the query
  useEffect(() => {
    const before = seen.current
    seen.current = { period, params }
    if (params !== before.params && params) store.getState().setQuery(startQuery(params, period, firstPeriod))
    else if (period !== before.period) store.getState().setQuery(defaultRange(period, firstPeriod))
  }, [store, period, params, firstPeriod])

  useEffect(() => {
    void store.getState().load()
  }, [store, query])

  return {
    query,
    firstPeriod,
    report: useStore(store, (s) => s.report),
    loading: useStore(store, (s) => s.loading),
    loadingMore: useStore(store, (s) => s.loadingMore),
    error: useStore(store, (s) => s.error),
  }
}
