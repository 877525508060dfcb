// Firm audit chain verification for holders of audit:verify. Holds only the verification summary.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../lib/api'
import type { AuditVerification } from '../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from './call'

export type AuditApi = Api['audit']

export interface AuditData {
  result: AuditVerification | null
  verifying: boolean
  error: AppErrorData | null
}

export interface AuditActions {
  verify(): Promise<void>
  reset(): void
}

export type AuditState = AuditData & AuditActions
export type AuditStore = StoreApi<AuditState>

const initial: AuditData = { result: null, verifying: false, error: null }

export function createAuditStore(api: AuditApi): AuditStore {
  // bumped by reset(): answers to calls made before a lock are dropped
  let epoch = 0
  return createStore<AuditState>()((set) => ({
    ...initial,

    async verify() {
      set({ verifying: true, error: null, result: null })
      const e = epoch
      const r = await safeCall(() => api.verifyFirm({}))
      if (e !== epoch) return
      if (!r.ok) return set({ verifying: false, error: r.error })
      set({ verifying: false, result: r.value })
    },

    reset() {
      epoch++
      set({ ...initial })
    },
  }))
}
