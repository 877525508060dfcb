// Reads of a client's document index: summaries with the vouchers each document is attached to, the
// filtered and paged list, the vault keys. Take the db handle first; never touch bodies.
import { VOUCHER_TYPES, type DocumentSummary } from '../../shared/ipc/contract'
import type { DocumentCategory, DocumentType, Sensitivity } from '../../shared/vault'
import { AppError } from '../../shared/ipc/result'
import type { Queryable } from '../db/connection'
import { voucherLabel, type VoucherType } from '../ledger/posting'

export interface DocumentRow {
  id: string
  name: string
  type: DocumentType
  size: number
  pages: number | null
  sha256: string
  key_version: number
  category: DocumentCategory
  sensitivity: Sensitivity
  tags: string
  notes: string
  source: 'dialog' | 'drop' | 'inbox'
  added_by_id: string
  added_by_name: string
  added_at: string
  status: 'active' | 'removed' | 'purged'
  removed_by_name: string | null
  removed_at: string | null
  purged_at: string | null
}

interface LinkRow {
  document_id: string
  voucher_id: number
  type: VoucherType
  number: number
  period: string
  status: 'draft' | 'reviewed' | 'posted'
}

async function linksOf(db: Queryable, ids: string[]): Promise<Map<string, DocumentSummary['vouchers']>> {
  const out = new Map<string, DocumentSummary['vouchers']>()
  if (ids.length === 0) return out
  const rows = await db.all<LinkRow>(
    `SELECT vd.document_id, v.id AS voucher_id, v.type, v.number, v.period, v.status
     FROM voucher_documents vd JOIN vouchers v ON v.id = vd.voucher_id
     WHERE vd.document_id IN (SELECT value FROM json_each(?)) ORDER BY v.period, v.type, v.number`,
    [JSON.stringify(ids)],
  )
  for (const r of rows) {
    const list = out.get(r.document_id) ?? []
    list.push({ id: r.voucher_id, label: voucherLabel(r.type, r.number), period: r.period, status: r.status })
    out.set(r.document_id, list)
  }
  return out
}

export function toSummary(r: DocumentRow, vouchers: DocumentSummary['vouchers']): DocumentSummary {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    size: r.size,
    pages: r.pages,
    category: r.category,
    sensitivity: r.sensitivity,
    tags: JSON.parse(r.tags) as string[],
    notes: r.notes,
    source: r.source,
    addedBy: r.added_by_name,
    addedAt: r.added_at,
    status: r.status === 'purged' ? 'removed' : r.status,
    removedBy: r.removed_by_name,
    removedAt: r.removed_at,
    vouchers,
  }
}

export async function summaries(db: Queryable, rows: DocumentRow[]): Promise<DocumentSummary[]> {
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toSummary(r, links.get(r.id) ?? []))
}

/** One document's row. Errors: NOT_FOUND (unknown or purged). */
export async function documentRow(db: Queryable, id: string): Promise<DocumentRow> {
  const r = await db.get<DocumentRow>("SELECT * FROM documents WHERE id = ? AND status != 'purged'", [id])
  if (!r) throw new AppError('NOT_FOUND', 'No such document.')
  return r
}

export async function documentSummary(db: Queryable, id: string): Promise<DocumentSummary> {
  return (await summaries(db, [await documentRow(db, id)]))[0]
}

/** The documents attached to a voucher, in their order. */
export async function voucherDocuments(db: Queryable, voucherId: number): Promise<DocumentSummary[]> {
  const rows = await db.all<DocumentRow>(
    'SELECT d.* FROM voucher_documents vd JOIN documents d ON d.id = vd.document_id WHERE vd.voucher_id = ? ORDER BY vd.position',
    [voucherId],
  )
  return summaries(db, rows)
}

export interface DocumentFilter {
  text?: string
  category?: DocumentCategory
  tag?: string
  from?: string
  to?: string
  voucherId?: number
  unattached?: boolean
  status: 'active' | 'removed'
  offset: number
  limit: number
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`

/** 记-0003, 记3: a voucher label as typed in the search box (its type and number). */
const VOUCHER_LABEL = new RegExp(`^([${VOUCHER_TYPES.join('')}])\\s*-?\\s*0*(\\d{1,6})$`)

/** Documents matching the filter, newest first. `text` searches name, notes and tags (and so amounts typed in notes) and voucher labels. */
export async function listDocuments(db: Queryable, f: DocumentFilter): Promise<{ documents: DocumentSummary[]; total: number }> {
  const where = ['d.status = ?']
  const params: (string | number)[] = [f.status]
  if (f.text?.trim()) {
    const t = f.text.trim()
    // an amount typed as 1,234.50 or 1234.5 finds notes that wrote it either way
    const amount = /^[\d,]+(\.\d{1,2})?$/.test(t) ? t.replace(/,/g, '') : null
    // a voucher label (记-0003, 记3) finds the documents attached to that voucher
    const label = VOUCHER_LABEL.exec(t)
    where.push(
      `(d.name LIKE ? ESCAPE '\\' OR d.notes LIKE ? ESCAPE '\\' OR d.tags LIKE ? ESCAPE '\\'${amount ? " OR replace(d.notes, ',', '') LIKE ? ESCAPE '\\'" : ''}${
        label ? ' OR EXISTS (SELECT 1 FROM voucher_documents vd JOIN vouchers v ON v.id = vd.voucher_id WHERE vd.document_id = d.id AND v.type = ? AND v.number = ?)' : ''
      })`,
    )
    params.push(like(t), like(t), like(t))
    if (amount) params.push(like(amount))
    if (label) params.push(label[1], Number(label[2]))
  }
  if (f.category) {
    where.push('d.category = ?')
    params.push(f.category)
  }
  if (f.tag) {
    where.push('EXISTS (SELECT 1 FROM json_each(d.tags) WHERE value = ?)')
    params.push(f.tag)
  }
  if (f.from) {
    where.push('substr(d.added_at, 1, 10) >= ?')
    params.push(f.from)
  }
  if (f.to) {
    where.push('substr(d.added_at, 1, 10) <= ?')
    params.push(f.to)
  }
  if (f.voucherId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM voucher_documents vd WHERE vd.document_id = d.id AND vd.voucher_id = ?)')
    params.push(f.voucherId)
  }
  if (f.unattached) where.push('NOT EXISTS (SELECT 1 FROM voucher_documents vd WHERE vd.document_id = d.id)')
  const w = `WHERE ${where.join(' AND ')}`
  const total = (await db.get<{ n: number }>(`SELECT count(*) AS n FROM documents d ${w}`, params))?.n ?? 0
  const rows = await db.all<DocumentRow>(`SELECT d.* FROM documents d ${w} ORDER BY d.added_at DESC, d.rowid DESC LIMIT ? OFFSET ?`, [...params, f.limit, f.offset])
  return { documents: await summaries(db, rows), total }
}

export interface VaultKeys {
  current: number
  rotating: boolean
  /** Every key version this client holds; zero-fill with `dispose`. */
  keys: Map<number, Buffer>
  lookup(version: number): Buffer | undefined
  dispose(): void
}

export async function loadVaultKeys(db: Queryable): Promise<VaultKeys> {
  const state = await db.get<{ current_version: number; rotating: number }>('SELECT current_version, rotating FROM vault_state WHERE id = 1')
  if (!state) throw new AppError('CORRUPT_DATA', "The client's vault keys are missing. Restore the client's books from a backup.")
  const rows = await db.all<{ version: number; key: Buffer }>('SELECT version, key FROM vault_keys')
  const keys = new Map(rows.map((r) => [r.version, Buffer.from(r.key)]))
  return {
    current: state.current_version,
    rotating: state.rotating === 1,
    keys,
    lookup: (v) => keys.get(v),
    dispose: () => {
      for (const k of keys.values()) k.fill(0)
      keys.clear()
    },
  }
}
