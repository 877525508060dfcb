import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { USCC_CHARSET, isValidUscc, normaliseUscc, usccCheckChar, usccProblem } from '../../../src/shared/ledger/uscc'

// Published codes: the GB 32100-2015 example and codes printed on well-known companies' business licences
const VALID = [
  '91350100M000100Y43', // GB 32100-2015 example
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
]

describe('统一社会信用代码', () => {
  it('accepts published codes', () => {
    for (const code of VALID) {
      expect(usccProblem(code), code).toBeNull()
      expect(isValidUscc(code), code).toBe(true)
    }
  })

  it('computes the check character by GB 32100-2015 (weights 3^i mod 31, charset without I O Z S V)', () => {
    expect(USCC_CHARSET).toHaveLength(31)
    expect(USCC_CHARSET).not.toMatch(/[IOZSV]/)
    expect(usccCheckChar('91350100M000100Y4')).toBe('3')
    // 911100001000000000 looks plausible but its check character would be R, not 0
    expect(usccCheckChar('91110000100000000')).toBe('R')
    expect(usccProblem('911100001000000000')).toBe('checksum')
    expect(isValidUscc('91110000100000000R')).toBe(true)
    expect(usccCheckChar('9135010')).toBeNull()
    expect(usccCheckChar('91350100I000100Y4')).toBeNull()
  })

  it('reports a checksum mismatch', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('checksum')
    expect(usccProblem('91350100M000100Y34')).toBe('checksum') // two adjacent characters swapped
    expect(isValidUscc('91350100M000100Y44')).toBe(false)
  })

  it('reports a wrong length', () => {
    expect(usccProblem('')).toBe('length')
    expect(usccProblem('91350100M000100Y4')).toBe('length')
    expect(usccProblem('91350100M000100Y433')).toBe('length')
    expect(usccProblem('350100M000100Y4')).toBe('length') // a 15-digit 注册号 is not a USCC
  })

  it('reports forbidden characters (I, O, Z, S, V, punctuation)', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V', '-', ' ', '中']) {
      expect(usccProblem(`91350100M000100${bad}43`), bad).toBe('charset')
    }
  })

  it('accepts lowercase, surrounding spaces and full-width characters after normalisation', () => {
    expect(normaliseUscc('  91350100m000100y43 ')).toBe('91350100M000100Y43')
    expect(normaliseUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43')
    expect(isValidUscc(' 91350100m000100y43\t')).toBe(true)
    expect(isValidUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(true)
    expect(usccProblem('91350100M000 00Y43')).toBe('charset') // an inner space is not trimmed away
  })

  const bodyArb = fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''))

  it('validates any body followed by its computed check character', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const check = usccCheckChar(body)
        expect(check).not.toBeNull()
        expect(usccProblem(body + check)).toBeNull()
        expect(isValidUscc((body + check).toLowerCase())).toBe(true)
      }),
    )
  })

  it('rejects any single-character change of the body', () => {
    fc.assert(
      fc.property(bodyArb, fc.nat(16), fc.integer({ min: 1, max: 30 }), (body, pos, shift) => {
        const code = body + usccCheckChar(body)
        const replaced = USCC_CHARSET[(USCC_CHARSET.indexOf(body[pos]) + shift) % 31]
        const changed = code.slice(0, pos) + replaced + code.slice(pos + 1)
        expect(usccProblem(changed)).toBe('checksum')
      }),
    )
  })

  it('rejects any other check character', () => {
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 1, max: 30 }), (body, shift) => {
        const wrong = USCC_CHARSET[(USCC_CHARSET.indexOf(usccCheckChar(body)!) + shift) % 31]
        expect(usccProblem(body + wrong)).toBe('checksum')
      }),
    )
  })
})
