// Periods of one client's books: the month list, 期末结转损益 and the year-end transfer (generated draft
// vouchers), the month-end checks, 结账 and 反结账 in the required order. Each write audited in its transaction.
import type { Voucher } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import type { Queryable } from '../db/connection'
import { assertOpenPeriod, carryForwardLines, lastDayOf, nextPeriod, parseAuxKey, postedGaps, prevPeriod, voucherLabel } from './posting'
import { audit, getVoucher, insertVoucher, lastClosedPeriod, openingBalanced, type Ledger } from './vouchers'

export function currentPeriodOf(firstPeriod: string, lastClosed: string | null): string {
  return lastClosed ? nextPeriod(lastClosed) : firstPeriod
}

export async function listPeriods(db: Queryable, firstPeriod: string) {
  const lastClosed = await lastClosedPeriod(db)
  const current = currentPeriodOf(firstPeriod, lastClosed)
  const counts = await db.all<{ period: string; status: string; n: number }>('SELECT period, status, count(*) AS n FROM vouchers GROUP BY period, status')
  const maxVoucher = counts.reduce((m, c) => (c.period > m ? c.period : m), current)
  const periods = []
  for (let p = firstPeriod; p <= maxVoucher; p = nextPeriod(p)) {
    const n = (status: string) => counts.find((c) => c.period === p && c.status === status)?.n ?? 0
    periods.push({ period: p, status: lastClosed && p <= lastClosed ? ('closed' as const) : ('open' as const), draft: n('draft'), reviewed: n('reviewed'), posted: n('posted') })
  }
  return { periods, currentPeriod: current, lastClosedPeriod: lastClosed }
}

const profitAccount = (standard: 'small' | 'general') => (standard === 'small' ? '3103' : '4103')
const distributionParent = (standard: 'small' | 'general') => (standard === 'small' ? '3104' : '4104')

/** Posted, signed (debit-positive) closing balances at the end of `period` of 损益 leaves, by auxiliary key. */
async function pnlBalances(tx: Queryable, period: string) {
  const rows = await tx.all<{ account_code: string; aux_key: string; has_aux: number; b: number }>(
    `SELECT b.account_code, b.aux_key, a.aux_types != '[]' AS has_aux, sum(b.debit - b.credit) AS b
     FROM balances b JOIN accounts a ON a.code = b.account_code
     WHERE a.category = 'pnl' AND b.period <= ? GROUP BY b.account_code, b.aux_key`,
    [period],
  )
  const opening = await tx.all<{ account_code: string; balance: number }>("SELECT o.account_code, o.balance FROM opening_balances o JOIN accounts a ON a.code = o.account_code WHERE a.category = 'pnl' AND o.balance != 0")
  const out = rows.filter((r) => (r.has_aux === 1 ? r.aux_key !== '' : r.aux_key === '')).map((r) => ({ accountCode: r.account_code, aux: parseAuxKey(r.aux_key), balance: r.b }))
  for (const o of opening) {
    const hit = out.find((x) => x.accountCode === o.account_code && Object.keys(x.aux).length === 0)
    if (hit) hit.balance += o.balance
    else out.push({ accountCode: o.account_code, aux: {}, balance: o.balance })
  }
  return out.filter((x) => x.balance !== 0).sort((a, b) => a.accountCode.localeCompare(b.accountCode))
}

/** 期末结转损益 as a draft voucher (replacing an earlier draft one). Errors: PERIOD_CLOSED, INVALID_STATE. */
export async function carryForward(L: Ledger, period: string): Promise<Voucher | null> {
  return L.db.transaction(async (tx) => {
    assertOpenPeriod(period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    const old = await tx.all<{ id: number; status: string; type: string; number: number }>("SELECT id, status, type, number FROM vouchers WHERE period = ? AND kind = 'carry-forward'", [period])
    const blocking = old.find((v) => v.status !== 'draft')
    if (blocking && blocking.status !== 'posted') throw new AppError('INVALID_STATE', `The carry-forward voucher ${voucherLabel(blocking.type, blocking.number)} is reviewed: unreview it first.`)
    const pending = await tx.get<{ n: number }>(
      `SELECT count(DISTINCT v.id) AS n FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id JOIN accounts a ON a.code = l.account_code
       WHERE v.period <= ? AND v.status != 'posted' AND v.kind != 'carry-forward' AND a.category = 'pnl'`,
      [period],
    )
    if ((pending?.n ?? 0) > 0) throw new AppError('INVALID_STATE', `${pending!.n} unposted voucher(s) touch 损益 accounts: post them before carrying forward.`)
    for (const v of old.filter((x) => x.status === 'draft')) await tx.run('DELETE FROM vouchers WHERE id = ?', [v.id])
    const balances = await pnlBalances(tx, period)
    if (balances.length === 0) return null
    const id = await insertVoucher(tx, L, {
      type: L.meta.voucherTypes === 'single' ? '记' : '转',
      date: lastDayOf(period),
      attachments: 0,
      kind: 'carry-forward',
      lines: carryForwardLines(balances, profitAccount(L.meta.standard)),
    })
    const v = await getVoucher(tx, id)
    await audit(tx, L, 'period.carried-forward', `period:${period}`, { voucher: voucherLabel(v.type, v.number), total: v.total })
    return v
  })
}

/** Year-end: 本年利润 to 利润分配—未分配利润 in December, as a draft voucher. Errors: INVALID_STATE. */
export async function yearEnd(L: Ledger, period: string): Promise<Voucher | null> {
  if (!period.endsWith('-12')) throw new AppError('INVALID_STATE', 'The year-end transfer is made in December.')
  return L.db.transaction(async (tx) => {
    assertOpenPeriod(period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    const profit = profitAccount(L.meta.standard)
    const target = await tx.get<{ code: string }>("SELECT code FROM accounts WHERE parent_code = ? AND name LIKE '%未分配利润%' AND is_leaf = 1 ORDER BY code LIMIT 1", [distributionParent(L.meta.standard)])
    if (!target) throw new AppError('INVALID_STATE', `There is no 未分配利润 sub-account under ${distributionParent(L.meta.standard)}.`)
    const b =
      ((await tx.get<{ b: number }>("SELECT coalesce(sum(debit - credit), 0) AS b FROM balances WHERE account_code = ? AND aux_key = '' AND period <= ?", [profit, period]))?.b ?? 0) +
      ((await tx.get<{ b: number }>("SELECT coalesce(sum(balance), 0) AS b FROM opening_balances WHERE account_code = ? AND aux_key = ''", [profit]))?.b ?? 0)
    if (b === 0) return null
    const summary = '结转本年利润'
    const lines =
      b < 0
        ? [{ summary, accountCode: profit, debit: -b, credit: 0 }, { summary, accountCode: target.code, debit: 0, credit: -b }]
        : [{ summary, accountCode: target.code, debit: b, credit: 0 }, { summary, accountCode: profit, debit: 0, credit: b }]
    const id = await insertVoucher(tx, L, { type: L.meta.voucherTypes === 'single' ? '记' : '转', date: lastDayOf(period), attachments: 0, kind: 'year-end', lines })
    const v = await getVoucher(tx, id)
    await audit(tx, L, 'period.year-end', `period:${period}`, { voucher: voucherLabel(v.type, v.number), total: v.total })
    return v
  })
}

export type CloseCheck = { id: 'previous-closed' | 'all-posted' | 'pnl-carried' | 'trial-balanced' | 'no-gaps' | 'opening-balanced'; ok: boolean; detail: string }

export async function closeChecks(tx: Queryable, firstPeriod: string, period: string): Promise<CloseCheck[]> {
  const lastClosed = await lastClosedPeriod(tx)
  const checks: CloseCheck[] = []
  const prevOk = period === firstPeriod ? !lastClosed : lastClosed === prevPeriod(period)
  checks.push({ id: 'previous-closed', ok: prevOk, detail: prevOk ? '' : period === firstPeriod ? '' : `${prevPeriod(period)} is not closed yet.` })
  const unposted = await tx.get<{ n: number }>("SELECT count(*) AS n FROM vouchers WHERE period = ? AND status != 'posted'", [period])
  checks.push({ id: 'all-posted', ok: (unposted?.n ?? 0) === 0, detail: unposted?.n ? `${unposted.n} voucher(s) are not posted.` : '' })
  const pnl = await pnlBalances(tx, period)
  checks.push({ id: 'pnl-carried', ok: pnl.length === 0, detail: pnl.length ? `${pnl.length} 损益 account(s) still have a balance: carry profit and loss forward.` : '' })
  const tb =
    ((await tx.get<{ b: number }>("SELECT coalesce(sum(debit - credit), 0) AS b FROM balances WHERE aux_key = '' AND period <= ?", [period]))?.b ?? 0) +
    ((await tx.get<{ b: number }>("SELECT coalesce(sum(balance), 0) AS b FROM opening_balances WHERE aux_key = ''"))?.b ?? 0)
  checks.push({ id: 'trial-balanced', ok: tb === 0, detail: tb ? `The trial balance is off by ${(tb / 100).toFixed(2)}.` : '' })
  const posted = await tx.all<{ type: string; number: number }>("SELECT type, number FROM vouchers WHERE period = ? AND status = 'posted'", [period])
  const gaps = [...new Set(posted.map((p) => p.type))].flatMap((t) => postedGaps(posted.filter((p) => p.type === t).map((p) => p.number)).map((n) => voucherLabel(t, n)))
  checks.push({ id: 'no-gaps', ok: gaps.length === 0, detail: gaps.length ? `Missing numbers: ${gaps.slice(0, 10).join(', ')}${gaps.length > 10 ? ' …' : ''}.` : '' })
  const ob = await openingBalanced(tx)
  checks.push({ id: 'opening-balanced', ok: ob, detail: ob ? '' : 'The opening balances do not balance.' })
  return checks
}

/** 结账. Errors: PERIOD_CLOSED, CLOSE_BLOCKED (details.failed). */
export async function closePeriod(L: Ledger, period: string): Promise<CloseCheck[]> {
  return L.db.transaction(async (tx) => {
    assertOpenPeriod(period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    const checks = await closeChecks(tx, L.meta.firstPeriod, period)
    const failed = checks.filter((c) => !c.ok)
    if (failed.length) {
      throw new AppError('CLOSE_BLOCKED', `${period} cannot be closed: ${failed.map((f) => f.detail || f.id).join(' ')}`, { details: { failed: failed.map((f) => f.id).join(',') } })
    }
    await tx.run("INSERT INTO periods (period, status, closed_at, closed_by) VALUES (?, 'closed', ?, ?)", [period, L.now.toISOString(), L.s.user.id])
    await audit(tx, L, 'period.closed', `period:${period}`)
    return checks
  })
}

/** 反结账 of the latest closed period, with a reason. Errors: INVALID_STATE. */
export async function reopenPeriod(L: Ledger, period: string, reason: string): Promise<void> {
  await L.db.transaction(async (tx) => {
    const last = await lastClosedPeriod(tx)
    if (!last || period !== last) {
      throw new AppError('INVALID_STATE', last ? `Only the latest closed period (${last}) can be reopened.` : 'No period is closed.')
    }
    await tx.run('DELETE FROM periods WHERE period = ?', [period])
    await audit(tx, L, 'period.reopened', `period:${period}`, { reason })
  })
}
