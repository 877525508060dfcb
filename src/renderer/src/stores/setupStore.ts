// First-run setup wizard state: the firm form, the recovery kit shown once, and its typed-back check.
// The kit lives here only until setup completes or the app locks; it is never persisted.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../lib/api'
import type { CallInput, SessionInfo } from '../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from './call'

export type SetupApi = Api['setup']
export type SetupStep = 'firm' | 'kit' | 'confirm'
export type SetupBeginInput = CallInput<'setup:begin'>

export interface SetupData {
  step: SetupStep
  firmName: string
  recoveryGroups: string[]
  /** 1-based indices of the groups to type back, in the order main wants them. */
  confirmGroups: number[]
  generatedAt: string | null
  pending: boolean
  error: AppErrorData | null
}

export interface SetupActions {
  /** setup:begin; on success shows the recovery kit. */
  begin(input: SetupBeginInput): Promise<boolean>
  /** The admin says the kit is copied: ask for the groups back. */
  acknowledgeKit(): void
  /** Back from the typing step to the kit (it is still held in memory by main). */
  showKitAgain(): void
  /** setup:complete with the typed groups in the order of confirmGroups; on success hands the session on. */
  complete(confirmation: string[]): Promise<boolean>
  clearError(): void
  reset(): void
}

export type SetupState = SetupData & SetupActions
export type SetupStore = StoreApi<SetupState>

export interface SetupStoreOptions {
  /** Called with the new admin session once setup:complete succeeds. */
  onComplete(session: SessionInfo): void
  now?: () => Date
}

const initial: SetupData = {
  step: 'firm',
  firmName: '',
  recoveryGroups: [],
  confirmGroups: [],
  generatedAt: null,
  pending: false,
  error: null,
}

export function createSetupStore(api: SetupApi, options: SetupStoreOptions): SetupStore {
  const now = options.now ?? (() => new Date())
  // bumped by reset(): an answer to a call made before the reset is dropped
  let epoch = 0
  return createStore<SetupState>()((set, get) => ({
    ...initial,

    async begin(input) {
      set({ pending: true, error: null })
      const e = epoch
      const r = await safeCall(() => api.begin(input))
      if (e !== epoch) return false
      if (!r.ok) {
        set({ pending: false, error: r.error })
        return false
      }
      set({
        step: 'kit',
        firmName: input.firmName.trim(),
        recoveryGroups: r.value.recoveryGroups,
        confirmGroups: r.value.confirmGroups,
        generatedAt: now().toISOString(),
        pending: false,
        error: null,
      })
      return true
    },

    acknowledgeKit() {
      if (get().step === 'kit') set({ step: 'confirm', error: null })
    },

    showKitAgain() {
      if (get().step === 'confirm') set({ step: 'kit', error: null })
    },

    async complete(confirmation) {
      set({ pending: true, error: null })
      const e = epoch
      const r = await safeCall(() => api.complete({ confirmation: confirmation.map((c) => c.trim()) }))
      if (e !== epoch) return false
      if (!r.ok) {
        set({ pending: false, error: r.error })
        return false
      }
      // the kit is no longer needed anywhere in the renderer
      set({ ...initial })
      options.onComplete(r.value)
      return true
    },

    clearError() {
      set({ error: null })
    },

    reset() {
      epoch++
      set({ ...initial })
    },
  }))
}
