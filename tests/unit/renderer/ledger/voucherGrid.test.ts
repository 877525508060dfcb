import { describe, expect, it } from 'vitest'
import {
  appendLine,
  applyBalancing,
  balancingAmount,
  buildLines,
  emptyLine,
  gridRowOfLine,
  isEmptyLine,
  lineCells,
  nextCell,
  normaliseAmountText,
  parseAmount,
  prepareLineForEntry,
  prevCell,
  setAccount,
  totals,
  verticalCell,
  type GridAccount,
  type GridLine,
} from '../../../../src/renderer/src/ledger/voucherGrid'

const accounts: Record<string, GridAccount> = {
  '1002': { code: '1002', auxTypes: [], isLeaf: true, active: true },
  '1122': { code: '1122', auxTypes: ['customer'], isLeaf: true, active: true },
  '5001': { code: '5001', auxTypes: [], isLeaf: true, active: true },
  '6666': { code: '6666', auxTypes: ['project', 'customer'], isLeaf: true, active: true },
}
const accountOf = (code: string) => accounts[code]
const line = (p: Partial<GridLine>): GridLine => ({ ...emptyLine(), ...p })

describe('amounts as typed', () => {
  it('reads grouped, negative, currency and full-width amounts; empty is zero; garbage is null', () => {
    expect(parseAmount('1,234.56')).toBe(123456)
    expect(parseAmount('-12')).toBe(-1200)
    expect(parseAmount(' ¥5.5 ')).toBe(550)
    expect(parseAmount('１２３')).toBe(12300)
    expect(parseAmount('')).toBe(0)
    expect(parseAmount('12.345')).toBeNull()
    expect(parseAmount('abc')).toBeNull()
  })

  it('normalises on leaving the cell, keeping unreadable text for correction', () => {
    expect(normaliseAmountText('1234.5')).toBe('1,234.50')
    expect(normaliseAmountText('-0.5')).toBe('-0.50')
    expect(normaliseAmountText('0')).toBe('')
    expect(normaliseAmountText('12..3')).toBe('12..3')
  })
})

describe('totals and "=" balancing', () => {
  const lines = [line({ accountCode: '1002', debit: '11,300.00' }), line({ accountCode: '5001', credit: '10,000' }), line({ credit: 'x' })]

  it('adds both sides, reports the difference and unreadable rows', () => {
    expect(totals(lines)).toEqual({ debit: 1130000, credit: 1000000, difference: 130000, balanced: false, invalidRows: [2] })
  })

  it('fills the balancing amount in the cell where "=" was typed and clears that line\'s other side', () => {
    const l = [line({ accountCode: '1002', debit: '11,300.00' }), line({ accountCode: '5001', credit: '10,000' }), line({ debit: '5' })]
    expect(balancingAmount(l, 2, 'credit')).toBe(130000)
    const out = applyBalancing(l, 2, 'credit')
    expect(out[2]).toMatchObject({ credit: '1,300.00', debit: '' })
    expect(totals(out).balanced).toBe(true)
  })

  it('gives a negative (red) amount when the cell must take the opposite side, and nothing when already balanced', () => {
    const l = [line({ debit: '100' }), line({ credit: '300' }), line({})]
    expect(applyBalancing(l, 2, 'credit')[2].credit).toBe('-200.00')
    expect(applyBalancing(l, 2, 'debit')[2].debit).toBe('200.00')
    const balanced = [line({ debit: '100' }), line({ credit: '100' }), line({ debit: '7' })]
    expect(applyBalancing(balanced, 2, 'credit')[2]).toMatchObject({ credit: '', debit: '7' })
  })
})

describe('Enter order', () => {
  const lines = [line({ accountCode: '1002' }), line({ accountCode: '6666' })]

  it('walks 摘要 → 科目 → 借方 → 贷方 → next line 摘要, adding a line after the last', () => {
    expect(nextCell(lines, { row: 0, col: 'summary' }, accountOf)).toEqual({ pos: { row: 0, col: 'account' }, append: false })
    expect(nextCell(lines, { row: 0, col: 'account' }, accountOf).pos).toEqual({ row: 0, col: 'debit' })
    expect(nextCell(lines, { row: 0, col: 'debit' }, accountOf).pos).toEqual({ row: 0, col: 'credit' })
    expect(nextCell(lines, { row: 0, col: 'credit' }, accountOf)).toEqual({ pos: { row: 1, col: 'summary' }, append: false })
    expect(nextCell(lines, { row: 1, col: 'credit' }, accountOf)).toEqual({ pos: { row: 2, col: 'summary' }, append: true })
  })

  it('passes through the auxiliary cells an account requires, in AUX_TYPES order', () => {
    expect(lineCells(lines[1], accountOf)).toEqual(['summary', 'account', 'aux:customer', 'aux:project', 'debit', 'credit'])
    expect(nextCell(lines, { row: 1, col: 'account' }, accountOf).pos).toEqual({ row: 1, col: 'aux:customer' })
    expect(nextCell(lines, { row: 1, col: 'aux:project' }, accountOf).pos).toEqual({ row: 1, col: 'debit' })
  })

  it('Shift+Enter goes back, ↑/↓ keep the column', () => {
    expect(prevCell(lines, { row: 1, col: 'summary' }, accountOf)).toEqual({ row: 0, col: 'credit' })
    expect(prevCell(lines, { row: 0, col: 'summary' }, accountOf)).toEqual({ row: 0, col: 'summary' })
    expect(prevCell(lines, { row: 1, col: 'debit' }, accountOf)).toEqual({ row: 1, col: 'aux:project' })
    expect(verticalCell(lines, { row: 0, col: 'debit' }, 1, accountOf)).toEqual({ row: 1, col: 'debit' })
    expect(verticalCell(lines, { row: 1, col: 'aux:customer' }, -1, accountOf)).toEqual({ row: 0, col: 'account' })
    expect(verticalCell(lines, { row: 1, col: 'debit' }, 1, accountOf)).toBeNull()
  })
})

describe('copying the 摘要', () => {
  it('a line added at the end copies the 摘要 above, marked as a copy', () => {
    const out = appendLine([line({ summary: '销售商品', accountCode: '1002', debit: '1' })])
    expect(out[1]).toMatchObject({ summary: '销售商品', autoSummary: true, accountCode: '' })
    expect(isEmptyLine(out[1])).toBe(true)
  })

  it('entering an empty line copies the 摘要 above; a line with content is left alone', () => {
    const lines = [line({ summary: '提现' }), line({}), line({ summary: '自己的', accountCode: '1002' })]
    expect(prepareLineForEntry(lines, 1)[1]).toMatchObject({ summary: '提现', autoSummary: true })
    expect(prepareLineForEntry(lines, 2)).toBe(lines)
    expect(prepareLineForEntry(lines, 0)).toBe(lines)
  })
})

describe('changing the account', () => {
  it('keeps only the auxiliary items the new account takes', () => {
    const l = [line({ accountCode: '6666', aux: { customer: 1, project: 2 } })]
    expect(setAccount(l, 0, '1122', accountOf)[0].aux).toEqual({ customer: 1 })
    expect(setAccount(l, 0, '1002', accountOf)[0].aux).toEqual({})
  })
})

describe('building vouchers:save input', () => {
  it('drops lines left empty (a copied 摘要 alone counts as empty) and remembers grid rows', () => {
    const lines = [
      line({ summary: ' 销售 ', accountCode: '1002', debit: '1,130' }),
      line({ summary: '销售', autoSummary: true }),
      line({ summary: '销售', autoSummary: true, accountCode: '5001', credit: '1130' }),
      line({}),
    ]
    const r = buildLines(lines)
    expect(r).toEqual({
      ok: true,
      lines: [
        { summary: '销售', accountCode: '1002', debit: 113000, credit: 0 },
        { summary: '销售', accountCode: '5001', debit: 0, credit: 113000 },
      ],
      rowOf: [0, 2],
    })
    // main's "line 2" is grid row 3
    if (r.ok) expect(gridRowOfLine(r.rowOf, 2)).toBe(3)
  })

  it('sends auxiliary items', () => {
    const r = buildLines([line({ accountCode: '1122', debit: '5', aux: { customer: 7 } }), line({ accountCode: '5001', credit: '5' })])
    expect(r.ok && r.lines[0].aux).toEqual({ customer: 7 })
  })

  it('refuses locally: unreadable amount, amount or own 摘要 without account, nothing at all', () => {
    expect(buildLines([line({ accountCode: '1002', debit: '1.234' })])).toEqual({ ok: false, rule: 'bad-amount', row: 0 })
    expect(buildLines([line({ accountCode: '1002', debit: '1' }), line({ credit: '1' })])).toEqual({ ok: false, rule: 'no-account', row: 1 })
    expect(buildLines([line({ summary: '只写了摘要' })])).toEqual({ ok: false, rule: 'no-account', row: 0 })
    expect(buildLines([line({}), line({ summary: 'x', autoSummary: true })])).toEqual({ ok: false, rule: 'empty', row: null })
  })
})
