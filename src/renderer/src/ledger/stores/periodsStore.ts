// 期末处理 of the open client: 结转损益 and 年末结转 (generated draft vouchers), the month-end checks,
// 结账 and 反结账. The month list itself lives in the workspace store, which these intents refresh.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { CallOutput, Voucher } from '../../../../shared/ipc/contract'
import { safeCall, type AppErrorData, type Result } from '../../stores/call'
import { NO_CLIENT, type LedgerApi, type LedgerContext } from './ledgerApi'

export type PeriodsApi = Pick<LedgerApi['periods'], 'carryForward' | 'yearEnd' | 'checkClose' | 'close' | 'reopen'>

/** One month-end check as periods:checkClose answers it. */
export type CloseCheck = CallOutput<'periods:checkClose'>['checks'][number]

export type PeriodOp = 'carryForward' | 'yearEnd' | 'check' | 'close' | 'reopen'

export interface PeriodsData {
  busy: PeriodOp | null
  error: AppErrorData | null
  /** The intent the error answered (INVALID_STATE means different things for each). */
  errorOp: PeriodOp | null
  /** The period the checks below are about. */
  checkedPeriod: string | null
  checks: CloseCheck[] | null
  /** The voucher the last 结转 generated; `generatedNone` when there was nothing to carry. */
  generated: Voucher | null
  generatedKind: 'carryForward' | 'yearEnd' | null
  generatedNone: boolean
}

export interface PeriodsActions {
  carryForward(period: string): Promise<Voucher | null>
  yearEnd(period: string): Promise<Voucher | null>
  check(period: string): Promise<CloseCheck[] | null>
  close(period: string): Promise<boolean>
  reopen(period: string, reason: string): Promise<boolean>
  clearGenerated(): void
  clearError(): void
  reset(): void
}

export type PeriodsState = PeriodsData & PeriodsActions
export type PeriodsStore = StoreApi<PeriodsState>

export interface PeriodsHooks {
  closed(period: string): void
  reopened(period: string): void
}

const initial: PeriodsData = {
  busy: null,
  error: null,
  errorOp: null,
  checkedPeriod: null,
  checks: null,
  generated: null,
  generatedKind: null,
  generatedNone: false,
}

export function createPeriodsStore(api: PeriodsApi, ctx: LedgerContext, hooks: PeriodsHooks): PeriodsStore {
  let epoch = 0
  return createStore<PeriodsState>()((set) => {
    /** Runs one call for the open client; answers { value } on success, null when refused or stale. */
    const run = async <T>(op: PeriodOp, call: (clientId: string) => Promise<Result<T>>, done: (value: T) => void): Promise<{ value: T } | null> => {
      const client = ctx.client()
      if (!client) {
        set({ error: NO_CLIENT })
        return null
      }
      set({ busy: op, error: null, errorOp: null })
      const e = epoch
      const r = await safeCall(() => call(client.id))
      if (e !== epoch) return null
      if (!r.ok) {
        set({ busy: null, error: r.error, errorOp: op })
        return null
      }
      set({ busy: null })
      done(r.value)
      return { value: r.value }
    }

    const generate = async (kind: 'carryForward' | 'yearEnd', period: string) => {
      set({ generated: null, generatedKind: null, generatedNone: false })
      const r = await run<Voucher | null>(kind, (clientId) => (kind === 'carryForward' ? api.carryForward({ clientId, period }) : api.yearEnd({ clientId, period })), (value) => {
        set({ generated: value, generatedKind: kind, generatedNone: value === null })
        ctx.changed()
      })
      return r?.value ?? null
    }

    return {
      ...initial,

      carryForward(period) {
        return generate('carryForward', period)
      },

      yearEnd(period) {
        return generate('yearEnd', period)
      },

      async check(period) {
        set({ checks: null, checkedPeriod: period })
        const r = await run<{ checks: CloseCheck[] }>('check', (clientId) => api.checkClose({ clientId, period }), (value) => set({ checks: value.checks, checkedPeriod: period }))
        return r?.value.checks ?? null
      },

      async close(period) {
        const r = await run<{ checks: CloseCheck[] }>('close', (clientId) => api.close({ clientId, period }), (value) => {
          set({ checks: value.checks, checkedPeriod: period })
          hooks.closed(period)
          ctx.changed()
        })
        return r !== null
      },

      async reopen(period, reason) {
        const r = await run<object>('reopen', (clientId) => api.reopen({ clientId, period, reason }), () => {
          set({ checks: null, checkedPeriod: null })
          hooks.reopened(period)
          ctx.changed()
        })
        return r !== null
      },

      clearGenerated() {
        set({ generated: null, generatedKind: null, generatedNone: false })
      },

      clearError() {
        set({ error: null, errorOp: null })
      },

      reset() {
        epoch++
        set({ ...initial })
      },
    }
  })
}
