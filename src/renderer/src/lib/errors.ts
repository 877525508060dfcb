// Turns an AppErrorData from main into localised words: one message per ErrorCode, plus the details
// that help (lockout wait, password problems, invalid fields). Main's English message is never shown.
import type { TFunction } from 'i18next'
import type { AppErrorData } from '../../../shared/ipc/result'
import type { PasswordProblem } from '../../../shared/passwordPolicy'

export const PASSWORD_PROBLEMS: readonly PasswordProblem[] = ['too-short', 'too-weak', 'contains-username']

function isProblem(x: string): x is PasswordProblem {
  return (PASSWORD_PROBLEMS as readonly string[]).includes(x)
}

/** "5 分钟" / "30 seconds": minutes rounded up once a wait reaches a minute. */
export function formatWait(t: TFunction, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds))
  return s < 60 ? t('common.seconds', { count: s }) : t('common.minutes', { count: Math.ceil(s / 60) })
}

/** PASSWORD_POLICY details.problems is a comma-separated PasswordProblem list. */
export function policyProblems(error: AppErrorData): PasswordProblem[] {
  const raw = error.details?.problems
  if (typeof raw !== 'string') return []
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter(isProblem)
}

export interface ErrorText {
  title: string
  lines: string[]
}

export function errorText(t: TFunction, error: AppErrorData): ErrorText {
  switch (error.code) {
    case 'LOCKED_OUT': {
      const wait = error.details?.retryAfterSeconds
      return typeof wait === 'number' && wait > 0
        ? { title: t('errors.LOCKED_OUT', { wait: formatWait(t, wait) }), lines: [] }
        : { title: t('errors.LOCKED_OUT_noWait'), lines: [] }
    }
    case 'PASSWORD_POLICY':
      return {
        title: t('errors.PASSWORD_POLICY'),
        lines: policyProblems(error).map((p) => t(`password.problems.${p}`)),
      }
    case 'INVALID_INPUT':
      return {
        title: t('errors.INVALID_INPUT'),
        lines: (error.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
      }
    default:
      return { title: t(`errors.${error.code}`), lines: [] }
  }
}
