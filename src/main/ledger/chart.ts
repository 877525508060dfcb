// The chart of accounts of one client: seeding from the standard's template (data files in
// resources/charts), sub-accounts within the coding scheme, renames, deactivation, auxiliary requirements,
// auxiliary items. Writes are audited in the client's chain by the caller's transaction.
import { pinyin } from 'pinyin-pro'
import type { Account, AuxItem, AuxType } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import type { Queryable } from '../db/connection'
import smallChart from '../../../resources/charts/small-enterprise.json' with { type: 'json' }
import generalChart from '../../../resources/charts/general-enterprise.json' with { type: 'json' }

export interface TemplateAccount {
  code: string
  name: string
  category: Account['category']
  direction: 'debit' | 'credit'
  aux?: string[]
  sensitive?: boolean
  pnlKind?: 'income' | 'expense'
}

export function chartTemplate(standard: 'small' | 'general'): { accounts: TemplateAccount[] } {
  return (standard === 'small' ? smallChart : generalChart) as unknown as { accounts: TemplateAccount[] }
}

/** Pinyin initials of a name, lower case: 银行存款 → yhck. Latin letters and digits are kept. */
export function initials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

export function schemeWidths(scheme: string): number[] {
  return scheme.split('-').map(Number)
}

/** Level of a code under a scheme (1-based), or 0 when it does not fit. */
export function levelOf(code: string, widths: number[]): number {
  let len = 0
  for (let i = 0; i < widths.length; i++) {
    len += widths[i]
    if (code.length === len) return i + 1
  }
  return 0
}

export function parentOf(code: string, widths: number[]): string | null {
  const level = levelOf(code, widths)
  if (level <= 1) return null
  return code.slice(0, code.length - widths[level - 1])
}

export async function seedChart(tx: Queryable, standard: 'small' | 'general', scheme: string, now: Date): Promise<number> {
  const widths = schemeWidths(scheme)
  const accounts = chartTemplate(standard).accounts.filter((a) => levelOf(a.code, widths) > 0)
  const codes = new Set(accounts.map((a) => a.code))
  const rows = accounts.map((a) => {
    const parent = parentOf(a.code, widths)
    const isLeaf = !accounts.some((b) => b.code !== a.code && b.code.startsWith(a.code))
    return [a.code, a.name, parent && codes.has(parent) ? parent : null, levelOf(a.code, widths), a.category, a.direction, a.pnlKind ?? null, isLeaf ? 1 : 0, JSON.stringify(a.aux ?? []), a.sensitive ? 1 : 0, initials(a.name), now.toISOString()]
  })
  // parents before children so the foreign key holds
  rows.sort((x, y) => String(x[0]).length - String(y[0]).length || String(x[0]).localeCompare(String(y[0])))
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200)
    await tx.run(
      `INSERT INTO accounts (code, name, parent_code, level, category, direction, pnl_kind, is_leaf, aux_types, sensitive, initials, created_at)
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9, value->>10, value->>11 FROM json_each(?)`,
      [JSON.stringify(chunk)],
    )
  }
  return rows.length
}

interface AccountRow {
  code: string
  name: string
  parent_code: string | null
  level: number
  category: Account['category']
  direction: 'debit' | 'credit'
  pnl_kind: 'income' | 'expense' | null
  is_leaf: number
  active: number
  aux_types: string
  sensitive: number
  initials: string
  has_postings: number
}

const toAccount = (r: AccountRow): Account => ({
  code: r.code,
  name: r.name,
  parentCode: r.parent_code,
  level: r.level,
  category: r.category,
  direction: r.direction,
  pnlKind: r.pnl_kind,
  isLeaf: r.is_leaf === 1,
  active: r.active === 1,
  auxTypes: JSON.parse(r.aux_types) as AuxType[],
  sensitive: r.sensitive === 1,
  initials: r.initials,
  hasPostings: r.has_postings === 1,
})

const ACCOUNT_SELECT = `SELECT a.*, EXISTS (SELECT 1 FROM postings p WHERE p.account_code = a.code) OR EXISTS (SELECT 1 FROM voucher_lines l WHERE l.account_code = a.code) OR EXISTS (SELECT 1 FROM opening_balances o WHERE o.account_code = a.code AND (o.balance != 0 OR o.ytd_debit != 0 OR o.ytd_credit != 0)) AS has_postings FROM accounts a`

export async function listAccounts(db: Queryable): Promise<Account[]> {
  return (await db.all<AccountRow>(`${ACCOUNT_SELECT} ORDER BY a.code`)).map(toAccount)
}

export async function getAccount(db: Queryable, code: string): Promise<Account> {
  const r = await db.get<AccountRow>(`${ACCOUNT_SELECT} WHERE a.code = ?`, [code])
  if (!r) throw new AppError('NOT_FOUND', `No account ${code}.`)
  return toAccount(r)
}

/** Adds a sub-account. A leaf parent with postings cannot get children (its amounts would be stranded). */
export async function createAccount(
  tx: Queryable,
  scheme: string,
  input: { parentCode: string; code: string; name: string; auxTypes?: AuxType[]; sensitive?: boolean },
  now: Date,
): Promise<Account> {
  const widths = schemeWidths(scheme)
  const parent = await getAccount(tx, input.parentCode)
  if (levelOf(input.code, widths) !== parent.level + 1 || !input.code.startsWith(parent.code)) {
    throw new AppError('VOUCHER_INVALID', `Code ${input.code} does not fit the coding scheme ${scheme} under ${parent.code}.`, {
      details: { rule: 'coding-scheme' },
    })
  }
  if (await tx.get('SELECT 1 FROM accounts WHERE code = ?', [input.code])) throw new AppError('CONFLICT', `Account code ${input.code} is already used.`)
  if (parent.isLeaf && parent.hasPostings) {
    throw new AppError('VOUCHER_INVALID', `${parent.code} ${parent.name} already has amounts: it cannot get sub-accounts.`, { details: { rule: 'parent-has-postings' } })
  }
  await tx.run(
    `INSERT INTO accounts (code, name, parent_code, level, category, direction, pnl_kind, is_leaf, aux_types, sensitive, initials, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    [input.code, input.name, parent.code, parent.level + 1, parent.category, parent.direction, parent.pnlKind, JSON.stringify(input.auxTypes ?? parent.auxTypes), input.sensitive ?? parent.sensitive ? 1 : 0, initials(input.name), now.toISOString()],
  )
  await tx.run('UPDATE accounts SET is_leaf = 0 WHERE code = ?', [parent.code])
  return getAccount(tx, input.code)
}

export async function updateAccount(
  tx: Queryable,
  input: { code: string; name?: string; active?: boolean; auxTypes?: AuxType[]; sensitive?: boolean },
): Promise<{ before: Account; after: Account }> {
  const before = await getAccount(tx, input.code)
  if (input.auxTypes && before.hasPostings && JSON.stringify([...input.auxTypes].sort()) !== JSON.stringify([...before.auxTypes].sort())) {
    throw new AppError('INVALID_STATE', `${before.code} ${before.name} already has amounts: its auxiliary items cannot change.`)
  }
  if (input.name !== undefined) await tx.run('UPDATE accounts SET name = ?, initials = ? WHERE code = ?', [input.name, initials(input.name), input.code])
  if (input.active !== undefined) await tx.run('UPDATE accounts SET active = ? WHERE code = ?', [input.active ? 1 : 0, input.code])
  if (input.auxTypes !== undefined) await tx.run('UPDATE accounts SET aux_types = ? WHERE code = ?', [JSON.stringify(input.auxTypes), input.code])
  if (input.sensitive !== undefined) await tx.run('UPDATE accounts SET sensitive = ? WHERE code = ?', [input.sensitive ? 1 : 0, input.code])
  return { before, after: await getAccount(tx, input.code) }
}

interface AuxRow {
  id: number
  type: AuxType
  code: string
  name: string
  initials: string
  sensitive: number
  active: number
}
const toAux = (r: AuxRow): AuxItem => ({ id: r.id, type: r.type, code: r.code, name: r.name, initials: r.initials, sensitive: r.sensitive === 1, active: r.active === 1 })

export async function listAuxItems(db: Queryable, type?: AuxType): Promise<AuxItem[]> {
  const rows = type
    ? await db.all<AuxRow>('SELECT * FROM aux_items WHERE type = ? ORDER BY code', [type])
    : await db.all<AuxRow>('SELECT * FROM aux_items ORDER BY type, code')
  return rows.map(toAux)
}

export async function createAuxItem(tx: Queryable, input: { type: AuxType; code: string; name: string; sensitive?: boolean }): Promise<AuxItem> {
  if (await tx.get('SELECT 1 FROM aux_items WHERE type = ? AND code = ?', [input.type, input.code])) {
    throw new AppError('CONFLICT', `An item with code ${input.code} already exists.`)
  }
  const r = await tx.run('INSERT INTO aux_items (type, code, name, initials, sensitive) VALUES (?, ?, ?, ?, ?)', [input.type, input.code, input.name, initials(input.name), input.sensitive ? 1 : 0])
  const row = await tx.get<AuxRow>('SELECT * FROM aux_items WHERE id = ?', [r.lastID])
  return toAux(row!)
}
