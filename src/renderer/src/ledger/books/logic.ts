// Pure rules of the bookkeeping screens: the next free sub-account code under the coding scheme, the
// chart as a tree and its search, opening balances grouped by category with their live trial check,
// and the range a report opens with. No I/O, no React.
import { ACCOUNT_CATEGORIES, type Account } from '../../../../shared/ipc/contract'
import { parseYuan } from '../../../../shared/money'
import { matchRank, type IndexedAccount } from '../accounts'

export type Category = (typeof ACCOUNT_CATEGORIES)[number]

export function schemeWidths(scheme: string): number[] {
  return scheme.split('-').map(Number).filter((n) => Number.isInteger(n) && n > 0)
}

/** Digits a child of `parentCode` has under `scheme`, or null when the parent is at the deepest level (or does not fit). */
export function childCodeLength(parentCode: string, scheme: string): number | null {
  const widths = schemeWidths(scheme)
  let len = 0
  for (let i = 0; i < widths.length; i++) {
    len += widths[i]
    if (len === parentCode.length) return i + 1 < widths.length ? len + widths[i + 1] : null
  }
  return null
}

/**
 * The code a new sub-account of `parentCode` gets: one after the highest child code in use, or the first
 * gap when that would overflow the level (100299 → a free 1002xx below it); null when the level is full
 * or the parent is at the deepest level.
 */
export function nextFreeCode(parentCode: string, scheme: string, codes: Iterable<string>): string | null {
  const length = childCodeLength(parentCode, scheme)
  if (length === null) return null
  const width = length - parentCode.length
  const used = new Set<number>()
  for (const c of codes) {
    if (c.length === length && c.startsWith(parentCode)) used.add(Number(c.slice(parentCode.length)))
  }
  const max = 10 ** width - 1
  const top = used.size ? Math.max(...used) : 0
  const pick = top < max ? top + 1 : Array.from({ length: max }, (_, i) => i + 1).find((n) => !used.has(n))
  return pick === undefined ? null : parentCode + String(pick).padStart(width, '0')
}

/** Whether `code` is a valid child code of `parentCode` under `scheme`. */
export function fitsUnder(code: string, parentCode: string, scheme: string): boolean {
  const length = childCodeLength(parentCode, scheme)
  return length !== null && /^\d+$/.test(code) && code.length === length && code.startsWith(parentCode)
}

export interface AccountNode extends IndexedAccount {
  children?: AccountNode[]
}

/** The chart as a tree (children in code order); accounts whose parent is missing become roots. */
export function accountTree(list: readonly IndexedAccount[]): AccountNode[] {
  const nodes = new Map<string, AccountNode>(list.map((a) => [a.code, { ...a }]))
  const roots: AccountNode[] = []
  for (const a of [...list].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))) {
    const node = nodes.get(a.code)!
    const parent = a.parentCode ? nodes.get(a.parentCode) : undefined
    if (parent) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  return roots
}

/** Accounts matching a search (code prefix, name, pinyin initials of the account or its path), in code order. */
export function searchAccounts(list: readonly IndexedAccount[], query: string): IndexedAccount[] {
  if (!query.trim()) return [...list]
  return list.filter((a) => matchRank(a, query) !== null)
}

/** The codes of an account's ancestors, nearest last (for expanding the tree down to it). */
export function ancestorsOf(code: string, byCode: ReadonlyMap<string, Pick<Account, 'parentCode'>>): string[] {
  const out: string[] = []
  let p = byCode.get(code)?.parentCode ?? null
  while (p && out.length < 10) {
    out.unshift(p)
    p = byCode.get(p)?.parentCode ?? null
  }
  return out
}

// ---- opening balances ------------------------------------------------------------------------

export interface OpeningText {
  balance: string
  ytdDebit: string
  ytdCredit: string
}

export interface OpeningGroup {
  category: Category
  accounts: IndexedAccount[]
}

/** Leaf accounts by category in chart order: active ones, and inactive ones that still carry an amount. */
export function openingGroups(list: readonly IndexedAccount[], withAmounts: ReadonlySet<string> = new Set()): OpeningGroup[] {
  return ACCOUNT_CATEGORIES.map((category) => ({
    category,
    accounts: list.filter((a) => a.isLeaf && a.category === category && (a.active || withAmounts.has(a.code))),
  })).filter((g) => g.accounts.length > 0)
}

/** An amount cell: '' is zero, anything parseYuan refuses is null. */
export function cellFen(text: string): number | null {
  if (text.trim() === '') return 0
  return parseYuan(text)
}

export interface OpeningTotals {
  debit: number
  credit: number
  ytdDebit: number
  ytdCredit: number
  /** debit − credit */
  difference: number
  ytdDifference: number
  balanced: boolean
  /** Codes whose text is not an amount. */
  invalid: string[]
}

/**
 * The trial check of opening balances as typed, the way main computes it: a balance in the account's
 * direction counts on that side (negative → the other side); year-to-date debit and credit must match too.
 */
export function openingTotals(texts: Readonly<Record<string, OpeningText>>, directionOf: (code: string) => 'debit' | 'credit' | undefined): OpeningTotals {
  let debit = 0
  let credit = 0
  let ytdDebit = 0
  let ytdCredit = 0
  const invalid: string[] = []
  for (const [code, t] of Object.entries(texts)) {
    const dir = directionOf(code)
    if (!dir) continue
    const b = cellFen(t.balance)
    const yd = cellFen(t.ytdDebit)
    const yc = cellFen(t.ytdCredit)
    if (b === null || yd === null || yc === null) invalid.push(code)
    const signed = dir === 'debit' ? (b ?? 0) : -(b ?? 0)
    if (signed >= 0) debit += signed
    else credit -= signed
    ytdDebit += yd ?? 0
    ytdCredit += yc ?? 0
  }
  return {
    debit,
    credit,
    ytdDebit,
    ytdCredit,
    difference: debit - credit,
    ytdDifference: ytdDebit - ytdCredit,
    balanced: debit === credit && ytdDebit === ytdCredit,
    invalid: invalid.sort(),
  }
}

/** The rows opening:save takes: every typed account, zeros included (main drops them), or null if a cell is not an amount. */
export function openingRows(texts: Readonly<Record<string, OpeningText>>): { accountCode: string; balance: number; ytdDebit: number; ytdCredit: number }[] | null {
  const rows = []
  for (const code of Object.keys(texts).sort()) {
    const t = texts[code]
    const balance = cellFen(t.balance)
    const ytdDebit = cellFen(t.ytdDebit)
    const ytdCredit = cellFen(t.ytdCredit)
    if (balance === null || ytdDebit === null || ytdCredit === null) return null
    if (balance === 0 && ytdDebit === 0 && ytdCredit === 0) continue
    rows.push({ accountCode: code, balance, ytdDebit, ytdCredit })
  }
  return rows
}

/** Whether books starting in `firstPeriod` need year-to-date totals (they start after January). */
export function needsYtd(firstPeriod: string): boolean {
  return /^\d{4}-\d{2}$/.test(firstPeriod) && firstPeriod.slice(5) !== '01'
}

// ---- report ranges ---------------------------------------------------------------------------

/** The range a ledger opens with: January of the period's year (not before the books start) to the period. */
export function defaultRange(period: string, firstPeriod: string): { from: string; to: string } {
  const jan = `${period.slice(0, 4)}-01`
  const from = jan < firstPeriod ? firstPeriod : jan
  return { from: from > period ? period : from, to: period }
}

/** Keeps from ≤ to, moving the end the user did not touch. */
export function orderRange(from: string, to: string, changed: 'from' | 'to'): { from: string; to: string } {
  if (!from || !to || from <= to) return { from, to }
  return changed === 'from' ? { from, to: from } : { from: to, to }
}
