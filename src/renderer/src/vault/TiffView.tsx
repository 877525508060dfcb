// Renders one page of a TIFF held in memory (scanners write them: often several pages, often bilevel
// CCITT G4) onto a canvas with UTIF.js — Chromium shows no TIFF by itself. The bytes come from the
// vault:open answer and never touch disk; the decoded page lives on the canvas only.
import { useEffect, useMemo, useRef } from 'react'
import * as UTIF from 'utif'

export interface TiffViewProps {
  bytes: Uint8Array
  page: number
  /** 1 fills the stage's width, as for images. */
  zoom: number
  rotation: number
  onPages(pages: number): void
  onError(problem: TiffProblem): void
}

/** Why a TIFF is not shown: its pages cannot be read, it holds no image, it was cut short, or its encoding is one UTIF.js lacks. */
export type TiffProblem = 'unreadable' | 'no-image' | 'cut-short' | 'unsupported'

/** ImageWidth / ImageLength as UTIF reads them (an array of one number); 0 when absent. */
const dimension = (tag: unknown) => (Array.isArray(tag) && typeof tag[0] === 'number' ? tag[0] : 0)

/** The image file directories of a TIFF (its pages), or the reason it cannot be read. */
export function tiffPages(bytes: Uint8Array): { buffer: ArrayBuffer; ifds: UTIF.IFD[] } | { error: TiffProblem } {
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    const ifds = UTIF.decode(buffer).filter((ifd) => dimension(ifd.t256) > 0 && dimension(ifd.t257) > 0)
    return ifds.length ? { buffer, ifds } : { error: 'no-image' }
  } catch {
    return { error: 'unreadable' }
  }
}

/** One page decoded to RGBA, or the reason it cannot be. */
export function tiffPageRgba(buffer: ArrayBuffer, ifd: UTIF.IFD): { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } | { error: TiffProblem } {
  try {
    // a scan cut short (the scanner stopped mid-page) would decode to noise: say so instead
    const offsets = ifd.t273 ?? ifd.t324
    const counts = ifd.t279 ?? ifd.t325
    if (Array.isArray(offsets) && Array.isArray(counts) && offsets.some((o, i) => Number(o) + Number(counts[i] ?? 0) > buffer.byteLength)) return { error: 'cut-short' }
    UTIF.decodeImage(buffer, ifd)
    const width = ifd.width
    const height = ifd.height
    const rgba = UTIF.toRGBA8(ifd)
    if (!width || !height || rgba.length !== width * height * 4) return { error: 'unsupported' }
    return { width, height, rgba: new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.length) }
  } catch {
    return { error: 'unsupported' }
  }
}

export function TiffView({ bytes, page, zoom, rotation, onPages, onError }: TiffViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const file = useMemo(() => tiffPages(bytes), [bytes])

  useEffect(() => {
    if ('error' in file) onError(file.error)
    else onPages(file.ifds.length)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- notifications, once per file
  }, [file])

  useEffect(() => {
    const c = canvas.current
    if ('error' in file || !c) return
    const ifd = file.ifds[Math.min(Math.max(1, page), file.ifds.length) - 1]
    const image = tiffPageRgba(file.buffer, ifd)
    if ('error' in image) return onError(image.error)
    c.width = image.width
    c.height = image.height
    c.getContext('2d')!.putImageData(new ImageData(image.rgba, image.width, image.height), 0, 0)
    c.setAttribute('data-rendered-page', String(page))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onError is a notification, not an input of the drawing
  }, [file, page])

  if ('error' in file) return null
  return <canvas ref={canvas} className="doc-viewer-image" data-testid="viewer-tiff" style={{ width: `${zoom * 100}%`, transform: `rotate(${rotation}deg)` }} />
}
