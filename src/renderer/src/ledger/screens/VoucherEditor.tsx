// 凭证录入: the voucher in its paper layout — 凭证字, 号, 日期, 附单据, the line grid, 制单/审核/记账 — with
// the intents of its state: save (Ctrl+S), new (Ctrl+N), delete a draft, print, review / unreview / post,
// and 红字冲销 of a posted voucher. Reviewed and posted vouchers open read-only with the reason. Source
// documents are attached below the lines (add, drop files on the editor, or pick from the vault).
import { useEffect, useState } from 'react'
import { Alert, App, Button, DatePicker, Form, InputNumber, Modal, Select, Space, Spin, Tag, Typography } from 'antd'
import { CheckOutlined, DeleteOutlined, FileAddOutlined, PrinterOutlined, SaveOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'
import { useSession, useStores, useVault, useVoucherEditor, useWorkspace } from '../../stores/context'
import { dateToDayjs, dayjsToDate } from '../components/dates'
import { useCan } from '../components/useCan'
import { useGuard } from '../components/useGuard'
import { VoucherGrid } from '../components/VoucherGrid'
import { VoucherPrint } from '../components/VoucherPrint'
import { labelOf, voucherLabel } from '../labels'
import { defaultVoucherDate, formatPeriod, periodOf, todayIso } from '../period'
import { readOnlyReason, voucherTypesOf } from '../stores/voucherEditorStore'
import { AttachmentsPanel } from '../../vault/AttachmentsPanel'
import { DocumentViewer } from '../../vault/DocumentViewer'
import { useFileDrop } from '../../vault/VaultParts'
import { InboxOutlined } from '@ant-design/icons'

export function VoucherEditor() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const { editor, workspace, vault } = useStores().ledger
  const client = useWorkspace((s) => s.client)
  const lastClosed = useWorkspace((s) => s.lastClosedPeriod)
  const chartLoaded = useWorkspace((s) => s.chartLoaded)
  const voucher = useVoucherEditor((s) => s.voucher)
  const type = useVoucherEditor((s) => s.type)
  const date = useVoucherEditor((s) => s.date)
  const attachments = useVoucherEditor((s) => s.attachments)
  const attachmentsAuto = useVoucherEditor((s) => s.attachmentsAuto)
  const vaultBusy = useVault((s) => s.job !== null)
  const dirty = useVoucherEditor((s) => s.dirty)
  const loading = useVoucherEditor((s) => s.loading)
  const busy = useVoucherEditor((s) => s.busy)
  const error = useVoucherEditor((s) => s.error)
  const me = useSession((s) => s.session?.displayName ?? '')
  const canWrite = useCan('ledger:write')
  const canReview = useCan('ledger:review')
  const guard = useGuard()
  const [printing, setPrinting] = useState(false)
  const [reversing, setReversing] = useState(false)
  const lang = currentLanguage()

  const reason = readOnlyReason(voucher, canWrite)
  const readOnly = reason !== null
  // files dropped on a voucher being written are stored in the vault and attached to it
  const drop = useFileDrop(
    (files) =>
      void vault
        .getState()
        .addDropped(files)
        .then((r) => r?.added.length && editor.getState().attachDocuments(r.added)),
    !readOnly && canWrite && !vaultBusy,
  )
  const types = voucherTypesOf(client?.voucherTypes ?? 'single')
  const datePeriod = periodOf(date)
  const dateHint =
    !readOnly && date && client
      ? datePeriod < client.firstPeriod
        ? t('ledger.voucher.beforeStartHint', { period: formatPeriod(client.firstPeriod, lang) })
        : lastClosed && datePeriod <= lastClosed
          ? t('ledger.voucher.closedPeriodHint', { period: formatPeriod(datePeriod, lang) })
          : null
      : null

  const save = async () => {
    if (readOnly || editor.getState().busy) return
    const v = await editor.getState().save()
    if (v) void message.success(t('ledger.voucher.saved', { label: labelOf(v) }))
  }
  const startNew = () => guard(() => editor.getState().startNew(workspace.getState().period))

  // Ctrl+S saves, Ctrl+N starts a new voucher, wherever the focus is in the editor
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return
      const k = e.key.toLowerCase()
      if (k === 's') {
        e.preventDefault()
        void save()
      } else if (k === 'n') {
        e.preventDefault()
        if (canWrite) startNew()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const remove = async () => {
    const label = voucher ? labelOf(voucher) : ''
    if (await editor.getState().remove()) void message.success(t('ledger.voucher.deleted', { label }))
  }
  const step = async (op: 'review' | 'unreview' | 'post') => {
    const ok = await editor.getState()[op]()
    const v = editor.getState().voucher
    if (ok && v) void message.success(t(op === 'review' ? 'ledger.voucher.reviewedMsg' : op === 'unreview' ? 'ledger.voucher.unreviewedMsg' : 'ledger.voucher.postedMsg', { label: labelOf(v) }))
  }
  const openVoucher = (id: number) => guard(() => void editor.getState().open(id))

  if (!client) return null
  const saved = voucher !== null
  const status = voucher?.status ?? 'draft'

  return (
    <div className={`voucher-editor${drop.dragging ? ' dragging' : ''}`} data-testid="voucher-editor" data-dirty={dirty || undefined} {...drop.handlers}>
      {drop.dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <InboxOutlined />
          <span>{t('vault.dropHere')}</span>
        </div>
      )}
      <div className="editor-toolbar">
        <Space wrap size={8}>
          {canWrite && (
            <Button icon={<FileAddOutlined />} onClick={startNew} data-testid="voucher-new" aria-keyshortcuts="Control+N" title="Ctrl+N">
              {t('ledger.voucher.new')}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} loading={busy === 'save'} disabled={readOnly} data-testid="voucher-save" aria-keyshortcuts="Control+S" title="Ctrl+S">
              {t('ledger.voucher.save')}
            </Button>
          )}
          {canWrite && saved && status === 'draft' && (
            <Button
              danger
              icon={<DeleteOutlined />}
              loading={busy === 'delete'}
              data-testid="voucher-delete"
              onClick={() =>
                modal.confirm({
                  title: t('ledger.voucher.confirmDelete', { label: labelOf(voucher) }),
                  content: t('ledger.voucher.confirmDeleteDesc'),
                  okText: t('ledger.voucher.delete'),
                  okButtonProps: { danger: true, 'data-testid': 'voucher-delete-confirm' },
                  cancelText: t('common.cancel'),
                  onOk: remove,
                })
              }
            >
              {t('ledger.voucher.delete')}
            </Button>
          )}
          <Button icon={<PrinterOutlined />} disabled={!saved || dirty} onClick={() => setPrinting(true)} data-testid="voucher-print-button">
            {t('ledger.voucher.print')}
          </Button>
          {canReview && saved && status === 'draft' && !dirty && (
            <Button icon={<CheckOutlined />} loading={busy === 'review'} onClick={() => void step('review')} data-testid="voucher-review">
              {t('ledger.voucher.review')}
            </Button>
          )}
          {canReview && status === 'reviewed' && (
            <>
              <Button icon={<UndoOutlined />} loading={busy === 'unreview'} onClick={() => void step('unreview')} data-testid="voucher-unreview">
                {t('ledger.voucher.unreview')}
              </Button>
              <Button icon={<CheckOutlined />} loading={busy === 'post'} onClick={() => void step('post')} data-testid="voucher-post">
                {t('ledger.voucher.post')}
              </Button>
            </>
          )}
          {canWrite && status === 'posted' && voucher && voucher.kind !== 'reversal' && voucher.reversedById === null && (
            <Button icon={<SwapOutlined />} danger onClick={() => setReversing(true)} loading={busy === 'reverse'} data-testid="voucher-reverse">
              {t('ledger.voucher.reverse')}
            </Button>
          )}
        </Space>
        <Space size={8}>
          {voucher?.kind && voucher.kind !== 'normal' && <Tag color={voucher.kind === 'reversal' ? 'red' : 'purple'}>{t(`ledger.kind.${voucher.kind}`)}</Tag>}
          <Tag color={status === 'posted' ? 'green' : status === 'reviewed' ? 'blue' : 'default'} data-testid="voucher-status" data-status={saved ? status : 'new'}>
            {saved ? t(`ledger.status.${status}`) : t('ledger.voucher.newVoucher')}
          </Tag>
        </Space>
      </div>

      <Spin spinning={loading || !chartLoaded} description={t('ledger.voucher.loading')}>
        <div className="voucher-paper">
          <div className="voucher-title">{t('ledger.voucher.title')}</div>
          <div className="voucher-head">
            <Form.Item label={t('ledger.voucher.type')} className="vh-item" colon={false}>
              <Space.Compact>
                <Select
                  value={type}
                  onChange={(v) => editor.getState().setType(v)}
                  options={types.map((x) => ({ value: x, label: x }))}
                  disabled={readOnly || types.length === 1}
                  data-testid="voucher-type"
                  aria-label={t('ledger.voucher.type')}
                  style={{ width: 64 }}
                />
                <span className={`voucher-number${saved ? '' : ' pending'}`} data-testid="voucher-number" aria-label={t('ledger.voucher.number')}>
                  {saved ? String(voucher.number).padStart(4, '0') : t('ledger.voucher.numberPending')}
                </span>
              </Space.Compact>
            </Form.Item>
            <Form.Item
              label={t('ledger.voucher.date')}
              className="vh-item"
              colon={false}
              validateStatus={dateHint ? 'warning' : undefined}
              help={dateHint ?? undefined}
            >
              <DatePicker
                value={dateToDayjs(date)}
                onChange={(d) => editor.getState().setDate(dayjsToDate(d))}
                format="YYYY-MM-DD"
                allowClear={false}
                disabled={readOnly}
                data-testid="voucher-date"
                aria-label={t('ledger.voucher.date')}
                style={{ width: 140 }}
              />
            </Form.Item>
            <Form.Item label={t('ledger.voucher.attachments')} className="vh-item" colon={false} tooltip={attachmentsAuto && !readOnly ? t('vault.attach.auto') : undefined}>
              <Space.Compact>
                <InputNumber
                  min={0}
                  max={9999}
                  precision={0}
                  value={attachments}
                  onChange={(v) => editor.getState().setAttachments(Number(v ?? 0))}
                  disabled={readOnly}
                  data-testid="voucher-attachments"
                  aria-label={t('ledger.voucher.attachments')}
                  style={{ width: 72 }}
                />
                {t('ledger.voucher.attachmentsUnit') && <span className="voucher-unit">{t('ledger.voucher.attachmentsUnit')}</span>}
              </Space.Compact>
            </Form.Item>
          </div>

          {reason && <Alert type={reason === 'posted' ? 'success' : 'info'} showIcon data-testid="voucher-readonly" data-reason={reason} title={t(`ledger.voucher.readOnly.${reason}`)} className="editor-alert" />}
          {voucher?.reversedById && (
            <Alert
              type="warning"
              showIcon
              className="editor-alert"
              title={
                <Space>
                  {t('ledger.voucher.reversedBy')}
                  <Button type="link" size="small" onClick={() => openVoucher(voucher.reversedById!)} data-testid="voucher-open-reversal">
                    {t('ledger.voucher.open')}
                  </Button>
                </Space>
              }
            />
          )}
          {voucher?.reversesId && (
            <Alert
              type="warning"
              showIcon
              className="editor-alert"
              title={
                <Space>
                  {voucher.lines[0]?.summary ?? t('ledger.kind.reversal')}
                  <Button type="link" size="small" onClick={() => openVoucher(voucher.reversesId!)} data-testid="voucher-open-reversed">
                    {t('ledger.voucher.open')}
                  </Button>
                </Space>
              }
            />
          )}
          <ErrorAlert error={error} testId="voucher-error" onClose={() => editor.getState().clearError()} />

          <VoucherGrid readOnly={readOnly} />

          <AttachmentsPanel editable={!readOnly} canAdd={canWrite} />

          <div className="voucher-people">
            <span>
              {t('ledger.voucher.preparer')}
              {t('common.colon')}
              <span data-testid="voucher-preparer">{voucher?.preparer?.name ?? me}</span>
            </span>
            <span>
              {t('ledger.voucher.reviewer')}
              {t('common.colon')}
              <span data-testid="voucher-reviewer">{voucher?.reviewer?.name ?? ''}</span>
            </span>
            <span>
              {t('ledger.voucher.poster')}
              {t('common.colon')}
              <span data-testid="voucher-poster">{voucher?.poster?.name ?? ''}</span>
            </span>
          </div>
        </div>
      </Spin>
      <Typography.Text type="secondary" className="editor-shortcuts">
        {t('ledger.voucher.shortcuts')}
      </Typography.Text>

      <DocumentViewer />
      {printing && voucher && <VoucherPrint voucher={voucher} clientName={client.name} onClose={() => setPrinting(false)} />}
      {reversing && voucher && (
        <ReverseModal
          label={labelOf(voucher)}
          initialDate={defaultVoucherDate(workspace.getState().currentPeriod, null, todayIso())}
          onCancel={() => setReversing(false)}
          onSubmit={async (d) => {
            const r = await editor.getState().reverse(d)
            setReversing(false)
            if (r) void message.success(t('ledger.voucher.reversed', { label: voucherLabel(r.type, r.number) }))
          }}
        />
      )}
    </div>
  )
}

function ReverseModal({ label, initialDate, onCancel, onSubmit }: { label: string; initialDate: string; onCancel(): void; onSubmit(date: string): Promise<void> }) {
  const { t } = useTranslation()
  const [date, setDate] = useState(initialDate)
  const [pending, setPending] = useState(false)
  return (
    <Modal
      open
      title={t('ledger.voucher.reverseTitle', { label })}
      okText={t('ledger.voucher.reverseSubmit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: pending, disabled: !date, 'data-testid': 'voucher-reverse-submit' }}
      onCancel={onCancel}
      onOk={async () => {
        setPending(true)
        await onSubmit(date)
        setPending(false)
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('ledger.voucher.reverseHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('ledger.voucher.reverseDate')}>
          <DatePicker value={dateToDayjs(date)} onChange={(d) => setDate(dayjsToDate(d))} format="YYYY-MM-DD" allowClear={false} data-testid="voucher-reverse-date" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  )
}

