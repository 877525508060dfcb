// The document viewer: the open document of the vault store's viewer (a voucher's attachments or the
// list), decrypted in memory only — PDFs through pdf.js, TIFF scans through UTIF.js onto a canvas, images
// as a blob URL revoked when the document changes or the viewer closes. Zoom, rotate, page through; ← / → move between documents.
import { useEffect, useMemo, useState } from 'react'
import { App, Alert, Button, Modal, Space, Spin, Tag, Tooltip, Typography } from 'antd'
import { DownloadOutlined, LeftOutlined, RightOutlined, RotateRightOutlined, ZoomInOutlined, ZoomOutOutlined, ColumnWidthOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { DocumentSummary } from '../../../shared/ipc/contract'
import { PREVIEWABLE_TYPES } from '../../../shared/vault'
import { ErrorAlert } from '../components/ErrorAlert'
import { useStores, useVault } from '../stores/context'
import { useCan } from '../ledger/components/useCan'
import { PdfView } from './PdfView'
import { TiffView, type TiffProblem } from './TiffView'
import { formatBytes } from './format'

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3]

export function DocumentViewer() {
  const { vault } = useStores().ledger
  const viewer = useVault((s) => s.viewer)
  const doc = viewer?.docs[viewer.index] ?? null
  if (!viewer || !doc) return null
  return (
    <Modal
      open
      width="min(1200px, 96vw)"
      centered
      footer={null}
      onCancel={() => vault.getState().closeViewer()}
      destroyOnHidden
      className="doc-viewer-modal"
      title={<ViewerTitle doc={doc} />}
    >
      {/* keyed by document: page, zoom and rotation start afresh for each one */}
      <ViewerContent key={doc.id} />
    </Modal>
  )
}

function ViewerTitle({ doc }: { doc: DocumentSummary }) {
  const { t } = useTranslation()
  return (
    <div className="doc-viewer-title" data-testid="viewer-title">
      <Typography.Text strong ellipsis={{ tooltip: doc.name }} style={{ maxWidth: 460 }} data-testid="viewer-name">
        {doc.name}
      </Typography.Text>
      <Tag>{t(`vault.categories.${doc.category}`)}</Tag>
      <Tag color={doc.sensitivity === 'confidential' ? 'red' : doc.sensitivity === 'sensitive' ? 'orange' : 'default'}>{t(`vault.sensitivities.${doc.sensitivity}`)}</Tag>
      <span className="label-muted">{formatBytes(doc.size)}</span>
    </div>
  )
}

function ViewerContent() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { vault } = useStores().ledger
  const viewer = useVault((s) => s.viewer)
  const canExport = useCan('documents:export')
  const [zoom, setZoom] = useState(1)
  const [rotation, setRotation] = useState(0)
  const [page, setPage] = useState(1)
  const [pages, setPages] = useState(1)
  const [pdfError, setPdfError] = useState<string | null>(null)
  const [tiffProblem, setTiffProblem] = useState<TiffProblem | null>(null)
  const [fitWidth, setFitWidth] = useState<number | null>(null)
  const doc = viewer?.docs[viewer.index] ?? null
  const bytes = viewer?.bytes ?? null
  const mime = viewer?.mime ?? null

  const isImage = mime === 'image/jpeg' || mime === 'image/png'
  const blobUrl = useMemo(() => (bytes && isImage ? URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime ?? '' })) : null), [bytes, mime, isImage])
  // the plaintext's blob URL lives exactly as long as this document is shown
  useEffect(() => () => void (blobUrl && URL.revokeObjectURL(blobUrl)), [blobUrl])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return
      if (e.key === 'Escape') vault.getState().closeViewer()
      else if (e.key === 'ArrowRight') void vault.getState().viewerGo(1)
      else if (e.key === 'ArrowLeft') void vault.getState().viewerGo(-1)
      else if (e.key === 'PageDown') setPage((p) => Math.min(pages, p + 1))
      else if (e.key === 'PageUp') setPage((p) => Math.max(1, p - 1))
      else if (e.key === '+' || e.key === '=') setZoom((z) => ZOOMS.find((x) => x > z) ?? z)
      else if (e.key === '-') setZoom((z) => [...ZOOMS].reverse().find((x) => x < z) ?? z)
      else if (e.key.toLowerCase() === 'r' && !e.ctrlKey && !e.metaKey) setRotation((r) => (r + 90) % 360)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [vault, pages])

  if (!viewer || !doc) return null
  const previewable = PREVIEWABLE_TYPES.includes(doc.type)
  const exportCopy = async () => {
    const name = await vault.getState().exportDocument(doc.id)
    if (name) void message.success(t('vault.exported', { name }))
  }
  const fit = () => {
    if (doc.type !== 'pdf' || !fitWidth) return setZoom(1)
    const avail = Math.max(320, Math.min(window.innerWidth * 0.96, 1200) - 64)
    setZoom(Math.max(0.25, Math.min(4, avail / fitWidth)))
  }

  return (
    <div className="doc-viewer" data-testid="doc-viewer" data-document={doc.id} data-index={viewer.index}>
      <div className="doc-viewer-toolbar">
        <Space size={4}>
          <Tooltip title={t('vault.viewer.prev')}>
            <Button icon={<LeftOutlined />} disabled={viewer.index === 0} onClick={() => void vault.getState().viewerGo(-1)} aria-label={t('vault.viewer.prev')} data-testid="viewer-prev" />
          </Tooltip>
          <span data-testid="viewer-position">{t('vault.viewer.position', { index: String(viewer.index + 1), count: viewer.docs.length })}</span>
          <Tooltip title={t('vault.viewer.next')}>
            <Button icon={<RightOutlined />} disabled={viewer.index >= viewer.docs.length - 1} onClick={() => void vault.getState().viewerGo(1)} aria-label={t('vault.viewer.next')} data-testid="viewer-next" />
          </Tooltip>
        </Space>
        {previewable && (
          <Space size={4}>
            <Tooltip title={t('vault.viewer.zoomOut')}>
              <Button icon={<ZoomOutOutlined />} onClick={() => setZoom((z) => [...ZOOMS].reverse().find((x) => x < z) ?? z)} aria-label={t('vault.viewer.zoomOut')} data-testid="viewer-zoom-out" />
            </Tooltip>
            <span className="doc-viewer-zoom" data-testid="viewer-zoom">
              {Math.round(zoom * 100)}%
            </span>
            <Tooltip title={t('vault.viewer.zoomIn')}>
              <Button icon={<ZoomInOutlined />} onClick={() => setZoom((z) => ZOOMS.find((x) => x > z) ?? z)} aria-label={t('vault.viewer.zoomIn')} data-testid="viewer-zoom-in" />
            </Tooltip>
            <Tooltip title={t('vault.viewer.fit')}>
              <Button icon={<ColumnWidthOutlined />} onClick={fit} aria-label={t('vault.viewer.fit')} />
            </Tooltip>
            <Tooltip title={t('vault.viewer.rotate')}>
              <Button icon={<RotateRightOutlined />} onClick={() => setRotation((r) => (r + 90) % 360)} aria-label={t('vault.viewer.rotate')} data-testid="viewer-rotate" />
            </Tooltip>
          </Space>
        )}
        {(doc.type === 'pdf' || doc.type === 'tiff') && pages > 1 && (
          <Space size={4}>
            <Button size="small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)} data-testid="viewer-prev-page">
              {t('vault.viewer.prevPage')}
            </Button>
            <span data-testid="viewer-page">{t('vault.viewer.page', { page: String(page), pages: String(pages) })}</span>
            <Button size="small" disabled={page >= pages} onClick={() => setPage((p) => p + 1)} data-testid="viewer-next-page">
              {t('vault.viewer.nextPage')}
            </Button>
          </Space>
        )}
        {canExport && (
          <Button icon={<DownloadOutlined />} onClick={() => void exportCopy()} data-testid="viewer-export">
            {t('vault.export')}
          </Button>
        )}
      </div>
      {doc.sensitivity === 'confidential' && <Alert type="warning" showIcon title={t('vault.viewer.confidential')} className="doc-viewer-alert" />}
      <ErrorAlert error={viewer.error} testId="viewer-error" />
      <div className="doc-viewer-stage" data-rotation={rotation}>
        {viewer.loading ? (
          <Spin description={t('vault.viewer.loading')} />
        ) : !viewer.bytes ? null : !previewable ? (
          <Alert type="info" showIcon title={t('vault.viewer.noPreview', { type: doc.type.toUpperCase() })} data-testid="viewer-no-preview" />
        ) : doc.type === 'pdf' ? (
          pdfError ? (
            <Alert type="error" showIcon title={t('vault.viewer.pdfFailed', { message: pdfError })} data-testid="viewer-render-error" />
          ) : (
            <PdfView bytes={viewer.bytes} page={page} scale={zoom * 1.25} rotation={rotation} onPages={setPages} onError={setPdfError} onPageWidth={(w) => setFitWidth(w * 1.25)} />
          )
        ) : doc.type === 'tiff' ? (
          tiffProblem ? (
            <Alert type="error" showIcon title={t('vault.viewer.tiffFailed', { reason: t(`vault.viewer.tiffProblems.${tiffProblem}`) })} data-testid="viewer-render-error" />
          ) : (
            <TiffView bytes={viewer.bytes} page={page} zoom={zoom} rotation={rotation} onPages={setPages} onError={setTiffProblem} />
          )
        ) : (
          blobUrl && (
            <img
              src={blobUrl}
              alt={doc.name}
              data-testid="viewer-image"
              className="doc-viewer-image"
              // 100 % fills the stage's width; rotation turns the picture about its centre
              style={{ width: `${zoom * 100}%`, transform: `rotate(${rotation}deg)` }}
            />
          )
        )}
      </div>
    </div>
  )
}
