// Turns an AppErrorData from main into localised words: one message per ErrorCode, plus the details
// that help (lockout wait, password problems, invalid fields, the voucher rule and line, the failed
// month-end checks, the unbalanced amounts). Main's English message is never shown.
import type { TFunction } from 'i18next'
import { AUX_TYPES, type AuxType } from '../../../shared/ipc/contract'
import { isErrorCode, type AppErrorData } from '../../../shared/ipc/result'
import { asFen, formatYuan } from '../../../shared/money'
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

/** VOUCHER_INVALID details.rule values main sends, plus the ones the voucher grid checks itself. */
export const VOUCHER_RULES = [
  'unknown-account',
  'not-leaf',
  'inactive-account',
  'two-sided',
  'no-amount',
  'aux-required',
  'aux-unknown',
  'aux-unexpected',
  'empty',
  'type-rule',
  'type-not-used',
  'coding-scheme',
  'parent-has-postings',
  'duplicate',
  'bad-amount',
  'no-account',
  'bad-date',
] as const
export type VoucherRule = (typeof VOUCHER_RULES)[number]

/** Month-end check ids (periods:checkClose, CLOSE_BLOCKED details.failed). */
export const CLOSE_CHECKS = ['previous-closed', 'all-posted', 'pnl-carried', 'trial-balanced', 'no-gaps', 'opening-balanced'] as const
export type CloseCheckId = (typeof CLOSE_CHECKS)[number]

function isRule(x: unknown): x is VoucherRule {
  return typeof x === 'string' && (VOUCHER_RULES as readonly string[]).includes(x)
}
function isCheck(x: string): x is CloseCheckId {
  return (CLOSE_CHECKS as readonly string[]).includes(x)
}
function isAuxType(x: unknown): x is AuxType {
  return typeof x === 'string' && (AUX_TYPES as readonly string[]).includes(x)
}

/** A voucher rule in words, prefixed with its line ("第 3 行：该科目已停用") when there is one. */
export function voucherRuleText(t: TFunction, details: AppErrorData['details']): string {
  const rule = details?.rule
  const line = details?.line
  if (!isRule(rule)) return typeof rule === 'string' ? t('ledger.rules.unknown', { rule }) : t('errors.VOUCHER_INVALID')
  const auxType = details?.auxType
  const text: string = t(`ledger.rules.${rule}`, { auxType: isAuxType(auxType) ? t(`ledger.auxTypes.${auxType}`) : '' })
  return typeof line === 'number' && line > 0 ? t('ledger.rules.atLine', { line: String(line), text }) : text
}

/** A month-end check in words: what holds (ok) or what is wrong and what to do (failed). */
export function closeCheckText(t: TFunction, id: CloseCheckId, ok: boolean): string {
  return ok ? t(`ledger.periods.checks.${id}.ok`) : t(`ledger.periods.checks.${id}.failed`)
}

/** CLOSE_BLOCKED details.failed as check ids, unknown ones dropped. */
export function failedCheckIds(error: AppErrorData): CloseCheckId[] {
  const raw = error.details?.failed
  if (typeof raw !== 'string') return []
  return raw
    .split(',')
    .map((x) => x.trim())
    .filter(isCheck)
}

export type BatchOpKind = 'review' | 'unreview' | 'post'

/** Why one voucher of a batch (审核 / 弃审 / 记账) was refused, in words. */
export function batchRefusalText(t: TFunction, op: BatchOpKind, code: string): string {
  switch (code) {
    case 'SAME_PERSON':
      return t('ledger.list.refusal.samePerson')
    case 'PERIOD_CLOSED':
      return t('ledger.list.refusal.periodClosed')
    case 'FORBIDDEN':
      return op === 'unreview' ? t('ledger.list.refusal.unreviewForbidden') : t('errors.FORBIDDEN')
    case 'INVALID_STATE':
      return op === 'review'
        ? t('ledger.list.refusal.reviewState')
        : op === 'unreview'
          ? t('ledger.list.refusal.unreviewState')
          : t('ledger.list.refusal.postState')
    default:
      return isErrorCode(code) ? t(`errors.${code}`) : t('errors.INTERNAL')
  }
}

const money = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) ? formatYuan(asFen(x)) : '')

/** details.hint of vault refusals → their words. */
const VAULT_HINTS = {
  'export-in-data-folder': 'vault.errors.exportInData',
  'export-in-inbox': 'vault.errors.exportInInbox',
  'inbox-in-data-folder': 'vault.errors.inboxInData',
  'inbox-taken': 'vault.errors.inboxTaken',
  'drop-expired': 'vault.errors.dropExpired',
  'drop-not-files': 'vault.errors.dropNotFiles',
} as const
const vaultHint = (h: unknown) => (typeof h === 'string' && Object.prototype.hasOwnProperty.call(VAULT_HINTS, h) ? VAULT_HINTS[h as keyof typeof VAULT_HINTS] : null)

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
    case 'VOUCHER_INVALID':
      return { title: voucherRuleText(t, error.details), lines: [] }
    case 'UNBALANCED': {
      const d = error.details
      if (typeof d?.debit !== 'number' || typeof d?.credit !== 'number') return { title: t('errors.UNBALANCED'), lines: [] }
      const difference = typeof d.difference === 'number' ? d.difference : d.debit - d.credit
      return { title: t('ledger.errors.unbalanced', { debit: money(d.debit), credit: money(d.credit), difference: money(difference) }), lines: [] }
    }
    case 'PERIOD_CLOSED': {
      const period = error.details?.period
      if (typeof period !== 'string') return { title: t('errors.PERIOD_CLOSED'), lines: [] }
      const reason = error.details?.reason
      const key = reason === 'closed' ? 'ledger.errors.periodClosed' : reason === 'before-start' ? 'ledger.errors.periodBeforeStart' : 'ledger.errors.periodClosedAny'
      return { title: t(key, { period }), lines: [] }
    }
    case 'CORRUPT_DATA': {
      // a vault body that fails its check names the document and what is wrong with it
      const name = error.details?.name
      const problem = error.details?.problem
      if (typeof name === 'string' && typeof problem === 'string') {
        return { title: t('vault.errors.damaged', { name, problem: t(`vault.problems.${problem}`, { defaultValue: problem }) }), lines: [] }
      }
      return { title: t('errors.CORRUPT_DATA'), lines: [] }
    }
    case 'CONFLICT':
    case 'NOT_FOUND': {
      const key = vaultHint(error.details?.hint)
      return { title: key ? t(key) : t(`errors.${error.code}`), lines: [] }
    }
    case 'INVALID_STATE': {
      // documents of reviewed and posted vouchers stay with them
      const rule = error.details?.rule
      const voucher = String(error.details?.voucher ?? '')
      if (rule === 'posted-archive') return { title: t('vault.errors.archived', { voucher }), lines: [] }
      if (rule === 'reviewed') return { title: t('vault.errors.reviewedVoucher', { voucher }), lines: [] }
      // a month-end step names what blocked it (see PeriodsPage)
      const hint = error.details?.hint
      const line =
        hint === 'carry' ? t('ledger.periods.carryBlocked') : hint === 'yearEnd' ? t('ledger.periods.yearEndBlocked') : hint === 'reopen' ? t('ledger.periods.reopenLatestOnly') : null
      return { title: t('errors.INVALID_STATE'), lines: line ? [line] : [] }
    }
    case 'CLOSE_BLOCKED':
      return { title: t('errors.CLOSE_BLOCKED'), lines: failedCheckIds(error).map((id) => closeCheckText(t, id, false)) }
    default:
      return { title: t(`errors.${error.code}`), lines: [] }
  }
}
