// The documents attached to the voucher in the editor: add (main's dialog) or drop files to store and
// attach them, attach ones already in the vault, preview (← / → between them), detach while a draft.
// Attachments are saved with the voucher; 附单据数 follows their count unless a number was typed.
import { useState } from 'react'
import { Button, Checkbox, List, Modal, Space, Tag, Tooltip, Typography } from 'antd'
import { CloseOutlined, FolderOpenOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { DocumentSummary } from '../../../shared/ipc/contract'
import { useStores, useVault, useVoucherEditor } from '../stores/context'
import { formatBytes } from './format'
import { AddOutcomeModal, JobProgress } from './VaultParts'

export function AttachmentsPanel({ editable, canAdd }: { editable: boolean; canAdd: boolean }) {
  const { t } = useTranslation()
  const { vault, editor } = useStores().ledger
  const documents = useVoucherEditor((s) => s.documents)
  const auto = useVoucherEditor((s) => s.attachmentsAuto)
  const job = useVault((s) => s.job)
  const [picking, setPicking] = useState<DocumentSummary[] | null>(null)
  const [chosen, setChosen] = useState<string[]>([])

  const add = async () => {
    const r = await vault.getState().add()
    if (r?.added.length) editor.getState().attachDocuments(r.added)
  }
  const pick = async () => {
    const docs = await vault.getState().listUnattached()
    if (docs) {
      const attached = new Set(editor.getState().documents.map((d) => d.id))
      setPicking(docs.filter((d) => !attached.has(d.id)))
      setChosen([])
    }
  }

  return (
    <div className="attachments" data-testid="voucher-documents" data-count={documents.length}>
      <div className="attachments-head">
        <Typography.Text strong>
          <PaperClipOutlined /> {t('vault.attach.title')}
          {documents.length > 0 && <span className="label-muted"> ({documents.length})</span>}
        </Typography.Text>
        <Space size={8}>
          {editable && !auto && documents.length > 0 && (
            <Button type="link" size="small" onClick={() => editor.getState().useAttachedCount()} data-testid="attachments-auto">
              {t('vault.attach.useCount')}
            </Button>
          )}
          {editable && canAdd && (
            <>
              <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void pick()} disabled={!!job} data-testid="attach-pick">
                {t('vault.attach.pick')}
              </Button>
              <Tooltip title={t('vault.addHint')}>
                <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => void add()} disabled={!!job} data-testid="attach-add">
                  {t('vault.attach.add')}
                </Button>
              </Tooltip>
            </>
          )}
        </Space>
      </div>
      <JobProgress />
      {documents.length === 0 ? (
        <Typography.Text type="secondary" className="attachments-none">
          {t('vault.attach.none')}
          {editable && canAdd ? ` · ${t('vault.addHint')}` : ''}
        </Typography.Text>
      ) : (
        <div className="attachment-chips">
          {documents.map((d, i) => (
            <span key={d.id} className="attachment-chip" data-testid="attachment" data-name={d.name}>
              <Button type="link" size="small" onClick={() => void vault.getState().openViewer(editor.getState().documents, i)} data-testid="attachment-open">
                {d.name}
              </Button>
              <Tag bordered={false}>{t(`vault.categories.${d.category}`)}</Tag>
              <span className="label-muted">{formatBytes(d.size)}</span>
              {editable && (
                <Tooltip title={t('vault.attach.detach')}>
                  <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('vault.attach.detach')} onClick={() => editor.getState().detachDocument(d.id)} data-testid="attachment-detach" />
                </Tooltip>
              )}
            </span>
          ))}
        </div>
      )}
      <AddOutcomeModal onLink={editable ? (d) => editor.getState().attachDocuments([d]) : undefined} />
      {picking && (
        <Modal
          open
          title={t('vault.attach.pickTitle')}
          onCancel={() => setPicking(null)}
          okText={t('vault.attach.pickOk')}
          cancelText={t('vault.cancel')}
          okButtonProps={{ disabled: chosen.length === 0, 'data-testid': 'attach-pick-ok' }}
          onOk={() => {
            editor.getState().attachDocuments(picking.filter((d) => chosen.includes(d.id)))
            setPicking(null)
          }}
        >
          {picking.length === 0 ? (
            <Typography.Text type="secondary">{t('vault.attach.pickEmpty')}</Typography.Text>
          ) : (
            <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ width: '100%' }}>
              <List
                size="small"
                dataSource={picking}
                style={{ width: '100%', maxHeight: 400, overflow: 'auto' }}
                renderItem={(d) => (
                  <List.Item data-testid="attach-pick-item">
                    <Checkbox value={d.id}>
                      {d.name} <Tag bordered={false}>{t(`vault.categories.${d.category}`)}</Tag>
                      <span className="label-muted">{d.addedAt.slice(0, 10)}</span>
                    </Checkbox>
                  </List.Item>
                )}
              />
            </Checkbox.Group>
          )}
        </Modal>
      )}
    </div>
  )
}
