// 科目余额表: period range within one year, account level, zero rows; 期初余额 / 本期发生额 / 本年累计 /
// 期末余额, each 借/贷, with the 合计 row and whether it balances. Posted vouchers only. Clicking a row
// opens the account's 明细账 once that screen is registered in the workspace (a no-op until then).
import { useEffect, type HTMLAttributes } from 'react'
import { Button, DatePicker, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { CheckCircleOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { TrialBalance } from '../../../../shared/ipc/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useStores, useTrialBalance, useWorkspace } from '../../stores/context'
import { Amount } from '../components/Amount'
import { dayjsToPeriod, periodToDayjs } from '../components/dates'
import { useWorkspaceNav } from '../components/workspaceNav'

type Row = TrialBalance['rows'][number]
type AmountKey = keyof TrialBalance['totals']

const GROUPS: { key: 'opening' | 'period' | 'ytd' | 'closing'; debit: AmountKey; credit: AmountKey }[] = [
  { key: 'opening', debit: 'openingDebit', credit: 'openingCredit' },
  { key: 'period', debit: 'periodDebit', credit: 'periodCredit' },
  { key: 'ytd', debit: 'ytdDebit', credit: 'ytdCredit' },
  { key: 'closing', debit: 'closingDebit', credit: 'closingCredit' },
]

export function TrialBalancePage() {
  const { t } = useTranslation()
  const { trialBalance: store } = useStores().ledger
  const nav = useWorkspaceNav()
  const client = useWorkspace((s) => s.client)
  const params = useTrialBalance((s) => s.params)
  const report = useTrialBalance((s) => s.report)
  const loading = useTrialBalance((s) => s.loading)
  const error = useTrialBalance((s) => s.error)
  const levels = client ? client.codingScheme.split('-').length : 5

  useEffect(() => {
    void store.getState().load()
  }, [store, params])

  // the 明细账 screen reads these params; until it is registered a click does nothing
  const openAccount = (r: Row) => nav.go('detail-ledger', { accountCode: r.code, from: params.from, to: params.to })

  const amountCols = GROUPS.map((g) => ({
    title: t(`ledger.tb.${g.key}`),
    key: g.key,
    children: (['debit', 'credit'] as const).map((side) => ({
      title: t(`ledger.tb.${side}`),
      key: g[side],
      width: 96,
      align: 'right' as const,
      render: (_: unknown, r: Row) => <Amount value={r[g[side]]} />,
    })),
  }))
  const columns: TableColumnsType<Row> = [
    { title: t('ledger.tb.code'), dataIndex: 'code', key: 'code', width: 84, fixed: 'left', render: (c: string) => <span className="mono">{c}</span> },
    {
      title: t('ledger.tb.name'),
      dataIndex: 'name',
      key: 'name',
      width: 132,
      fixed: 'left',
      ellipsis: true,
      render: (name: string, r) => <span style={{ paddingLeft: (r.level - 1) * 12 }}>{name}</span>,
    },
    ...amountCols,
  ]

  return (
    <div className="trial-balance" data-testid="trial-balance">
      <div className="filter-bar">
        <span className="filter-label">{t('ledger.tb.range')}</span>
        <DatePicker.RangePicker
          picker="month"
          value={[periodToDayjs(params.from), periodToDayjs(params.to)]}
          allowClear={false}
          format="YYYY-MM"
          onChange={(range) => {
            const [a, b] = range ?? [null, null]
            store.getState().setParams({ from: dayjsToPeriod(a), to: dayjsToPeriod(b) })
          }}
          disabledDate={(d, info) => {
            // a trial balance covers one year: once one end is picked, the other stays in its year
            const from = info?.from
            return (client ? dayjsToPeriod(d) < client.firstPeriod : false) || (from ? d.year() !== from.year() : false)
          }}
          data-testid="tb-range"
          style={{ width: 220 }}
        />
        <span className="filter-label">{t('ledger.tb.level')}</span>
        <Select
          value={Math.min(params.level, levels)}
          onChange={(level) => store.getState().setParams({ level })}
          options={Array.from({ length: levels }, (_, i) => ({ value: i + 1, label: t('ledger.tb.levelN', { n: String(i + 1) }) }))}
          style={{ width: 90 }}
          data-testid="tb-level"
          aria-label={t('ledger.tb.level')}
        />
        <Space size={6}>
          <Switch checked={params.showZero} onChange={(showZero) => store.getState().setParams({ showZero })} size="small" data-testid="tb-show-zero" aria-label={t('ledger.tb.showZero')} />
          <span>{t('ledger.tb.showZero')}</span>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void store.getState().load()} loading={loading} data-testid="tb-refresh">
          {t('ledger.tb.refresh')}
        </Button>
        <span className="filter-spacer" />
        {report && (
          <Tag
            color={report.balanced ? 'success' : 'error'}
            icon={report.balanced ? <CheckCircleOutlined /> : <WarningOutlined />}
            data-testid="tb-balanced"
            data-balanced={report.balanced}
            className="tb-balanced-tag"
          >
            {report.balanced ? t('ledger.tb.balanced') : t('ledger.tb.unbalanced')}
          </Tag>
        )}
      </div>
      <ErrorAlert error={error} testId="tb-error" onClose={() => store.getState().clearError()} />
      <Table<Row>
        className="tb-table"
        rowKey="code"
        size="small"
        bordered
        columns={columns}
        dataSource={report?.rows ?? []}
        loading={loading}
        pagination={false}
        sticky
        scroll={{ x: 984 }}
        locale={{ emptyText: t('ledger.tb.empty') }}
        rowClassName={(r) => (r.level === 1 ? 'tb-level-1' : '')}
        onRow={(r) =>
          ({
            'data-testid': `tb-row-${r.code}`,
            onClick: () => openAccount(r),
          }) as HTMLAttributes<HTMLElement>
        }
        summary={() =>
          report ? (
            <Table.Summary fixed="bottom">
              <Table.Summary.Row className="tb-totals" {...({ 'data-testid': 'tb-totals' } as object)}>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>{t('ledger.tb.total')}</strong>
                </Table.Summary.Cell>
                {GROUPS.flatMap((g, i) =>
                  (['debit', 'credit'] as const).map((side, k) => (
                    <Table.Summary.Cell index={2 + i * 2 + k} key={g[side]} align="right">
                      <Amount value={report.totals[g[side]]} zero testId={`tb-total-${g[side]}`} />
                    </Table.Summary.Cell>
                  )),
                )}
              </Table.Summary.Row>
            </Table.Summary>
          ) : undefined
        }
      />
      <Typography.Text type="secondary" className="tb-note">
        {t('ledger.tb.postedOnly')}
      </Typography.Text>
    </div>
  )
}
