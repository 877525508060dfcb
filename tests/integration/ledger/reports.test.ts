// Ledger views on real books: 明细账 running balance across pages, 总账 by month, 序时账, auxiliary
// balances by customer, sub-accounts and auxiliary requirements, and the year-end transfer.
import { afterEach, describe, expect, it } from 'vitest'
import { line, ledgerWorld, type LedgerWorld } from './fixtures'

let w: LedgerWorld
afterEach(async () => w?.app.dispose())

describe('ledger views', () => {
  it('detail, general, journal and auxiliary balances agree with what was posted', async () => {
    w = await ledgerWorld()
    const { app, clientId } = w
    await w.as('li')
    const bank = await app.must('accounts:create', { clientId, parentCode: '1002', code: '100201', name: '工商银行' })
    expect(bank).toMatchObject({ code: '100201', isLeaf: true, initials: 'gsyh', level: 2 })
    expect((await app.must('accounts:list', { clientId })).accounts.find((a) => a.code === '1002')?.isLeaf).toBe(false)
    expect(await app.call('accounts:create', { clientId, parentCode: '1002', code: '1002011', name: '错' })).toMatchObject({ ok: false, error: { code: 'VOUCHER_INVALID', details: { rule: 'coding-scheme' } } })
    expect(await app.call('accounts:create', { clientId, parentCode: '1002', code: '100201', name: '重复' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const acme = await app.must('auxItems:create', { clientId, type: 'customer', code: 'C001', name: '甲公司' })
    const beta = await app.must('auxItems:create', { clientId, type: 'customer', code: 'C002', name: '乙公司' })
    // 1122 应收账款 requires a customer on every line
    expect(await app.call('vouchers:save', { clientId, type: '记', date: '2026-01-05', attachments: 0, lines: [line('1122', 100, 0), line('5001', 0, 100)] })).toMatchObject({
      ok: false,
      error: { code: 'VOUCHER_INVALID', details: { rule: 'aux-required', line: 1 } },
    })
    const ids: number[] = []
    const save = async (date: string, lines: Parameters<typeof line>[] | { accountCode: string; debit: number; credit: number; summary: string; aux?: { customer: number } }[]) =>
      ids.push((await app.must('vouchers:save', { clientId, type: '记', date, attachments: 0, lines: lines as never })).id)
    await save('2026-01-05', [{ summary: '赊销', accountCode: '1122', debit: 300_00, credit: 0, aux: { customer: acme.id } }, { summary: '赊销', accountCode: '5001', debit: 0, credit: 300_00 }])
    await save('2026-01-09', [{ summary: '赊销', accountCode: '1122', debit: 200_00, credit: 0, aux: { customer: beta.id } }, { summary: '赊销', accountCode: '5001', debit: 0, credit: 200_00 }])
    await save('2026-01-20', [{ summary: '收款', accountCode: '100201', debit: 250_00, credit: 0 }, { summary: '收款', accountCode: '1122', debit: 0, credit: 250_00, aux: { customer: acme.id } }])
    await save('2026-02-03', [{ summary: '收款', accountCode: '100201', debit: 200_00, credit: 0 }, { summary: '收款', accountCode: '1122', debit: 0, credit: 200_00, aux: { customer: beta.id } }])
    for (let i = 0; i < 5; i++) await save('2026-02-10', [{ summary: `提现${i}`, accountCode: '1001', debit: 10_00, credit: 0 }, { summary: `提现${i}`, accountCode: '100201', debit: 0, credit: 10_00 }])
    // journal shows drafts too, in date order
    const journal = await app.must('reports:journal', { clientId, from: '2026-01', to: '2026-02' })
    expect(journal.total).toBe(18)
    expect(journal.rows[0]).toMatchObject({ date: '2026-01-05', voucherLabel: '记-0001', status: 'draft', accountCode: '1122' })
    await w.as('zhang')
    await app.must('vouchers:review', { clientId, ids })
    expect((await app.must('vouchers:post', { clientId, ids })).done).toHaveLength(ids.length)

    // 明细账: running balance continues across pages
    const page1 = await app.must('reports:detailLedger', { clientId, accountCode: '100201', from: '2026-01', to: '2026-02', limit: 3 })
    expect(page1.total).toBe(7)
    expect(page1.opening).toMatchObject({ summary: '期初余额', side: 'zero', balance: 0 })
    expect(page1.rows.map((r) => [r.voucherLabel, r.debit, r.credit, r.side, r.balance])).toEqual([
      ['记-0003', 250_00, 0, 'debit', 250_00],
      ['记-0001', 200_00, 0, 'debit', 450_00],
      ['记-0002', 0, 10_00, 'debit', 440_00],
    ])
    const page2 = await app.must('reports:detailLedger', { clientId, accountCode: '100201', from: '2026-01', to: '2026-02', offset: page1.next!, limit: 10 })
    expect(page2.rows.at(-1)).toMatchObject({ balance: 400_00, side: 'debit' })
    expect(page2.next).toBeNull()
    // the parent account's ledger covers its sub-accounts; February alone starts from January's balance
    const feb = await app.must('reports:detailLedger', { clientId, accountCode: '1002', from: '2026-02', to: '2026-02' })
    expect(feb.opening).toMatchObject({ side: 'debit', balance: 250_00 })

    // 总账
    const gl = await app.must('reports:generalLedger', { clientId, accountCode: '1122', from: '2026-01', to: '2026-02' })
    expect(gl.rows.map((r) => [r.period, r.kind, r.debit, r.credit, r.balance])).toEqual([
      ['2026-01', 'opening', 0, 0, 0],
      ['2026-01', 'period', 500_00, 250_00, 250_00],
      ['2026-01', 'ytd', 500_00, 250_00, 250_00],
      ['2026-02', 'period', 0, 200_00, 50_00],
      ['2026-02', 'ytd', 500_00, 450_00, 50_00],
    ])

    // auxiliary balances by customer
    const aux = await app.must('reports:auxBalance', { clientId, accountCode: '1122', type: 'customer', from: '2026-02', to: '2026-02' })
    expect(aux.rows.map((r) => [r.name, r.openingDebit, r.periodCredit, r.closingDebit])).toEqual([
      ['甲公司', 50_00, 0, 50_00],
      ['乙公司', 200_00, 200_00, 0],
    ])
    // an account with postings keeps its auxiliary requirements
    expect(await app.call('accounts:update', { clientId, code: '1122', auxTypes: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
  })

  it('year-end transfers 本年利润 to 利润分配—未分配利润 in December only', async () => {
    w = await ledgerWorld({ firstPeriod: '2026-12' })
    const { app, clientId } = w
    await w.as('li')
    expect(await app.call('periods:yearEnd', { clientId, period: '2026-11' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    const sale = await app.must('vouchers:save', { clientId, type: '记', date: '2026-12-10', attachments: 0, lines: [line('1001', 800_00, 0), line('5001', 0, 800_00)] })
    await w.as('zhang')
    await app.must('vouchers:review', { clientId, ids: [sale.id] })
    await app.must('vouchers:post', { clientId, ids: [sale.id] })
    await w.as('li')
    const cf = await app.must('periods:carryForward', { clientId, period: '2026-12' })
    await w.as('zhang')
    await app.must('vouchers:review', { clientId, ids: [cf!.id] })
    await app.must('vouchers:post', { clientId, ids: [cf!.id] })
    await w.as('li')
    const ye = await app.must('periods:yearEnd', { clientId, period: '2026-12' })
    expect(ye).toMatchObject({ kind: 'year-end', date: '2026-12-31' })
    expect(ye!.lines.map((l) => [l.accountCode, l.accountName, l.debit, l.credit])).toEqual([
      ['3103', '本年利润', 800_00, 0],
      [expect.stringMatching(/^3104\d{2}$/), '未分配利润', 0, 800_00],
    ])
  })
})
