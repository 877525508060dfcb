// 统一社会信用代码 (unified social credit code, GB 32100-2015): normalisation and the check character.
// Checks only length, charset and the position-18 check character; it does not check the embedded
// registration-authority, region or organisation codes against any register. Pure, no I/O.

/** The 31 characters a code may use: digits and capitals without I, O, Z, S, V. Index = character value. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** Weights of positions 1–17 (3^(i) mod 31). */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
export const USCC_LENGTH = 18

export type UsccProblem = 'length' | 'charset' | 'checksum'

/** Trims, folds full-width characters (NFKC: "９１Ａ" → "91A") and uppercases, as users paste and type codes. */
export function normaliseUscc(code: string): string {
  return code.normalize('NFKC').trim().toUpperCase()
}

/** The check character for a 17-character body (already normalised), or null if the body is malformed. */
export function usccCheckChar(body: string): string | null {
  if (body.length !== USCC_LENGTH - 1) return null
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const value = USCC_CHARSET.indexOf(body[i])
    if (value < 0) return null
    sum += value * USCC_WEIGHTS[i]
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]
}

/** What is wrong with a code (after normalisation), or null when it is well-formed with a correct check character. */
export function usccProblem(code: string): UsccProblem | null {
  const c = normaliseUscc(code)
  if (c.length !== USCC_LENGTH) return 'length'
  for (const ch of c) if (!USCC_CHARSET.includes(ch)) return 'charset'
  return usccCheckChar(c.slice(0, USCC_LENGTH - 1)) === c[USCC_LENGTH - 1] ? null : 'checksum'
}

/** True when `code` (trimmed, any case) is a well-formed USCC with a correct check character. */
export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null
}
