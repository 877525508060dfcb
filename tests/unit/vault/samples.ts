// Small sample files for the vault tests, built in code: PDF, JPEG, PNG, TIFF (either byte order, any
// number of pages), minimal valid ZIP containers with stored entries (OFD, XLSX, a DOCX-like one), CSV
// in UTF-8 and in GBK. `unique` text makes each sample's content (and so its hash) distinct.
import { randomBytes } from 'node:crypto'

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

export function crc32(b: Buffer): number {
  let c = 0xffffffff
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A minimal valid ZIP: local headers with stored (uncompressed) entries, the central directory, the end record. */
export function zip(entries: { name: string; data: Buffer | string }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

export const unique = () => randomBytes(8).toString('hex')

/** A PDF in the plain layout invoice printers write: `pages` page objects under one /Pages node. */
export function pdf(pages = 1, text = unique()): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')
  const objs = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`,
    ...Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /Contents (${text} p${i + 1}) >> endobj`),
  ]
  return Buffer.from(`%PDF-1.4\n${objs.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1')
}

export const png = (extra = unique()) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(`IHDR${extra}`), randomBytes(64)])
export const jpeg = (extra = unique()) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from(`JFIF\0${extra}`), randomBytes(64), Buffer.from([0xff, 0xd9])])

/** A TIFF with `pages` image file directories of one entry each, chained. */
export function tiff(littleEndian: boolean, pages: number): Buffer {
  const ifd = 2 + 12 + 4
  const b = Buffer.alloc(8 + pages * ifd)
  const u16 = (v: number, o: number) => (littleEndian ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o))
  const u32 = (v: number, o: number) => (littleEndian ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o))
  b.write(littleEndian ? 'II' : 'MM', 0, 'latin1')
  u16(42, 2)
  u32(8, 4)
  for (let i = 0; i < pages; i++) {
    const at = 8 + i * ifd
    u16(1, at) // one entry
    u16(256, at + 2) // ImageWidth
    u16(3, at + 4) // SHORT
    u32(1, at + 6)
    u32(100, at + 10)
    u32(i + 1 < pages ? at + ifd : 0, at + 14) // next IFD
  }
  return b
}

export const ofd = (extra = unique()) =>
  zip([
    { name: 'OFD.xml', data: `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" DocType="OFD" Version="1.0"><!--${extra}--></ofd:OFD>` },
    { name: 'Doc_0/Document.xml', data: '<ofd:Document/>' },
  ])

export const xlsx = (extra = unique()) =>
  zip([
    { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: '<Relationships/>' },
    { name: 'xl/workbook.xml', data: `<workbook><!--${extra}--></workbook>` },
    { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' },
  ])

/** A Word document's container: a ZIP, but neither OFD nor XLSX. */
export const docx = (extra = unique()) =>
  zip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: `<w:document><!--${extra}--></w:document>` },
  ])

export const csvUtf8 = (extra = unique()) => Buffer.from(`日期,摘要,金额\n2026-01-05,提现 ${extra},1234.50\n`, 'utf8')

/** 日期,金额 / 2026-01-05,提现 in GBK (GB 2312 code points), as Chinese Excel saves CSV. */
export const csvGbk = () =>
  Buffer.concat([
    Buffer.from([0xc8, 0xd5, 0xc6, 0xda]), // 日期
    Buffer.from(',', 'latin1'),
    Buffer.from([0xbd, 0xf0, 0xb6, 0xee]), // 金额
    Buffer.from('\r\n2026-01-05,', 'latin1'),
    Buffer.from([0xcc, 0xe1, 0xcf, 0xd6]), // 提现
    Buffer.from(',100.00\r\n', 'latin1'),
  ])
