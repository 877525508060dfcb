import { describe, expect, it } from 'vitest'
import { defaultVoucherDate, formatPeriod, isIsoDate, lastDayOf, nextPeriod, periodRange, prevPeriod } from '../../../../src/renderer/src/ledger/period'

describe('periods', () => {
  it('steps months across years and knows the last day', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01')
    expect(prevPeriod('2026-01')).toBe('2025-12')
    expect(lastDayOf('2024-02')).toBe('2024-02-29')
    expect(lastDayOf('2026-02')).toBe('2026-02-28')
    expect(periodRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
  })

  it('checks calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
    expect(isIsoDate('2026-02-30')).toBe(false)
    expect(isIsoDate('2026-2-3')).toBe(false)
  })

  it('a new voucher is dated the last date used in the period, else today in it, else its last day', () => {
    expect(defaultVoucherDate('2026-01', '2026-01-12', '2026-11-23')).toBe('2026-01-12')
    expect(defaultVoucherDate('2026-01', '2025-12-31', '2026-11-23')).toBe('2026-01-31')
    expect(defaultVoucherDate('2026-11', null, '2026-11-23')).toBe('2026-11-23')
  })

  it('shows periods the Chinese way in Chinese', () => {
    expect(formatPeriod('2026-01', 'zh-CN')).toBe('2026年01月')
    expect(formatPeriod('2026-01', 'en')).toBe('2026-01')
  })
})
