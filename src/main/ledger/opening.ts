// Opening balances (期初余额) of leaf accounts, with year-to-date totals when the books start mid-year.
// Editable until the first voucher is posted; they must balance before anything can be posted.
import { AppError } from '../../shared/ipc/result'
import type { Queryable } from '../db/connection'
import { audit, type Ledger } from './vouchers'

export interface OpeningRow {
  accountCode: string
  /** In the account's normal direction (negative = the opposite side). */
  balance: number
  ytdDebit: number
  ytdCredit: number
}

export async function readOpening(db: Queryable) {
  const rows = await db.all<{ account_code: string; direction: 'debit' | 'credit'; balance: number; ytd_debit: number; ytd_credit: number }>(
    "SELECT o.account_code, a.direction, o.balance, o.ytd_debit, o.ytd_credit FROM opening_balances o JOIN accounts a ON a.code = o.account_code WHERE o.aux_key = '' ORDER BY o.account_code",
  )
  let debitTotal = 0
  let creditTotal = 0
  let ytdDebitTotal = 0
  let ytdCreditTotal = 0
  for (const r of rows) {
    if (r.balance >= 0) debitTotal += r.balance
    else creditTotal -= r.balance
    ytdDebitTotal += r.ytd_debit
    ytdCreditTotal += r.ytd_credit
  }
  const locked = !!(await db.get("SELECT 1 FROM vouchers WHERE status = 'posted' LIMIT 1"))
  return {
    rows: rows.map((r) => ({ accountCode: r.account_code, balance: r.direction === 'debit' ? r.balance : -r.balance, ytdDebit: r.ytd_debit, ytdCredit: r.ytd_credit })),
    debitTotal,
    creditTotal,
    ytdDebitTotal,
    ytdCreditTotal,
    balanced: debitTotal === creditTotal && ytdDebitTotal === ytdCreditTotal,
    locked,
  }
}

/** Replaces the opening balances. Errors: INVALID_STATE (something is posted), VOUCHER_INVALID (not-leaf, unknown-account). */
export async function saveOpening(L: Ledger, rows: OpeningRow[]) {
  return L.db.transaction(async (tx) => {
    if (await tx.get("SELECT 1 FROM vouchers WHERE status = 'posted' LIMIT 1")) {
      throw new AppError('INVALID_STATE', 'Vouchers are already posted: opening balances can no longer change.')
    }
    const seen = new Set<string>()
    const values: [string, number, number, number][] = []
    for (const [i, r] of rows.entries()) {
      const a = await tx.get<{ is_leaf: number; direction: 'debit' | 'credit'; name: string }>('SELECT is_leaf, direction, name FROM accounts WHERE code = ?', [r.accountCode])
      if (!a) throw new AppError('VOUCHER_INVALID', `Row ${i + 1}: there is no account ${r.accountCode}.`, { details: { rule: 'unknown-account', line: i + 1 } })
      if (a.is_leaf !== 1) throw new AppError('VOUCHER_INVALID', `Row ${i + 1}: ${r.accountCode} ${a.name} has sub-accounts; enter the balance on them.`, { details: { rule: 'not-leaf', line: i + 1 } })
      if (seen.has(r.accountCode)) throw new AppError('VOUCHER_INVALID', `Row ${i + 1}: ${r.accountCode} appears twice.`, { details: { rule: 'duplicate', line: i + 1 } })
      seen.add(r.accountCode)
      if (r.balance === 0 && r.ytdDebit === 0 && r.ytdCredit === 0) continue
      values.push([r.accountCode, a.direction === 'debit' ? r.balance : -r.balance, r.ytdDebit, r.ytdCredit])
    }
    await tx.run('DELETE FROM opening_balances')
    if (values.length) {
      await tx.run("INSERT INTO opening_balances (account_code, aux_key, balance, ytd_debit, ytd_credit) SELECT value->>0, '', value->>1, value->>2, value->>3 FROM json_each(?)", [JSON.stringify(values)])
    }
    const state = await readOpening(tx)
    await audit(tx, L, 'opening.saved', 'opening-balances', { rows: values.length, balanced: state.balanced })
    return state
  })
}
