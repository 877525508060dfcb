import { describe, expect, it } from 'vitest'
import { accountLabel, indexAccounts, matchAccounts, matchAuxItems } from '../../../../src/renderer/src/ledger/accounts'
import { ACCOUNTS, AUX } from './fakeLedgerApi'

const index = indexAccounts(ACCOUNTS)
const codes = (q: string) => matchAccounts(index, q).map((a) => a.code)

describe('the chart as the grid sees it', () => {
  it('names accounts with their full path', () => {
    expect(accountLabel(index.byCode.get('22210107')!)).toBe('22210107 应交税费—应交增值税—销项税额')
    expect(accountLabel(index.byCode.get('1002')!)).toBe('1002 银行存款')
  })

  it('finds accounts by pinyin initials: yhck → 1002 银行存款', () => {
    expect(codes('yhck')).toEqual(['1002'])
    expect(codes('YHCK')).toEqual(['1002'])
    // an exact initials match comes before longer ones that start the same
    expect(codes('xxse')).toEqual(['22210107', '22210102'])
  })

  it('finds accounts by code prefix, leaves only, in code order', () => {
    expect(codes('1002')).toEqual(['1002'])
    expect(codes('2221')).toEqual(['22210102', '22210107'])
    expect(codes('10')).toEqual(['1001', '1002'])
  })

  it('finds accounts by name and by a parent name in the path', () => {
    expect(codes('银行')).toEqual(['1002'])
    expect(codes('增值税')).toEqual(['22210102', '22210107'])
    expect(codes('管理费用')).toEqual(['560207'])
  })

  it('never offers parent or deactivated accounts', () => {
    expect(codes('5602')).toEqual(['560207'])
    expect(codes('qt')).toEqual([])
    expect(codes('2221').includes('2221')).toBe(false)
  })

  it('finds active auxiliary items of one type by code, name or initials', () => {
    expect(matchAuxItems(AUX, 'customer', 'nb').map((i) => i.id)).toEqual([1])
    expect(matchAuxItems(AUX, 'customer', 'c0').map((i) => i.id)).toEqual([1, 2])
    expect(matchAuxItems(AUX, 'customer', '温州').map((i) => i.id)).toEqual([2])
    expect(matchAuxItems(AUX, 'customer', '').map((i) => i.id)).toEqual([1, 2])
  })
})
