// 期末处理: the months with their status and voucher counts; for the current period 结转损益 (and 年末结转
// in December), 结账检查 with every check in words, 结账; 反结账 of the latest closed month with a reason.
import { useEffect, useState, type HTMLAttributes } from 'react'
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { CheckCircleFilled, CloseCircleFilled, LockOutlined, UnlockOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { asFen, formatYuan } from '../../../../shared/money'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'
import { closeCheckText } from '../../lib/errors'
import { usePeriods, useStores, useWorkspace } from '../../stores/context'
import { useCan } from '../components/useCan'
import { useGuard } from '../components/useGuard'
import { labelOf } from '../labels'
import { formatPeriod } from '../period'
import type { AppErrorData } from '../../../../shared/ipc/result'
import type { PeriodOp } from '../stores/periodsStore'
import type { PeriodStatus } from '../stores/workspaceStore'

export function PeriodsPage() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const { periods: store, workspace, editor } = useStores().ledger
  const periods = useWorkspace((s) => s.periods)
  const current = useWorkspace((s) => s.currentPeriod)
  const lastClosed = useWorkspace((s) => s.lastClosedPeriod)
  const selectedPeriod = useWorkspace((s) => s.period)
  const loading = useWorkspace((s) => s.periodsLoading)
  const busy = usePeriods((s) => s.busy)
  const error = usePeriods((s) => s.error)
  const errorOp = usePeriods((s) => s.errorOp)
  const checks = usePeriods((s) => s.checks)
  const checkedPeriod = usePeriods((s) => s.checkedPeriod)
  const generated = usePeriods((s) => s.generated)
  const generatedKind = usePeriods((s) => s.generatedKind)
  const generatedNone = usePeriods((s) => s.generatedNone)
  const canWrite = useCan('ledger:write')
  const canClose = useCan('periods:close')
  const canReopen = useCan('periods:reopen')
  const guard = useGuard()
  const [reopening, setReopening] = useState(false)
  const lang = currentLanguage()
  const fp = (p: string) => formatPeriod(p, lang)

  useEffect(() => {
    void workspace.getState().loadPeriods()
  }, [workspace])

  const currentRow = periods.find((p) => p.period === current)
  const unposted = currentRow ? currentRow.draft + currentRow.reviewed : 0

  const openGenerated = () => {
    if (!generated) return
    const id = generated.id
    guard(() => {
      void editor.getState().open(id)
      workspace.getState().go('entry')
    })
  }

  const close = () =>
    modal.confirm({
      title: t('ledger.periods.closeConfirm', { period: fp(current) }),
      content: t('ledger.periods.closeConfirmDesc'),
      okText: t('ledger.periods.close'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'period-close-confirm' },
      onOk: async () => {
        const closing = current
        if (await store.getState().close(closing)) void message.success(t('ledger.periods.closedMsg', { period: fp(closing) }))
      },
    })

  const columns: TableColumnsType<PeriodStatus> = [
    {
      title: t('ledger.periods.period'),
      key: 'period',
      render: (_, p) => (
        <Space>
          <span className="mono">{p.period}</span>
          {p.period === current && <Tag color="blue">{t('ledger.periods.current')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('ledger.periods.status'),
      key: 'status',
      width: 120,
      render: (_, p) =>
        p.status === 'closed' ? (
          <Tag icon={<LockOutlined />} color="default" data-testid={`period-status-${p.period}`}>
            {t('ledger.periods.closed')}
          </Tag>
        ) : (
          <Tag icon={<UnlockOutlined />} color="green" data-testid={`period-status-${p.period}`}>
            {t('ledger.periods.open')}
          </Tag>
        ),
    },
    { title: t('ledger.periods.draft'), dataIndex: 'draft', key: 'draft', width: 100, align: 'right' },
    { title: t('ledger.periods.reviewed'), dataIndex: 'reviewed', key: 'reviewed', width: 100, align: 'right' },
    { title: t('ledger.periods.posted'), dataIndex: 'posted', key: 'posted', width: 100, align: 'right' },
  ]

  return (
    <div className="periods-page" data-testid="periods-page">
      <Typography.Paragraph type="secondary">{t('ledger.periods.intro')}</Typography.Paragraph>
      <Card
        size="small"
        className="period-actions-card"
        title={t('ledger.periods.currentActions', { period: fp(current) })}
        extra={
          unposted > 0 ? (
            <Typography.Text type="warning">{t('ledger.periods.unpostedCount', { count: unposted })}</Typography.Text>
          ) : undefined
        }
      >
        <Space wrap>
          {canWrite && (
            <Button onClick={() => void store.getState().carryForward(current)} loading={busy === 'carryForward'} data-testid="period-carry-forward">
              {t('ledger.periods.carryForward')}
            </Button>
          )}
          {canWrite && current.endsWith('-12') && (
            <Tooltip title={t('ledger.periods.yearEndHelp')}>
              <Button onClick={() => void store.getState().yearEnd(current)} loading={busy === 'yearEnd'} data-testid="period-year-end">
                {t('ledger.periods.yearEnd')}
              </Button>
            </Tooltip>
          )}
          <Button onClick={() => void store.getState().check(current)} loading={busy === 'check'} data-testid="period-check">
            {t('ledger.periods.check')}
          </Button>
          {canClose && (
            <Button type="primary" icon={<LockOutlined />} onClick={close} loading={busy === 'close'} data-testid="period-close">
              {t('ledger.periods.close')}
            </Button>
          )}
          {canReopen && lastClosed && (
            <Button danger icon={<UnlockOutlined />} onClick={() => setReopening(true)} loading={busy === 'reopen'} data-testid="period-reopen">
              {t('ledger.periods.reopen')} {fp(lastClosed)}
            </Button>
          )}
        </Space>

        {generated && (
          <Alert
            type="success"
            showIcon
            className="period-alert"
            data-testid="period-generated"
            title={t(generatedKind === 'yearEnd' ? 'ledger.periods.yearEndDone' : 'ledger.periods.carryDone', {
              label: labelOf(generated),
              amount: formatYuan(asFen(generated.total)),
            })}
            action={
              <Button size="small" type="primary" onClick={openGenerated} data-testid="period-open-generated">
                {t('ledger.periods.openVoucher')}
              </Button>
            }
            closable={{ onClose: () => store.getState().clearGenerated() }}
          />
        )}
        {generatedNone && (
          <Alert
            type="info"
            showIcon
            className="period-alert"
            data-testid="period-generated-none"
            title={t(generatedKind === 'yearEnd' ? 'ledger.periods.yearEndNone' : 'ledger.periods.carryNone')}
            closable={{ onClose: () => store.getState().clearGenerated() }}
          />
        )}
        <div className="period-alert">
          <ErrorAlert error={explained(error, errorOp)} testId="periods-error" onClose={() => store.getState().clearError()} />
        </div>

        {checks && checkedPeriod && (
          <div className="close-checks" data-testid="close-checks" data-period={checkedPeriod} data-ok={checks.every((c) => c.ok)}>
            <Typography.Text strong>{t('ledger.periods.checksTitle', { period: fp(checkedPeriod) })}</Typography.Text>
            <ul>
              {checks.map((c) => (
                <li key={c.id} className={c.ok ? 'check-ok' : 'check-failed'} data-testid={`close-check-${c.id}`} data-ok={c.ok}>
                  {c.ok ? <CheckCircleFilled aria-label="✓" /> : <CloseCircleFilled aria-label="✗" />}
                  <span>{closeCheckText(t, c.id, c.ok)}</span>
                  {!c.ok && c.id === 'all-posted' && unposted > 0 && checkedPeriod === current && (
                    <span className="check-extra">{t('ledger.periods.unpostedCount', { count: unposted })}</span>
                  )}
                </li>
              ))}
            </ul>
            <Typography.Text type={checks.every((c) => c.ok) ? 'success' : 'danger'}>
              {checks.every((c) => c.ok) ? t('ledger.periods.allOk') : t('ledger.periods.someFailed')}
            </Typography.Text>
          </div>
        )}
      </Card>

      <Table<PeriodStatus>
        className="periods-table"
        rowKey="period"
        size="small"
        columns={columns}
        dataSource={periods}
        loading={loading && periods.length === 0}
        pagination={false}
        rowClassName={(p) => (p.period === selectedPeriod ? 'row-selected-period' : '')}
        onRow={(p) =>
          ({
            'data-testid': `period-row-${p.period}`,
            'data-status': p.status,
            onClick: () => workspace.getState().setPeriod(p.period),
          }) as HTMLAttributes<HTMLElement>
        }
      />

      {reopening && lastClosed && (
        <ReopenModal
          period={lastClosed}
          onCancel={() => setReopening(false)}
          onSubmit={async (reason) => {
            const p = lastClosed
            const ok = await store.getState().reopen(p, reason)
            setReopening(false)
            if (ok) void message.success(t('ledger.periods.reopenedMsg', { period: fp(p) }))
          }}
        />
      )}
    </div>
  )
}

/**
 * INVALID_STATE says little on its own: which month-end step refused decides what to tell the bookkeeper.
 * The hint travels as details.hint, which ErrorAlert shows under the title.
 */
function explained(error: AppErrorData | null, op: PeriodOp | null): AppErrorData | null {
  if (!error || error.code !== 'INVALID_STATE' || !op) return error
  const hint = op === 'carryForward' ? 'carry' : op === 'yearEnd' ? 'yearEnd' : op === 'reopen' ? 'reopen' : null
  return hint ? { ...error, details: { ...error.details, hint } } : error
}

function ReopenModal({ period, onCancel, onSubmit }: { period: string; onCancel(): void; onSubmit(reason: string): Promise<void> }) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const ok = reason.trim().length >= 2
  return (
    <Modal
      open
      title={t('ledger.periods.reopenTitle', { period: formatPeriod(period, currentLanguage()) })}
      okText={t('ledger.periods.reopenSubmit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !ok, loading: pending, 'data-testid': 'period-reopen-submit' }}
      onCancel={onCancel}
      onOk={async () => {
        setPending(true)
        await onSubmit(reason.trim())
        setPending(false)
      }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('ledger.periods.reopenReason')} help={t('ledger.periods.reopenReasonHelp')} required>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={3} autoFocus data-testid="period-reopen-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
