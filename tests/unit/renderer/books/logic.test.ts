import { describe, expect, it } from 'vitest'
import type { Account } from '../../../../src/shared/ipc/contract'
import { indexAccounts } from '../../../../src/renderer/src/ledger/accounts'
import {
  accountTree,
  ancestorsOf,
  childCodeLength,
  defaultRange,
  fitsUnder,
  needsYtd,
  nextFreeCode,
  openingGroups,
  openingRows,
  openingTotals,
  orderRange,
  searchAccounts,
} from '../../../../src/renderer/src/ledger/books/logic'
import { booksText } from '../../../../src/renderer/src/ledger/books/text'

const acct = (code: string, name: string, initials: string, over: Partial<Account> = {}): Account => ({
  code,
  name,
  parentCode: code.length > 4 ? code.slice(0, code.length - 2) : null,
  level: code.length === 4 ? 1 : (code.length - 4) / 2 + 1,
  category: 'asset',
  direction: 'debit',
  pnlKind: null,
  isLeaf: true,
  active: true,
  auxTypes: [],
  sensitive: false,
  initials,
  hasPostings: false,
  ...over,
})

const CHART = indexAccounts([
  acct('1001', '库存现金', 'kcxj'),
  acct('1002', '银行存款', 'yhck', { isLeaf: false }),
  acct('100201', '工商银行', 'gsyh'),
  acct('100202', '建设银行', 'jsyh', { active: false }),
  acct('1122', '应收账款', 'yszk', { auxTypes: ['customer'] }),
  acct('2202', '应付账款', 'yfzk', { category: 'liability', direction: 'credit' }),
  acct('3001', '实收资本', 'sszb', { category: 'equity', direction: 'credit' }),
  acct('5602', '管理费用', 'glfy', { category: 'pnl', isLeaf: false }),
  acct('560201', '办公费', 'bgf', { category: 'pnl' }),
])

describe('sub-account codes under the coding scheme', () => {
  it('knows how long a child code is, and when there is no deeper level', () => {
    expect(childCodeLength('1002', '4-2-2')).toBe(6)
    expect(childCodeLength('100201', '4-2-2')).toBe(8)
    expect(childCodeLength('10020101', '4-2-2')).toBeNull()
    expect(childCodeLength('10020101', '4-2-2-2-2')).toBe(10)
    expect(childCodeLength('10021', '4-2-2')).toBeNull()
  })

  it('suggests the code after the highest child in use', () => {
    expect(nextFreeCode('1001', '4-2-2', CHART.byCode.keys())).toBe('100101')
    expect(nextFreeCode('1002', '4-2-2', CHART.byCode.keys())).toBe('100203')
    expect(nextFreeCode('100201', '4-2-2', CHART.byCode.keys())).toBe('10020101')
    expect(nextFreeCode('5602', '4-3-2', ['5602', '5602001', '560201'])).toBe('5602002')
  })

  it('falls back to the first gap when the level is used up to 99, and gives up when full', () => {
    expect(nextFreeCode('1002', '4-2-2', ['100201', '100299'])).toBe('100202')
    const full = Array.from({ length: 99 }, (_, i) => `1002${String(i + 1).padStart(2, '0')}`)
    expect(nextFreeCode('1002', '4-2-2', full)).toBeNull()
    expect(nextFreeCode('10020101', '4-2-2', [])).toBeNull()
  })

  it('checks a typed code against the parent and the scheme', () => {
    expect(fitsUnder('100203', '1002', '4-2-2')).toBe(true)
    expect(fitsUnder('10023', '1002', '4-2-2')).toBe(false)
    expect(fitsUnder('100303', '1002', '4-2-2')).toBe(false)
    expect(fitsUnder('1002ab', '1002', '4-2-2')).toBe(false)
  })
})

describe('the chart as a tree', () => {
  it('nests sub-accounts under their parent in code order', () => {
    const tree = accountTree(CHART.list)
    expect(tree.map((n) => n.code)).toEqual(['1001', '1002', '1122', '2202', '3001', '5602'])
    expect(tree[1].children?.map((n) => n.code)).toEqual(['100201', '100202'])
    expect(tree[0].children).toBeUndefined()
  })

  it('searches by code prefix, name and pinyin initials (also of the path)', () => {
    expect(searchAccounts(CHART.list, '1002').map((a) => a.code)).toEqual(['1002', '100201', '100202'])
    expect(searchAccounts(CHART.list, 'gsyh').map((a) => a.code)).toEqual(['100201'])
    expect(searchAccounts(CHART.list, '银行').map((a) => a.code)).toEqual(['1002', '100201', '100202'])
    expect(searchAccounts(CHART.list, '').length).toBe(CHART.list.length)
  })

  it('lists the ancestors to expand', () => {
    expect(ancestorsOf('100201', CHART.byCode)).toEqual(['1002'])
    expect(ancestorsOf('1001', CHART.byCode)).toEqual([])
  })
})

describe('opening balances', () => {
  const dir = (code: string) => CHART.byCode.get(code)?.direction

  it('groups active leaf accounts by category, keeping an inactive one that still has an amount', () => {
    const groups = openingGroups(CHART.list)
    expect(groups.map((g) => [g.category, g.accounts.map((a) => a.code)])).toEqual([
      ['asset', ['1001', '100201', '1122']],
      ['liability', ['2202']],
      ['equity', ['3001']],
      ['pnl', ['560201']],
    ])
    expect(openingGroups(CHART.list, new Set(['100202']))[0].accounts.map((a) => a.code)).toEqual(['1001', '100201', '100202', '1122'])
  })

  it('adds up each balance on its direction side, live, with the difference', () => {
    const t = openingTotals(
      {
        '100201': { balance: '50,000', ytdDebit: '', ytdCredit: '' },
        '3001': { balance: '40000', ytdDebit: '', ytdCredit: '' },
      },
      dir,
    )
    expect(t).toMatchObject({ debit: 5_000_000, credit: 4_000_000, difference: 1_000_000, balanced: false, invalid: [] })
    const ok = openingTotals(
      {
        '100201': { balance: '50000', ytdDebit: '12000', ytdCredit: '2000' },
        '3001': { balance: '50000.00', ytdDebit: '', ytdCredit: '10000' },
      },
      dir,
    )
    expect(ok).toMatchObject({ debit: 5_000_000, credit: 5_000_000, ytdDebit: 1_200_000, ytdCredit: 1_200_000, balanced: true })
  })

  it('counts a negative balance on the other side (a credit balance of a debit account)', () => {
    const t = openingTotals({ '1001': { balance: '-100', ytdDebit: '', ytdCredit: '' }, '2202': { balance: '-100', ytdDebit: '', ytdCredit: '' } }, dir)
    expect(t).toMatchObject({ debit: 10_000, credit: 10_000, balanced: true })
  })

  it('flags cells that are not amounts, and refuses to build rows from them', () => {
    const texts = { '1001': { balance: '12.345', ytdDebit: '', ytdCredit: '' } }
    expect(openingTotals(texts, dir).invalid).toEqual(['1001'])
    expect(openingRows(texts)).toBeNull()
  })

  it('builds opening:save rows in 分, skipping all-zero accounts', () => {
    expect(
      openingRows({
        '3001': { balance: '50,000.00', ytdDebit: '', ytdCredit: '100' },
        '1001': { balance: '', ytdDebit: '', ytdCredit: '' },
        '100201': { balance: '¥1,234.5', ytdDebit: '0', ytdCredit: '' },
      }),
    ).toEqual([
      { accountCode: '100201', balance: 123_450, ytdDebit: 0, ytdCredit: 0 },
      { accountCode: '3001', balance: 5_000_000, ytdDebit: 0, ytdCredit: 10_000 },
    ])
  })

  it('asks for year-to-date totals only when the books start after January', () => {
    expect(needsYtd('2026-01')).toBe(false)
    expect(needsYtd('2026-03')).toBe(true)
  })
})

describe('report ranges and words', () => {
  it('opens from January (or the first period) to the period, in order', () => {
    expect(defaultRange('2026-05', '2026-03')).toEqual({ from: '2026-03', to: '2026-05' })
    expect(defaultRange('2027-02', '2026-03')).toEqual({ from: '2027-01', to: '2027-02' })
    expect(orderRange('2026-06', '2026-04', 'from')).toEqual({ from: '2026-06', to: '2026-06' })
    expect(orderRange('2026-06', '2026-04', 'to')).toEqual({ from: '2026-04', to: '2026-04' })
  })

  it('speaks Chinese by default and English for en, filling in values', () => {
    expect(booksText('zh-CN', 'opening.unbalanced', { difference: '10,000.00' })).toBe('不平衡，差额 10,000.00')
    expect(booksText('en', 'opening.unbalanced', { difference: '1.00' })).toBe('Out of balance by 1.00')
    expect(booksText('fr', 'common.dir.debit')).toBe('借')
  })
})
