// React access to the stores built in main.tsx: a context plus one selector hook per store.
// Components read state and call actions through these hooks; they never touch the api directly.
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { Stores } from './index'
import type { SessionState } from './sessionStore'
import type { SetupState } from './setupStore'
import type { UsersState } from './usersStore'
import type { SettingsState } from './settingsStore'
import type { AuditState } from './auditStore'
import type { ClientsState } from '../ledger/stores/clientsStore'
import type { WorkspaceState } from '../ledger/stores/workspaceStore'
import type { EditorState } from '../ledger/stores/voucherEditorStore'
import type { VoucherListState } from '../ledger/stores/voucherListStore'
import type { PeriodsState } from '../ledger/stores/periodsStore'
import type { TrialBalanceState } from '../ledger/stores/trialBalanceStore'
import type { VaultState } from '../vault/vaultStore'

const StoresContext = createContext<Stores | null>(null)

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
}

export function useStores(): Stores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores outside StoresProvider')
  return stores
}

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(useStores().session, selector)
}
export function useSetup<T>(selector: (s: SetupState) => T): T {
  return useStore(useStores().setup, selector)
}
export function useUsers<T>(selector: (s: UsersState) => T): T {
  return useStore(useStores().users, selector)
}
export function useSettings<T>(selector: (s: SettingsState) => T): T {
  return useStore(useStores().settings, selector)
}
export function useAudit<T>(selector: (s: AuditState) => T): T {
  return useStore(useStores().audit, selector)
}
export function useClients<T>(selector: (s: ClientsState) => T): T {
  return useStore(useStores().ledger.clients, selector)
}
export function useWorkspace<T>(selector: (s: WorkspaceState) => T): T {
  return useStore(useStores().ledger.workspace, selector)
}
export function useVoucherEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useStores().ledger.editor, selector)
}
export function useVoucherList<T>(selector: (s: VoucherListState) => T): T {
  return useStore(useStores().ledger.vouchers, selector)
}
export function usePeriods<T>(selector: (s: PeriodsState) => T): T {
  return useStore(useStores().ledger.periods, selector)
}
export function useTrialBalance<T>(selector: (s: TrialBalanceState) => T): T {
  return useStore(useStores().ledger.trialBalance, selector)
}
export function useVault<T>(selector: (s: VaultState) => T): T {
  return useStore(useStores().ledger.vault, selector)
}
