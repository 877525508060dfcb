// 凭证列表: filters, the vouchers in a virtual table (double-click or Enter opens one in the editor),
// and for reviewers the batch intents — 审核 / 弃审 / 记账 the selection, 全部审核 / 全部记账 the period —
// with a summary of what was done and what was refused and why; 断号整理 for those who write.
import { useEffect, useMemo, type HTMLAttributes, type KeyboardEvent } from 'react'
import { App, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { CheckOutlined, ReloadOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { VOUCHER_TYPES, type VoucherSummary } from '../../../../shared/ipc/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'
import { batchRefusalText, type BatchOpKind } from '../../lib/errors'
import { useStores, useVoucherList, useWorkspace } from '../../stores/context'
import { Amount } from '../components/Amount'
import { useCan } from '../components/useCan'
import { useGuard } from '../components/useGuard'
import { voucherLabel } from '../labels'
import { formatPeriod } from '../period'
import type { BatchOp, BatchSummary } from '../stores/voucherListStore'

const STATUS_COLOR = { draft: 'default', reviewed: 'blue', posted: 'green' } as const

export function VoucherList() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const { vouchers: list, editor, workspace } = useStores().ledger
  const client = useWorkspace((s) => s.client)
  const period = useWorkspace((s) => s.period)
  const filters = useVoucherList((s) => s.filters)
  const vouchers = useVoucherList((s) => s.vouchers)
  const total = useVoucherList((s) => s.total)
  const loading = useVoucherList((s) => s.loading)
  const error = useVoucherList((s) => s.error)
  const selected = useVoucherList((s) => s.selected)
  const busy = useVoucherList((s) => s.busy)
  const summary = useVoucherList((s) => s.summary)
  const canReview = useCan('ledger:review')
  const canWrite = useCan('ledger:write')
  const guard = useGuard()
  const lang = currentLanguage()
  const types = client?.voucherTypes === 'three' ? VOUCHER_TYPES.filter((x) => x !== '记') : (['记'] as const)

  const load = () => void list.getState().load(workspace.getState().period)
  useEffect(() => {
    void list.getState().load(period)
  }, [list, period])

  const open = (v: VoucherSummary) =>
    guard(() => {
      void editor.getState().open(v.id)
      workspace.getState().go('entry')
    })

  // the summary modal reports the outcome, including "nothing to do"
  const runBatch = (op: BatchOp) => list.getState().batch(op)
  const confirmPeriod = (op: 'reviewPeriod' | 'postPeriod') =>
    modal.confirm({
      title: t(op === 'reviewPeriod' ? 'ledger.list.reviewAllConfirm' : 'ledger.list.postAllConfirm', { period: formatPeriod(period, lang) }),
      content: op === 'postPeriod' ? t('ledger.list.postAllDesc') : undefined,
      okText: t(op === 'reviewPeriod' ? 'ledger.list.reviewAll' : 'ledger.list.postAll'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'batch-confirm' },
      onOk: () => runBatch(op),
    })
  const renumber = () =>
    modal.confirm({
      title: t('ledger.list.renumberConfirm', { period: formatPeriod(period, lang) }),
      content: t('ledger.list.renumberDesc'),
      okText: t('ledger.list.renumber'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'renumber-confirm' },
      onOk: async () => {
        const n = await list.getState().renumber()
        if (n !== null) void message.success(n ? t('ledger.list.renumbered', { count: n }) : t('ledger.list.renumberNone'))
      },
    })

  const columns: TableColumnsType<VoucherSummary> = useMemo(
    () => [
      { title: t('ledger.list.date'), dataIndex: 'date', key: 'date', width: 110 },
      {
        title: t('ledger.list.label'),
        key: 'label',
        width: 100,
        render: (_, v) => <span className="mono">{voucherLabel(v.type, v.number)}</span>,
      },
      {
        title: t('ledger.list.summary'),
        dataIndex: 'summary',
        key: 'summary',
        ellipsis: true,
        render: (s: string, v) => (
          <span>
            {v.kind !== 'normal' && (
              <Tag color={v.kind === 'reversal' ? 'red' : 'purple'} className="kind-tag">
                {t(`ledger.kind.${v.kind}`)}
              </Tag>
            )}
            {s}
          </span>
        ),
      },
      { title: t('ledger.list.total'), key: 'total', width: 140, align: 'right', render: (_, v) => <Amount value={v.total} zero /> },
      {
        title: t('ledger.list.status'),
        key: 'status',
        width: 90,
        render: (_, v) => <Tag color={STATUS_COLOR[v.status]}>{t(`ledger.status.${v.status}`)}</Tag>,
      },
      { title: t('ledger.list.preparer'), dataIndex: 'preparerName', key: 'preparer', width: 96, ellipsis: true },
      { title: t('ledger.list.reviewer'), dataIndex: 'reviewerName', key: 'reviewer', width: 96, ellipsis: true },
      { title: t('ledger.list.poster'), dataIndex: 'posterName', key: 'poster', width: 96, ellipsis: true },
      { title: t('ledger.list.attachments'), dataIndex: 'attachments', key: 'attachments', width: 70, align: 'right' },
    ],
    [t],
  )

  const onRowKey = (v: VoucherSummary) => (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      open(v)
    }
  }

  return (
    <div className="voucher-list" data-testid="voucher-list">
      <div className="filter-bar">
        <Select
          value={filters.allPeriods ? 'all' : 'period'}
          onChange={(v) => {
            list.getState().setFilters({ allPeriods: v === 'all' })
            load()
          }}
          options={[
            { value: 'period', label: t('ledger.list.thisPeriod', { period }) },
            { value: 'all', label: t('ledger.list.allPeriods') },
          ]}
          style={{ width: 140 }}
          aria-label={t('ledger.list.period')}
          data-testid="vouchers-filter-period"
        />
        <Select
          allowClear
          placeholder={t('ledger.list.type')}
          value={filters.type ?? undefined}
          onChange={(v) => {
            list.getState().setFilters({ type: v ?? null })
            load()
          }}
          options={types.map((x) => ({ value: x, label: x }))}
          style={{ width: 90 }}
          aria-label={t('ledger.list.type')}
          data-testid="vouchers-filter-type"
        />
        <Select
          allowClear
          placeholder={t('ledger.list.status')}
          value={filters.status ?? undefined}
          onChange={(v) => {
            list.getState().setFilters({ status: v ?? null })
            load()
          }}
          options={(['draft', 'reviewed', 'posted'] as const).map((x) => ({ value: x, label: t(`ledger.status.${x}`) }))}
          style={{ width: 100 }}
          aria-label={t('ledger.list.status')}
          data-testid="vouchers-filter-status"
        />
        <Input
          placeholder={t('ledger.list.preparer')}
          value={filters.preparer}
          onChange={(e) => list.getState().setFilters({ preparer: e.target.value })}
          onPressEnter={load}
          style={{ width: 92 }}
          allowClear
          data-testid="vouchers-filter-preparer"
        />
        <Input
          placeholder={t('ledger.list.account')}
          value={filters.accountCode}
          onChange={(e) => list.getState().setFilters({ accountCode: e.target.value.replace(/\D/g, '') })}
          onPressEnter={load}
          style={{ width: 100 }}
          allowClear
          className="mono"
          data-testid="vouchers-filter-account"
        />
        <Space.Compact>
          <Input
            placeholder={t('ledger.list.minAmount')}
            value={filters.minAmount}
            onChange={(e) => list.getState().setFilters({ minAmount: e.target.value })}
            onPressEnter={load}
            style={{ width: 84 }}
            className="mono input-amount"
            aria-label={`${t('ledger.list.amount')} ${t('ledger.list.minAmount')}`}
            data-testid="vouchers-filter-min"
          />
          <Input
            placeholder={t('ledger.list.maxAmount')}
            value={filters.maxAmount}
            onChange={(e) => list.getState().setFilters({ maxAmount: e.target.value })}
            onPressEnter={load}
            style={{ width: 84 }}
            className="mono input-amount"
            aria-label={`${t('ledger.list.amount')} ${t('ledger.list.maxAmount')}`}
            data-testid="vouchers-filter-max"
          />
        </Space.Compact>
        <Input
          placeholder={t('ledger.list.text')}
          value={filters.text}
          onChange={(e) => list.getState().setFilters({ text: e.target.value })}
          onPressEnter={load}
          style={{ width: 124 }}
          allowClear
          data-testid="vouchers-filter-text"
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={load} loading={loading} data-testid="vouchers-search">
          {t('ledger.list.search')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          title={t('ledger.list.resetFilters')}
          aria-label={t('ledger.list.resetFilters')}
          onClick={() => {
            list.getState().clearFilters()
            load()
          }}
          data-testid="vouchers-filter-reset"
        />
      </div>

      <div className="action-bar">
        <Space wrap size={8}>
          {canReview && (
            <>
              <Button icon={<CheckOutlined />} disabled={!selected.length} loading={busy === 'review'} onClick={() => void runBatch('review')} data-testid="vouchers-review-selected">
                {t('ledger.list.reviewSelected')}
              </Button>
              <Button icon={<UndoOutlined />} disabled={!selected.length} loading={busy === 'unreview'} onClick={() => void runBatch('unreview')} data-testid="vouchers-unreview-selected">
                {t('ledger.list.unreviewSelected')}
              </Button>
              <Button icon={<CheckOutlined />} disabled={!selected.length} loading={busy === 'post'} onClick={() => void runBatch('post')} data-testid="vouchers-post-selected">
                {t('ledger.list.postSelected')}
              </Button>
              <span className="bar-divider" />
              <Button loading={busy === 'reviewPeriod'} onClick={() => confirmPeriod('reviewPeriod')} data-testid="vouchers-review-all">
                {t('ledger.list.reviewAll')}
              </Button>
              <Button loading={busy === 'postPeriod'} onClick={() => confirmPeriod('postPeriod')} data-testid="vouchers-post-all">
                {t('ledger.list.postAll')}
              </Button>
            </>
          )}
          {canWrite && (
            <Button loading={busy === 'renumber'} onClick={renumber} disabled={filters.allPeriods} data-testid="vouchers-renumber">
              {t('ledger.list.renumber')}
            </Button>
          )}
        </Space>
        <Typography.Text type="secondary" data-testid="vouchers-count">
          {selected.length > 0 && `${t('ledger.list.selected', { count: selected.length })} · `}
          {t('ledger.list.count', { count: total })}
        </Typography.Text>
      </div>

      <ErrorAlert error={error} testId="vouchers-error" onClose={() => list.getState().clearError()} />

      <Table<VoucherSummary>
        className="voucher-table"
        rowKey="id"
        size="small"
        virtual
        scroll={{ x: 960, y: 460 }}
        columns={columns}
        dataSource={vouchers}
        loading={loading}
        pagination={false}
        locale={{ emptyText: t('ledger.list.empty') }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => list.getState().select(keys.map(Number)),
          columnWidth: 40,
        }}
        onRow={(v) =>
          ({
            'data-testid': `voucher-row-${voucherLabel(v.type, v.number)}`,
            'data-status': v.status,
            tabIndex: 0,
            onDoubleClick: () => open(v),
            onKeyDown: onRowKey(v),
          }) as HTMLAttributes<HTMLElement>
        }
      />
      {vouchers.length < total && (
        <div className="load-more">
          <Button onClick={() => void list.getState().loadMore()} loading={loading}>
            {t('ledger.list.loadMore', { shown: String(vouchers.length), total: String(total) })}
          </Button>
        </div>
      )}

      <BatchSummaryModal summary={summary} onClose={() => list.getState().closeSummary()} />
    </div>
  )
}

function BatchSummaryModal({ summary, onClose }: { summary: BatchSummary | null; onClose(): void }) {
  const { t } = useTranslation()
  if (!summary) return null
  const { op, outcome } = summary
  const kind: BatchOpKind = op === 'reviewPeriod' ? 'review' : op === 'postPeriod' ? 'post' : op
  const nothing = outcome.done.length === 0 && outcome.refused.length === 0
  return (
    <Modal
      open
      title={t(`ledger.list.summaryTitle.${op}`)}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okButtonProps={{ 'data-testid': 'batch-summary-close' }}
      destroyOnHidden
    >
      <div data-testid="batch-summary" data-done={outcome.done.length} data-refused={outcome.refused.length}>
        {nothing ? (
          <Typography.Paragraph>{t('ledger.list.summaryNothing')}</Typography.Paragraph>
        ) : (
          <>
            <Space size={12} className="summary-counts">
              <Tag color="green" data-testid="batch-summary-done">
                {t('ledger.list.summaryDone', { count: outcome.done.length })}
              </Tag>
              {outcome.refused.length > 0 && (
                <Tag color="orange" data-testid="batch-summary-refused">
                  {t('ledger.list.summaryRefused', { count: outcome.refused.length })}
                </Tag>
              )}
            </Space>
            {summary.doneLabels.length > 0 && <Typography.Paragraph className="mono summary-labels">{summary.doneLabels.join('  ')}</Typography.Paragraph>}
            {outcome.refused.length > 0 && (
              <>
                <Typography.Text strong>{t('ledger.list.refusedHeader')}</Typography.Text>
                <ul className="refused-list">
                  {outcome.refused.map((r) => (
                    <li key={r.id} data-testid={`batch-refused-${r.label}`}>
                      <span className="mono">{r.label}</span>
                      {t('common.colon')}
                      {batchRefusalText(t, kind, r.code)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
    </Modal>
  )
}
