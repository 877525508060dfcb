// The ledger report screens: 明细账 (running balance from 期初余额, paged with 加载更多, a voucher label opens
// the voucher), 总账 (期初余额, then 本月合计 / 本年累计 per month), 序时账 (every voucher line by date, any
// status, paged) and 辅助核算余额 (per item of one auxiliary type). Reads only.
import { useMemo, type HTMLAttributes, type ReactNode } from 'react'
import { Button, Select, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import { AUX_TYPES, type AuxType } from '../../../../shared/ipc/contract'
import { currentLanguage } from '../../i18n'
import { useStores, useWorkspace } from '../../stores/context'
import { Amount } from '../components/Amount'
import { useGuard } from '../components/useGuard'
import { useWorkspaceNav } from '../components/workspaceNav'
import { formatPeriod } from '../period'
import { AccountPicker, BooksError, DirText, MonthRange, useScreenStore } from './shared'
import {
  createAuxBalanceStore,
  createDetailLedgerStore,
  createGeneralLedgerStore,
  createJournalStore,
  type AuxBalance,
  type DetailLedger,
  type GeneralLedger,
  type Journal,
  type ReportStore,
} from './stores/reportStores'
import { useBooksText } from './text'
import { startQuery, useReport } from './useReport'

function amountCol<T>(title: string, key: string, get: (r: T) => number, width = 120) {
  return { title, key, width, align: 'right' as const, render: (_: unknown, r: T) => <Amount value={get(r)} /> }
}

/** Opens a voucher in the editor (asking first when the editor has unsaved changes). */
function useOpenVoucher(): ((id: number) => void) | null {
  const nav = useWorkspaceNav()
  const guard = useGuard()
  const { editor } = useStores().ledger
  if (!nav.has('entry')) return null
  return (id) =>
    guard(() => {
      void editor.getState().open(id)
      nav.go('entry')
    })
}

function VoucherLink({ id, label, open }: { id: number | null; label: string; open: ((id: number) => void) | null }) {
  const { bt } = useBooksText()
  if (id === null || !open) return <span className="mono">{label}</span>
  return (
    <Button type="link" size="small" className="mono" style={{ padding: 0, height: 'auto' }} onClick={() => open(id)} title={bt('ledger.openVoucher')} data-testid={`open-voucher-${label}`}>
      {label}
    </Button>
  )
}

function useScreenQuery() {
  const params = useWorkspace((s) => s.screenParams)
  const period = useWorkspace((s) => s.period)
  const firstPeriod = useWorkspace((s) => s.client?.firstPeriod ?? '')
  return startQuery(params, period, firstPeriod)
}

function MoreBar({ shown, total, next, loading, onMore, testId }: { shown: number; total: number; next: number | null; loading: boolean; onMore(): void; testId: string }) {
  const { bt } = useBooksText()
  return (
    <div className="filter-bar" style={{ marginTop: 8 }}>
      <Typography.Text type="secondary" data-testid={`${testId}-count`} data-shown={shown} data-total={total}>
        {bt('common.loaded', { shown, total })}
      </Typography.Text>
      {next !== null && (
        <Button size="small" onClick={onMore} loading={loading} data-testid={testId}>
          {bt('common.loadMore')}
        </Button>
      )}
    </div>
  )
}

// ---- 明细账 ---------------------------------------------------------------------------------

type DlRow = DetailLedger['rows'][number] & { n: number }

export function DetailLedgerPage() {
  const start = useScreenQuery()
  const store = useScreenStore((api, clientId) => createDetailLedgerStore(api.reports, clientId, start))
  return store ? <DetailLedgerView store={store} /> : null
}

function DetailLedgerView({ store }: { store: ReportStore<DetailLedger> }) {
  const { bt } = useBooksText()
  const chart = useWorkspace((s) => s.chart)
  const { query, firstPeriod, report, loading, loadingMore, error } = useReport(store)
  const open = useOpenVoucher()
  const rows: DlRow[] = useMemo(() => (report ? [{ ...report.opening, n: 0 }, ...report.rows.map((r, i) => ({ ...r, n: i + 1 }))] : []), [report])

  const columns: TableColumnsType<DlRow> = [
    { title: bt('ledger.date'), dataIndex: 'date', key: 'date', width: 104, render: (d: string) => <span className="mono">{d}</span> },
    { title: bt('ledger.voucher'), key: 'voucher', width: 96, render: (_: unknown, r) => <VoucherLink id={r.voucherId} label={r.voucherLabel} open={open} /> },
    { title: bt('ledger.summary'), dataIndex: 'summary', key: 'summary', ellipsis: true, render: (s: string, r) => (r.n === 0 ? <strong>{bt('ledger.opening')}</strong> : s) },
    amountCol(bt('common.debit'), 'debit', (r: DlRow) => r.debit),
    amountCol(bt('common.credit'), 'credit', (r: DlRow) => r.credit),
    { title: bt('ledger.direction'), dataIndex: 'side', key: 'side', width: 56, align: 'center', render: (s: DlRow['side'], r) => <DirText side={s} testId={`dl-side-${r.n}`} /> },
    { title: bt('ledger.balance'), key: 'balance', width: 130, align: 'right', render: (_: unknown, r) => <Amount value={r.balance} zero testId={`dl-balance-${r.n}`} /> },
  ]

  return (
    <div data-testid="detail-ledger" className="trial-balance">
      <div className="filter-bar">
        <span className="filter-label">{bt('common.account')}</span>
        <AccountPicker value={query.accountCode} onChange={(accountCode) => store.getState().setQuery({ accountCode })} accounts={chart.list} testId="dl-account" />
        <span className="filter-label">{bt('common.range')}</span>
        <MonthRange from={query.from} to={query.to} firstPeriod={firstPeriod} onChange={(r) => store.getState().setQuery(r)} testId="dl-range" />
        <Button icon={<ReloadOutlined />} onClick={() => void store.getState().load()} loading={loading} data-testid="dl-refresh">
          {bt('common.refresh')}
        </Button>
        <span className="filter-spacer" />
        {report && (
          <Typography.Text strong data-testid="dl-title">
            {report.account.code} {chart.byCode.get(report.account.code)?.fullName ?? report.account.name}
          </Typography.Text>
        )}
      </div>
      <BooksError error={error} testId="dl-error" onClose={() => store.getState().clearError()} />
      <Table<DlRow>
        className="tb-table"
        rowKey="n"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        sticky
        locale={{ emptyText: query.accountCode ? bt('common.empty') : bt('common.pickAccount') }}
        rowClassName={(r) => (r.n === 0 ? 'tb-level-1' : '')}
        onRow={(r) => ({ 'data-testid': r.n === 0 ? 'dl-opening' : `dl-row-${r.n}`, 'data-voucher': r.voucherLabel }) as HTMLAttributes<HTMLElement>}
      />
      {report && <MoreBar shown={report.rows.length} total={report.total} next={report.next} loading={loadingMore} onMore={() => void store.getState().more()} testId="dl-more" />}
      <Typography.Text type="secondary" className="tb-note">
        {bt('common.postedOnly')}
      </Typography.Text>
    </div>
  )
}

// ---- 总账 -----------------------------------------------------------------------------------

type GlRow = GeneralLedger['rows'][number] & { key: string }

export function GeneralLedgerPage() {
  const start = useScreenQuery()
  const store = useScreenStore((api, clientId) => createGeneralLedgerStore(api.reports, clientId, start))
  return store ? <GeneralLedgerView store={store} /> : null
}

function GeneralLedgerView({ store }: { store: ReportStore<GeneralLedger> }) {
  const { bt } = useBooksText()
  const lang = currentLanguage()
  const chart = useWorkspace((s) => s.chart)
  const { query, firstPeriod, report, loading, error } = useReport(store)
  const rows: GlRow[] = useMemo(() => (report ? report.rows.map((r) => ({ ...r, key: `${r.period}-${r.kind}` })) : []), [report])

  const columns: TableColumnsType<GlRow> = [
    { title: bt('gl.period'), dataIndex: 'period', key: 'period', width: 120, render: (p: string, r) => (r.kind === 'ytd' ? null : formatPeriod(p, lang)) },
    { title: bt('gl.summary'), dataIndex: 'kind', key: 'kind', render: (k: GlRow['kind']) => (k === 'period' ? bt('gl.kind.period') : <strong>{bt(`gl.kind.${k}`)}</strong>) },
    amountCol(bt('common.debit'), 'debit', (r: GlRow) => r.debit, 140),
    amountCol(bt('common.credit'), 'credit', (r: GlRow) => r.credit, 140),
    { title: bt('ledger.direction'), dataIndex: 'side', key: 'side', width: 56, align: 'center', render: (s: GlRow['side']) => <DirText side={s} /> },
    { title: bt('ledger.balance'), key: 'balance', width: 150, align: 'right', render: (_: unknown, r) => <Amount value={r.balance} zero testId={`gl-balance-${r.key}`} /> },
  ]

  return (
    <div data-testid="general-ledger" className="trial-balance">
      <div className="filter-bar">
        <span className="filter-label">{bt('common.account')}</span>
        <AccountPicker value={query.accountCode} onChange={(accountCode) => store.getState().setQuery({ accountCode })} accounts={chart.list} testId="gl-account" />
        <span className="filter-label">{bt('common.range')}</span>
        <MonthRange from={query.from} to={query.to} firstPeriod={firstPeriod} onChange={(r) => store.getState().setQuery(r)} testId="gl-range" />
        <Button icon={<ReloadOutlined />} onClick={() => void store.getState().load()} loading={loading} data-testid="gl-refresh">
          {bt('common.refresh')}
        </Button>
        <span className="filter-spacer" />
        {report && (
          <Typography.Text strong data-testid="gl-title">
            {report.account.code} {chart.byCode.get(report.account.code)?.fullName ?? report.account.name}
          </Typography.Text>
        )}
      </div>
      <BooksError error={error} testId="gl-error" onClose={() => store.getState().clearError()} />
      <Table<GlRow>
        className="tb-table"
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        sticky
        locale={{ emptyText: query.accountCode ? bt('common.empty') : bt('common.pickAccount') }}
        rowClassName={(r) => (r.kind === 'period' ? '' : 'tb-level-1')}
        onRow={(r) => ({ 'data-testid': `gl-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
      />
      <Typography.Text type="secondary" className="tb-note">
        {bt('common.postedOnly')}
      </Typography.Text>
    </div>
  )
}

// ---- 序时账 ---------------------------------------------------------------------------------

type JRow = Journal['rows'][number]
const STATUS_COLOR: Record<JRow['status'], string> = { draft: 'default', reviewed: 'processing', posted: 'success' }

export function JournalPage() {
  const start = useScreenQuery()
  const store = useScreenStore((api, clientId) => createJournalStore(api.reports, clientId, start))
  return store ? <JournalView store={store} /> : null
}

function JournalView({ store }: { store: ReportStore<Journal> }) {
  const { bt } = useBooksText()
  const { query, firstPeriod, report, loading, loadingMore, error } = useReport(store)
  const open = useOpenVoucher()
  const chart = useWorkspace((s) => s.chart)

  const columns: TableColumnsType<JRow> = [
    { title: bt('ledger.date'), dataIndex: 'date', key: 'date', width: 104, render: (d: string, r) => (r.lineNo === 1 ? <span className="mono">{d}</span> : null) },
    { title: bt('ledger.voucher'), key: 'voucher', width: 96, render: (_: unknown, r) => (r.lineNo === 1 ? <VoucherLink id={r.voucherId} label={r.voucherLabel} open={open} /> : null) },
    {
      title: bt('journal.status'),
      dataIndex: 'status',
      key: 'status',
      width: 76,
      align: 'center',
      render: (s: JRow['status'], r) => (r.lineNo === 1 ? <Tag color={STATUS_COLOR[s]}>{bt(`journal.status.${s}`)}</Tag> : null),
    },
    { title: bt('ledger.summary'), dataIndex: 'summary', key: 'summary', ellipsis: true },
    { title: bt('journal.account'), key: 'account', ellipsis: true, render: (_: unknown, r) => `${r.accountCode} ${chart.byCode.get(r.accountCode)?.fullName ?? r.accountName}` },
    amountCol(bt('common.debit'), 'debit', (r: JRow) => r.debit),
    amountCol(bt('common.credit'), 'credit', (r: JRow) => r.credit),
  ]

  return (
    <div data-testid="journal" className="trial-balance">
      <div className="filter-bar">
        <span className="filter-label">{bt('common.range')}</span>
        <MonthRange from={query.from} to={query.to} firstPeriod={firstPeriod} onChange={(r) => store.getState().setQuery(r)} testId="journal-range" />
        <Button icon={<ReloadOutlined />} onClick={() => void store.getState().load()} loading={loading} data-testid="journal-refresh">
          {bt('common.refresh')}
        </Button>
      </div>
      <BooksError error={error} testId="journal-error" onClose={() => store.getState().clearError()} />
      <Table<JRow>
        className="tb-table"
        rowKey={(r) => `${r.voucherId}-${r.lineNo}`}
        size="small"
        bordered
        columns={columns}
        dataSource={report?.rows ?? []}
        loading={loading}
        pagination={false}
        sticky
        locale={{ emptyText: bt('common.empty') }}
        onRow={(r) => ({ 'data-testid': `journal-row-${r.voucherLabel}-${r.lineNo}`, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
      />
      {report && <MoreBar shown={report.rows.length} total={report.total} next={report.next} loading={loadingMore} onMore={() => void store.getState().more()} testId="journal-more" />}
      <Typography.Text type="secondary" className="tb-note">
        {bt('journal.allStatuses')}
      </Typography.Text>
    </div>
  )
}

// ---- 辅助核算余额 ------------------------------------------------------------------------------

type AbRow = AuxBalance['rows'][number]
type AbKey = Exclude<keyof AbRow, 'itemId' | 'code' | 'name'>
const AB_GROUPS: { key: 'openingCol' | 'periodCol' | 'ytdCol' | 'closingCol'; debit: AbKey; credit: AbKey }[] = [
  { key: 'openingCol', debit: 'openingDebit', credit: 'openingCredit' },
  { key: 'periodCol', debit: 'periodDebit', credit: 'periodCredit' },
  { key: 'ytdCol', debit: 'ytdDebit', credit: 'ytdCredit' },
  { key: 'closingCol', debit: 'closingDebit', credit: 'closingCredit' },
]

export function AuxBalancePage() {
  const start = useScreenQuery()
  const chart = useWorkspace((s) => s.chart)
  const store = useScreenStore((api, clientId) => {
    const a = chart.byCode.get(start.accountCode)
    const auxType = a?.auxTypes[0] ?? ''
    return createAuxBalanceStore(api.reports, clientId, { ...start, accountCode: a && a.auxTypes.length ? start.accountCode : '', auxType })
  })
  return store ? <AuxBalanceView store={store} /> : null
}

function AuxBalanceView({ store }: { store: ReportStore<AuxBalance> }) {
  const { bt } = useBooksText()
  const chart = useWorkspace((s) => s.chart)
  const { query, firstPeriod, report, loading, error } = useReport(store)
  const withAux = useMemo(() => chart.list.filter((a) => a.auxTypes.length > 0), [chart])
  const account = chart.byCode.get(query.accountCode)
  const types: readonly AuxType[] = account?.auxTypes.length ? account.auxTypes : AUX_TYPES

  const columns: TableColumnsType<AbRow> = [
    { title: bt('auxItems.code'), dataIndex: 'code', key: 'code', width: 96, fixed: 'left', render: (c: string) => <span className="mono">{c}</span> },
    { title: bt('auxItems.name'), dataIndex: 'name', key: 'name', width: 150, fixed: 'left', ellipsis: true },
    ...AB_GROUPS.map((g) => ({
      title: bt(`aux.${g.key}`),
      key: g.key,
      children: (['debit', 'credit'] as const).map((side) => ({
        title: bt(`common.${side}`),
        key: g[side],
        width: 104,
        align: 'right' as const,
        render: (_: unknown, r: AbRow) => <Amount value={r[g[side]]} />,
      })),
    })),
  ]
  const totals = useMemo(() => {
    const t = Object.fromEntries(AB_GROUPS.flatMap((g) => [g.debit, g.credit]).map((k) => [k, 0])) as Record<AbKey, number>
    for (const r of report?.rows ?? []) for (const k of Object.keys(t) as AbKey[]) t[k] += r[k]
    return t
  }, [report])

  let empty: ReactNode = bt('common.empty')
  if (!query.accountCode) empty = bt('common.pickAccount')
  else if (!query.auxType) empty = bt('aux.pickType')

  return (
    <div data-testid="aux-balance" className="trial-balance">
      <div className="filter-bar">
        <span className="filter-label">{bt('common.account')}</span>
        <AccountPicker
          value={query.accountCode}
          onChange={(accountCode) => {
            const a = chart.byCode.get(accountCode)
            const keep = a && query.auxType && a.auxTypes.includes(query.auxType)
            store.getState().setQuery({ accountCode, auxType: keep ? query.auxType : (a?.auxTypes[0] ?? '') })
          }}
          accounts={withAux}
          testId="ab-account"
        />
        <span className="filter-label">{bt('aux.type')}</span>
        <Select
          value={query.auxType || undefined}
          onChange={(auxType: AuxType) => store.getState().setQuery({ auxType })}
          options={types.map((x) => ({ value: x, label: bt(`aux.${x}`) }))}
          placeholder={bt('aux.pickType')}
          style={{ width: 140 }}
          data-testid="ab-type"
          aria-label={bt('aux.type')}
        />
        <span className="filter-label">{bt('common.range')}</span>
        <MonthRange from={query.from} to={query.to} firstPeriod={firstPeriod} onChange={(r) => store.getState().setQuery(r)} testId="ab-range" />
        <Button icon={<ReloadOutlined />} onClick={() => void store.getState().load()} loading={loading} data-testid="ab-refresh">
          {bt('common.refresh')}
        </Button>
      </div>
      <BooksError error={error} testId="ab-error" onClose={() => store.getState().clearError()} />
      <Table<AbRow>
        className="tb-table"
        rowKey="itemId"
        size="small"
        bordered
        columns={columns}
        dataSource={report?.rows ?? []}
        loading={loading}
        pagination={false}
        sticky
        scroll={{ x: 1080 }}
        locale={{ emptyText: empty }}
        onRow={(r) => ({ 'data-testid': `ab-row-${r.code}` }) as HTMLAttributes<HTMLElement>}
        summary={() =>
          report && report.rows.length > 0 ? (
            <Table.Summary fixed="bottom">
              <Table.Summary.Row className="tb-totals">
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>{bt('aux.total')}</strong>
                </Table.Summary.Cell>
                {AB_GROUPS.flatMap((g, i) =>
                  (['debit', 'credit'] as const).map((side, k) => (
                    <Table.Summary.Cell index={2 + i * 2 + k} key={g[side]} align="right">
                      <Amount value={totals[g[side]]} zero />
                    </Table.Summary.Cell>
                  )),
                )}
              </Table.Summary.Row>
            </Table.Summary>
          ) : undefined
        }
      />
      <Typography.Text type="secondary" className="tb-note">
        {bt('common.postedOnly')} {bt('aux.openingNote')}
      </Typography.Text>
    </div>
  )
}
