// Bulk posting: many already-approved vouchers (imports, migrations from other software) validated with
// the same rules, numbered, and written as posted in one transaction — vouchers, lines, the postings
// journal and the balance table — with multi-row json_each statements. One audit event per batch.
import { createHash } from 'node:crypto'
import type { AuxType, VoucherLineInput } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { assertOpenPeriod, auxKey, periodOf, validateVoucher, voucherLabel, type RuleAccount, type VoucherType } from './posting'
import { audit, lastClosedPeriod, openingBalanced, type Ledger } from './vouchers'

export interface BulkVoucher {
  type: VoucherType
  date: string
  attachments: number
  lines: VoucherLineInput[]
}

const CHUNK = 5000

/** Validates every voucher first (nothing is written if one fails), then writes them all as posted. */
export async function bulkPostVouchers(L: Ledger, vouchers: BulkVoucher[], onProgress?: (done: number) => void): Promise<{ posted: number; lines: number }> {
  return L.db.transaction(async (tx) => {
    if (!(await openingBalanced(tx))) throw new AppError('INVALID_STATE', 'The opening balances do not balance: correct them before posting.')
    const lastClosed = await lastClosedPeriod(tx)
    const accounts = new Map(
      (await tx.all<{ code: string; name: string; is_leaf: number; active: number; aux_types: string }>('SELECT code, name, is_leaf, active, aux_types FROM accounts')).map((r) => [
        r.code,
        { code: r.code, name: r.name, isLeaf: r.is_leaf === 1, active: r.active === 1, auxTypes: JSON.parse(r.aux_types) as AuxType[] } satisfies RuleAccount,
      ]),
    )
    const aux = new Set((await tx.all<{ id: number; type: string }>('SELECT id, type FROM aux_items WHERE active = 1')).map((r) => `${r.type}:${r.id}`))
    const next = new Map<string, number>()
    for (const r of await tx.all<{ period: string; type: string; n: number }>('SELECT period, type, max(number) AS n FROM vouchers GROUP BY period, type')) next.set(`${r.period}|${r.type}`, r.n)
    const firstId = ((await tx.get<{ n: number | null }>('SELECT max(id) AS n FROM vouchers'))?.n ?? 0) + 1
    const now = L.now.toISOString()
    const hash = createHash('sha256')
    const vRows: unknown[][] = []
    const lRows: unknown[][] = []
    const balances = new Map<string, [string, string, string, number, number]>()
    const addBalance = (code: string, period: string, key: string, d: number, c: number) => {
      const k = `${code}|${period}|${key}`
      const b = balances.get(k)
      if (b) {
        b[3] += d
        b[4] += c
      } else balances.set(k, [code, period, key, d, c])
    }
    vouchers.forEach((v, i) => {
      const period = periodOf(v.date)
      try {
        assertOpenPeriod(period, L.meta.firstPeriod, lastClosed)
        const { debit } = validateVoucher(v, accounts, L.meta.voucherTypes, (t, id) => aux.has(`${t}:${id}`))
        const seqKey = `${period}|${v.type}`
        const number = (next.get(seqKey) ?? 0) + 1
        next.set(seqKey, number)
        const id = firstId + i
        const label = voucherLabel(v.type, number)
        vRows.push([id, period, v.type, number, v.date, v.attachments, debit])
        v.lines.forEach((l, j) => {
          const key = auxKey(l.aux)
          lRows.push([id, j + 1, l.summary, l.accountCode, l.debit, l.credit, key, v.date, period, label])
          addBalance(l.accountCode, period, '', l.debit, l.credit)
          if (key) addBalance(l.accountCode, period, key, l.debit, l.credit)
        })
        hash.update(JSON.stringify([v.date, v.type, v.lines]))
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `Voucher ${i + 1} of the batch: ${e.message}`, { details: { ...(e.details ?? {}), index: i + 1 } })
        throw e
      }
    })
    const who = [L.s.user.id, L.s.user.displayName]
    // vouchers (as posted), then their lines and the postings journal
    for (let i = 0; i < vRows.length; i += CHUNK) {
      await tx.run(
        `INSERT INTO vouchers (id, period, type, number, date, attachments, status, kind, total, preparer_id, preparer_name, reviewer_id, reviewer_name, reviewed_at, poster_id, poster_name, posted_at, created_at, updated_at)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, 'posted', 'normal', value->>6, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM json_each(?)`,
        [...who, ...who, now, ...who, now, now, now, JSON.stringify(vRows.slice(i, i + CHUNK))],
      )
    }
    for (let i = 0; i < lRows.length; i += CHUNK) {
      const chunk = JSON.stringify(lRows.slice(i, i + CHUNK))
      await tx.run(
        `INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, aux_key)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)`,
        [chunk],
      )
      await tx.run(
        `INSERT INTO postings (account_code, date, voucher_id, line_no, period, label, summary, debit, credit, aux_key)
         SELECT value->>3, value->>7, value->>0, value->>1, value->>8, value->>9, value->>2, value->>4, value->>5, value->>6 FROM json_each(?)`,
        [chunk],
      )
      onProgress?.(Math.min(i + CHUNK, lRows.length))
    }
    const bRows = [...balances.values()]
    for (let i = 0; i < bRows.length; i += CHUNK) {
      await tx.run(
        `INSERT INTO balances (account_code, period, aux_key, debit, credit)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?) WHERE true
         ON CONFLICT (account_code, period, aux_key) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
        [JSON.stringify(bRows.slice(i, i + CHUNK))],
      )
    }
    await audit(tx, L, 'vouchers.bulk-posted', `client:${L.meta.clientId}`, { vouchers: vRows.length, lines: lRows.length, sha256: hash.digest('hex') })
    return { posted: vRows.length, lines: lRows.length }
  })
}
