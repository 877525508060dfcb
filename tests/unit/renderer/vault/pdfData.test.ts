// pdf.js's CMaps and standard fonts answered from the bundle (the window may fetch nothing): the bytes
// are the package's own, every predefined CMap is there, and a name that is not bundled is an error.
import { readFile, readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { BundledPdfData, bundledPdfData, dataUrlBytes } from '../../../../src/renderer/src/vault/pdfData'

const dir = 'node_modules/pdfjs-dist'

describe('bundled pdf.js data', () => {
  it('has every CMap and font file of the pdfjs-dist it is built with', async () => {
    expect(bundledPdfData.cmaps.sort()).toEqual((await readdir(`${dir}/cmaps`)).filter((f) => f.endsWith('.bcmap')).sort())
    expect(bundledPdfData.fonts.sort()).toEqual((await readdir(`${dir}/standard_fonts`)).filter((f) => /\.(pfb|ttf)$/.test(f)).sort())
  })

  it('answers the exact bytes pdf.js asks for: the Chinese CMap of e-invoices and a standard font', async () => {
    const data = new BundledPdfData()
    expect(Buffer.from(await data.fetch({ kind: 'cMapUrl', filename: 'UniGB-UCS2-H.bcmap' })).equals(await readFile(`${dir}/cmaps/UniGB-UCS2-H.bcmap`))).toBe(true)
    expect(Buffer.from(await data.fetch({ kind: 'standardFontDataUrl', filename: 'FoxitSymbol.pfb' })).equals(await readFile(`${dir}/standard_fonts/FoxitSymbol.pfb`))).toBe(true)
  })

  it('refuses what is not bundled, by name', async () => {
    const data = new BundledPdfData()
    await expect(data.fetch({ kind: 'cMapUrl', filename: '../../secret.bcmap' })).rejects.toThrow('No bundled CMap named ../../secret.bcmap')
    await expect(data.fetch({ kind: 'wasmUrl', filename: 'openjpeg.wasm' })).rejects.toThrow('No bundled wasmUrl named openjpeg.wasm')
    expect(() => dataUrlBytes('https://example.com/x')).toThrow('not a base64 data URL')
    expect([...dataUrlBytes('data:application/octet-stream;base64,AAEC/w==')]).toEqual([0, 1, 2, 255])
  })
})
