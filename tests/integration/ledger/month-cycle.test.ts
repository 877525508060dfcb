import { afterEach, describe, expect, it } from 'vitest'
import { line, ledgerWorld, type LedgerWorld } from './fixtures'

let w: LedgerWorld
afterEach(async () => w?.app.dispose())

describe('a month of books, two people', () => {
  it('opening balances → vouchers → review/post → carry-forward → close → reopen', async () => {
    w = await ledgerWorld()
    const { app, clientId } = w
    await w.as('li')
    // opening balances must balance before anything can be posted
    let opening = await app.must('opening:save', { clientId, rows: [{ accountCode: '1002', balance: 5_000_000, ytdDebit: 0, ytdCredit: 0 }] })
    expect(opening.balanced).toBe(false)
    opening = await app.must('opening:save', {
      clientId,
      rows: [
        { accountCode: '1002', balance: 5_000_000, ytdDebit: 0, ytdCredit: 0 },
        { accountCode: '3001', balance: 5_000_000, ytdDebit: 0, ytdCredit: 0 },
      ],
    })
    expect(opening).toMatchObject({ balanced: true, debitTotal: 5_000_000, creditTotal: 5_000_000, locked: false })

    const sale = await app.must('vouchers:save', { clientId, type: '记', date: '2026-01-10', attachments: 2, lines: [line('1002', 1_130_000, 0, '销售收入'), line('5001', 0, 1_000_000, '销售收入'), line('22210102', 0, 130_000, '销售收入')] })
    const fee = await app.must('vouchers:save', { clientId, type: '记', date: '2026-01-20', attachments: 1, lines: [line('560201', 50_000, 0, '办公费'), line('1001', 0, 50_000, '办公费')] })
    expect([sale.number, fee.number]).toEqual([1, 2])
    expect(sale.preparer?.name).toBe('李会计')

    // the preparer cannot review their own voucher
    await w.as('zhang')
    const own = await app.must('vouchers:save', { clientId, type: '记', date: '2026-01-25', attachments: 0, lines: [line('1001', 100_000, 0, '提现'), line('1002', 0, 100_000, '提现')] })
    const reviewed = await app.must('vouchers:reviewPeriod', { clientId, period: '2026-01' })
    expect(reviewed.done.sort()).toEqual([sale.id, fee.id].sort())
    expect(reviewed.refused).toEqual([{ id: own.id, label: '记-0003', code: 'SAME_PERSON', message: expect.stringContaining('another person') }])
    await w.as('li')
    // bookkeepers do not review
    expect(await app.call('vouchers:review', { clientId, ids: [own.id] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const reviewedOwn = await app.must('vouchers:get', { clientId, id: own.id })
    expect(reviewedOwn.status).toBe('draft')

    // a reviewed voucher cannot be edited; the reviewer unreviews it (弃审)
    expect(await app.call('vouchers:save', { clientId, id: sale.id, type: '记', date: '2026-01-10', attachments: 2, lines: [line('1002', 1, 0), line('5001', 0, 1)] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    })
    await w.as('zhang')
    expect((await app.must('vouchers:unreview', { clientId, ids: [fee.id] })).done).toEqual([fee.id])
    expect((await app.must('vouchers:review', { clientId, ids: [fee.id] })).done).toEqual([fee.id])
    // posting: only reviewed vouchers
    const posted = await app.must('vouchers:postPeriod', { clientId, period: '2026-01' })
    expect(posted.done.sort()).toEqual([sale.id, fee.id].sort())
    expect(await app.must('vouchers:post', { clientId, ids: [own.id] })).toMatchObject({ done: [], refused: [{ code: 'INVALID_STATE' }] })
    // posted vouchers are permanent
    expect(await app.call('vouchers:delete', { clientId, id: sale.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    expect(await app.call('vouchers:unreview', { clientId, ids: [sale.id] })).toMatchObject({ ok: true, value: { refused: [{ code: 'INVALID_STATE' }] } })
    expect((await app.must('opening:get', { clientId })).locked).toBe(true)

    // trial balance
    let tb = await app.must('reports:trialBalance', { clientId, from: '2026-01', to: '2026-01', level: 1 })
    expect(tb.balanced).toBe(true)
    expect(tb.totals).toMatchObject({ openingDebit: 5_000_000, openingCredit: 5_000_000, periodDebit: 1_180_000, periodCredit: 1_180_000 })
    expect(tb.rows.find((r) => r.code === '1002')).toMatchObject({ openingDebit: 5_000_000, periodDebit: 1_130_000, closingDebit: 6_130_000 })

    // month end: the close is refused while something is unposted or 损益 not carried forward
    const blocked = await app.call('periods:close', { clientId, period: '2026-01' })
    expect(blocked).toMatchObject({ ok: false, error: { code: 'CLOSE_BLOCKED' } })
    if (!blocked.ok) expect(String(blocked.error.details?.failed).split(',').sort()).toEqual(['all-posted', 'pnl-carried'])
    await w.as('li')
    await app.must('vouchers:delete', { clientId, id: own.id })
    const cf = await app.must('periods:carryForward', { clientId, period: '2026-01' })
    expect(cf).toMatchObject({ kind: 'carry-forward', date: '2026-01-31', number: 3 })
    expect(cf!.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['5001', 1_000_000, 0],
      ['560201', 0, 50_000],
      ['3103', 0, 1_000_000],
      ['3103', 50_000, 0],
    ])
    await w.as('zhang')
    await app.must('vouchers:reviewPeriod', { clientId, period: '2026-01' })
    await app.must('vouchers:postPeriod', { clientId, period: '2026-01' })
    const checks = await app.must('periods:close', { clientId, period: '2026-01' })
    expect(checks.checks.every((c) => c.ok)).toBe(true)
    tb = await app.must('reports:trialBalance', { clientId, from: '2026-01', to: '2026-01', level: 1 })
    expect(tb.rows.find((r) => r.code === '3103')).toMatchObject({ closingCredit: 950_000 })
    expect(tb.rows.find((r) => r.code === '5001')).toMatchObject({ closingDebit: 0, closingCredit: 0 })

    // a closed period refuses writes, naming the reason
    await w.as('li')
    const late = await app.call('vouchers:save', { clientId, type: '记', date: '2026-01-31', attachments: 0, lines: [line('1001', 100, 0), line('1002', 0, 100)] })
    expect(late).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } })
    const feb = await app.must('vouchers:save', { clientId, type: '记', date: '2026-02-03', attachments: 0, lines: [line('1001', 100, 0), line('1002', 0, 100)] })
    expect(feb.number).toBe(1)
    expect((await app.must('clients:list', {})).clients[0]).toMatchObject({ currentPeriod: '2026-02', lastClosedPeriod: '2026-01', unpostedCount: 1 })

    // reopening: supervisor only, with a reason, audited; then January takes vouchers again
    expect(await app.call('periods:reopen', { clientId, period: '2026-01', reason: '补录凭证' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await w.as('zhang')
    await app.must('periods:reopen', { clientId, period: '2026-01', reason: '补录凭证' })
    await w.as('li')
    await app.must('vouchers:save', { clientId, type: '记', date: '2026-01-31', attachments: 0, lines: [line('1001', 100, 0), line('1002', 0, 100)] })
    expect((await app.must('ledger:check', { clientId })).ok).toBe(true)
  })
})

describe('corrections of posted vouchers', () => {
  it('red reversal creates a linked voucher with negative amounts that cancels the original', async () => {
    w = await ledgerWorld()
    const { app, clientId } = w
    await w.as('li')
    const v = await app.must('vouchers:save', { clientId, type: '记', date: '2026-01-10', attachments: 1, lines: [line('560201', 30_000, 0), line('1001', 0, 30_000)] })
    await w.as('zhang')
    await app.must('vouchers:review', { clientId, ids: [v.id] })
    await app.must('vouchers:post', { clientId, ids: [v.id] })
    await w.as('li')
    const r = await app.must('vouchers:reverse', { clientId, id: v.id, date: '2026-01-28' })
    expect(r).toMatchObject({ kind: 'reversal', reversesId: v.id, status: 'draft', number: 2 })
    expect(r.lines.map((l) => [l.summary, l.accountCode, l.debit, l.credit])).toEqual([
      ['冲销 记-0001号凭证', '560201', -30_000, 0],
      ['冲销 记-0001号凭证', '1001', 0, -30_000],
    ])
    expect((await app.must('vouchers:get', { clientId, id: v.id })).reversedById).toBe(r.id)
    expect(await app.call('vouchers:reverse', { clientId, id: v.id, date: '2026-01-28' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    await w.as('zhang')
    await app.must('vouchers:review', { clientId, ids: [r.id] })
    await app.must('vouchers:post', { clientId, ids: [r.id] })
    const tb = await app.must('reports:trialBalance', { clientId, from: '2026-01', to: '2026-01', showZero: true })
    expect(tb.rows.find((x) => x.code === '560201')).toMatchObject({ periodDebit: 0, closingDebit: 0, closingCredit: 0 })
  })

  it('renumbering closes gaps among unposted vouchers only', async () => {
    w = await ledgerWorld()
    const { app, clientId } = w
    await w.as('li')
    const mk = () => app.must('vouchers:save', { clientId, type: '记', date: '2026-01-10', attachments: 0, lines: [line('1001', 100, 0), line('1002', 0, 100)] })
    const [a, b, c, d] = [await mk(), await mk(), await mk(), await mk()]
    await w.as('zhang')
    await app.must('vouchers:review', { clientId, ids: [a.id, c.id] })
    await app.must('vouchers:post', { clientId, ids: [a.id, c.id] })
    await w.as('li')
    await app.must('vouchers:delete', { clientId, id: b.id })
    expect((await app.must('periods:checkClose', { clientId, period: '2026-01' })).checks.find((x) => x.id === 'no-gaps')?.ok).toBe(false)
    expect(await app.must('vouchers:renumber', { clientId, period: '2026-01' })).toEqual({ renumbered: 1 })
    const list = await app.must('vouchers:list', { clientId, period: '2026-01' })
    expect(list.vouchers.map((x) => [x.id, x.number, x.status])).toEqual([
      [a.id, 1, 'posted'],
      [d.id, 2, 'draft'],
      [c.id, 3, 'posted'],
    ])
  })
})
