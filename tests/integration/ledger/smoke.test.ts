import { afterEach, describe, expect, it } from 'vitest'
import { startWithFirm, type TestApp } from '../helpers/harness'

let app: TestApp
afterEach(async () => app?.dispose())

describe('ledger smoke', () => {
  it('creates a client, enters, reviews, posts, reports', async () => {
    ;({ app } = await startWithFirm())
    const sup = await app.must('users:create', { username: 'zhang', displayName: '张主管', role: 'supervisor', temporaryPassword: 'Temporary-Pass-2026!' })
    const bk = await app.must('users:create', { username: 'li', displayName: '李会计', role: 'bookkeeper', temporaryPassword: 'Temporary-Pass-2026!' })
    const c = await app.must('clients:create', { name: '杭州示例科技有限公司', uscc: '91350100M000100Y43', standard: 'small', firstPeriod: '2026-01', codingScheme: '4-2-2', voucherTypes: 'single' })
    await app.must('clients:assign', { clientId: c.id, userId: sup.id })
    await app.must('clients:assign', { clientId: c.id, userId: bk.id })
    await app.must('session:lock', {})
    await app.must('session:unlock', { username: 'li', password: 'Temporary-Pass-2026!' })
    await app.must('session:changePassword', { currentPassword: 'Temporary-Pass-2026!', newPassword: 'Abacus-River-Lantern-88' })
    const { accounts } = await app.must('accounts:list', { clientId: c.id })
    expect(accounts.find((a) => a.code === '1002')?.initials).toBe('yhck')
    const v = await app.must('vouchers:save', {
      clientId: c.id, type: '记', date: '2026-01-15', attachments: 1,
      lines: [
        { summary: '收到货款', accountCode: '1002', debit: 1130000, credit: 0 },
        { summary: '收到货款', accountCode: '5001', debit: 0, credit: 1000000 },
        { summary: '收到货款', accountCode: '22210102', debit: 0, credit: 130000 },
      ],
    })
    expect(v.number).toBe(1)
    await app.must('session:lock', {})
    await app.must('session:unlock', { username: 'zhang', password: 'Temporary-Pass-2026!' })
    await app.must('session:changePassword', { currentPassword: 'Temporary-Pass-2026!', newPassword: 'Abacus-River-Lantern-99' })
    const r = await app.must('vouchers:review', { clientId: c.id, ids: [v.id] })
    expect(r.done).toEqual([v.id])
    const p = await app.must('vouchers:post', { clientId: c.id, ids: [v.id] })
    expect(p.done).toEqual([v.id])
    const tb = await app.must('reports:trialBalance', { clientId: c.id, from: '2026-01', to: '2026-01' })
    expect(tb.balanced).toBe(true)
    expect(tb.totals.periodDebit).toBe(1130000)
    const cf = await app.must('periods:carryForward', { clientId: c.id, period: '2026-01' })
    expect(cf?.lines.length).toBe(2)
    await app.must('vouchers:save', { clientId: c.id, type: '记', date: '2026-01-20', attachments: 0, lines: [{ summary: 'x', accountCode: '1001', debit: 100, credit: 0 }, { summary: 'x', accountCode: '1002', debit: 0, credit: 100 }] })
    const check = await app.must('ledger:check', { clientId: c.id })
    expect(check.ok).toBe(true)
  })
})
