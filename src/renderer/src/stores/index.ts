// Builds every store from the api and wires them together: when the session ends (lock button, Ctrl+L,
// idle, OS lock, or the session:locked event) every feature store is reset, so nothing outlives the lock.
import type { Api } from '../lib/api'
import { createLedgerStores, type LedgerApi, type LedgerStores } from '../ledger/stores'
import { createAuditStore, type AuditStore } from './auditStore'
import { createSessionStore, type SessionStoreOptions, type SessionStore } from './sessionStore'
import { createSettingsStore, type SettingsStore } from './settingsStore'
import { createSetupStore, type SetupStore } from './setupStore'
import { createUsersStore, type UsersStore } from './usersStore'

/**
 * The part of the preload api the stores use. The ledger areas are optional so an api without them
 * (older tests' fakes) still builds every store; their calls then answer INTERNAL.
 */
export type StoresApi = Pick<Api, 'app' | 'setup' | 'session' | 'users' | 'settings' | 'audit' | 'on'> & Partial<LedgerApi> & { dropToken?: Api['dropToken'] }

export interface Stores {
  session: SessionStore
  setup: SetupStore
  users: UsersStore
  settings: SettingsStore
  audit: AuditStore
  /** Clients and their books (账套): list, workspace, vouchers, periods, reports. */
  ledger: LedgerStores
  /** Unsubscribes from main's events and the stores' own links. */
  dispose(): void
}

export function createStores(api: StoresApi, options: SessionStoreOptions = {}): Stores {
  const session = createSessionStore(api, options)
  const setup = createSetupStore(api.setup, { onComplete: (s) => session.getState().setSession(s) })
  const users = createUsersStore(api.users)
  const settings = createSettingsStore(api.settings)
  const audit = createAuditStore(api.audit)
  const ledger = createLedgerStores(api)

  const resetFeatures = () => {
    setup.getState().reset()
    users.getState().reset()
    settings.getState().reset()
    audit.getState().reset()
    ledger.reset()
  }

  const offLocked = api.on('session:locked', ({ reason }) => {
    resetFeatures()
    session.getState().markLocked(reason)
  })

  // a session that ends for any reason (including our own lock call) takes every feature's data with it
  const offSession = session.subscribe((now, prev) => {
    if (prev.session && !now.session) resetFeatures()
  })

  // the idle minutes shown in a lock message follow a settings change made in this session
  const offSettings = settings.subscribe((now, prev) => {
    if (now.settings && now.settings !== prev.settings) {
      session.getState().setIdleLockMinutes(now.settings.idleLockMinutes)
    }
  })

  return {
    session,
    setup,
    users,
    settings,
    audit,
    ledger,
    dispose() {
      ledger.dispose()
      offLocked()
      offSession()
      offSettings()
    },
  }
}
