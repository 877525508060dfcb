// One client's workspace: which client is open, the screen shown in its sub-navigation, the period the
// screens work in (the header's period picker), the month list with the current period, and the chart of
// accounts and auxiliary items every screen looks codes up in. Cleared when the workspace closes or locks.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AuxItem, ClientSummary } from '../../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from '../../stores/call'
import { indexAccounts, type AccountIndex } from '../accounts'
import { nextPeriod, prevPeriod } from '../period'
import type { LedgerApi } from './ledgerApi'

export type WorkspaceApi = {
  accounts: Pick<LedgerApi['accounts'], 'list'>
  auxItems: Pick<LedgerApi['auxItems'], 'list'>
  periods: Pick<LedgerApi['periods'], 'list'>
}

/**
 * Every screen a client workspace can hold, present or planned. Screens register in
 * screens/workspaceScreens.tsx; a key without a registered screen is simply not shown.
 */
export const WORKSPACE_SCREEN_KEYS = [
  'entry',
  'vouchers',
  'accounts',
  'opening',
  'detail-ledger',
  'general-ledger',
  'journal',
  'aux-balance',
  'trial-balance',
  'periods',
  'documents',
] as const
export type WorkspaceScreenKey = (typeof WORKSPACE_SCREEN_KEYS)[number]

export interface PeriodStatus {
  period: string
  status: 'open' | 'closed'
  draft: number
  reviewed: number
  posted: number
}

export interface WorkspaceData {
  client: ClientSummary | null
  screen: WorkspaceScreenKey
  /** What the screen was opened with (e.g. an account code and range for 明细账); screens read and ignore as they like. */
  screenParams: Readonly<Record<string, string>> | null
  /** The period the screens work in. */
  period: string
  /** The earliest period that is not closed. */
  currentPeriod: string
  lastClosedPeriod: string | null
  periods: PeriodStatus[]
  periodsLoading: boolean
  chart: AccountIndex
  auxItems: AuxItem[]
  chartLoaded: boolean
  chartLoading: boolean
  error: AppErrorData | null
}

export interface WorkspaceActions {
  /** Opens a client's workspace at its current period and loads its chart and months. */
  open(client: ClientSummary, screen?: WorkspaceScreenKey): Promise<void>
  close(): void
  go(screen: WorkspaceScreenKey, params?: Record<string, string>): void
  setPeriod(period: string): void
  loadPeriods(): Promise<void>
  loadChart(): Promise<void>
  /** After 结账 / 反结账: the new current period, without a round trip. */
  periodClosed(period: string): void
  periodReopened(period: string): void
  clearError(): void
  reset(): void
}

export type WorkspaceState = WorkspaceData & WorkspaceActions
export type WorkspaceStore = StoreApi<WorkspaceState>

const EMPTY_CHART = indexAccounts([])

const initial: WorkspaceData = {
  client: null,
  screen: 'entry',
  screenParams: null,
  period: '',
  currentPeriod: '',
  lastClosedPeriod: null,
  periods: [],
  periodsLoading: false,
  chart: EMPTY_CHART,
  auxItems: [],
  chartLoaded: false,
  chartLoading: false,
  error: null,
}

export function createWorkspaceStore(api: WorkspaceApi): WorkspaceStore {
  // bumped by reset() and close(): answers for a closed workspace are dropped
  let epoch = 0
  return createStore<WorkspaceState>()((set, get) => {
    const clientId = () => get().client?.id ?? null

    return {
      ...initial,

      async open(client, screen = 'entry') {
        epoch++
        set({
          ...initial,
          client,
          screen,
          period: client.currentPeriod,
          currentPeriod: client.currentPeriod,
          lastClosedPeriod: client.lastClosedPeriod,
        })
        await Promise.all([get().loadChart(), get().loadPeriods()])
      },

      close() {
        epoch++
        set({ ...initial })
      },

      go(screen, params) {
        set({ screen, screenParams: params ?? null })
      },

      setPeriod(period) {
        if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) set({ period })
      },

      async loadPeriods() {
        const id = clientId()
        if (!id) return
        set({ periodsLoading: true })
        const e = epoch
        const r = await safeCall(() => api.periods.list({ clientId: id }))
        if (e !== epoch) return
        if (!r.ok) return set({ periodsLoading: false, error: r.error })
        set({ periodsLoading: false, periods: r.value.periods, currentPeriod: r.value.currentPeriod, lastClosedPeriod: r.value.lastClosedPeriod })
      },

      async loadChart() {
        const id = clientId()
        if (!id) return
        set({ chartLoading: true })
        const e = epoch
        const [accounts, aux] = await Promise.all([safeCall(() => api.accounts.list({ clientId: id })), safeCall(() => api.auxItems.list({ clientId: id }))])
        if (e !== epoch) return
        if (!accounts.ok) return set({ chartLoading: false, error: accounts.error })
        if (!aux.ok) return set({ chartLoading: false, error: aux.error })
        set({ chartLoading: false, chartLoaded: true, chart: indexAccounts(accounts.value.accounts), auxItems: aux.value.items })
      },

      periodClosed(period) {
        const next = nextPeriod(period)
        set((s) => ({
          lastClosedPeriod: period,
          currentPeriod: next,
          // the screens follow the books into the next month
          period: s.period === period ? next : s.period,
          periods: s.periods.map((p) => (p.period === period ? { ...p, status: 'closed' as const } : p)),
        }))
      },

      periodReopened(period) {
        set((s) => ({
          currentPeriod: period,
          // months close in order, so the one before is the latest closed (none before the first)
          lastClosedPeriod: s.client && period > s.client.firstPeriod ? prevPeriod(period) : null,
          periods: s.periods.map((p) => (p.period === period ? { ...p, status: 'open' as const } : p)),
        }))
      },

      clearError() {
        set({ error: null })
      },

      reset() {
        epoch++
        set({ ...initial })
      },
    }
  })
}
