import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/ipc/result'
import {
  assertOpenPeriod,
  auxKey,
  carryForwardLines,
  lastDayOf,
  nextPeriod,
  parseAuxKey,
  postedGaps,
  prevPeriod,
  renumberPlan,
  reversalLines,
  validateVoucher,
  voucherLabel,
  type RuleAccount,
} from '../../../src/main/ledger/posting'

const acct = (code: string, extra: Partial<RuleAccount> = {}): [string, RuleAccount] => [code, { code, name: `科目${code}`, isLeaf: true, active: true, auxTypes: [], ...extra }]
const accounts = new Map<string, RuleAccount>([
  acct('1001'),
  acct('1002'),
  acct('1122', { auxTypes: ['customer'] }),
  acct('2221', { isLeaf: false }),
  acct('22210102'),
  acct('5001'),
  acct('5602', { active: false }),
])
const line = (accountCode: string, debit: number, credit: number, aux?: Record<string, number>) => ({ summary: '摘要', accountCode, debit, credit, ...(aux ? { aux } : {}) })
const auxOk = (_t: string, id: number) => id === 7

function refusal(fn: () => unknown): { code: string; rule?: unknown; line?: unknown } {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    const a = e as AppError
    return { code: a.code, rule: a.details?.rule, line: a.details?.line }
  }
  throw new Error('expected a refusal')
}

describe('validateVoucher', () => {
  const v = (type: '记' | '收' | '付' | '转', lines: ReturnType<typeof line>[], types: 'single' | 'three' = 'single') => validateVoucher({ type, lines }, accounts, types, auxOk)

  it('accepts a balanced voucher and answers its totals', () => {
    expect(v('记', [line('1002', 11300, 0), line('5001', 0, 10000), line('22210102', 0, 1300)])).toEqual({ debit: 11300, credit: 11300 })
  })
  it('accepts red (negative) amounts that still balance', () => {
    expect(v('记', [line('1002', -500, 0), line('5001', 0, -500)])).toEqual({ debit: -500, credit: -500 })
  })
  it('refuses debit ≠ credit with UNBALANCED', () => {
    expect(refusal(() => v('记', [line('1002', 100, 0), line('5001', 0, 90)]))).toEqual({ code: 'UNBALANCED', rule: undefined, line: undefined })
  })
  it('refuses a line with both sides, a line without amount, unknown, non-leaf and inactive accounts, naming the line', () => {
    expect(refusal(() => v('记', [line('1002', 100, 0), line('5001', 100, 200)]))).toMatchObject({ code: 'VOUCHER_INVALID', rule: 'two-sided', line: 2 })
    expect(refusal(() => v('记', [line('1002', 0, 0), line('5001', 0, 0)]))).toMatchObject({ code: 'VOUCHER_INVALID', rule: 'no-amount', line: 1 })
    expect(refusal(() => v('记', [line('9999', 100, 0), line('5001', 0, 100)]))).toMatchObject({ rule: 'unknown-account', line: 1 })
    expect(refusal(() => v('记', [line('1002', 100, 0), line('2221', 0, 100)]))).toMatchObject({ rule: 'not-leaf', line: 2 })
    expect(refusal(() => v('记', [line('5602', 100, 0), line('1002', 0, 100)]))).toMatchObject({ rule: 'inactive-account', line: 1 })
  })
  it('requires the auxiliary items an account asks for, and only those', () => {
    expect(refusal(() => v('记', [line('1122', 100, 0), line('5001', 0, 100)]))).toMatchObject({ rule: 'aux-required', line: 1 })
    expect(refusal(() => v('记', [line('1122', 100, 0, { customer: 8 }), line('5001', 0, 100)]))).toMatchObject({ rule: 'aux-unknown', line: 1 })
    expect(refusal(() => v('记', [line('1122', 100, 0, { customer: 7 }), line('5001', 0, 100, { project: 7 })]))).toMatchObject({ rule: 'aux-unexpected', line: 2 })
    expect(v('记', [line('1122', 100, 0, { customer: 7 }), line('5001', 0, 100)])).toEqual({ debit: 100, credit: 100 })
  })
  it('enforces the voucher types the client uses and the 收/付/转 account rules', () => {
    expect(refusal(() => v('收', [line('1002', 100, 0), line('5001', 0, 100)], 'single'))).toMatchObject({ rule: 'type-not-used' })
    expect(refusal(() => v('记', [line('1002', 100, 0), line('5001', 0, 100)], 'three'))).toMatchObject({ rule: 'type-not-used' })
    expect(v('收', [line('1002', 100, 0), line('5001', 0, 100)], 'three')).toEqual({ debit: 100, credit: 100 })
    expect(refusal(() => v('收', [line('5001', 100, 0), line('1002', 0, 100)], 'three'))).toMatchObject({ rule: 'type-rule' })
    expect(v('付', [line('5001', 100, 0), line('1001', 0, 100)], 'three')).toEqual({ debit: 100, credit: 100 })
    expect(refusal(() => v('付', [line('1001', 100, 0), line('5001', 0, 100)], 'three'))).toMatchObject({ rule: 'type-rule' })
    expect(refusal(() => v('转', [line('1001', 100, 0), line('5001', 0, 100)], 'three'))).toMatchObject({ rule: 'type-rule' })
  })
})

describe('periods and numbering', () => {
  it('steps months across years and knows month ends', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01')
    expect(prevPeriod('2026-01')).toBe('2025-12')
    expect(lastDayOf('2024-02')).toBe('2024-02-29')
    expect(lastDayOf('2026-11')).toBe('2026-11-30')
    expect(voucherLabel('记', 12)).toBe('记-0012')
  })
  it('refuses dates before the books start and in closed periods', () => {
    expect(refusal(() => assertOpenPeriod('2025-12', '2026-01', null)).code).toBe('PERIOD_CLOSED')
    expect(refusal(() => assertOpenPeriod('2026-02', '2026-01', '2026-02')).code).toBe('PERIOD_CLOSED')
    expect(() => assertOpenPeriod('2026-03', '2026-01', '2026-02')).not.toThrow()
  })
  it('renumbers only unposted vouchers, into the smallest free numbers', () => {
    // posted 1 and 3; drafts 4 and 6 → 4 moves to 2, 6 moves to 4
    expect(renumberPlan([
      { id: 1, number: 1, posted: true },
      { id: 3, number: 3, posted: true },
      { id: 4, number: 4, posted: false },
      { id: 6, number: 6, posted: false },
    ])).toEqual([[4, 2], [6, 4]])
    expect(renumberPlan([{ id: 1, number: 1, posted: false }, { id: 2, number: 2, posted: false }])).toEqual([])
  })
  it('finds gaps among posted numbers', () => {
    expect(postedGaps([1, 2, 5])).toEqual([3, 4])
    expect(postedGaps([])).toEqual([])
  })
})

describe('red reversal and carry-forward', () => {
  it('reverses with the same accounts and sides, negative amounts, and the 冲销 summary', () => {
    expect(reversalLines([{ accountCode: '1002', debit: 100, credit: 0, aux: {} }, { accountCode: '1122', debit: 0, credit: 100, aux: { customer: 7 } }], '记-0012')).toEqual([
      { summary: '冲销 记-0012号凭证', accountCode: '1002', debit: -100, credit: 0 },
      { summary: '冲销 记-0012号凭证', accountCode: '1122', debit: 0, credit: -100, aux: { customer: 7 } },
    ])
  })
  it('moves every 损益 balance to 本年利润 and leaves them at zero', () => {
    // income 5001 has a credit balance of 1000, expense 5602 a debit balance of 300
    const lines = carryForwardLines([{ accountCode: '5001', aux: {}, balance: -1000 }, { accountCode: '5602', aux: {}, balance: 300 }, { accountCode: '5603', aux: {}, balance: 0 }], '3103')
    expect(lines).toEqual([
      { summary: '结转本期损益', accountCode: '5001', debit: 1000, credit: 0 },
      { summary: '结转本期损益', accountCode: '5602', debit: 0, credit: 300 },
      { summary: '结转本期损益', accountCode: '3103', debit: 0, credit: 1000 },
      { summary: '结转本期损益', accountCode: '3103', debit: 300, credit: 0 },
    ])
    const d = lines.reduce((s, l) => s + l.debit, 0)
    const c = lines.reduce((s, l) => s + l.credit, 0)
    expect(d).toBe(c)
  })
  it('keys auxiliary combinations canonically', () => {
    expect(auxKey({ project: 3, customer: 1 })).toBe('customer:1|project:3')
    expect(parseAuxKey('customer:1|project:3')).toEqual({ customer: 1, project: 3 })
    expect(auxKey(undefined)).toBe('')
  })
})
