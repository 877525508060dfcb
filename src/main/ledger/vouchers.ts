// Voucher workflow of one client's books: save draft → review (by another person) → post, unreview,
// delete drafts, red reversal, renumbering. One transaction per user intent, the audit event inside it;
// posting updates the postings journal and the balance table in the same transaction.
import type { AuxType, BatchOutcome, Voucher, VoucherInput, VoucherLineInput, VoucherSummary } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { appendEvent } from '../audit/chain'
import type { Session } from '../auth/session'
import type { Db, Queryable } from '../db/connection'
import { voucherDocuments } from '../vault/queries'
import { setVoucherDocuments } from '../vault/service'
import { assertOpenPeriod, auxKey, parseAuxKey, periodOf, renumberPlan, reversalLines, validateVoucher, voucherLabel, type RuleAccount, type VoucherType } from './posting'

export interface ClientMeta {
  clientId: string
  standard: 'small' | 'general'
  firstPeriod: string
  codingScheme: string
  voucherTypes: 'single' | 'three'
}

export interface Ledger {
  db: Db
  meta: ClientMeta
  s: Session
  now: Date
}

export async function readMeta(db: Queryable): Promise<ClientMeta> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM meta')
  const m = Object.fromEntries(rows.map((r) => [r.key, r.value]))
  return { clientId: m.clientId, standard: m.standard as ClientMeta['standard'], firstPeriod: m.firstPeriod, codingScheme: m.codingScheme, voucherTypes: m.voucherTypes as ClientMeta['voucherTypes'] }
}

export async function lastClosedPeriod(db: Queryable): Promise<string | null> {
  return (await db.get<{ p: string | null }>('SELECT max(period) AS p FROM periods'))?.p ?? null
}

export async function audit(tx: Queryable, L: Ledger, action: string, target: string, details: Record<string, string | number | boolean | null> = {}, outcome: 'ok' | 'denied' | 'failed' = 'ok') {
  await appendEvent(tx, L.s.signer(), { ...L.s.actor(), action, target, outcome, details, at: L.now })
}

async function ruleAccounts(tx: Queryable, codes: string[]): Promise<Map<string, RuleAccount>> {
  const rows = await tx.all<{ code: string; name: string; is_leaf: number; active: number; aux_types: string }>(
    `SELECT code, name, is_leaf, active, aux_types FROM accounts WHERE code IN (SELECT value FROM json_each(?))`,
    [JSON.stringify([...new Set(codes)])],
  )
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, isLeaf: r.is_leaf === 1, active: r.active === 1, auxTypes: JSON.parse(r.aux_types) as AuxType[] }]))
}

async function activeAuxItems(tx: Queryable, lines: VoucherLineInput[]): Promise<Set<string>> {
  const ids = lines.flatMap((l) => Object.values(l.aux ?? {}).filter((x): x is number => typeof x === 'number'))
  if (ids.length === 0) return new Set()
  const rows = await tx.all<{ id: number; type: string }>('SELECT id, type FROM aux_items WHERE active = 1 AND id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])
  return new Set(rows.map((r) => `${r.type}:${r.id}`))
}

/** Validates lines against the chart and the period; answers the total. */
export async function checkVoucher(tx: Queryable, L: Ledger, input: { type: VoucherType; date: string; lines: VoucherLineInput[] }): Promise<number> {
  assertOpenPeriod(periodOf(input.date), L.meta.firstPeriod, await lastClosedPeriod(tx))
  const accounts = await ruleAccounts(tx, input.lines.map((l) => l.accountCode))
  const aux = await activeAuxItems(tx, input.lines)
  return validateVoucher(input, accounts, L.meta.voucherTypes, (t, id) => aux.has(`${t}:${id}`)).debit
}

async function nextNumber(tx: Queryable, period: string, type: string): Promise<number> {
  return ((await tx.get<{ n: number | null }>('SELECT max(number) AS n FROM vouchers WHERE period = ? AND type = ?', [period, type]))?.n ?? 0) + 1
}

async function writeLines(tx: Queryable, voucherId: number, lines: VoucherLineInput[]): Promise<void> {
  await tx.run(
    `INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, aux_key)
     SELECT ?, key + 1, value->>'summary', value->>'accountCode', value->>'debit', value->>'credit', value->>'auxKey' FROM json_each(?)`,
    [voucherId, JSON.stringify(lines.map((l) => ({ summary: l.summary.trim(), accountCode: l.accountCode, debit: l.debit, credit: l.credit, auxKey: auxKey(l.aux) })))],
  )
}

/** Inserts a new draft. Used by save, reversal and carry-forward. */
export async function insertVoucher(
  tx: Queryable,
  L: Ledger,
  v: { type: VoucherType; date: string; attachments: number; lines: VoucherLineInput[]; kind?: Voucher['kind']; reversesId?: number },
): Promise<number> {
  const total = await checkVoucher(tx, L, v)
  const period = periodOf(v.date)
  const number = await nextNumber(tx, period, v.type)
  const now = L.now.toISOString()
  const r = await tx.run(
    `INSERT INTO vouchers (period, type, number, date, attachments, status, kind, reverses_id, total, preparer_id, preparer_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
    [period, v.type, number, v.date, v.attachments, v.kind ?? 'normal', v.reversesId ?? null, total, L.s.user.id, L.s.user.displayName, now, now],
  )
  await writeLines(tx, r.lastID, v.lines)
  return r.lastID
}

/** Saves a new voucher or changes a draft. Errors: UNBALANCED, PERIOD_CLOSED, VOUCHER_INVALID, INVALID_STATE, NOT_FOUND. */
export async function saveVoucher(L: Ledger, input: VoucherInput): Promise<Voucher> {
  return L.db.transaction(async (tx) => {
    let id: number
    if (input.id === undefined) {
      id = await insertVoucher(tx, L, input)
    } else {
      const cur = await voucherRow(tx, input.id)
      if (cur.status !== 'draft') throw new AppError('INVALID_STATE', `${voucherLabel(cur.type, cur.number)} is ${cur.status === 'posted' ? 'posted' : 'reviewed'}: it cannot be changed${cur.status === 'reviewed' ? ' until it is unreviewed (弃审)' : ''}.`)
      assertOpenPeriod(cur.period, L.meta.firstPeriod, await lastClosedPeriod(tx))
      const total = await checkVoucher(tx, L, input)
      const period = periodOf(input.date)
      // moving to another period or type takes that sequence's next number
      const number = period === cur.period && input.type === cur.type ? cur.number : await nextNumber(tx, period, input.type)
      await tx.run('DELETE FROM voucher_lines WHERE voucher_id = ?', [input.id])
      await tx.run('UPDATE vouchers SET period = ?, type = ?, number = ?, date = ?, attachments = ?, total = ?, updated_at = ? WHERE id = ?', [
        period,
        input.type,
        number,
        input.date,
        input.attachments,
        total,
        L.now.toISOString(),
        input.id,
      ])
      await writeLines(tx, input.id, input.lines)
      id = input.id
    }
    // omitted: a draft keeps how its 附单据数 was counted (a new one counts what was typed)
    const auto = input.attachmentsAuto ?? ((await tx.get<{ a: number }>('SELECT attachments_auto AS a FROM vouchers WHERE id = ?', [id]))?.a === 1)
    await setVoucherDocuments(tx, L, id, input.documentIds, auto)
    const v = await getVoucher(tx, id)
    await audit(tx, L, input.id === undefined ? 'voucher.created' : 'voucher.changed', `voucher:${v.id}`, {
      label: voucherLabel(v.type, v.number),
      period: v.period,
      total: v.total,
      lines: v.lines.length,
      documents: v.documents.length,
      attachments: v.attachments,
    })
    return v
  })
}

interface VoucherRow {
  id: number
  period: string
  type: VoucherType
  number: number
  date: string
  attachments: number
  attachments_auto: number
  status: 'draft' | 'reviewed' | 'posted'
  kind: Voucher['kind']
  reverses_id: number | null
  total: number
  preparer_id: string
  preparer_name: string
  reviewer_id: string | null
  reviewer_name: string | null
  reviewed_at: string | null
  poster_id: string | null
  poster_name: string | null
  posted_at: string | null
  created_at: string
}

async function voucherRow(tx: Queryable, id: number): Promise<VoucherRow> {
  const v = await tx.get<VoucherRow>('SELECT * FROM vouchers WHERE id = ?', [id])
  if (!v) throw new AppError('NOT_FOUND', 'No such voucher.')
  return v
}

export async function getVoucher(db: Queryable, id: number): Promise<Voucher> {
  const v = await voucherRow(db, id)
  const lines = await db.all<{ line_no: number; summary: string; account_code: string; name: string; debit: number; credit: number; aux_key: string }>(
    'SELECT l.line_no, l.summary, l.account_code, a.name, l.debit, l.credit, l.aux_key FROM voucher_lines l JOIN accounts a ON a.code = l.account_code WHERE l.voucher_id = ? ORDER BY l.line_no',
    [id],
  )
  const auxIds = lines.flatMap((l) => Object.values(parseAuxKey(l.aux_key)))
  const auxNames = new Map(
    (await db.all<{ id: number; name: string }>('SELECT id, name FROM aux_items WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(auxIds)])).map((r) => [r.id, r.name]),
  )
  const reversedBy = await db.get<{ id: number }>('SELECT id FROM vouchers WHERE reverses_id = ?', [id])
  return {
    id: v.id,
    period: v.period,
    type: v.type,
    number: v.number,
    date: v.date,
    attachments: v.attachments,
    attachmentsAuto: v.attachments_auto === 1,
    documents: await voucherDocuments(db, id),
    status: v.status,
    kind: v.kind,
    reversesId: v.reverses_id,
    reversedById: reversedBy?.id ?? null,
    total: v.total,
    preparer: { id: v.preparer_id, name: v.preparer_name, at: v.created_at },
    reviewer: v.reviewer_id ? { id: v.reviewer_id, name: v.reviewer_name ?? '', at: v.reviewed_at ?? '' } : null,
    poster: v.poster_id ? { id: v.poster_id, name: v.poster_name ?? '', at: v.posted_at ?? '' } : null,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      summary: l.summary,
      accountCode: l.account_code,
      accountName: l.name,
      debit: l.debit,
      credit: l.credit,
      aux: Object.entries(parseAuxKey(l.aux_key)).map(([type, auxId]) => ({ type: type as AuxType, id: auxId as number, name: auxNames.get(auxId as number) ?? '' })),
    })),
  }
}

export interface VoucherFilter {
  period?: string
  type?: VoucherType
  status?: 'draft' | 'reviewed' | 'posted'
  preparer?: string
  accountCode?: string
  minAmount?: number
  maxAmount?: number
  text?: string
  offset: number
  limit: number
}

export async function listVouchers(db: Queryable, f: VoucherFilter): Promise<{ vouchers: VoucherSummary[]; total: number }> {
  const where: string[] = []
  const params: (string | number)[] = []
  if (f.period) {
    where.push('v.period = ?')
    params.push(f.period)
  }
  if (f.type) {
    where.push('v.type = ?')
    params.push(f.type)
  }
  if (f.status) {
    where.push('v.status = ?')
    params.push(f.status)
  }
  if (f.preparer) {
    where.push('v.preparer_name LIKE ?')
    params.push(`%${f.preparer}%`)
  }
  if (f.minAmount !== undefined) {
    where.push('v.total >= ?')
    params.push(f.minAmount)
  }
  if (f.maxAmount !== undefined) {
    where.push('v.total <= ?')
    params.push(f.maxAmount)
  }
  if (f.accountCode) {
    where.push('EXISTS (SELECT 1 FROM voucher_lines l WHERE l.voucher_id = v.id AND l.account_code LIKE ?)')
    params.push(`${f.accountCode}%`)
  }
  if (f.text) {
    where.push("EXISTS (SELECT 1 FROM voucher_lines l WHERE l.voucher_id = v.id AND l.summary LIKE ? ESCAPE '\\')")
    params.push(`%${f.text.replace(/[\\%_]/g, (c) => '\\' + c)}%`)
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = (await db.get<{ n: number }>(`SELECT count(*) AS n FROM vouchers v ${w}`, params))?.n ?? 0
  const rows = await db.all<VoucherRow & { summary: string | null }>(
    `SELECT v.*, (SELECT summary FROM voucher_lines l WHERE l.voucher_id = v.id ORDER BY line_no LIMIT 1) AS summary
     FROM vouchers v ${w} ORDER BY v.period, v.type, v.number LIMIT ? OFFSET ?`,
    [...params, f.limit, f.offset],
  )
  return {
    total,
    vouchers: rows.map((v) => ({
      id: v.id,
      period: v.period,
      type: v.type,
      number: v.number,
      date: v.date,
      attachments: v.attachments,
      status: v.status,
      kind: v.kind,
      total: v.total,
      summary: v.summary ?? '',
      preparerName: v.preparer_name,
      reviewerName: v.reviewer_name,
      posterName: v.poster_name,
    })),
  }
}

/** Deletes a draft. Errors: INVALID_STATE (reviewed or posted), PERIOD_CLOSED, NOT_FOUND. */
export async function deleteVoucher(L: Ledger, id: number): Promise<void> {
  await L.db.transaction(async (tx) => {
    const v = await voucherRow(tx, id)
    if (v.status !== 'draft') {
      throw new AppError('INVALID_STATE', v.status === 'posted' ? `${voucherLabel(v.type, v.number)} is posted: posted vouchers are never deleted; correct it with a reversal (红字冲销).` : `${voucherLabel(v.type, v.number)} is reviewed: unreview it (弃审) first.`)
    }
    assertOpenPeriod(v.period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    await tx.run('DELETE FROM vouchers WHERE id = ?', [id])
    await audit(tx, L, 'voucher.deleted', `voucher:${id}`, { label: voucherLabel(v.type, v.number), period: v.period, total: v.total })
  })
}

type Step = (tx: Queryable, v: VoucherRow) => Promise<void>

/** Runs `step` on each voucher in one transaction; refusals are collected, not thrown. */
async function batch(L: Ledger, ids: number[], step: Step): Promise<BatchOutcome> {
  return L.db.transaction(async (tx) => {
    const rows = await tx.all<VoucherRow>('SELECT * FROM vouchers WHERE id IN (SELECT value FROM json_each(?)) ORDER BY period, type, number', [JSON.stringify([...new Set(ids)])])
    const out: BatchOutcome = { done: [], refused: [] }
    const found = new Set(rows.map((r) => r.id))
    for (const id of ids) if (!found.has(id)) out.refused.push({ id, label: `#${id}`, code: 'NOT_FOUND', message: 'No such voucher.' })
    for (const v of rows) {
      try {
        await step(tx, v)
        out.done.push(v.id)
      } catch (e) {
        if (!(e instanceof AppError)) throw e
        out.refused.push({ id: v.id, label: voucherLabel(v.type, v.number), code: e.code, message: e.message })
      }
    }
    return out
  })
}

export function reviewVouchers(L: Ledger, ids: number[]): Promise<BatchOutcome> {
  return batch(L, ids, async (tx, v) => {
    if (v.status !== 'draft') throw new AppError('INVALID_STATE', `${voucherLabel(v.type, v.number)} is already ${v.status === 'posted' ? 'posted' : 'reviewed'}.`)
    if (v.preparer_id === L.s.user.id) throw new AppError('SAME_PERSON', `${voucherLabel(v.type, v.number)} was prepared by you: another person must review it.`)
    assertOpenPeriod(v.period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    await tx.run("UPDATE vouchers SET status = 'reviewed', reviewer_id = ?, reviewer_name = ?, reviewed_at = ? WHERE id = ?", [L.s.user.id, L.s.user.displayName, L.now.toISOString(), v.id])
    await audit(tx, L, 'voucher.reviewed', `voucher:${v.id}`, { label: voucherLabel(v.type, v.number), period: v.period })
  })
}

export function unreviewVouchers(L: Ledger, ids: number[]): Promise<BatchOutcome> {
  return batch(L, ids, async (tx, v) => {
    if (v.status !== 'reviewed') throw new AppError('INVALID_STATE', `${voucherLabel(v.type, v.number)} is ${v.status === 'posted' ? 'posted: posting cannot be undone' : 'not reviewed'}.`)
    if (v.reviewer_id !== L.s.user.id) throw new AppError('FORBIDDEN', `Only its reviewer (${v.reviewer_name}) can unreview ${voucherLabel(v.type, v.number)}.`)
    assertOpenPeriod(v.period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    await tx.run("UPDATE vouchers SET status = 'draft', reviewer_id = NULL, reviewer_name = NULL, reviewed_at = NULL WHERE id = ?", [v.id])
    await audit(tx, L, 'voucher.unreviewed', `voucher:${v.id}`, { label: voucherLabel(v.type, v.number), period: v.period })
  })
}

/** Whether the opening balances balance (required before anything is posted). */
export async function openingBalanced(tx: Queryable): Promise<boolean> {
  const r = await tx.get<{ b: number; d: number; c: number }>('SELECT coalesce(sum(balance), 0) AS b, coalesce(sum(ytd_debit), 0) AS d, coalesce(sum(ytd_credit), 0) AS c FROM opening_balances')
  return !r || (r.b === 0 && r.d === r.c)
}

export function postVouchers(L: Ledger, ids: number[]): Promise<BatchOutcome> {
  let balanced: boolean | null = null
  return batch(L, ids, async (tx, v) => {
    if (v.status !== 'reviewed') throw new AppError('INVALID_STATE', v.status === 'posted' ? `${voucherLabel(v.type, v.number)} is already posted.` : `${voucherLabel(v.type, v.number)} is not reviewed: review it first.`)
    assertOpenPeriod(v.period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    balanced ??= await openingBalanced(tx)
    if (!balanced) throw new AppError('INVALID_STATE', 'The opening balances do not balance: correct them before posting.')
    await postOne(tx, L, v)
  })
}

/** Marks one reviewed voucher posted and applies it to postings and balances. */
async function postOne(tx: Queryable, L: Ledger, v: VoucherRow): Promise<void> {
  const label = voucherLabel(v.type, v.number)
  await tx.run("UPDATE vouchers SET status = 'posted', poster_id = ?, poster_name = ?, posted_at = ? WHERE id = ?", [L.s.user.id, L.s.user.displayName, L.now.toISOString(), v.id])
  await tx.run(
    `INSERT INTO postings (account_code, date, voucher_id, line_no, period, label, summary, debit, credit, aux_key)
     SELECT account_code, ?, voucher_id, line_no, ?, ?, summary, debit, credit, aux_key FROM voucher_lines WHERE voucher_id = ?`,
    [v.date, v.period, label, v.id],
  )
  await applyBalances(tx, `SELECT account_code, aux_key, debit, credit FROM voucher_lines WHERE voucher_id = ${Number(v.id)}`, v.period)
  await audit(tx, L, 'voucher.posted', `voucher:${v.id}`, { label, period: v.period, total: v.total })
}

/** Adds the lines selected by `linesSql` (account_code, aux_key, debit, credit) to the balance table. */
export async function applyBalances(tx: Queryable, linesSql: string, period: string, params: (string | number)[] = []): Promise<void> {
  // the account as a whole ('') and, for lines with auxiliary items, the combination
  await tx.run(
    `INSERT INTO balances (account_code, period, aux_key, debit, credit)
     SELECT account_code, ?, k, sum(debit), sum(credit) FROM (
       SELECT account_code, '' AS k, debit, credit FROM (${linesSql})
       UNION ALL
       SELECT account_code, aux_key AS k, debit, credit FROM (${linesSql}) WHERE aux_key != ''
     ) GROUP BY account_code, k
     ON CONFLICT (account_code, period, aux_key) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
    [period, ...params, ...params],
  )
}

export async function periodIds(db: Queryable, period: string, status: 'draft' | 'reviewed'): Promise<number[]> {
  return (await db.all<{ id: number }>('SELECT id FROM vouchers WHERE period = ? AND status = ? ORDER BY type, number', [period, status])).map((r) => r.id)
}

/** 红字冲销 of a posted voucher, dated `date`. Errors: INVALID_STATE, PERIOD_CLOSED. */
export async function reverseVoucher(L: Ledger, id: number, date: string): Promise<Voucher> {
  return L.db.transaction(async (tx) => {
    const v = await voucherRow(tx, id)
    if (v.status !== 'posted') throw new AppError('INVALID_STATE', `${voucherLabel(v.type, v.number)} is not posted: change or delete it instead.`)
    if (v.kind === 'reversal') throw new AppError('INVALID_STATE', `${voucherLabel(v.type, v.number)} is itself a reversal.`)
    const existing = await tx.get<{ id: number; type: string; number: number }>('SELECT id, type, number FROM vouchers WHERE reverses_id = ?', [id])
    if (existing) throw new AppError('INVALID_STATE', `${voucherLabel(v.type, v.number)} was already reversed by ${voucherLabel(existing.type, existing.number)}.`)
    const lines = await tx.all<{ account_code: string; debit: number; credit: number; aux_key: string }>('SELECT account_code, debit, credit, aux_key FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no', [id])
    const label = voucherLabel(v.type, v.number)
    const newId = await insertVoucher(tx, L, {
      type: v.type,
      date,
      attachments: 0,
      kind: 'reversal',
      reversesId: id,
      lines: reversalLines(lines.map((l) => ({ accountCode: l.account_code, debit: l.debit, credit: l.credit, aux: parseAuxKey(l.aux_key) })), label),
    })
    const r = await getVoucher(tx, newId)
    await audit(tx, L, 'voucher.reversed', `voucher:${id}`, { label, reversal: voucherLabel(r.type, r.number), reversalId: newId })
    return r
  })
}

/** 断号整理 of one period. Errors: PERIOD_CLOSED. */
export async function renumberPeriod(L: Ledger, period: string): Promise<number> {
  return L.db.transaction(async (tx) => {
    assertOpenPeriod(period, L.meta.firstPeriod, await lastClosedPeriod(tx))
    const rows = await tx.all<{ id: number; type: string; number: number; status: string }>('SELECT id, type, number, status FROM vouchers WHERE period = ?', [period])
    let moved = 0
    for (const type of new Set(rows.map((r) => r.type))) {
      const plan = renumberPlan(rows.filter((r) => r.type === type).map((r) => ({ id: r.id, number: r.number, posted: r.status === 'posted' })))
      // two steps through negative numbers so the UNIQUE (period, type, number) constraint never trips
      for (const [id, n] of plan) await tx.run('UPDATE vouchers SET number = ? WHERE id = ?', [-n, id])
      for (const [id, n] of plan) await tx.run('UPDATE vouchers SET number = ? WHERE id = ?', [n, id])
      moved += plan.length
    }
    await audit(tx, L, 'vouchers.renumbered', `period:${period}`, { moved })
    return moved
  })
}
