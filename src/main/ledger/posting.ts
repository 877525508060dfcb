// Pure voucher rules (DOMAIN.md "Vouchers"): balance, amounts, leaf and active accounts, auxiliary
// items, 收/付/转 account rules, periods, numbering, renumbering, red reversal and carry-forward lines.
// No I/O: the services feed it rows and write what it decides.
import type { AuxType, VoucherLineInput } from '../../shared/ipc/contract'
import { AUX_TYPES } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'

export type VoucherType = '记' | '收' | '付' | '转'

export interface RuleAccount {
  code: string
  name: string
  isLeaf: boolean
  active: boolean
  auxTypes: AuxType[]
}

export { lastDayOf, nextPeriod, periodOf, prevPeriod, voucherLabel } from '../../shared/ledger/period'

/** Canonical auxiliary key of a line: "customer:3|project:7" in AUX_TYPES order; '' for none. */
export function auxKey(aux: Partial<Record<AuxType, number>> | undefined): string {
  if (!aux) return ''
  return AUX_TYPES.filter((t) => aux[t] !== undefined)
    .map((t) => `${t}:${aux[t]}`)
    .join('|')
}
export function parseAuxKey(key: string): Partial<Record<AuxType, number>> {
  const out: Partial<Record<AuxType, number>> = {}
  if (!key) return out
  for (const part of key.split('|')) {
    const [t, id] = part.split(':')
    out[t as AuxType] = Number(id)
  }
  return out
}

const CASH_PREFIXES = ['1001', '1002']
const isCash = (code: string) => CASH_PREFIXES.some((p) => code.startsWith(p))

function invalid(rule: string, message: string, line?: number, extra: Record<string, string | number> = {}): AppError {
  return new AppError('VOUCHER_INVALID', message, { details: { rule, ...(line ? { line } : {}), ...extra } })
}

/**
 * Checks a voucher's type and lines. Errors: VOUCHER_INVALID (details.rule, details.line), UNBALANCED.
 * `auxExists` answers whether an auxiliary item of a type exists and is active.
 */
export function validateVoucher(
  input: { type: VoucherType; lines: VoucherLineInput[] },
  accounts: ReadonlyMap<string, RuleAccount>,
  voucherTypes: 'single' | 'three',
  auxExists: (type: AuxType, id: number) => boolean,
): { debit: number; credit: number } {
  const allowed: VoucherType[] = voucherTypes === 'single' ? ['记'] : ['收', '付', '转']
  if (!allowed.includes(input.type)) {
    throw invalid('type-not-used', `This client uses ${allowed.join('/')} vouchers, not ${input.type}.`)
  }
  let debit = 0
  let credit = 0
  input.lines.forEach((l, i) => {
    const n = i + 1
    const acct = accounts.get(l.accountCode)
    if (!acct) throw invalid('unknown-account', `Line ${n}: there is no account ${l.accountCode}.`, n)
    if (!acct.isLeaf) throw invalid('not-leaf', `Line ${n}: ${acct.code} ${acct.name} has sub-accounts; post to a sub-account.`, n)
    if (!acct.active) throw invalid('inactive-account', `Line ${n}: ${acct.code} ${acct.name} is deactivated.`, n)
    if (l.debit !== 0 && l.credit !== 0) throw invalid('two-sided', `Line ${n} has both a debit and a credit amount.`, n)
    if (l.debit === 0 && l.credit === 0) throw invalid('no-amount', `Line ${n} has no amount.`, n)
    for (const t of acct.auxTypes) {
      const id = l.aux?.[t]
      if (id === undefined) throw invalid('aux-required', `Line ${n}: ${acct.code} ${acct.name} needs an auxiliary item (${t}).`, n, { auxType: t })
      if (!auxExists(t, id)) throw invalid('aux-unknown', `Line ${n}: the auxiliary item does not exist or is deactivated.`, n, { auxType: t })
    }
    for (const t of AUX_TYPES) {
      if (l.aux?.[t] !== undefined && !acct.auxTypes.includes(t)) {
        throw invalid('aux-unexpected', `Line ${n}: ${acct.code} ${acct.name} does not take auxiliary items of this type.`, n, { auxType: t })
      }
    }
    debit += l.debit
    credit += l.credit
  })
  if (debit !== credit) {
    throw new AppError('UNBALANCED', `Debit total ${fmt(debit)} ≠ credit total ${fmt(credit)}.`, { details: { debit, credit, difference: debit - credit } })
  }
  if (debit === 0) throw invalid('empty', 'The voucher has no amount.')
  if (input.type === '收' && !input.lines.some((l) => isCash(l.accountCode) && l.debit !== 0)) {
    throw invalid('type-rule', 'A 收 voucher must debit 库存现金 (1001) or 银行存款 (1002).')
  }
  if (input.type === '付' && !input.lines.some((l) => isCash(l.accountCode) && l.credit !== 0)) {
    throw invalid('type-rule', 'A 付 voucher must credit 库存现金 (1001) or 银行存款 (1002).')
  }
  if (input.type === '转' && input.lines.some((l) => isCash(l.accountCode))) {
    throw invalid('type-rule', 'A 转 voucher must not touch 库存现金 (1001) or 银行存款 (1002); use 收 or 付.')
  }
  return { debit, credit }
}

function fmt(fen: number): string {
  return (fen / 100).toFixed(2)
}

/** Whether vouchers may be dated in `period`. Errors: PERIOD_CLOSED. */
export function assertOpenPeriod(period: string, firstPeriod: string, lastClosed: string | null): void {
  if (period < firstPeriod) throw new AppError('PERIOD_CLOSED', `The books start in ${firstPeriod}: ${period} is before them.`, { details: { period } })
  if (lastClosed && period <= lastClosed) throw new AppError('PERIOD_CLOSED', `${period} is closed (结账): no voucher can be entered or changed there.`, { details: { period } })
}

/**
 * 断号整理: moves unposted vouchers into the gaps among numbers. Posted numbers never change; unposted
 * vouchers take the smallest free numbers in their current order. Answers [id, newNumber] moves.
 */
export function renumberPlan(vouchers: { id: number; number: number; posted: boolean }[]): [number, number][] {
  const taken = new Set(vouchers.filter((v) => v.posted).map((v) => v.number))
  const unposted = vouchers.filter((v) => !v.posted).sort((a, b) => a.number - b.number)
  const moves: [number, number][] = []
  let next = 1
  for (const v of unposted) {
    while (taken.has(next)) next++
    if (v.number !== next) moves.push([v.id, next])
    taken.add(next)
    next++
  }
  return moves
}

/** Numbers missing among posted vouchers of one type (1..max). */
export function postedGaps(numbers: number[]): number[] {
  const set = new Set(numbers)
  const max = Math.max(0, ...numbers)
  const gaps: number[] = []
  for (let i = 1; i <= max; i++) if (!set.has(i)) gaps.push(i)
  return gaps
}

/** 红字冲销: the same accounts and sides with negated amounts. */
export function reversalLines(
  lines: { accountCode: string; debit: number; credit: number; aux: Partial<Record<AuxType, number>> }[],
  label: string,
): VoucherLineInput[] {
  return lines.map((l) => ({
    summary: `冲销 ${label}号凭证`,
    accountCode: l.accountCode,
    debit: l.debit === 0 ? 0 : -l.debit,
    credit: l.credit === 0 ? 0 : -l.credit,
    ...(Object.keys(l.aux).length ? { aux: l.aux } : {}),
  }))
}

/**
 * 期末结转损益: every 损益 leaf balance (debit positive) moved to 本年利润 so the 损益 accounts end at zero.
 * One line per account and auxiliary combination, then the 本年利润 lines for income and expense.
 */
export function carryForwardLines(
  balances: { accountCode: string; aux: Partial<Record<AuxType, number>>; balance: number }[],
  profitAccount: string,
  summary = '结转本期损益',
): VoucherLineInput[] {
  const lines: VoucherLineInput[] = []
  let toProfitCredit = 0
  let toProfitDebit = 0
  for (const b of balances) {
    if (b.balance === 0) continue
    const aux = Object.keys(b.aux).length ? { aux: b.aux } : {}
    if (b.balance > 0) {
      lines.push({ summary, accountCode: b.accountCode, debit: 0, credit: b.balance, ...aux })
      toProfitDebit += b.balance
    } else {
      lines.push({ summary, accountCode: b.accountCode, debit: -b.balance, credit: 0, ...aux })
      toProfitCredit += -b.balance
    }
  }
  if (toProfitCredit) lines.push({ summary, accountCode: profitAccount, debit: 0, credit: toProfitCredit })
  if (toProfitDebit) lines.push({ summary, accountCode: profitAccount, debit: toProfitDebit, credit: 0 })
  return lines
}
