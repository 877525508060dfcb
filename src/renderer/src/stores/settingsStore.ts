// Firm settings (idle auto-lock minutes): read by every user, saved by those with settings:manage.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../lib/api'
import type { Settings } from '../../../shared/ipc/contract'
import { safeCall, type AppErrorData } from './call'

export type SettingsApi = Api['settings']

export interface SettingsData {
  settings: Settings | null
  loading: boolean
  loadError: AppErrorData | null
  saving: boolean
  saveError: AppErrorData | null
  /** True after a successful save, until the next edit or save. */
  saved: boolean
}

export interface SettingsActions {
  load(): Promise<void>
  save(change: Partial<Settings>): Promise<boolean>
  /** The form was edited since the last save. */
  markDirty(): void
  reset(): void
}

export type SettingsState = SettingsData & SettingsActions
export type SettingsStore = StoreApi<SettingsState>

const initial: SettingsData = {
  settings: null,
  loading: false,
  loadError: null,
  saving: false,
  saveError: null,
  saved: false,
}

export function createSettingsStore(api: SettingsApi): SettingsStore {
  // bumped by reset(): answers to calls made before a lock are dropped
  let epoch = 0
  return createStore<SettingsState>()((set, get) => ({
    ...initial,

    async load() {
      set({ loading: true, loadError: null })
      const e = epoch
      const r = await safeCall(() => api.get({}))
      if (e !== epoch) return
      if (!r.ok) return set({ loading: false, loadError: r.error })
      set({ settings: r.value, loading: false })
    },

    async save(settings) {
      set({ saving: true, saveError: null, saved: false })
      const e = epoch
      const r = await safeCall(() => api.update(settings))
      if (e !== epoch) return false
      if (!r.ok) {
        set({ saving: false, saveError: r.error })
        return false
      }
      set({ settings: r.value, saving: false, saved: true })
      return true
    },

    markDirty() {
      if (get().saved || get().saveError) set({ saved: false, saveError: null })
    },

    reset() {
      epoch++
      set({ ...initial })
    },
  }))
}
