// The chart of accounts as the voucher grid uses it: full name paths (应交税费—应交增值税—进项税额),
// which accounts take postings, and matching what a bookkeeper types — a code prefix, part of the name,
// or pinyin initials (yhck → 1002 银行存款) — for accounts and auxiliary items alike. Pure, no I/O.
import type { Account, AuxItem } from '../../../shared/ipc/contract'

/** Separator between the levels of a full account name. */
export const PATH_SEPARATOR = '—'

export interface IndexedAccount extends Account {
  /** Names from level 1 down to this account, joined by PATH_SEPARATOR. */
  fullName: string
  /** Pinyin initials of every level, concatenated (yjsf + zjzzs …), for matching paths. */
  pathInitials: string
  postable: boolean
}

export interface AccountIndex {
  list: IndexedAccount[]
  byCode: ReadonlyMap<string, IndexedAccount>
}

/** Only leaf, active accounts take postings (末级科目). */
export function isPostable(a: Pick<Account, 'isLeaf' | 'active'>): boolean {
  return a.isLeaf && a.active
}

export function indexAccounts(accounts: readonly Account[]): AccountIndex {
  const raw = new Map(accounts.map((a) => [a.code, a]))
  const byCode = new Map<string, IndexedAccount>()
  const pathOf = (a: Account): Account[] => {
    const chain: Account[] = [a]
    let p = a.parentCode ? raw.get(a.parentCode) : undefined
    // bounded: a malformed chart with a parent cycle must not hang the editor
    while (p && chain.length < 10) {
      chain.unshift(p)
      p = p.parentCode ? raw.get(p.parentCode) : undefined
    }
    return chain
  }
  const list = [...accounts]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((a) => {
      const chain = pathOf(a)
      const indexed: IndexedAccount = {
        ...a,
        fullName: chain.map((x) => x.name).join(PATH_SEPARATOR),
        pathInitials: chain.map((x) => x.initials).join(''),
        postable: isPostable(a),
      }
      byCode.set(a.code, indexed)
      return indexed
    })
  return { list, byCode }
}

/** "1002 银行存款", "22210101 应交税费—应交增值税—进项税额". */
export function accountLabel(a: Pick<IndexedAccount, 'code' | 'fullName'>): string {
  return `${a.code} ${a.fullName}`
}

interface Matchable {
  code: string
  name: string
  initials: string
}

/**
 * How well `item` matches `query` (lower is better), or null for no match. Digits match a code prefix;
 * anything else matches pinyin initials or a code prefix first, then the name, then initials or the full path anywhere.
 */
export function matchRank(item: Matchable & { fullName?: string; pathInitials?: string }, query: string): number | null {
  const q = query.trim().toLowerCase()
  if (!q) return 5
  if (/^\d+$/.test(q)) {
    if (item.code === q) return 0
    return item.code.startsWith(q) ? 1 : null
  }
  const ini = item.initials.toLowerCase()
  if (ini === q || item.code.toLowerCase() === q) return 0
  // auxiliary item codes are often letters and digits (C01)
  if (ini.startsWith(q) || item.code.toLowerCase().startsWith(q)) return 1
  if (item.name.toLowerCase().includes(q)) return 2
  if (item.pathInitials && item.pathInitials.toLowerCase().startsWith(q)) return 3
  if (ini.includes(q)) return 3
  if (item.fullName && item.fullName.toLowerCase().includes(q)) return 4
  // "1002 银行" typed as shown in the cell: code and name together
  const sp = q.indexOf(' ')
  if (sp > 0 && /^\d+$/.test(q.slice(0, sp)) && item.code.startsWith(q.slice(0, sp)) && item.name.toLowerCase().includes(q.slice(sp + 1).trim())) return 4
  return null
}

function ranked<T extends Matchable>(items: readonly T[], query: string, limit: number, rank: (x: T, q: string) => number | null): T[] {
  const hits: { item: T; rank: number }[] = []
  for (const item of items) {
    const r = rank(item, query)
    if (r !== null) hits.push({ item, rank: r })
  }
  // stable by code within a rank: charts are read top-down by code
  hits.sort((a, b) => a.rank - b.rank || (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : 0))
  return hits.slice(0, limit).map((h) => h.item)
}

/** Postable accounts matching what was typed, best first. */
export function matchAccounts(index: AccountIndex, query: string, limit = 30): IndexedAccount[] {
  return ranked(
    index.list.filter((a) => a.postable),
    query,
    limit,
    matchRank,
  )
}

/** Active auxiliary items of one type matching what was typed, best first. */
export function matchAuxItems(items: readonly AuxItem[], type: AuxItem['type'], query: string, limit = 30): AuxItem[] {
  return ranked(
    items.filter((i) => i.type === type && i.active),
    query,
    limit,
    matchRank,
  )
}
