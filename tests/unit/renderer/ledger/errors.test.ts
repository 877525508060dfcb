import { beforeAll, describe, expect, it } from 'vitest'
import i18n, { initI18n } from '../../../../src/renderer/src/i18n'
import { batchRefusalText, CLOSE_CHECKS, closeCheckText, errorText, VOUCHER_RULES } from '../../../../src/renderer/src/lib/errors'
import type { AppErrorData } from '../../../../src/shared/ipc/result'

beforeAll(() => {
  initI18n()
})

const text = async (lang: 'zh-CN' | 'en', error: AppErrorData) => {
  await i18n.changeLanguage(lang)
  return errorText(i18n.t, error)
}

describe('ledger errors in words', () => {
  it('every voucher rule has words in both languages, with the line when there is one', async () => {
    for (const rule of VOUCHER_RULES) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const { title } = await text(lang, { code: 'VOUCHER_INVALID', message: 'x', details: { rule, line: 3 } })
        expect(title, `${lang} ${rule}`).not.toContain('ledger.rules')
        expect(title).toMatch(lang === 'zh-CN' ? /^第 3 行：/ : /^Line 3: /)
      }
    }
    expect((await text('zh-CN', { code: 'VOUCHER_INVALID', message: 'x', details: { rule: 'aux-required', line: 2, auxType: 'customer' } })).title).toBe('第 2 行：该科目需要填写辅助核算：客户')
    expect((await text('zh-CN', { code: 'VOUCHER_INVALID', message: 'x', details: { rule: 'empty' } })).title).toBe('凭证没有金额')
    expect((await text('en', { code: 'VOUCHER_INVALID', message: 'x', details: { rule: 'brand-new' } })).title).toContain('brand-new')
  })

  it('UNBALANCED shows both totals and the difference', async () => {
    const e: AppErrorData = { code: 'UNBALANCED', message: 'x', details: { debit: 10000, credit: 9000, difference: 1000 } }
    expect((await text('zh-CN', e)).title).toBe('借贷不平衡：借方合计 100.00，贷方合计 90.00，差额 10.00')
    expect((await text('en', e)).title).toBe('Debits and credits do not balance: debit total 100.00, credit total 90.00, difference 10.00')
  })

  it('PERIOD_CLOSED names the period and why', async () => {
    expect((await text('zh-CN', { code: 'PERIOD_CLOSED', message: 'x', details: { period: '2026-01', reason: 'closed' } })).title).toBe('2026-01 已结账，不能在该期间录入或修改凭证')
    expect((await text('zh-CN', { code: 'PERIOD_CLOSED', message: 'x', details: { period: '2025-12', reason: 'before-start' } })).title).toBe('2025-12 早于账套启用期间，不能录入凭证')
    expect((await text('en', { code: 'PERIOD_CLOSED', message: 'x', details: { period: '2026-01' } })).title).toContain('closed or before the books start')
  })

  it('CLOSE_BLOCKED lists each failed check in words; every check reads in both states and languages', async () => {
    const e: AppErrorData = { code: 'CLOSE_BLOCKED', message: 'x', details: { failed: 'all-posted,pnl-carried,bogus' } }
    expect((await text('zh-CN', e)).lines).toEqual(['本期还有未记账的凭证：请先审核并记账', '损益类科目还有余额：请先结转损益，并审核记账结转凭证'])
    for (const lang of ['zh-CN', 'en'] as const) {
      await i18n.changeLanguage(lang)
      for (const id of CLOSE_CHECKS) for (const ok of [true, false]) expect(closeCheckText(i18n.t, id, ok)).not.toContain('ledger.')
    }
  })

  it('INVALID_STATE from a month-end step says what blocked it', async () => {
    const e: AppErrorData = { code: 'INVALID_STATE', message: 'x', details: { hint: 'carry' } }
    expect((await text('zh-CN', e)).lines[0]).toContain('未记账的凭证涉及损益类科目')
    expect((await text('en', { ...e, details: { hint: 'reopen' } })).lines).toEqual(['Only the latest closed period can be reopened'])
    expect((await text('zh-CN', { code: 'INVALID_STATE', message: 'x' })).lines).toEqual([])
  })

  it('batch refusals read by what was attempted', async () => {
    await i18n.changeLanguage('zh-CN')
    expect(batchRefusalText(i18n.t, 'review', 'SAME_PERSON')).toBe('制单人不能审核自己制作的凭证')
    expect(batchRefusalText(i18n.t, 'post', 'INVALID_STATE')).toBe('尚未审核，不能记账')
    expect(batchRefusalText(i18n.t, 'unreview', 'FORBIDDEN')).toBe('只有审核人本人可以弃审')
    expect(batchRefusalText(i18n.t, 'review', 'NOT_FOUND')).toBe('未找到相应的记录')
    expect(batchRefusalText(i18n.t, 'review', 'WHATEVER')).toContain('内部错误')
  })
})
