// What a file is: the extension names an accepted type and the content must show the same one. ZIP
// containers are told apart by their central directory (OFD, XLSX, anything else); CSV is any text,
// UTF-8 or GBK. Page counts: PDF page objects across chunk boundaries, TIFF image file directories.
import { describe, expect, it } from 'vitest'
import { PdfPageCounter, sniffType, tiffPages, typeOfName } from '../../../src/main/vault/types'
import { csvGbk, csvUtf8, docx, jpeg, ofd, pdf, png, tiff, xlsx, zip } from './samples'

const sniff = (b: Buffer) => sniffType(b.subarray(0, 64 * 1024), b.subarray(Math.max(0, b.length - 64 * 1024)))

describe('typeOfName', () => {
  it.each([
    ['扫描_发票_001.pdf', 'pdf'],
    ['RECEIPT.PDF', 'pdf'],
    ['photo.jpg', 'jpeg'],
    ['photo.JPEG', 'jpeg'],
    ['slip.png', 'png'],
    ['scan.tif', 'tiff'],
    ['scan.tiff', 'tiff'],
    ['电子发票.ofd', 'ofd'],
    ['流水.xlsx', 'xlsx'],
    ['流水.csv', 'csv'],
    ['contract.docx', null],
    ['old.xls', null],
    ['archive.tar.gz', null],
    ['README', null],
    ['pdf', null],
    ['a.pdf.exe', null],
  ])('%s → %s', (name, type) => {
    expect(typeOfName(name)).toBe(type)
  })
})

describe('sniffType', () => {
  it('reads the magic bytes of PDF, JPEG, PNG and TIFF (both byte orders)', () => {
    expect(sniff(pdf())).toBe('pdf')
    expect(sniff(jpeg())).toBe('jpeg')
    expect(sniff(png())).toBe('png')
    expect(sniff(tiff(true, 1))).toBe('tiff')
    expect(sniff(tiff(false, 1))).toBe('tiff')
    expect(tiff(true, 1).subarray(0, 4)).toEqual(Buffer.from([0x49, 0x49, 0x2a, 0x00]))
    expect(tiff(false, 1).subarray(0, 4)).toEqual(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))
  })

  it('tells ZIP containers apart by their entries: OFD.xml → OFD; [Content_Types].xml + xl/ → XLSX; else a plain ZIP', () => {
    expect(sniff(ofd())).toBe('ofd')
    expect(sniff(zip([{ name: 'Doc_0/OFD.xml', data: '<x/>' }]))).toBe('ofd')
    expect(sniff(xlsx())).toBe('xlsx')
    expect(sniff(docx())).toBe('zip')
    // [Content_Types].xml alone is not a workbook, nor is xl/ without it
    expect(sniff(zip([{ name: '[Content_Types].xml', data: '<Types/>' }]))).toBe('zip')
    expect(sniff(zip([{ name: 'xl/workbook.xml', data: '<w/>' }]))).toBe('zip')
    // a file that merely mentions OFD.xml in its data is not an OFD
    expect(sniff(zip([{ name: 'readme.txt', data: 'see OFD.xml' }]))).toBe('zip')
  })

  it('finds the central directory in the tail of a ZIP larger than the sample', () => {
    const big = zip([
      { name: 'Doc_0/Res/big.bin', data: Buffer.alloc(200 * 1024, 7) },
      { name: 'OFD.xml', data: '<ofd:OFD/>' },
    ])
    expect(big.length).toBeGreaterThan(128 * 1024)
    expect(sniff(big)).toBe('ofd')
  })

  it('takes CSV text in UTF-8 (with or without BOM) and in GBK', () => {
    expect(sniff(csvUtf8())).toBe('csv')
    expect(sniff(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csvUtf8()]))).toBe('csv')
    const gbk = csvGbk()
    expect(new TextDecoder('gbk').decode(gbk)).toBe('日期,金额\r\n2026-01-05,提现,100.00\r\n')
    expect(sniff(gbk)).toBe('csv')
  })

  it('refuses what is neither: binary bytes, NUL bytes, an empty sample', () => {
    expect(sniff(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff]))).toBeNull()
    expect(sniff(Buffer.from('a,b\0c\n'))).toBeNull()
    expect(sniff(Buffer.alloc(0))).toBeNull()
    expect(sniff(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0x01 : 0x41))))).toBeNull()
  })

  it('a PNG renamed to .pdf shows a different type than its name: the vault refuses it (content-mismatch)', () => {
    const named = typeOfName('发票.pdf')
    const seen = sniff(png())
    expect(named).toBe('pdf')
    expect(seen).toBe('png')
    expect(seen).not.toBe(named)
    // and a DOCX renamed to .xlsx is only a ZIP
    expect(sniff(docx())).not.toBe(typeOfName('book.xlsx'))
  })
})

describe('PdfPageCounter', () => {
  const count = (b: Buffer, cuts: number[]) => {
    const c = new PdfPageCounter()
    let at = 0
    for (const cut of [...cuts, b.length]) {
      c.push(b.subarray(at, cut))
      at = cut
    }
    return c.pages
  }

  it('counts /Type /Page objects, not /Pages, wherever the chunk boundaries fall', () => {
    const doc = pdf(3)
    expect(count(doc, [])).toBe(3)
    for (let cut = 1; cut < doc.length; cut++) expect(count(doc, [cut]), `cut at ${cut}`).toBe(3)
    // many tiny chunks
    expect(count(doc, Array.from({ length: Math.floor(doc.length / 5) }, (_, i) => (i + 1) * 5))).toBe(3)
  })

  it('a /Pages cut right after "Page" is not a page; a /Page at the very end of the stream is', () => {
    const pages = Buffer.from('<< /Type /Pages /Count 1 >> << /Type /Page >>', 'latin1')
    const at = pages.indexOf('/Pages') + '/Page'.length
    expect(count(pages, [at])).toBe(1)
    expect(count(Buffer.from('1 0 obj << /Type /Page', 'latin1'), [])).toBe(1)
    expect(count(Buffer.from('1 0 obj << /Type /Page', 'latin1'), [10])).toBe(1)
    expect(count(Buffer.from('<< /Type /Pages >>', 'latin1'), [13])).toBeNull()
    expect(count(Buffer.from('<< /Type\n/Page /Parent 2 0 R >>', 'latin1'), [8])).toBe(1)
  })

  it('answers null when it finds no page object (compressed object streams)', () => {
    expect(count(Buffer.from('%PDF-1.7\n<< /Type /ObjStm /N 3 >> stream ... endstream', 'latin1'), [])).toBeNull()
  })
})

describe('tiffPages', () => {
  const reader = (b: Buffer) => async (offset: number, length: number) => b.subarray(offset, Math.min(b.length, offset + length))

  it.each([
    ['little-endian', true],
    ['big-endian', false],
  ])('counts chained image file directories (%s)', async (_l, le) => {
    const two = tiff(le, 2)
    expect(await tiffPages(reader(two), two.length)).toBe(2)
    const one = tiff(le, 1)
    expect(await tiffPages(reader(one), one.length)).toBe(1)
    const five = tiff(le, 5)
    expect(await tiffPages(reader(five), five.length)).toBe(5)
  })

  it('stops at a loop or an offset outside the file', async () => {
    const loop = tiff(true, 2)
    loop.writeUInt32LE(8, 8 + 18 + 14) // the second IFD points back at the first
    expect(await tiffPages(reader(loop), loop.length)).toBe(2)
    const wild = tiff(true, 1)
    wild.writeUInt32LE(1_000_000, 4)
    expect(await tiffPages(reader(wild), wild.length)).toBeNull()
    expect(await tiffPages(reader(Buffer.from('II*')), 3)).toBeNull()
  })
})
