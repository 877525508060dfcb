// The screens of a client workspace, one sub-navigation entry each. To add one (科目, 期初余额, 明细账,
// 总账, 序时账, 辅助核算 …) register it here under its WorkspaceScreenKey; entries show in the order of
// WORKSPACE_SCREEN_KEYS and only when registered and allowed. A screen reads the client, period and
// chart from the workspace store and its parameters from `screenParams`.
import type { ComponentType, ReactNode } from 'react'
import { BarChartOutlined, CalendarOutlined, EditOutlined, UnorderedListOutlined } from '@ant-design/icons'
import { ApartmentOutlined, BookOutlined, OrderedListOutlined, PaperClipOutlined, ProfileOutlined, TagsOutlined, WalletOutlined } from '@ant-design/icons'
import { DocumentsPage } from '../../vault/DocumentsPage'
import type { Permission } from '../../../../shared/ipc/contract'
import { WORKSPACE_SCREEN_KEYS, type WorkspaceScreenKey } from '../stores/workspaceStore'
import { PeriodsPage } from './PeriodsPage'
import { TrialBalancePage } from './TrialBalancePage'
import { VoucherEditor } from './VoucherEditor'
import { VoucherList } from './VoucherList'
import { AccountsPage } from '../books/AccountsPage'
import { AuxBalancePage, DetailLedgerPage, GeneralLedgerPage, JournalPage } from '../books/LedgerPages'
import { OpeningPage } from '../books/OpeningPage'

export interface WorkspaceScreen {
  Component: ComponentType
  icon: ReactNode
  /** Shown only to roles holding it (all screens need ledger:read to open the workspace at all). */
  permission?: Permission
}

export const WORKSPACE_SCREENS: Partial<Record<WorkspaceScreenKey, WorkspaceScreen>> = {
  entry: { Component: VoucherEditor, icon: <EditOutlined /> },
  vouchers: { Component: VoucherList, icon: <UnorderedListOutlined /> },
  accounts: { Component: AccountsPage, icon: <ApartmentOutlined /> },
  opening: { Component: OpeningPage, icon: <WalletOutlined /> },
  'detail-ledger': { Component: DetailLedgerPage, icon: <ProfileOutlined /> },
  'general-ledger': { Component: GeneralLedgerPage, icon: <BookOutlined /> },
  journal: { Component: JournalPage, icon: <OrderedListOutlined /> },
  'aux-balance': { Component: AuxBalancePage, icon: <TagsOutlined /> },
  'trial-balance': { Component: TrialBalancePage, icon: <BarChartOutlined /> },
  periods: { Component: PeriodsPage, icon: <CalendarOutlined /> },
  documents: { Component: DocumentsPage, icon: <PaperClipOutlined /> },
}

/** Registered screens in navigation order, filtered by permission. */
export function visibleScreens(permissions: readonly Permission[]): WorkspaceScreenKey[] {
  return WORKSPACE_SCREEN_KEYS.filter((k) => {
    const s = WORKSPACE_SCREENS[k]
    return s !== undefined && (!s.permission || permissions.includes(s.permission))
  })
}
