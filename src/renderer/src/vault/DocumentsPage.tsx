// 单据: the client's document vault — search and filters, add by main's file dialog or by dropping files
// on the page, preview, export a copy, edit details, remove / restore, purge (admins); and for admins and
// supervisors the maintenance card: counts, verify every body, change the vault key, the scanner inbox.
import { useEffect, useMemo, useState } from 'react'
import { App, Alert, Button, Card, Checkbox, DatePicker, Input, List, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { DeleteOutlined, EditOutlined, EyeOutlined, DownloadOutlined, InboxOutlined, PlusOutlined, SafetyOutlined, UndoOutlined, KeyOutlined, FolderOpenOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { DocumentSummary } from '../../../shared/ipc/contract'
import { DOCUMENT_CATEGORIES, type DocumentCategory } from '../../../shared/vault'
import { ErrorAlert } from '../components/ErrorAlert'
import { dateToDayjs, dayjsToDate } from '../ledger/components/dates'
import { useCan } from '../ledger/components/useCan'
import { useGuard } from '../ledger/components/useGuard'
import { useStores, useVault, useWorkspace } from '../stores/context'
import { DocumentViewer } from './DocumentViewer'
import { formatBytes, isArchived } from './format'
import { AddOutcomeModal, DocumentEditDrawer, JobProgress, useFileDrop } from './VaultParts'

const SENSITIVITY_COLOR = { normal: 'default', sensitive: 'orange', confidential: 'red' } as const

export function DocumentsPage() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const { vault, editor, workspace } = useStores().ledger
  const client = useWorkspace((s) => s.client)
  const documents = useVault((s) => s.documents)
  const total = useVault((s) => s.total)
  const filters = useVault((s) => s.filters)
  const loading = useVault((s) => s.loading)
  const error = useVault((s) => s.error)
  const job = useVault((s) => s.job)
  const busy = useVault((s) => s.busy)
  const canWrite = useCan('ledger:write')
  const canExport = useCan('documents:export')
  const canPurge = useCan('documents:purge')
  const canVerify = useCan('vault:verify')
  const guard = useGuard()
  const [editing, setEditing] = useState<DocumentSummary | null>(null)
  const [text, setText] = useState(filters.text)

  useEffect(() => {
    void vault.getState().load()
    void vault.getState().loadStatus()
  }, [vault, client?.id])

  const drop = useFileDrop((files) => void vault.getState().addDropped(files, filters.category ?? undefined), canWrite && !job && filters.status === 'active')

  const openVoucher = (id: number) =>
    guard(() => {
      void editor.getState().open(id)
      workspace.getState().go('entry')
    })

  const confirmRemove = (d: DocumentSummary) =>
    modal.confirm({
      title: t('vault.removeConfirm', { name: d.name }),
      content: t('vault.removeDesc'),
      okText: t('vault.remove'),
      okButtonProps: { danger: true, 'data-testid': 'doc-remove-confirm' },
      cancelText: t('vault.cancel'),
      onOk: async () => {
        if (await vault.getState().remove(d.id)) void message.success(t('vault.removed', { name: d.name }))
      },
    })
  const confirmPurge = (d: DocumentSummary) =>
    modal.confirm({
      title: t('vault.purgeConfirm', { name: d.name }),
      content: t('vault.purgeDesc'),
      okText: t('vault.purge'),
      okButtonProps: { danger: true, 'data-testid': 'doc-purge-confirm' },
      cancelText: t('vault.cancel'),
      onOk: async () => {
        if (await vault.getState().purge(d.id)) void message.success(t('vault.purged'))
      },
    })
  const exportCopy = async (d: DocumentSummary) => {
    const name = await vault.getState().exportDocument(d.id)
    if (name) void message.success(t('vault.exported', { name }))
  }

  const columns: TableColumnsType<DocumentSummary> = useMemo(
    () => [
      {
        title: t('vault.name'),
        key: 'name',
        ellipsis: true,
        render: (_, d, i) => (
          <Button type="link" className="doc-name-link" onClick={() => void vault.getState().openViewer(vault.getState().documents, i)} data-testid="doc-open">
            {d.name}
          </Button>
        ),
      },
      { title: t('vault.category'), key: 'category', width: 84, render: (_, d) => <Tag>{t(`vault.categories.${d.category}`)}</Tag> },
      { title: t('vault.sensitivity'), key: 'sensitivity', width: 66, render: (_, d) => <Tag color={SENSITIVITY_COLOR[d.sensitivity]}>{t(`vault.sensitivities.${d.sensitivity}`)}</Tag> },
      {
        title: t('vault.tags'),
        key: 'tags',
        width: 130,
        render: (_, d) => (
          <span className="doc-tags">
            {d.tags.map((x) => (
              <Tag key={x} color="blue" bordered={false}>
                {x}
              </Tag>
            ))}
            {d.notes && (
              <Typography.Text type="secondary" ellipsis={{ tooltip: d.notes }} style={{ maxWidth: 120 }}>
                {d.notes}
              </Typography.Text>
            )}
          </span>
        ),
      },
      {
        title: t('vault.vouchers'),
        key: 'vouchers',
        width: 96,
        render: (_, d) =>
          d.vouchers.map((v) => (
            <Button key={v.id} type="link" size="small" className="mono doc-voucher-link" onClick={() => openVoucher(v.id)}>
              {v.label}
              {v.status === 'posted' ? ' ✓' : ''}
            </Button>
          )),
      },
      { title: t('vault.size'), key: 'size', width: 76, align: 'right', render: (_, d) => formatBytes(d.size) },
      { title: t('vault.pages'), key: 'pages', width: 48, align: 'right', render: (_, d) => d.pages ?? '' },
      { title: t('vault.addedBy'), dataIndex: 'addedBy', key: 'addedBy', width: 76, ellipsis: true },
      { title: filters.status === 'removed' ? t('vault.removedAt') : t('vault.addedAt'), key: 'at', width: 96, render: (_, d) => (filters.status === 'removed' ? d.removedAt : d.addedAt)?.slice(0, 10) },
      {
        title: t('vault.actions'),
        key: 'actions',
        width: 136,
        render: (_, d, i) => (
          <Space size={0}>
            <Tooltip title={t('vault.preview')}>
              <Button type="text" size="small" icon={<EyeOutlined />} aria-label={t('vault.preview')} onClick={() => void vault.getState().openViewer(vault.getState().documents, i)} />
            </Tooltip>
            {canExport && (
              <Tooltip title={t('vault.export')}>
                <Button type="text" size="small" icon={<DownloadOutlined />} aria-label={t('vault.export')} loading={busy === `export:${d.id}`} onClick={() => void exportCopy(d)} data-testid="doc-export" />
              </Tooltip>
            )}
            {canWrite && d.status === 'active' && (
              <Tooltip title={t('vault.edit')}>
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('vault.edit')} onClick={() => setEditing(d)} data-testid="doc-edit" />
              </Tooltip>
            )}
            {canWrite && d.status === 'active' && (
              <Tooltip title={isArchived(d) ? t('vault.attach.archived') : t('vault.remove')}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('vault.remove')} onClick={() => confirmRemove(d)} data-testid="doc-remove" />
              </Tooltip>
            )}
            {canWrite && d.status === 'removed' && (
              <Tooltip title={t('vault.restore')}>
                <Button type="text" size="small" icon={<UndoOutlined />} aria-label={t('vault.restore')} onClick={() => void vault.getState().restore(d.id).then((r) => r && message.success(t('vault.restored', { name: d.name })))} data-testid="doc-restore" />
              </Tooltip>
            )}
            {canPurge && d.status === 'removed' && (
              <Button type="link" size="small" danger onClick={() => confirmPurge(d)} data-testid="doc-purge">
                {t('vault.purge')}
              </Button>
            )}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- handlers read the stores when clicked
    [t, filters.status, canExport, canWrite, canPurge, busy],
  )

  if (!client) return null
  return (
    <div className={`documents-page${drop.dragging ? ' dragging' : ''}`} data-testid="documents-page" {...drop.handlers}>
      {drop.dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <InboxOutlined />
          <span>{t('vault.dropHere')}</span>
        </div>
      )}
      <Typography.Paragraph type="secondary" className="page-intro">
        {t('vault.intro')}
      </Typography.Paragraph>
      <div className="filter-bar">
        <Input.Search
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => void vault.getState().setFilters({ text: v })}
          placeholder={t('vault.search')}
          allowClear
          style={{ width: 260 }}
          data-testid="docs-search"
          aria-label={t('vault.search')}
        />
        <Select<DocumentCategory | 'all'>
          value={filters.category ?? 'all'}
          onChange={(v) => void vault.getState().setFilters({ category: v === 'all' ? null : v })}
          options={[{ value: 'all', label: t('vault.allCategories') }, ...DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`vault.categories.${c}`) }))]}
          style={{ width: 120 }}
          aria-label={t('vault.category')}
          data-testid="docs-category"
        />
        <DatePicker.RangePicker
          value={[dateToDayjs(filters.from ?? ''), dateToDayjs(filters.to ?? '')]}
          onChange={(r) => void vault.getState().setFilters({ from: r?.[0] ? dayjsToDate(r[0]) : null, to: r?.[1] ? dayjsToDate(r[1]) : null })}
          placeholder={[t('vault.from'), t('vault.to')]}
          style={{ width: 240 }}
        />
        <Checkbox checked={filters.unattached} onChange={(e) => void vault.getState().setFilters({ unattached: e.target.checked })} data-testid="docs-unattached">
          {t('vault.unattached')}
        </Checkbox>
        <Segmented
          value={filters.status}
          onChange={(v) => void vault.getState().setFilters({ status: v as 'active' | 'removed' })}
          options={[
            { value: 'active', label: t('vault.statusActive') },
            { value: 'removed', label: t('vault.statusRemoved') },
          ]}
          data-testid="docs-status"
        />
        <span className="filter-spacer" />
        {canWrite && (
          <Tooltip title={t('vault.addHint')}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void vault.getState().add(filters.category ?? undefined)} disabled={!!job} data-testid="docs-add">
              {t('vault.add')}
            </Button>
          </Tooltip>
        )}
      </div>
      <JobProgress />
      <ErrorAlert error={error} testId="docs-error" onClose={() => vault.getState().clearError()} />
      <Table<DocumentSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={documents}
        loading={loading}
        pagination={false}
        virtual
        scroll={{ y: 520, x: 990 }}
        data-testid="docs-table"
        onRow={(d) => ({ 'data-testid': 'doc-row', 'data-name': d.name, 'data-status': d.status } as object)}
        locale={{ emptyText: filters.status === 'removed' ? t('vault.emptyRemoved') : t('vault.empty') }}
        footer={() => <span data-testid="docs-count">{t('vault.count', { count: total })}</span>}
      />
      {canVerify && <VaultAdminCard />}
      <AddOutcomeModal onShow={(d) => void vault.getState().openViewer([d], 0)} />
      <DocumentEditDrawer doc={editing} onClose={() => setEditing(null)} />
      <DocumentViewer />
    </div>
  )
}

function VaultAdminCard() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const { vault } = useStores().ledger
  const status = useVault((s) => s.status)
  const verification = useVault((s) => s.verification)
  const job = useVault((s) => s.job)
  const busy = useVault((s) => s.busy)
  const canManage = useCan('vault:manage')

  const rotate = () =>
    modal.confirm({
      title: t('vault.admin.rotateConfirm'),
      content: t('vault.admin.rotateDesc'),
      okText: t('vault.admin.rotate'),
      cancelText: t('vault.cancel'),
      okButtonProps: { 'data-testid': 'vault-rotate-confirm' },
      onOk: async () => {
        const r = await vault.getState().rotateKey()
        if (r) void (r.remaining === 0 ? message.success(t('vault.admin.rotated', { version: String(r.keyVersion) })) : message.warning(t('vault.admin.rotatePaused', { remaining: String(r.remaining) })))
      },
    })

  return (
    <Card size="small" title={<span><SafetyOutlined /> {t('vault.admin.title')}</span>} className="vault-admin" data-testid="vault-admin">
      {status && (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <span data-testid="vault-status">{t('vault.admin.documents', { count: status.documents, removed: String(status.removed), size: formatBytes(status.bytes) })}</span>
          <span className="label-muted" data-testid="vault-key-version" data-version={status.keyVersion}>
            <KeyOutlined /> {t('vault.admin.keyVersion', { version: String(status.keyVersion) })}
          </span>
          {status.rotation && <Alert type="warning" showIcon title={t('vault.admin.rotationPending', { remaining: String(status.rotation.remaining) })} data-testid="vault-rotation-pending" />}
        </Space>
      )}
      <Space wrap style={{ marginTop: 12 }}>
        <Button icon={<SafetyOutlined />} onClick={() => void vault.getState().verify()} disabled={!!job} data-testid="vault-verify">
          {t('vault.admin.verify')}
        </Button>
        {canManage && (
          <Button icon={<KeyOutlined />} onClick={rotate} disabled={!!job} data-testid="vault-rotate">
            {t('vault.admin.rotate')}
          </Button>
        )}
      </Space>
      {verification && (
        <div className="vault-verification" data-testid="vault-verification" data-ok={verification.ok}>
          {verification.cancelled ? (
            <Alert type="warning" showIcon title={t('vault.admin.verifyCancelled', { checked: String(verification.checked), total: String(verification.total) })} />
          ) : verification.ok ? (
            <Alert type="success" showIcon title={t('vault.admin.verifyOk', { checked: String(verification.checked) })} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('vault.admin.verifyBad', { bad: String(verification.bad.length), orphans: String(verification.orphans.length) })}
              description={
                <List
                  size="small"
                  dataSource={[...verification.bad.map((b) => ({ key: b.documentId, name: b.name, what: t(`vault.problems.${b.problem}`) })), ...verification.orphans.map((o) => ({ key: o, name: o, what: t('vault.admin.orphan') }))]}
                  renderItem={(x) => (
                    <List.Item data-testid="vault-bad">
                      <Typography.Text strong>{x.name}</Typography.Text>：{x.what}
                    </List.Item>
                  )}
                />
              }
            />
          )}
        </div>
      )}
      {canManage && status && (
        <div className="vault-inbox" data-testid="vault-inbox">
          <Typography.Text strong>
            <FolderOpenOutlined /> {t('vault.admin.inbox')}
          </Typography.Text>
          {status.inbox ? (
            <Space wrap>
              <span className="mono" data-testid="vault-inbox-path">
                {status.inbox.path ? t('vault.admin.inboxPath', { path: status.inbox.path }) : t('vault.admin.inboxSet')}
              </span>
              <Tag color={status.inbox.watching ? 'green' : 'default'}>{status.inbox.watching ? t('vault.admin.inboxWatching') : t('vault.admin.inboxIdle')}</Tag>
            </Space>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('vault.admin.inboxNone')}
            </Typography.Paragraph>
          )}
          <Space>
            <Button size="small" onClick={() => void vault.getState().chooseInbox()} loading={busy === 'inbox'} data-testid="vault-inbox-choose">
              {t('vault.admin.chooseInbox')}
            </Button>
            {status.inbox && (
              <Button size="small" onClick={() => void vault.getState().clearInbox()} data-testid="vault-inbox-clear">
                {t('vault.admin.clearInbox')}
              </Button>
            )}
          </Space>
        </div>
      )}
    </Card>
  )
}
