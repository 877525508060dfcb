// Pieces the document list and the voucher editor share: the running job's progress with its cancel
// button, the per-file summary of an add (refusals with reasons, duplicates offered to link), the drop
// target hook, and the drawer that edits a document's category, sensitivity, tags and notes.
import { useState, type DragEvent } from 'react'
import { Alert, Button, Drawer, Form, Input, List, Modal, Progress, Select, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DocumentSummary } from '../../../shared/ipc/contract'
import { DEFAULT_MAX_FILE_MB, DOCUMENT_CATEGORIES, SENSITIVITIES, type DocumentCategory, type Sensitivity } from '../../../shared/vault'
import { useStores, useVault } from '../stores/context'

export function JobProgress() {
  const { t } = useTranslation()
  const { vault } = useStores().ledger
  const job = useVault((s) => s.job)
  if (!job) return null
  const pct = job.total > 0 ? Math.round((job.done / job.total) * 100) : 0
  return (
    <div className="vault-job" data-testid="vault-job" data-kind={job.kind}>
      <Typography.Text>{t(`vault.job.${job.kind}`)}</Typography.Text>
      <Progress percent={pct} size="small" status="active" style={{ flex: 1, margin: '0 12px' }} format={() => t('vault.job.progress', { done: String(job.done), total: job.total ? String(job.total) : '…' })} />
      <Button size="small" onClick={() => void vault.getState().cancelJob()} disabled={job.cancelling} data-testid="vault-job-cancel">
        {job.cancelling ? t('vault.job.cancelling') : t('vault.job.cancel')}
      </Button>
    </div>
  )
}

/** The summary of the last add; `onLink` attaches an already stored duplicate instead (the voucher editor). */
export function AddOutcomeModal({ onLink, onShow }: { onLink?: (doc: DocumentSummary) => void; onShow?: (doc: DocumentSummary) => void }) {
  const { t } = useTranslation()
  const { vault } = useStores().ledger
  const outcome = useVault((s) => s.outcome)
  const limit = useVault((s) => s.status?.maxFileMb) ?? DEFAULT_MAX_FILE_MB
  const [linked, setLinked] = useState<Set<string>>(new Set())
  // only worth a dialog when something was not simply stored
  if (!outcome || (outcome.refused.length === 0 && outcome.duplicates.length === 0 && !outcome.cancelled)) return null
  const close = () => {
    setLinked(new Set())
    vault.getState().clearOutcome()
  }
  return (
    <Modal open title={t('vault.outcome.title')} onCancel={close} onOk={close} okText={t('vault.outcome.ok')} cancelButtonProps={{ style: { display: 'none' } }} okButtonProps={{ 'data-testid': 'vault-outcome-ok' }}>
      <div data-testid="vault-outcome">
        {outcome.added.length > 0 && <Alert type="success" showIcon title={t('vault.outcome.added', { count: outcome.added.length })} style={{ marginBottom: 12 }} />}
        {outcome.cancelled && <Alert type="warning" showIcon title={t('vault.outcome.cancelled')} style={{ marginBottom: 12 }} />}
        {outcome.refused.length > 0 && (
          <>
            <Typography.Title level={5}>{t('vault.outcome.refused', { count: outcome.refused.length })}</Typography.Title>
            <List
              size="small"
              dataSource={outcome.refused}
              renderItem={(r) => (
                <List.Item data-testid="vault-refused" data-reason={r.reason}>
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Typography.Text type="danger">{t(`vault.refusal.${r.reason}`, { limit: String(limit) })}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </>
        )}
        {outcome.duplicates.length > 0 && (
          <>
            <Typography.Title level={5}>{t('vault.outcome.duplicates', { count: outcome.duplicates.length })}</Typography.Title>
            <List
              size="small"
              dataSource={outcome.duplicates}
              renderItem={(d) => (
                <List.Item
                  data-testid="vault-duplicate"
                  actions={[
                    onLink &&
                      (linked.has(d.existing.id) ? (
                        <Tag color="green" key="linked">
                          {t('vault.outcome.linked')}
                        </Tag>
                      ) : (
                        <Button
                          key="link"
                          size="small"
                          type="link"
                          data-testid="vault-duplicate-link"
                          onClick={() => {
                            onLink(d.existing)
                            setLinked((s) => new Set(s).add(d.existing.id))
                          }}
                        >
                          {t('vault.outcome.link')}
                        </Button>
                      )),
                    onShow && (
                      <Button key="show" size="small" type="link" onClick={() => onShow(d.existing)}>
                        {t('vault.outcome.show')}
                      </Button>
                    ),
                  ].filter(Boolean)}
                >
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>{d.name}</Typography.Text>
                    <Typography.Text type="secondary">{t('vault.outcome.duplicateOf', { name: d.existing.name })}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </>
        )}
      </div>
    </Modal>
  )
}

/** Drop-target handlers: files dragged from the desktop become `onFiles(files)`; `dragging` while over. */
export function useFileDrop(onFiles: (files: File[]) => void, enabled: boolean) {
  const [dragging, setDragging] = useState(false)
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files')
  return {
    dragging: enabled && dragging,
    handlers: enabled
      ? {
          onDragOver: (e: DragEvent) => {
            if (!hasFiles(e)) return
            e.preventDefault()
            e.dataTransfer.dropEffect = 'copy'
            setDragging(true)
          },
          onDragLeave: (e: DragEvent) => {
            if (e.currentTarget === e.target) setDragging(false)
          },
          onDrop: (e: DragEvent) => {
            if (!hasFiles(e)) return
            e.preventDefault()
            setDragging(false)
            const files = Array.from(e.dataTransfer.files)
            if (files.length) onFiles(files)
          },
        }
      : {},
  }
}

interface EditValues {
  category: DocumentCategory
  sensitivity: Sensitivity
  tags: string[]
  notes: string
}

export function DocumentEditDrawer({ doc, onClose }: { doc: DocumentSummary | null; onClose(): void }) {
  const { t } = useTranslation()
  const { vault } = useStores().ledger
  const busy = useVault((s) => s.busy)
  const [form] = Form.useForm<EditValues>()
  if (!doc) return null
  return (
    <Drawer
      open
      title={t('vault.editTitle')}
      width={420}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('vault.cancel')}</Button>
          <Button type="primary" loading={busy === `update:${doc.id}`} onClick={() => form.submit()} data-testid="doc-edit-save">
            {t('vault.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph strong ellipsis={{ tooltip: doc.name }}>
        {doc.name}
      </Typography.Paragraph>
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{ category: doc.category, sensitivity: doc.sensitivity, tags: doc.tags, notes: doc.notes }}
        onFinish={async (v) => {
          if (await vault.getState().update(doc.id, { category: v.category, sensitivity: v.sensitivity, tags: v.tags, notes: v.notes })) onClose()
        }}
      >
        <Form.Item name="category" label={t('vault.category')}>
          <Select data-testid="doc-edit-category" options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`vault.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="sensitivity" label={t('vault.sensitivity')}>
          <Select data-testid="doc-edit-sensitivity" options={SENSITIVITIES.map((c) => ({ value: c, label: t(`vault.sensitivities.${c}`) }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('vault.tags')}>
          <Select mode="tags" data-testid="doc-edit-tags" placeholder={t('vault.tagsPlaceholder')} tokenSeparators={[',', '，']} maxCount={20} />
        </Form.Item>
        <Form.Item name="notes" label={t('vault.notes')}>
          <Input.TextArea data-testid="doc-edit-notes" rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
