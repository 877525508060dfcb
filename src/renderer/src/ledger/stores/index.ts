// Builds the ledger stores from the api and links them: one LedgerContext (the open client, its chart,
// "something changed") shared by every store; a workspace that closes or switches clients takes the
// editor, list, periods and report state with it; the editor and the report follow the header period.
import { createClientsStore, type ClientsStore } from './clientsStore'
import { createEditorStore, type EditorOptions, type EditorStore } from './voucherEditorStore'
import { ledgerApiOf, type LedgerApi, type LedgerContext } from './ledgerApi'
import { createPeriodsStore, type PeriodsStore } from './periodsStore'
import { createTrialBalanceStore, type TrialBalanceStore } from './trialBalanceStore'
import { createVoucherListStore, type VoucherListStore } from './voucherListStore'
import { createWorkspaceStore, type WorkspaceStore } from './workspaceStore'
import { createVaultStore, type VaultStore } from '../../vault/vaultStore'
import type { Api } from '../../lib/api'

export interface LedgerStores {
  clients: ClientsStore
  workspace: WorkspaceStore
  editor: EditorStore
  vouchers: VoucherListStore
  periods: PeriodsStore
  trialBalance: TrialBalanceStore
  /** The open client's document vault. */
  vault: VaultStore
  /** Clears every ledger store (the session ended). */
  reset(): void
  dispose(): void
}

export function createLedgerStores(partialApi: Partial<LedgerApi> & { on?: Api['on']; dropToken?: Api['dropToken'] }, options: EditorOptions & { newJobId?: () => string } = {}): LedgerStores {
  const api = ledgerApiOf(partialApi)
  const workspace = createWorkspaceStore(api)
  const ctx: LedgerContext = {
    client: () => workspace.getState().client,
    account: (code) => workspace.getState().chart.byCode.get(code),
    changed: () => void workspace.getState().loadPeriods(),
  }
  const clients = createClientsStore(api.clients)
  const editor = createEditorStore(api.vouchers, ctx, options)
  const vouchers = createVoucherListStore(api.vouchers, ctx)
  const periods = createPeriodsStore(api.periods, ctx, {
    closed: (p) => workspace.getState().periodClosed(p),
    reopened: (p) => workspace.getState().periodReopened(p),
  })
  const trialBalance = createTrialBalanceStore(api.reports, ctx)
  const vault = createVaultStore({ ...api, dropToken: partialApi.dropToken }, ctx, { newJobId: options.newJobId, documentChanged: (d) => editor.getState().documentChanged(d) })
  const offProgress = partialApi.on?.('jobs:progress', (p) => vault.getState().progress(p))
  // the scanner inbox stored documents of the open client: show them
  const offChanged = partialApi.on?.('vault:changed', ({ clientId }) => {
    if (workspace.getState().client?.id === clientId) void vault.getState().load()
  })

  const resetWork = () => {
    editor.getState().reset()
    vouchers.getState().reset()
    periods.getState().reset()
    trialBalance.getState().reset()
    vault.getState().reset()
  }

  const offWorkspace = workspace.subscribe((now, prev) => {
    if (now.client?.id !== prev.client?.id) {
      resetWork()
      if (now.client) {
        editor.getState().startNew(now.period)
        trialBalance.getState().followPeriod(now.period)
      }
      return
    }
    if (now.client && now.period !== prev.period) {
      // a new voucher nobody has typed into yet moves to the chosen month
      const ed = editor.getState()
      if (!ed.voucher && !ed.dirty) ed.startNew(now.period)
      trialBalance.getState().followPeriod(now.period)
    }
  })

  return {
    clients,
    workspace,
    editor,
    vouchers,
    periods,
    trialBalance,
    vault,
    reset() {
      clients.getState().reset()
      workspace.getState().reset()
      resetWork()
    },
    dispose() {
      offWorkspace()
      offProgress?.()
      offChanged?.()
    },
  }
}

export type { LedgerApi, LedgerContext } from './ledgerApi'
