// 期初余额: every leaf account by category with its opening balance in the account's direction and, for
// books starting after January, the year-to-date debit and credit; the trial check live as typed and as
// main answered after saving. Read only once something is posted (opening:get locked) or without ledger:write.
import { useEffect, useMemo, type HTMLAttributes } from 'react'
import { useStore } from 'zustand'
import { Alert, App, Button, Input, Space, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { CheckCircleOutlined, LockOutlined, SaveOutlined, WarningOutlined } from '@ant-design/icons'
import { asFen, formatYuan } from '../../../../shared/money'
import type { AppErrorData } from '../../../../shared/ipc/result'
import { useWorkspace, useStores } from '../../stores/context'
import { currentLanguage } from '../../i18n'
import type { IndexedAccount } from '../accounts'
import { Amount } from '../components/Amount'
import { useCan } from '../components/useCan'
import { formatPeriod } from '../period'
import { cellFen, needsYtd, openingGroups, openingTotals, type OpeningText } from './logic'
import { BooksError, useScreenStore } from './shared'
import { createOpeningStore, type OpeningStore } from './stores/openingStore'
import { useBooksText, type BooksT } from './text'

type Row = { kind: 'group'; key: string; label: string } | { kind: 'account'; key: string; account: IndexedAccount }

const yuan = (fen: number) => formatYuan(asFen(fen))

const openingError = (error: AppErrorData, bt: BooksT) => (error.code === 'INVALID_STATE' ? bt('opening.lockedRefused') : null)

export function OpeningPage() {
  const store = useScreenStore((api, clientId) => createOpeningStore(api.opening, clientId))
  return store ? <OpeningView store={store} /> : null
}

function OpeningView({ store }: { store: OpeningStore }) {
  const { bt } = useBooksText()
  const { message } = App.useApp()
  const client = useWorkspace((s) => s.client)
  const index = useWorkspace((s) => s.chart)
  const canWrite = useCan('ledger:write')
  const texts = useStore(store, (s) => s.texts)
  const saved = useStore(store, (s) => s.saved)
  const loading = useStore(store, (s) => s.loading)
  const saving = useStore(store, (s) => s.saving)
  const dirty = useStore(store, (s) => s.dirty)
  const error = useStore(store, (s) => s.error)
  const { workspace } = useStores().ledger

  useEffect(() => {
    void store.getState().load()
  }, [store])

  const firstPeriod = client?.firstPeriod ?? ''
  const ytd = needsYtd(firstPeriod)
  const locked = saved?.locked ?? false
  const readOnly = locked || !canWrite
  const withAmounts = useMemo(() => new Set(Object.keys(texts)), [texts])
  const groups = useMemo(() => openingGroups(index.list, withAmounts), [index, withAmounts])
  const rows: Row[] = useMemo(
    () => groups.flatMap((g) => [{ kind: 'group' as const, key: `g-${g.category}`, label: bt(`category.${g.category}`) }, ...g.accounts.map((a) => ({ kind: 'account' as const, key: a.code, account: a }))]),
    [groups, bt],
  )
  const live = useMemo(() => openingTotals(texts, (code) => index.byCode.get(code)?.direction), [texts, index])

  const save = async () => {
    const r = await store.getState().save()
    if (!r) return
    // the chart's "has amounts" flags changed with the balances
    void workspace.getState().loadChart()
    if (r.balanced) message.success(bt('opening.saved'))
    else message.warning(bt('opening.savedUnbalanced'))
  }

  const cell = (a: IndexedAccount, field: keyof OpeningText, testId: string) => {
    const text = texts[a.code]?.[field] ?? ''
    const bad = cellFen(text) === null
    return (
      <Input
        size="small"
        variant={readOnly ? 'borderless' : 'outlined'}
        className={`input-amount${(cellFen(text) ?? 0) < 0 ? ' amount-negative' : ''}`}
        style={{ textAlign: 'right' }}
        status={bad ? 'error' : undefined}
        title={bad ? bt('opening.badAmount') : undefined}
        value={text}
        readOnly={readOnly}
        inputMode="decimal"
        onChange={(e) => store.getState().setCell(a.code, field, e.target.value)}
        onBlur={() => store.getState().tidyCell(a.code, field)}
        onFocus={(e) => e.currentTarget.select()}
        data-testid={`${testId}-${a.code}`}
        aria-label={`${a.code} ${bt(field === 'balance' ? 'opening.balance' : field === 'ytdDebit' ? 'opening.ytdDebit' : 'opening.ytdCredit')}`}
      />
    )
  }

  const columns: TableColumnsType<Row> = [
    {
      title: bt('accounts.code'),
      key: 'code',
      width: 110,
      onCell: (r) => (r.kind === 'group' ? { colSpan: ytd ? 6 : 4 } : {}),
      render: (_: unknown, r) => (r.kind === 'group' ? <strong>{r.label}</strong> : <span className="mono">{r.account.code}</span>),
    },
    { title: bt('accounts.name'), key: 'name', ellipsis: true, onCell: (r) => (r.kind === 'group' ? { colSpan: 0 } : {}), render: (_: unknown, r) => (r.kind === 'account' ? r.account.fullName : null) },
    {
      title: bt('opening.direction'),
      key: 'dir',
      width: 56,
      align: 'center',
      onCell: (r) => (r.kind === 'group' ? { colSpan: 0 } : {}),
      render: (_: unknown, r) => (r.kind === 'account' ? bt(`common.dir.${r.account.direction}`) : null),
    },
    { title: bt('opening.balance'), key: 'balance', width: 170, onCell: (r) => (r.kind === 'group' ? { colSpan: 0 } : {}), render: (_: unknown, r) => (r.kind === 'account' ? cell(r.account, 'balance', 'opening-input') : null) },
  ]
  if (ytd) {
    columns.push(
      { title: bt('opening.ytdDebit'), key: 'ytdDebit', width: 170, onCell: (r) => (r.kind === 'group' ? { colSpan: 0 } : {}), render: (_: unknown, r) => (r.kind === 'account' ? cell(r.account, 'ytdDebit', 'opening-ytd-debit') : null) },
      { title: bt('opening.ytdCredit'), key: 'ytdCredit', width: 170, onCell: (r) => (r.kind === 'group' ? { colSpan: 0 } : {}), render: (_: unknown, r) => (r.kind === 'account' ? cell(r.account, 'ytdCredit', 'opening-ytd-credit') : null) },
    )
  }

  const liveBalanced = live.balanced && live.invalid.length === 0
  return (
    <div data-testid="opening-page" data-locked={locked}>
      <div className="filter-bar">
        <Typography.Text>
          <span className="label-muted">{bt('opening.start', { period: '' })}</span>
          {firstPeriod && formatPeriod(firstPeriod, currentLanguage())}
        </Typography.Text>
        <span className="filter-spacer" />
        {dirty && !readOnly && <Tag color="warning">{bt('opening.dirty')}</Tag>}
        {!readOnly && (
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={live.invalid.length > 0} onClick={() => void save()} data-testid="opening-save">
            {bt('opening.save')}
          </Button>
        )}
      </div>
      {locked && <Alert type="info" showIcon icon={<LockOutlined />} title={bt('opening.locked')} data-testid="opening-locked" style={{ marginBottom: 12 }} />}
      {!locked && !canWrite && <Alert type="info" showIcon title={bt('opening.readOnly')} style={{ marginBottom: 12 }} />}
      <BooksError error={error} testId="opening-error" onClose={() => store.getState().clearError()} special={openingError} />
      <div className="filter-bar" data-testid="opening-totals" data-debit={live.debit} data-credit={live.credit} style={{ background: '#f3f6fa', padding: '8px 12px', borderRadius: 6 }}>
        <strong>{bt('opening.totals')}</strong>
        <Space size={4}>
          <span className="label-muted">{bt('opening.debitTotal')}</span>
          <Amount value={live.debit} zero testId="opening-total-debit" />
        </Space>
        <Space size={4}>
          <span className="label-muted">{bt('opening.creditTotal')}</span>
          <Amount value={live.credit} zero testId="opening-total-credit" />
        </Space>
        {ytd && (
          <>
            <Space size={4}>
              <span className="label-muted">{bt('opening.ytdDebitTotal')}</span>
              <Amount value={live.ytdDebit} zero testId="opening-total-ytd-debit" />
            </Space>
            <Space size={4}>
              <span className="label-muted">{bt('opening.ytdCreditTotal')}</span>
              <Amount value={live.ytdCredit} zero testId="opening-total-ytd-credit" />
            </Space>
          </>
        )}
        <span className="filter-spacer" />
        <Tag
          color={liveBalanced ? 'success' : 'error'}
          icon={liveBalanced ? <CheckCircleOutlined /> : <WarningOutlined />}
          className="tb-balanced-tag"
          data-testid="opening-balanced"
          data-balanced={liveBalanced}
        >
          {live.invalid.length > 0
            ? `${bt('opening.badAmount')}: ${live.invalid.join(', ')}`
            : live.difference !== 0
              ? bt('opening.unbalanced', { difference: yuan(live.difference) })
              : live.ytdDifference !== 0
                ? bt('opening.ytdUnbalanced', { difference: yuan(live.ytdDifference) })
                : bt('opening.balanced')}
        </Tag>
      </div>
      {saved && !dirty && (
        <Typography.Text type="secondary" className="tb-note" data-testid="opening-saved-check" data-balanced={saved.balanced} style={{ marginBottom: 8, marginTop: 0 }}>
          {bt('opening.mainCheck')}：{bt('opening.debitTotal')} {yuan(saved.debitTotal)} · {bt('opening.creditTotal')} {yuan(saved.creditTotal)} ·{' '}
          {saved.balanced ? bt('opening.balanced') : bt('opening.unbalanced', { difference: yuan(saved.debitTotal - saved.creditTotal) })}
        </Typography.Text>
      )}
      <Table<Row>
        className="tb-table"
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        // the trial check above stays in view while typing down a long chart
        scroll={{ y: 'calc(100vh - 360px)' }}
        rowClassName={(r) => (r.kind === 'group' ? 'tb-level-1 opening-group' : '')}
        onRow={(r) => (r.kind === 'account' ? ({ 'data-testid': `opening-row-${r.account.code}` } as HTMLAttributes<HTMLElement>) : {})}
      />
    </div>
  )
}
