// What a file is: its extension must name an accepted type and its first (and for ZIP containers, last)
// bytes must match it. Pure functions over byte samples, plus the page counters for PDF and TIFF.
// It must not read whole files: callers pass the samples.
import type { DocumentType } from '../../shared/vault'

const EXTENSIONS: Record<string, DocumentType> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  tif: 'tiff',
  tiff: 'tiff',
  ofd: 'ofd',
  xlsx: 'xlsx',
  csv: 'csv',
}

/** The accepted type an extension names, or null. */
export function typeOfName(name: string): DocumentType | null {
  const dot = name.lastIndexOf('.')
  if (dot < 0) return null
  return EXTENSIONS[name.slice(dot + 1).toLowerCase()] ?? null
}

export const ACCEPTED_EXTENSIONS = Object.keys(EXTENSIONS)

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x)

/** Names of the entries in a ZIP's central directory, from the file's last bytes (bounded). */
function zipEntryNames(tail: Buffer): string[] {
  const names: string[] = []
  // central directory file headers: PK\x01\x02, name length at +28, extra at +30, comment at +32, name at +46
  for (let i = tail.indexOf('PK\x01\x02', 0, 'latin1'); i >= 0 && i + 46 <= tail.length; i = tail.indexOf('PK\x01\x02', i + 4, 'latin1')) {
    const n = tail.readUInt16LE(i + 28)
    if (i + 46 + n > tail.length) break
    names.push(tail.subarray(i + 46, i + 46 + n).toString('utf8'))
    if (names.length > 10000) break
  }
  return names
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false
  let control = 0
  for (const b of head) {
    if (b === 0) return false
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++
  }
  return control / head.length < 0.01
}

/**
 * The type the content shows, judged from the first bytes (`head`, up to 64 KiB) and, for ZIP
 * containers, the last bytes (`tail`, up to 64 KiB, holding the central directory).
 */
export function sniffType(head: Buffer, tail: Buffer): DocumentType | 'zip' | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf' // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff'
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(tail)
    if (names.some((n) => n === 'OFD.xml' || n.endsWith('/OFD.xml'))) return 'ofd'
    if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return 'xlsx'
    return 'zip'
  }
  if (looksLikeText(head)) return 'csv'
  return null
}

export const MIME: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  ofd: 'application/ofd',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
}

/**
 * Counts PDF page objects (`/Type /Page`, not `/Pages`) in a stream of chunks. An estimate for
 * compressed object streams (then null), exact for the plain layout scanners and invoice printers write.
 */
export class PdfPageCounter {
  private carry = ''
  private n = 0
  push(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1')
    const re = /\/Type\s*\/Page(?![a-zA-Z])/g
    let last = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length
      // `/Type /Page` at the very end may be `/Type /Pages` cut by the boundary: the next chunk decides
      if (end === text.length) {
        this.carry = text.slice(m.index)
        return
      }
      this.n++
      last = end
    }
    // keep a tail that could hold the start of a match cut by the chunk boundary (after the last match)
    this.carry = text.slice(Math.max(last, text.length - 24))
  }
  get pages(): number | null {
    // a match left undecided at the end of the stream is a page
    const n = this.n + (/\/Type\s*\/Page$/.test(this.carry) ? 1 : 0)
    return n > 0 ? n : null
  }
}

/** Counts the image file directories of a TIFF through `read(offset, length)`; null when unreadable. */
export async function tiffPages(read: (offset: number, length: number) => Promise<Buffer>, size: number): Promise<number | null> {
  const head = await read(0, 8)
  if (head.length < 8) return null
  const le = head[0] === 0x49
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o))
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o))
  let offset = u32(head, 4)
  const seen = new Set<number>()
  let pages = 0
  while (offset !== 0) {
    if (offset + 2 > size || seen.has(offset) || pages >= 10000) return pages || null
    seen.add(offset)
    const countBuf = await read(offset, 2)
    if (countBuf.length < 2) return pages || null
    const entries = u16(countBuf, 0)
    const next = await read(offset + 2 + entries * 12, 4)
    if (next.length < 4) return pages + 1
    pages++
    offset = u32(next, 0)
  }
  return pages
}
