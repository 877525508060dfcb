// TIFF pages for the viewer (UTIF.js): the pages of an uncompressed multi-page file and of a CCITT G4
// bilevel scan decode to the right pixels; a damaged file is a reason, not an exception.
import { describe, expect, it } from 'vitest'
import { tiffPageRgba, tiffPages } from '../../../../src/renderer/src/vault/TiffView'
import { makeG4Tiff, makeTiff } from '../../../e2e/harness/files'

const pixel = (img: { width: number; rgba: Uint8ClampedArray }, x: number, y: number) => [...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)]

describe('TIFF pages', () => {
  it('an uncompressed RGB file: every page, its size and its colours', () => {
    const file = tiffPages(new Uint8Array(makeTiff(3, 300, 200)))
    if ('error' in file) throw new Error(file.error)
    expect(file.ifds).toHaveLength(3)
    const page2 = tiffPageRgba(file.buffer, file.ifds[1])
    if ('error' in page2) throw new Error(page2.error)
    expect([page2.width, page2.height]).toEqual([300, 200])
    expect(pixel(page2, 5, 5)).toEqual([255, 255, 255, 255])
    // page 2's block is green and starts at x = 60
    expect(pixel(page2, 70, 100)).toEqual([30, 160, 60, 255])
    expect(pixel(page2, 50, 100)).toEqual([255, 255, 255, 255])
  })

  it('a two-page CCITT G4 scan (as office scanners write black and white)', () => {
    const file = tiffPages(new Uint8Array(makeG4Tiff()))
    if ('error' in file) throw new Error(file.error)
    expect(file.ifds).toHaveLength(2)
    const [one, two] = file.ifds.map((ifd) => tiffPageRgba(file.buffer, ifd))
    if ('error' in one || 'error' in two) throw new Error('a page did not decode')
    expect([one.width, one.height]).toEqual([600, 400])
    // page 1: the bar at the top is black, the bottom band white; page 2 the other way round
    expect(pixel(one, 300, 100).slice(0, 3)).toEqual([0, 0, 0])
    expect(pixel(one, 300, 300).slice(0, 3)).toEqual([0, 0, 0])
    expect(pixel(one, 100, 300).slice(0, 3)).toEqual([255, 255, 255])
    expect(pixel(two, 300, 100).slice(0, 3)).toEqual([255, 255, 255])
    expect(pixel(two, 100, 300).slice(0, 3)).toEqual([0, 0, 0])
  })

  it('a file that is not a readable TIFF gives a reason', () => {
    expect(tiffPages(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f]))).toHaveProperty('error')
    const cut = makeTiff(1, 300, 200).subarray(0, 400)
    // its directory is whole, its strip is not
    const file = tiffPages(new Uint8Array(cut))
    if ('error' in file) throw new Error(file.error)
    expect(tiffPageRgba(file.buffer, file.ifds[0])).toEqual({ error: 'cut-short' })
  })
})
