// Renders one page of a PDF held in memory with pdf.js onto a canvas (no browser plugin, no network:
// the bytes come from the vault:open answer and never touch disk). Page, zoom and rotation are props.
import { useEffect, useRef, useState } from 'react'
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { BundledPdfData } from './pdfData'

GlobalWorkerOptions.workerSrc = workerUrl

export interface PdfViewProps {
  bytes: Uint8Array
  page: number
  /** CSS pixels per PDF point (1 = 72 dpi). */
  scale: number
  rotation: number
  onPages(pages: number): void
  onError(message: string): void
  /** The width (CSS px) the page has at scale 1, for "fit width". */
  onPageWidth?(width: number): void
}

export function PdfView({ bytes, page, scale, rotation, onPages, onError, onPageWidth }: PdfViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null)

  useEffect(() => {
    let cancelled = false
    // pdf.js takes ownership of the buffer it is given: hand it a copy, the store keeps its own
    const task = getDocument({
      data: bytes.slice(),
      useWasm: false,
      // CMaps and standard fonts come from the bundle through the main thread, never over the network
      useWorkerFetch: false,
      BinaryDataFactory: BundledPdfData,
      isOffscreenCanvasSupported: false,
      stopAtErrors: false,
    })
    task.promise.then(
      (d) => {
        if (cancelled) return void d.cleanup()
        setDoc(d)
        onPages(d.numPages)
      },
      (e: unknown) => !cancelled && onError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      cancelled = true
      setDoc(null)
      void task.destroy()
    }
    // a new document only when the bytes change
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callbacks are stable enough; re-parsing on their change would be wasteful
  }, [bytes])

  useEffect(() => {
    if (!doc || !canvas.current) return
    let render: RenderTask | null = null
    let cancelled = false
    void doc.getPage(Math.min(Math.max(1, page), doc.numPages)).then((p) => {
      if (cancelled || !canvas.current) return
      onPageWidth?.(p.getViewport({ scale: 1, rotation }).width)
      const ratio = window.devicePixelRatio || 1
      const viewport = p.getViewport({ scale: scale * ratio, rotation })
      const c = canvas.current
      c.width = Math.floor(viewport.width)
      c.height = Math.floor(viewport.height)
      c.style.width = `${Math.floor(viewport.width / ratio)}px`
      c.style.height = `${Math.floor(viewport.height / ratio)}px`
      render = p.render({ canvas: c, viewport })
      render.promise.then(
        () => c.setAttribute('data-rendered-page', String(page)),
        (e: unknown) => {
          if (!cancelled && !(e instanceof Error && e.name === 'RenderingCancelledException')) onError(e instanceof Error ? e.message : String(e))
        },
      )
    })
    return () => {
      cancelled = true
      render?.cancel()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onError/onPageWidth are notifications, not inputs of the drawing
  }, [doc, page, scale, rotation])

  return <canvas ref={canvas} className="pdf-canvas" data-testid="viewer-pdf" />
}
