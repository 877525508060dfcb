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

export interface LedgerStores {
  clients: ClientsStore
  workspace: WorkspaceStore
  editor: EditorStore
  vouchers: VoucherListStore
  periods: PeriodsStore
  trialBalance: TrialBalanceStore
  /** Clears every ledger store (the session ended). */
  reset(): void
  dispose(): void
}

export function createLedgerStores(partialApi: Partial<LedgerApi>, options: EditorOptions = {}): LedgerStores {
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

  const resetWork = () => {
    editor.getState().reset()
    vouchers.getState().reset()
    periods.getState().reset()
    trialBalance.getState().reset()
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
    reset() {
      clients.getState().reset()
      workspace.getState().reset()
      resetWork()
    },
    dispose() {
      offWorkspace()
    },
  }
}

export type { LedgerApi, LedgerContext } from './ledgerApi'
