// Money as integer 分 (fen): parsing what bookkeepers type, formatting, safe addition and the Chinese
// capital-numeral amount (大写金额) printed on vouchers. Never uses floating-point yuan. Pure, no I/O.

/** An amount in 分: always a safe integer. Create with `asFen` or `parseYuan`. */
export type Fen = number & { readonly __brand: 'Fen' }

/** Largest amount `parseYuan` accepts: anything below 10^13 元 (13 integer digits), in 分. */
export const MAX_PARSE_FEN = 10 ** 15 - 1

/** Brands an integer as Fen. Throws RangeError for non-integers or values outside the safe-integer range. */
export function asFen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of fen: ${n}`)
  return (n === 0 ? 0 : n) as Fen // folds -0 into 0
}

/** a + b. Throws RangeError if the sum leaves the safe-integer range. */
export function addFen(a: Fen, b: Fen): Fen {
  return asFen(a + b)
}

/** Σ amounts (0 for none). Throws RangeError if any partial sum leaves the safe-integer range. */
export function sumFen(amounts: Iterable<Fen>): Fen {
  let total = 0 as Fen
  for (const a of amounts) total = addFen(total, a)
  return total
}

// Full-width forms an IME produces: digits, point, comma, minus, plus, yen.
const FULL_WIDTH: Record<string, string> = { '．': '.', '，': ',', '－': '-', '−': '-', '＋': '+', '￥': '¥' }
function halfWidth(text: string): string {
  return text.replace(/[０-９．，－−＋￥]/g, (ch) => {
    const code = ch.charCodeAt(0)
    return code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 48) : FULL_WIDTH[ch]
  })
}

/**
 * Parses an amount typed in 元: "1,234.56", "1234.5", "-12", "¥12.30", "￥-0.5", full-width "１２３".
 * Thousands separators must group by 3 (1,234,567) or by 4 (1,2345,6789). Returns null for anything else:
 * more than 2 decimals, garbage, empty, exponent notation, |amount| ≥ 10^13 元.
 */
export function parseYuan(text: string): Fen | null {
  // Sign and currency mark in either order ("-¥12", "¥-12"), but only one sign
  const m = /^([-+])?\s*(?:¥\s*)?([-+])?\s*([0-9][0-9,]*)?(?:\.([0-9]{1,2}))?$/.exec(halfWidth(text).trim())
  if (!m || (m[1] && m[2]) || (m[3] === undefined && m[4] === undefined)) return null
  const negative = (m[1] ?? m[2]) === '-'
  const intText = m[3] ?? '0'
  if (intText.includes(',') && !/^[0-9]{1,3}(,[0-9]{3})+$/.test(intText) && !/^[0-9]{1,4}(,[0-9]{4})+$/.test(intText)) return null
  const digits = intText.replace(/,/g, '').replace(/^0+(?=[0-9])/, '')
  if (digits.length > 13) return null
  const fen = Number(digits) * 100 + Number((m[4] ?? '').padEnd(2, '0'))
  if (fen > MAX_PARSE_FEN) return null
  return asFen(negative ? -fen : fen)
}

/** Formats fen as 元 with exactly 2 decimals: "1,234.56", "-0.05"; `grouping: false` → "1234.56". */
export function formatYuan(fen: Fen, options: { grouping?: boolean } = {}): string {
  const abs = Math.abs(fen)
  let yuan = String(Math.floor(abs / 100))
  if (options.grouping ?? true) yuan = yuan.replace(/\B(?=([0-9]{3})+$)/g, ',')
  return `${fen < 0 ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const SMALL_UNITS = ['', '拾', '佰', '仟']

/** 1–9999 in capitals with 零 for inner zero runs: 1010 → 壹仟零壹拾, 10 → 壹拾 (banks write 壹拾, never 拾). */
function below10k(n: number): string {
  let out = ''
  let pendingZero = false
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10
    if (d === 0) {
      if (out !== '') pendingZero = true
    } else {
      if (pendingZero) out += '零'
      out += DIGITS[d] + SMALL_UNITS[place]
      pendingZero = false
    }
  }
  return out
}

/** A positive integer in capitals, 万/亿 grouped: 100000001 → 壹亿零壹, 1000100 → 壹佰万零壹佰, 10001亿 → 壹万零壹亿. */
function integerWords(n: number): string {
  for (const [size, unit] of [[1e8, '亿'], [1e4, '万']] as const) {
    if (n >= size) {
      const high = Math.floor(n / size)
      const low = n % size
      // A zero is written once when the lower part does not fill its top place (…万零壹佰, …亿零壹)
      const tail = low === 0 ? '' : (low < size / 10 ? '零' : '') + integerWords(low)
      return integerWords(high) + unit + tail
    }
  }
  return below10k(n)
}

/**
 * The amount in Chinese capital numerals (大写金额) as banks and tax offices write it:
 * 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分; 100000.00 → 壹拾万元整; 10.05 → 壹拾元零伍分; 20.30 → 贰拾元叁角;
 * 0.50 → 伍角; 0 → 零元整; negative amounts get a 负 prefix. 整 only after 元; no 零 between 元 and a non-zero 角.
 */
export function amountInWords(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`)
  if (fen === 0) return '零元整'
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const jiao = Math.floor(abs / 10) % 10
  const fenDigit = abs % 10
  let out = yuan > 0 ? integerWords(yuan) + '元' : ''
  if (jiao === 0 && fenDigit === 0) out += '整'
  else {
    if (jiao > 0) out += DIGITS[jiao] + '角'
    else if (yuan > 0) out += '零' // 角 is zero but 分 is not: 壹拾元零伍分
    if (fenDigit > 0) out += DIGITS[fenDigit] + '分'
  }
  return (fen < 0 ? '负' : '') + out
}
