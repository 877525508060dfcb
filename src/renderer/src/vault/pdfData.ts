// pdf.js asks for Adobe's predefined CMaps (UniGB-UCS2-H and the rest: how the text of a PDF with a
// non-embedded Chinese font such as STSong-Light maps to characters; most e-invoices are made that way)
// and the standard font files. The window may fetch nothing (CSP connect-src 'none'), so both sets ship
// inside the renderer bundle as lazily imported modules, each loaded the first time a PDF needs it.
const cmaps = import.meta.glob<string>('../../../../node_modules/pdfjs-dist/cmaps/*.bcmap', { query: '?inline', import: 'default' })
const fonts = import.meta.glob<string>('../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', { query: '?inline', import: 'default' })

const byName = (modules: Record<string, () => Promise<string>>) => new Map(Object.entries(modules).map(([path, load]) => [path.slice(path.lastIndexOf('/') + 1), load]))
const CMAPS = byName(cmaps)
const FONTS = byName(fonts)

/** The bytes of a data: URL (base64), decoded without fetch. */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',')
  if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64')) throw new Error('not a base64 data URL')
  const text = atob(url.slice(comma + 1))
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}

/** The file names bundled (the tests compare them with the pdfjs-dist package). */
export const bundledPdfData = { cmaps: [...CMAPS.keys()], fonts: [...FONTS.keys()] }

/**
 * pdf.js's BinaryDataFactory, answered from the bundle. pdf.js constructs it with its URL options
 * (unused here) and calls fetch({ kind, filename }) from the main thread when its worker needs a file.
 */
export class BundledPdfData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const table = kind === 'cMapUrl' ? CMAPS : kind === 'standardFontDataUrl' ? FONTS : null
    const load = table?.get(filename)
    if (!load) throw new Error(`No bundled ${kind === 'cMapUrl' ? 'CMap' : kind === 'standardFontDataUrl' ? 'font' : kind} named ${filename}`)
    return dataUrlBytes(await load())
  }
}
