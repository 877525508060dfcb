// Small, valid, deterministic "scans" for the document specs: a PNG receipt and a PDF invoice, written
// into the harness's desktop folder, where the scripted dialogs and drops find them.
import { deflateSync } from 'node:zlib'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const CRC = (() => {
  const t = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c
  }
  return t
})()
function crc32(b: Buffer): number {
  let c = -1
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8)
  return (c ^ -1) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

/** An RGB PNG: a paper-coloured slip with a coloured header band and ruled lines; `tint` varies it. */
export function makePng(width = 360, height = 220, tint = 0): Buffer {
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      let rgb = [250, 248, 240]
      if (y < 36) rgb = [200 - tint * 40, 40 + tint * 60, 40]
      else if (y % 24 === 0 || x < 3 || x > width - 4 || y > height - 4) rgb = [120, 120, 130]
      else if (y > 60 && y < 70 && x > 20 && x < 20 + ((x * 7 + tint) % 200)) rgb = [30, 30, 30]
      row.set(rgb, 1 + x * 3)
    }
    rows.push(row)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
}

/** A PDF of `pages` A5 pages, each with a ruled box and a line of text, and a correct xref table. */
export function makePdf(pages = 2, title = 'INVOICE'): Buffer {
  return pdfOf(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    Array.from({ length: pages }, (_, i) => `0.9 0.2 0.2 RG 3 w 30 30 360 535 re S 0 0 0 rg BT /F1 22 Tf 60 520 Td (${title} No. 2026-${String(i + 1).padStart(4, '0')}) Tj ET 0.2 0.2 0.6 rg 60 420 ${120 + i * 60} 40 re f`),
  )
}

/**
 * A page of Chinese text only, in a font the file does not embed (STSong-Light through the predefined
 * UniGB-UCS2-H CMap), the way most e-invoices are written: a viewer without Adobe's CMaps draws nothing.
 */
export function makeCjkPdf(text: string): Buffer {
  const hex = [...text].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('')
  return pdfOf(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>] >>',
    [`0 0 0 rg BT /F1 40 Tf 30 480 Td <${hex}> Tj ET`],
  )
}

/** A PDF whose pages each draw one content stream with font /F1. */
function pdfOf(font: string, contents: string[]): Buffer {
  const objs: string[] = []
  const kids = contents.map((_, i) => 4 + i * 2)
  objs.push('<< /Type /Catalog /Pages 2 0 R >>')
  objs.push(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${contents.length} >>`)
  objs.push(font)
  contents.forEach((content, i) => {
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`)
    objs.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`)
  })
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/**
 * A multi-page TIFF as scanners write it without compression: little-endian, 8-bit RGB, one strip per
 * page, white with a coloured block (red, green, blue, … by page) at a place that moves with the page.
 */
export function makeTiff(pages = 2, width = 300, height = 200): Buffer {
  const colours = [[200, 30, 30], [30, 160, 60], [40, 60, 200]]
  const entries = 11
  const ifdSize = 2 + entries * 12 + 4
  const pixels = width * height * 3
  const pageSize = ifdSize + 6 + pixels // IFD, BitsPerSample [8, 8, 8], the strip
  const out = Buffer.alloc(8 + pages * pageSize)
  out.write('II', 0, 'latin1')
  out.writeUInt16LE(42, 2)
  out.writeUInt32LE(8, 4)
  for (let p = 0; p < pages; p++) {
    const ifd = 8 + p * pageSize
    const bits = ifd + ifdSize
    const strip = bits + 6
    const tags: [number, number, number, number][] = [
      [256, 3, 1, width], [257, 3, 1, height], [258, 3, 3, bits], [259, 3, 1, 1], [262, 3, 1, 2],
      [273, 4, 1, strip], [277, 3, 1, 3], [278, 3, 1, height], [279, 4, 1, pixels], [284, 3, 1, 1], [296, 3, 1, 2],
    ]
    out.writeUInt16LE(entries, ifd)
    tags.forEach(([tag, type, count, value], i) => {
      const at = ifd + 2 + i * 12
      out.writeUInt16LE(tag, at)
      out.writeUInt16LE(type, at + 2)
      out.writeUInt32LE(count, at + 4)
      if (type === 3 && count === 1) out.writeUInt16LE(value, at + 8)
      else out.writeUInt32LE(value, at + 8)
    })
    out.writeUInt32LE(p + 1 < pages ? 8 + (p + 1) * pageSize : 0, ifd + 2 + entries * 12)
    for (let k = 0; k < 3; k++) out.writeUInt16LE(8, bits + k * 2)
    const [r, g, b] = colours[p % colours.length]
    const x0 = 20 + p * 40
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const inside = x >= x0 && x < x0 + width / 3 && y >= 30 && y < height - 30
        out.set(inside ? [r, g, b] : [255, 255, 255], strip + (y * width + x) * 3)
      }
  }
  return out
}

/**
 * A two-page 600×400 bilevel scan, CCITT Group 4 (the compression office scanners use for black and
 * white), made once with ImageMagick: page 1 a bar at the top and a dot, page 2 a bar at the bottom.
 *   convert -size 600x400 xc:white -fill black -draw "rectangle 60,60 540,140" -draw "circle 300,280 300,340" -monochrome p1.tif
 *   convert -size 600x400 xc:white -fill black -draw "rectangle 60,260 540,340" -monochrome p2.tif
 *   convert p1.tif p2.tif -compress Group4 scan-g4.tif
 */
export function makeG4Tiff(): Buffer {
  return Buffer.from(
    'SUkqALoAAAD/////////8pYGoNf///////////////////////////////////////8f////////////5bi4eW42BiW5gGuCBwQO' +
    'EHBB0DhOEHThB06dBwnTp06dPdadOn6dOu/T9P0/T/p/0/626///df///eur//+1/7X9r+17Xte17XtWvatWr4V7Vq1DWFDVq1DC' +
    'tQwoYUMKGFYUt1Ya8GCluNgYluLIjhYj/////////8AEAEAAEAD+AAQAAQAAAAIAAAAAAQMAAQAAAFgCAAABAQMAAQAAAJABAAAC' +
    'AQMAAQAAAAEAAAADAQMAAQAAAAQAAAAGAQMAAQAAAAAAAAAKAQMAAQAAAAEAAAARAQQAAQAAAAgAAAASAQMAAQAAAAEAAAAVAQMA' +
    'AQAAAAEAAAAWAQMAAQAAAJABAAAXAQQAAQAAALEAAAAcAQMAAQAAAAEAAAApAQMAAgAAAAAAAgA+AQUAAgAAALABAAA/AQUABgAA' +
    'AIABAAAOAgAAhetRAAAAgADD9agAAAAAAs3MTAAAAAABzcxMAAAAgADNzEwAAAAAAo/C9QAAAAAQNxqgAAAAAAIrhwoAAAAgAP//' +
    '////////////////////////////////////////8pYGoNf///////////////////////////////////////8f/////////gAg' +
    'AhAA/gAEAAEAAAACAAAAAAEDAAEAAABYAgAAAQEDAAEAAACQAQAAAgEDAAEAAAABAAAAAwEDAAEAAAAEAAAABgEDAAEAAAAAAAAA' +
    'CgEDAAEAAAABAAAAEQEEAAEAAADAAQAAEgEDAAEAAAABAAAAFQEDAAEAAAABAAAAFgEDAAEAAACQAQAAFwEEAAEAAABOAAAAHAED' +
    'AAEAAAABAAAAKQEDAAIAAAABAAIAPgEFAAIAAAAEAwAAPwEFAAYAAADUAgAAAAAAAIXrUQAAAIAAw/WoAAAAAALNzEwAAAAAAc3M' +
    'TAAAAIAAzcxMAAAAAAKPwvUAAAAAEDcaoAAAAAACK4cKAAAAIAA=',
    'base64',
  )
}

/** Writes files into `dir`; answers their absolute paths in order. */
export async function writeFiles(dir: string, files: Record<string, Buffer | string>): Promise<string[]> {
  const paths: string[] = []
  for (const [name, body] of Object.entries(files)) {
    const p = join(dir, name)
    await writeFile(p, body)
    paths.push(p)
  }
  return paths
}
