import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_PARSE_FEN, addFen, amountInWords, asFen, formatYuan, parseYuan, sumFen, type Fen } from '../../src/shared/money'

const f = (n: number): Fen => asFen(n)

describe('parseYuan', () => {
  it.each([
    ['1,234.56', 123456],
    ['1234.5', 123450],
    ['1234.50', 123450],
    ['-12', -1200],
    ['+12', 1200],
    ['¥12.30', 1230],
    ['￥12.30', 1230],
    ['¥ 12.30', 1230],
    ['-¥12.30', -1230],
    ['¥-12.30', -1230],
    ['１２３', 12300],
    ['￥１，２３４．５６', 123456],
    ['－８.０１', -801],
    ['  42  ', 4200],
    ['0.1', 10],
    ['0.01', 1],
    ['.5', 50],
    ['007', 700],
    ['1,234,567.89', 123456789],
    ['1,2345.67', 1234567], // grouping by 万 as some bookkeepers write
    ['1,0000,0001.01', 10000000101],
    ['9999999999999.99', MAX_PARSE_FEN],
    ['-9,999,999,999,999.99', -MAX_PARSE_FEN],
  ])('%s → %d fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen)
  })

  it('never yields negative zero', () => {
    expect(Object.is(parseYuan('-0'), 0)).toBe(true)
    expect(Object.is(parseYuan('-0.00'), 0)).toBe(true)
  })

  it.each([
    '1.234', // more than 2 decimals
    '0.001',
    '',
    '   ',
    '-',
    '¥',
    '.',
    '1.',
    'abc',
    '12a',
    '1e5',
    '0x10',
    'NaN',
    'Infinity',
    '1..2',
    '--1',
    '+-1',
    '-¥-1',
    '1 000',
    '1,2', // ambiguous: 1.2 typed with a comma, or 12?
    '12,34',
    '1,23,456',
    '1,234,5678',
    ',123',
    '123,',
    '1,234.5,6',
    '10000000000000', // 10^13 元
    '-10000000000000',
    '99999999999999.99',
    '一百',
  ])('rejects %j', (text) => {
    expect(parseYuan(text)).toBeNull()
  })
})

describe('formatYuan', () => {
  it.each([
    [123456, '1,234.56'],
    [5, '0.05'],
    [-5, '-0.05'],
    [0, '0.00'],
    [100, '1.00'],
    [-123456789, '-1,234,567.89'],
    [100000000, '1,000,000.00'],
    [MAX_PARSE_FEN, '9,999,999,999,999.99'],
  ])('%d fen → %s', (fen, text) => {
    expect(formatYuan(f(fen))).toBe(text)
  })

  it('leaves out grouping on request', () => {
    expect(formatYuan(f(100000000), { grouping: false })).toBe('1000000.00')
    expect(formatYuan(f(-123456), { grouping: false })).toBe('-1234.56')
    expect(formatYuan(f(123456), { grouping: true })).toBe('1,234.56')
  })

  it('round-trips through parseYuan, with and without grouping', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_PARSE_FEN, max: MAX_PARSE_FEN }), fc.boolean(), (n, grouping) => {
        expect(parseYuan(formatYuan(f(n), { grouping }))).toBe(n === 0 ? 0 : n)
      }),
    )
  })
})

describe('addFen / sumFen / asFen', () => {
  it('adds exactly where floating-point yuan would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(addFen(parseYuan('0.10')!, parseYuan('0.20')!)).toBe(30)
    expect(sumFen(Array.from({ length: 10 }, () => parseYuan('0.10')!))).toBe(100)
  })

  it('sums nothing to zero and accepts any iterable', () => {
    expect(sumFen([])).toBe(0)
    expect(sumFen(new Set([f(1), f(2), f(-3)]))).toBe(0)
    expect(sumFen([f(123), f(-23)])).toBe(100)
  })

  it('refuses non-integers and overflow', () => {
    expect(() => asFen(1.5)).toThrow(RangeError)
    expect(() => asFen(Number.NaN)).toThrow(RangeError)
    expect(() => asFen(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError)
    expect(() => addFen(f(Number.MAX_SAFE_INTEGER), f(1))).toThrow(RangeError)
    expect(() => sumFen([f(Number.MAX_SAFE_INTEGER), f(1), f(-1)])).toThrow(RangeError)
    expect(Object.is(asFen(-0), 0)).toBe(true)
  })
})

describe('amountInWords (大写金额)', () => {
  it.each([
    // from the brief
    ['10.05', '壹拾元零伍分'],
    ['100000.00', '壹拾万元整'],
    ['1,000,100.00', '壹佰万零壹佰元整'],
    ['0.50', '伍角'],
    ['0', '零元整'],
    ['1,2345.67', '壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['1,0000,0001.01', '壹亿零壹元零壹分'],
    ['20.30', '贰拾元叁角'],
    // 中国人民银行《支付结算办法》附件 examples (where it allows two forms, the one without the optional 零)
    ['1409.50', '壹仟肆佰零玖元伍角'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['107000.53', '壹拾万柒仟元伍角叁分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    // more
    ['0.05', '伍分'],
    ['0.01', '壹分'],
    ['0.99', '玖角玖分'],
    ['1', '壹元整'],
    ['10', '壹拾元整'],
    ['11', '壹拾壹元整'],
    ['15.5', '壹拾伍元伍角'],
    ['110', '壹佰壹拾元整'],
    ['1010', '壹仟零壹拾元整'],
    ['1001', '壹仟零壹元整'],
    ['10010', '壹万零壹拾元整'],
    ['100010', '壹拾万零壹拾元整'],
    ['210000', '贰拾壹万元整'],
    ['10000000', '壹仟万元整'],
    ['100000000', '壹亿元整'],
    ['100010000', '壹亿零壹万元整'],
    ['1010000000', '壹拾亿壹仟万元整'],
    ['1000100000', '壹拾亿零壹拾万元整'],
    ['1000000000000', '壹万亿元整'],
    ['1000100000000', '壹万零壹亿元整'],
    ['9999999999999.99', '玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    ['-1234.5', '负壹仟贰佰叁拾肆元伍角'],
    ['-0.5', '负伍角'],
    ['-100', '负壹佰元整'],
  ])('%s → %s', (yuan, words) => {
    expect(amountInWords(parseYuan(yuan)!)).toBe(words)
  })

  it('refuses a value that is not a whole number of fen', () => {
    expect(() => amountInWords(12.5 as Fen)).toThrow(RangeError)
  })

  it('always reads back to the same amount and follows the 零 and 整 rules', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -MAX_PARSE_FEN, max: MAX_PARSE_FEN }), fc.integer({ min: -100_000, max: 100_000 })), (n) => {
        const words = amountInWords(f(n))
        expect(wordsToFen(words)).toBe(n)
        if (n === 0) return
        expect(words).not.toMatch(/零零|零[万亿元角分]|零$/)
        expect(words.startsWith('负')).toBe(n < 0)
        expect(words.endsWith('整')).toBe(n % 100 === 0)
        expect(words).toMatch(/[整角分]$/)
        expect(words).not.toMatch(/(^|[^壹贰叁肆伍陆柒捌玖])拾/) // 壹拾, never a bare 拾
      }),
    )
  })
})

// Test-only inverse of amountInWords, strict enough to fail on stray characters.
const DIGIT = '零壹贰叁肆伍陆柒捌玖'
function integerValue(s: string): number {
  for (const [unit, size] of [['亿', 1e8], ['万', 1e4]] as const) {
    const at = s.lastIndexOf(unit)
    if (at >= 0) return integerValue(s.slice(0, at)) * size + integerValue(s.slice(at + 1))
  }
  let value = 0
  const rest = s.replace(/零/g, '')
  const re = /([壹贰叁肆伍陆柒捌玖])([拾佰仟]?)/gy
  let m: RegExpExecArray | null
  let consumed = 0
  while ((m = re.exec(rest)) !== null) {
    value += DIGIT.indexOf(m[1]) * { '': 1, 拾: 10, 佰: 100, 仟: 1000 }[m[2] as '' | '拾' | '佰' | '仟']
    consumed = re.lastIndex
  }
  if (consumed !== rest.length) throw new Error(`unparsed: ${s}`)
  return value
}
function wordsToFen(words: string): number {
  const negative = words.startsWith('负')
  const w = negative ? words.slice(1) : words
  if (w === '零元整') return 0
  const at = w.indexOf('元')
  const yuan = at >= 0 ? integerValue(w.slice(0, at)) : 0
  const tail = at >= 0 ? w.slice(at + 1) : w
  const m = /^(?:整|零?(?:([壹贰叁肆伍陆柒捌玖])角)?(?:([壹贰叁肆伍陆柒捌玖])分)?)$/.exec(tail)
  if (!m) throw new Error(`bad 角分: ${words}`)
  const fen = yuan * 100 + (m[1] ? DIGIT.indexOf(m[1]) * 10 : 0) + (m[2] ? DIGIT.indexOf(m[2]) : 0)
  return negative ? -fen : fen
}
