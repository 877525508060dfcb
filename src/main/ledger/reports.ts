// Ledger views of one client's books, read from the balance table and the postings journal (posted
// vouchers only): 科目余额表, 明细账, 总账, 序时账, auxiliary balances, and the balance consistency check.
// Reads only; the handlers audit each report as a sensitive read.
import type { AuxType, DetailLedger, TrialBalance } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import type { Queryable } from '../db/connection'
import { nextPeriod, parseAuxKey, prevPeriod } from './posting'

interface AcctRow {
  code: string
  name: string
  parent_code: string | null
  level: number
  is_leaf: number
  category: TrialBalance['rows'][number]['category']
  direction: 'debit' | 'credit'
}

type Sums = Map<string, { debit: number; credit: number }>

async function sums(db: Queryable, from: string, to: string, auxKey = ''): Promise<Sums> {
  if (from > to) return new Map()
  const rows = await db.all<{ account_code: string; d: number; c: number }>(
    'SELECT account_code, sum(debit) AS d, sum(credit) AS c FROM balances WHERE aux_key = ? AND period >= ? AND period <= ? GROUP BY account_code',
    [auxKey, from, to],
  )
  return new Map(rows.map((r) => [r.account_code, { debit: r.d, credit: r.c }]))
}

async function openings(db: Queryable): Promise<Map<string, { balance: number; ytdDebit: number; ytdCredit: number }>> {
  const rows = await db.all<{ account_code: string; balance: number; ytd_debit: number; ytd_credit: number }>("SELECT * FROM opening_balances WHERE aux_key = ''")
  return new Map(rows.map((r) => [r.account_code, { balance: r.balance, ytdDebit: r.ytd_debit, ytdCredit: r.ytd_credit }]))
}

export function splitSigned(signed: number): { debit: number; credit: number } {
  return signed >= 0 ? { debit: signed, credit: 0 } : { debit: 0, credit: -signed }
}

/** Signed (debit-positive) balance of every leaf at the start of `period`. */
export async function leafOpeningAt(db: Queryable, firstPeriod: string, period: string): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (period < firstPeriod) return out
  for (const [code, o] of await openings(db)) out.set(code, o.balance)
  for (const [code, s] of await sums(db, firstPeriod, prevPeriod(period))) out.set(code, (out.get(code) ?? 0) + s.debit - s.credit)
  return out
}

/** 科目余额表. Errors: INVALID_INPUT (range across years or reversed). */
export async function trialBalance(db: Queryable, firstPeriod: string, input: { from: string; to: string; level: number; showZero: boolean }): Promise<TrialBalance> {
  if (input.from > input.to) throw new AppError('INVALID_INPUT', 'The period range is reversed.')
  if (input.from.slice(0, 4) !== input.to.slice(0, 4)) throw new AppError('INVALID_INPUT', 'A trial balance covers periods of one year.')
  const from = input.from < firstPeriod ? firstPeriod : input.from
  const year = input.to.slice(0, 4)
  const ytdFrom = `${year}-01` < firstPeriod ? firstPeriod : `${year}-01`
  const accounts = await db.all<AcctRow>('SELECT code, name, parent_code, level, is_leaf, category, direction FROM accounts ORDER BY code')
  const opening = await leafOpeningAt(db, firstPeriod, from)
  const period = await sums(db, from, input.to)
  const ytd = await sums(db, ytdFrom, input.to)
  if (firstPeriod.slice(0, 4) === year) {
    for (const [code, o] of await openings(db)) {
      const cur = ytd.get(code) ?? { debit: 0, credit: 0 }
      ytd.set(code, { debit: cur.debit + o.ytdDebit, credit: cur.credit + o.ytdCredit })
    }
  }
  type Acc = { opening: number; pd: number; pc: number; yd: number; yc: number }
  const acc = new Map<string, Acc>(accounts.map((a) => [a.code, { opening: 0, pd: 0, pc: 0, yd: 0, yc: 0 }]))
  const parent = new Map(accounts.map((a) => [a.code, a.parent_code]))
  for (const a of accounts) {
    if (a.is_leaf !== 1) continue
    const o = opening.get(a.code) ?? 0
    const p = period.get(a.code) ?? { debit: 0, credit: 0 }
    const y = ytd.get(a.code) ?? { debit: 0, credit: 0 }
    for (let c: string | null = a.code; c; c = parent.get(c) ?? null) {
      const t = acc.get(c)!
      t.opening += o
      t.pd += p.debit
      t.pc += p.credit
      t.yd += y.debit
      t.yc += y.credit
    }
  }
  const rowOf = (t: Acc) => {
    const o = splitSigned(t.opening)
    const c = splitSigned(t.opening + t.pd - t.pc)
    return { openingDebit: o.debit, openingCredit: o.credit, periodDebit: t.pd, periodCredit: t.pc, ytdDebit: t.yd, ytdCredit: t.yc, closingDebit: c.debit, closingCredit: c.credit }
  }
  const rows = accounts
    .filter((a) => a.level <= input.level)
    .map((a) => ({ code: a.code, name: a.name, level: a.level, isLeaf: a.is_leaf === 1, category: a.category, ...rowOf(acc.get(a.code)!) }))
    .filter((r) => input.showZero || r.openingDebit || r.openingCredit || r.periodDebit || r.periodCredit || r.ytdDebit || r.ytdCredit || r.closingDebit || r.closingCredit)
  const totals = { openingDebit: 0, openingCredit: 0, periodDebit: 0, periodCredit: 0, ytdDebit: 0, ytdCredit: 0, closingDebit: 0, closingCredit: 0 }
  for (const a of accounts) {
    if (a.level !== 1) continue
    const r = rowOf(acc.get(a.code)!)
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k]
  }
  const balanced = totals.openingDebit === totals.openingCredit && totals.periodDebit === totals.periodCredit && totals.closingDebit === totals.closingCredit && totals.ytdDebit === totals.ytdCredit
  return { from, to: input.to, rows, totals, balanced }
}

async function account(db: Queryable, code: string): Promise<AcctRow> {
  const a = await db.get<AcctRow>('SELECT code, name, parent_code, level, is_leaf, category, direction FROM accounts WHERE code = ?', [code])
  if (!a) throw new AppError('NOT_FOUND', `No account ${code}.`)
  return a
}

// all codes under an account: digits only, so ':' sorts right after '9'
const rangeOf = (code: string) => [code, `${code}:`]

function sideOf(signed: number): { side: 'debit' | 'credit' | 'zero'; balance: number } {
  return signed === 0 ? { side: 'zero', balance: 0 } : signed > 0 ? { side: 'debit', balance: signed } : { side: 'credit', balance: -signed }
}

async function openingOfAccount(db: Queryable, firstPeriod: string, code: string, period: string): Promise<number> {
  const [lo, hi] = rangeOf(code)
  let total = 0
  if (period < firstPeriod) return 0
  total += (await db.get<{ b: number }>("SELECT coalesce(sum(balance), 0) AS b FROM opening_balances WHERE aux_key = '' AND account_code >= ? AND account_code < ?", [lo, hi]))?.b ?? 0
  total += (await db.get<{ b: number }>("SELECT coalesce(sum(debit - credit), 0) AS b FROM balances WHERE aux_key = '' AND account_code >= ? AND account_code < ? AND period >= ? AND period < ?", [lo, hi, firstPeriod, period]))?.b ?? 0
  return total
}

/** 明细账 of one account and its sub-accounts, with running balance, paged by offset. */
export async function detailLedger(db: Queryable, firstPeriod: string, input: { accountCode: string; from: string; to: string; offset: number; limit: number }): Promise<DetailLedger> {
  const a = await account(db, input.accountCode)
  const [lo, hi] = a.is_leaf === 1 ? [a.code, a.code] : rangeOf(a.code)
  const cond = a.is_leaf === 1 ? 'account_code = ?' : 'account_code >= ? AND account_code < ?'
  const codeParams = a.is_leaf === 1 ? [lo] : [lo, hi]
  const dateFrom = `${input.from}-01`
  const dateTo = `${input.to}-31`
  const opening = await openingOfAccount(db, firstPeriod, a.code, input.from)
  const total = (await db.get<{ n: number }>(`SELECT count(*) AS n FROM postings WHERE ${cond} AND date >= ? AND date <= ?`, [...codeParams, dateFrom, dateTo]))?.n ?? 0
  const before =
    input.offset === 0
      ? 0
      : ((await db.get<{ b: number }>(
          `SELECT coalesce(sum(debit - credit), 0) AS b FROM (SELECT debit, credit FROM postings WHERE ${cond} AND date >= ? AND date <= ? ORDER BY date, voucher_id, line_no LIMIT ?)`,
          [...codeParams, dateFrom, dateTo, input.offset],
        ))?.b ?? 0)
  const rows = await db.all<{ date: string; voucher_id: number; label: string; summary: string; debit: number; credit: number }>(
    `SELECT date, voucher_id, label, summary, debit, credit FROM postings WHERE ${cond} AND date >= ? AND date <= ? ORDER BY date, voucher_id, line_no LIMIT ? OFFSET ?`,
    [...codeParams, dateFrom, dateTo, input.limit, input.offset],
  )
  let running = opening + before
  return {
    account: { code: a.code, name: a.name, direction: a.direction },
    opening: { date: dateFrom, voucherId: null, voucherLabel: '', summary: '期初余额', debit: 0, credit: 0, ...sideOf(opening) },
    rows: rows.map((r) => {
      running += r.debit - r.credit
      return { date: r.date, voucherId: r.voucher_id, voucherLabel: r.label, summary: r.summary, debit: r.debit, credit: r.credit, ...sideOf(running) }
    }),
    next: input.offset + rows.length < total ? input.offset + rows.length : null,
    total,
  }
}

/** 总账 of one account: opening, then each month's totals and the year to date. */
export async function generalLedger(db: Queryable, firstPeriod: string, input: { accountCode: string; from: string; to: string }) {
  const a = await account(db, input.accountCode)
  const [lo, hi] = rangeOf(a.code)
  const from = input.from < firstPeriod ? firstPeriod : input.from
  let running = await openingOfAccount(db, firstPeriod, a.code, from)
  const months = await db.all<{ period: string; d: number; c: number }>(
    "SELECT period, sum(debit) AS d, sum(credit) AS c FROM balances WHERE aux_key = '' AND account_code >= ? AND account_code < ? AND period >= ? AND period <= ? GROUP BY period ORDER BY period",
    [lo, hi, from, input.to],
  )
  const byPeriod = new Map(months.map((m) => [m.period, m]))
  const rows: { period: string; kind: 'opening' | 'period' | 'ytd'; debit: number; credit: number; side: 'debit' | 'credit' | 'zero'; balance: number }[] = [
    { period: from, kind: 'opening', debit: 0, credit: 0, ...sideOf(running) },
  ]
  let yd = 0
  let yc = 0
  let year = from.slice(0, 4)
  for (let p = from; p <= input.to; p = nextPeriod(p)) {
    if (p.slice(0, 4) !== year) {
      year = p.slice(0, 4)
      yd = 0
      yc = 0
    }
    const m = byPeriod.get(p) ?? { d: 0, c: 0 }
    running += m.d - m.c
    yd += m.d
    yc += m.c
    rows.push({ period: p, kind: 'period', debit: m.d, credit: m.c, ...sideOf(running) })
    rows.push({ period: p, kind: 'ytd', debit: yd, credit: yc, ...sideOf(running) })
  }
  return { account: { code: a.code, name: a.name, direction: a.direction }, rows }
}


/** 序时账: every line of every voucher (any status) by date and number, paged. */
export async function journal(db: Queryable, input: { from: string; to: string; offset: number; limit: number }) {
  const params = [input.from, input.to]
  const total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE v.period >= ? AND v.period <= ?', params))?.n ?? 0
  const rows = await db.all<{ date: string; id: number; type: string; number: number; status: 'draft' | 'reviewed' | 'posted'; line_no: number; summary: string; account_code: string; name: string; debit: number; credit: number }>(
    `SELECT v.date, v.id, v.type, v.number, v.status, l.line_no, l.summary, l.account_code, a.name, l.debit, l.credit
     FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.code = l.account_code
     WHERE v.period >= ? AND v.period <= ? ORDER BY v.date, v.type, v.number, l.line_no LIMIT ? OFFSET ?`,
    [...params, input.limit, input.offset],
  )
  return {
    rows: rows.map((r) => ({ date: r.date, voucherId: r.id, voucherLabel: `${r.type}-${String(r.number).padStart(4, '0')}`, status: r.status, lineNo: r.line_no, summary: r.summary, accountCode: r.account_code, accountName: r.name, debit: r.debit, credit: r.credit })),
    next: input.offset + rows.length < total ? input.offset + rows.length : null,
    total,
  }
}

/** Balances of one account (and sub-accounts) by auxiliary item of one type. */
export async function auxBalance(db: Queryable, firstPeriod: string, input: { accountCode: string; type: AuxType; from: string; to: string }) {
  const a = await account(db, input.accountCode)
  const [lo, hi] = rangeOf(a.code)
  const year = input.to.slice(0, 4)
  const rows = await db.all<{ aux_key: string; period: string; d: number; c: number }>(
    "SELECT aux_key, period, sum(debit) AS d, sum(credit) AS c FROM balances WHERE aux_key != '' AND account_code >= ? AND account_code < ? AND period >= ? AND period <= ? GROUP BY aux_key, period",
    [lo, hi, firstPeriod, input.to],
  )
  type Acc = { opening: number; pd: number; pc: number; yd: number; yc: number }
  const by = new Map<number, Acc>()
  for (const r of rows) {
    const id = parseAuxKey(r.aux_key)[input.type]
    if (id === undefined) continue
    const t = by.get(id) ?? { opening: 0, pd: 0, pc: 0, yd: 0, yc: 0 }
    if (r.period < input.from) t.opening += r.d - r.c
    else {
      t.pd += r.d
      t.pc += r.c
    }
    if (r.period.slice(0, 4) === year) {
      t.yd += r.d
      t.yc += r.c
    }
    by.set(id, t)
  }
  const items = await db.all<{ id: number; code: string; name: string }>('SELECT id, code, name FROM aux_items WHERE type = ? ORDER BY code', [input.type])
  return {
    rows: items
      .filter((i) => by.has(i.id))
      .map((i) => {
        const t = by.get(i.id)!
        const o = splitSigned(t.opening)
        const c = splitSigned(t.opening + t.pd - t.pc)
        return { itemId: i.id, code: i.code, name: i.name, openingDebit: o.debit, openingCredit: o.credit, periodDebit: t.pd, periodCredit: t.pc, ytdDebit: t.yd, ytdCredit: t.yc, closingDebit: c.debit, closingCredit: c.credit }
      }),
  }
}

/** Recomputes the balance table from the posted journal; lists every difference. */
export async function checkBalances(db: Queryable) {
  const recomputed = await db.all<{ account_code: string; period: string; aux_key: string; d: number; c: number }>(
    `SELECT account_code, period, '' AS aux_key, sum(debit) AS d, sum(credit) AS c FROM postings GROUP BY account_code, period
     UNION ALL
     SELECT account_code, period, aux_key, sum(debit), sum(credit) FROM postings WHERE aux_key != '' GROUP BY account_code, period, aux_key`,
  )
  const stored = await db.all<{ account_code: string; period: string; aux_key: string; debit: number; credit: number }>('SELECT * FROM balances')
  const key = (a: string, p: string, k: string) => `${a}|${p}|${k}`
  const want = new Map(recomputed.map((r) => [key(r.account_code, r.period, r.aux_key), r]))
  const differences: { accountCode: string; period: string; auxKey: string; table: string; recomputed: string }[] = []
  for (const s of stored) {
    const k = key(s.account_code, s.period, s.aux_key)
    const r = want.get(k)
    want.delete(k)
    if ((!r && (s.debit !== 0 || s.credit !== 0)) || (r && (r.d !== s.debit || r.c !== s.credit))) {
      differences.push({ accountCode: s.account_code, period: s.period, auxKey: s.aux_key, table: `${s.debit}/${s.credit}`, recomputed: r ? `${r.d}/${r.c}` : '0/0' })
    }
  }
  for (const r of want.values()) {
    if (r.d !== 0 || r.c !== 0) differences.push({ accountCode: r.account_code, period: r.period, auxKey: r.aux_key, table: 'missing', recomputed: `${r.d}/${r.c}` })
  }
  // the posted journal itself must match the posted vouchers' lines
  const lines = await db.get<{ n: number; d: number; c: number }>(
    "SELECT count(*) AS n, coalesce(sum(l.debit), 0) AS d, coalesce(sum(l.credit), 0) AS c FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE v.status = 'posted'",
  )
  const posted = await db.get<{ n: number; d: number; c: number }>('SELECT count(*) AS n, coalesce(sum(debit), 0) AS d, coalesce(sum(credit), 0) AS c FROM postings')
  if (lines && posted && (lines.n !== posted.n || lines.d !== posted.d || lines.c !== posted.c)) {
    differences.push({ accountCode: '*', period: '*', auxKey: '', table: `postings ${posted.n} lines ${posted.d}/${posted.c}`, recomputed: `posted vouchers ${lines.n} lines ${lines.d}/${lines.c}` })
  }
  return { ok: differences.length === 0, differences }
}
