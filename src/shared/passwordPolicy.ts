// The password policy: ≥ 12 characters, zxcvbn score ≥ 3, must not contain the username.
// Pure and shared: main enforces it, the renderer mirrors it so forms can explain what is wrong.
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as en from '@zxcvbn-ts/language-en'

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MIN_SCORE = 3

export type PasswordProblem = 'too-short' | 'too-weak' | 'contains-username'

export interface PasswordCheck {
  ok: boolean
  /** 0 (trivial) … 4 (strong), zxcvbn's estimate. */
  score: number
  problems: PasswordProblem[]
}

let factory: ZxcvbnFactory | undefined
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  })
  return factory
}

/** Checks a candidate password for `username` (and other words the user is known by). */
export function checkPassword(password: string, username: string, otherWords: string[] = []): PasswordCheck {
  const problems: PasswordProblem[] = []
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too-short')
  const uname = username.trim().toLowerCase()
  if (uname.length > 0 && password.toLowerCase().includes(uname)) problems.push('contains-username')
  const words = [uname, ...otherWords.map((w) => w.trim().toLowerCase())].filter((w) => w.length > 0)
  // zxcvbn is slow on very long inputs and gains nothing past 100 characters
  const score = estimator().check(password.slice(0, 100), words).score
  if (score < PASSWORD_MIN_SCORE) problems.push('too-weak')
  return { ok: problems.length === 0, score, problems }
}
