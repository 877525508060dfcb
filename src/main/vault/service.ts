// Writes and sensitive reads of a client's document vault, one function per user intent: store files
// (refusing bad ones per file, spotting duplicates), change metadata, open for the viewer, export, remove,
// restore, purge, verify every body, rotate the vault key. Each change and each read of a body is audited
// in the client's chain in the same transaction as the index change it goes with.
import { randomBytes, randomUUID } from 'node:crypto'
import { open as openFile, rm, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { isInside } from '../paths'
import type { AddOutcome, DocumentSummary, VaultStatus, VaultVerification } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { DEFAULT_SENSITIVITY, guessCategory, type DocumentCategory, type DocumentType, type RefusalReason, type Sensitivity } from '../../shared/vault'
import type { Queryable } from '../db/connection'
import type { Job } from '../jobs'
import { audit, type Ledger } from '../ledger/vouchers'
import { voucherLabel, type VoucherType } from '../ledger/posting'
import { bodyPath, clientVaultDir, commitBody, discard, exportBody, isTempBody, listBodyFiles, readBodyToBuffer, reencryptBody, sealFile, syncDir, syncFile } from './bodies'
import { BodyError, readBody, type BodyProblem } from './format'
import { documentRow, loadVaultKeys, summaries, type DocumentRow, type VaultKeys } from './queries'
import { MIME, PdfPageCounter, sniffType, tiffPages, typeOfName } from './types'

export interface SourceFile {
  path: string
  /** The name shown to users (the file's own name). */
  name: string
}

export interface IngestOptions {
  source: 'dialog' | 'drop' | 'inbox'
  category?: DocumentCategory
  maxBytes: number
  job?: Job
  /** Decrypt and compare every stored body before answering (the inbox deletes originals afterwards). */
  verify?: boolean
}

/** Per-file outcome of an ingest, in input order (the inbox acts on it). */
export type FileOutcome =
  | { kind: 'added'; file: SourceFile; document: DocumentSummary }
  | { kind: 'duplicate'; file: SourceFile; existing: DocumentSummary }
  | { kind: 'refused'; file: SourceFile; reason: RefusalReason; message: string }

const TYPE_NAMES: Record<DocumentType | 'zip', string> = {
  pdf: 'a PDF',
  jpeg: 'a JPEG image',
  png: 'a PNG image',
  tiff: 'a TIFF image',
  ofd: 'an OFD document',
  xlsx: 'an Excel workbook',
  csv: 'a CSV text file',
  zip: 'a ZIP archive',
}

class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message)
  }
}

const SAMPLE = 64 * 1024

/** Checks one source file before anything is written: size, extension, content. */
async function inspect(file: SourceFile, maxBytes: number): Promise<{ type: DocumentType; size: number; pages: number | null }> {
  const st = await stat(file.path).catch(() => null)
  if (!st || !st.isFile()) throw new Refusal('unreadable', `${file.name} cannot be read (it is not a file, or it was moved).`)
  if (st.size === 0) throw new Refusal('empty', `${file.name} is empty.`)
  if (st.size > maxBytes) throw new Refusal('too-large', `${file.name} is larger than ${Math.round(maxBytes / 1048576)} MB.`)
  const type = typeOfName(file.name)
  if (!type) throw new Refusal('unsupported-type', `${file.name}: only PDF, JPEG, PNG, TIFF, OFD, XLSX and CSV files are accepted.`)
  const fh = await openFile(file.path, 'r').catch(() => null)
  if (!fh) throw new Refusal('unreadable', `${file.name} cannot be read.`)
  try {
    const head = Buffer.alloc(Math.min(SAMPLE, st.size))
    await fh.read(head, 0, head.length, 0)
    const tailLen = Math.min(SAMPLE, st.size)
    const tail = Buffer.alloc(tailLen)
    await fh.read(tail, 0, tailLen, st.size - tailLen)
    const seen = sniffType(head, tail)
    if (seen !== type) {
      throw new Refusal('content-mismatch', `${file.name} is named as ${TYPE_NAMES[type]}, but its content is ${seen ? TYPE_NAMES[seen] : 'something else'}.`)
    }
    let pages: number | null = type === 'jpeg' || type === 'png' ? 1 : null
    if (type === 'tiff') {
      pages = await tiffPages(async (offset, length) => {
        const b = Buffer.alloc(Math.max(0, Math.min(length, st.size - offset)))
        if (b.length) await fh.read(b, 0, b.length, offset)
        return b
      }, st.size)
    }
    return { type, size: st.size, pages }
  } finally {
    await fh.close()
  }
}

async function insertDocument(
  tx: Queryable,
  L: Ledger,
  d: { id: string; name: string; type: DocumentType; size: number; pages: number | null; sha256: string; keyVersion: number; category: DocumentCategory; sensitivity: Sensitivity; source: IngestOptions['source'] },
): Promise<void> {
  await tx.run(
    `INSERT INTO documents (id, name, type, size, pages, sha256, key_version, category, sensitivity, source, added_by_id, added_by_name, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [d.id, d.name, d.type, d.size, d.pages, d.sha256, d.keyVersion, d.category, d.sensitivity, d.source, L.s.user.id, L.s.user.displayName, L.now.toISOString()],
  )
  await audit(tx, L, 'document.added', `document:${d.id}`, { type: d.type, size: d.size, category: d.category, sensitivity: d.sensitivity, source: d.source })
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as NodeJS.ErrnoException).code === 'ABORT_ERR')
}

/** How many stored bodies share one folder sync and one index transaction. */
const GROUP = 16

interface Staged {
  file: SourceFile
  id: string
  finalPath: string
  type: DocumentType
  size: number
  pages: number | null
  sha256: string
}

/**
 * Stores files in the client's vault: per file, checks, encrypts beside its final name (fsynced), spots a
 * duplicate by content (then stores nothing), optionally verifies, and renames it into place; then, for up
 * to GROUP bodies at a time, one folder sync and one transaction indexes and audits them. A bad file is
 * refused with its reason and the batch goes on; a cancel stops before the next file (what was stored
 * stays). Nothing is indexed whose body is not durably in place.
 */
export async function ingest(L: Ledger, dataDir: string, files: SourceFile[], opts: IngestOptions): Promise<{ outcome: AddOutcome; files: FileOutcome[] }> {
  const outcome: AddOutcome = { dialogCancelled: false, cancelled: false, added: [], duplicates: [], refused: [] }
  const perFile: FileOutcome[] = []
  const refuse = (file: SourceFile, reason: RefusalReason, message: string) => {
    outcome.refused.push({ name: file.name, reason, message })
    perFile.push({ kind: 'refused', file, reason, message })
  }
  const keys = await loadVaultKeys(L.db)
  const clientId = L.meta.clientId
  let staged: Staged[] = []
  const stagedSha = new Set<string>()
  /** The next file, being checked and sealed ahead. */
  let next: Promise<{ ok: true; value: { sealed: { tmpPath: string } } } | { ok: false; error: unknown }> | null = null

  const flush = async () => {
    if (staged.length === 0) return
    const group = staged
    staged = []
    stagedSha.clear()
    try {
      // the bodies' data, then their names, are on disk before the index refers to them (fsyncs in parallel)
      await Promise.all(group.map((g) => syncFile(g.finalPath)))
      await syncDir(clientVaultDir(dataDir, clientId))
      await L.db.transaction(async (tx) => {
        // a key rotation that ended meanwhile dropped the key these bodies are sealed with: index nothing
        if (!(await tx.get('SELECT 1 FROM vault_keys WHERE version = ?', [keys.current]))) {
          throw new Refusal('unreadable', 'the vault key changed while it was being encrypted. Add it again.')
        }
        for (const g of group) {
          const category = opts.category ?? guessCategory(g.file.name)
          await insertDocument(tx, L, { ...g, name: g.file.name, keyVersion: keys.current, category, sensitivity: DEFAULT_SENSITIVITY[category], source: opts.source })
        }
      })
    } catch (e) {
      for (const g of group) await discard(g.finalPath)
      if (e instanceof AppError && (e.code === 'LOCKED' || e.code === 'CORRUPT_DATA')) throw e
      for (const g of group) refuse(g.file, e instanceof Refusal ? e.reason : 'unreadable', `${g.file.name} was not stored: ${(e as Error).message}`)
      return
    }
    const rows = await L.db.all<DocumentRow>('SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(group.map((g) => g.id))])
    const byId = new Map((await summaries(L.db, rows)).map((d) => [d.id, d]))
    for (const g of group) {
      const document = byId.get(g.id)
      if (!document) continue
      outcome.added.push(document)
      perFile.push({ kind: 'added', file: g.file, document })
    }
  }

  try {
    const vaultKey = keys.lookup(keys.current)
    if (!vaultKey) throw new AppError('CORRUPT_DATA', "The client's current vault key is missing.")
    // a file is checked and sealed (reading, encrypting, writing) while the one before it is deduplicated,
    // committed and indexed: the two overlap their waits
    const prepare = async (file: SourceFile) => {
      const info = await inspect(file, opts.maxBytes)
      const id = randomUUID()
      const finalPath = bodyPath(dataDir, clientId, id)
      const counter = info.type === 'pdf' ? new PdfPageCounter() : null
      const sealed = await sealFile(file.path, finalPath, vaultKey, keys.current, { clientId, documentId: id }, counter ? (c) => counter.push(c) : undefined, opts.job?.signal, false)
      return { info, id, finalPath, counter, sealed }
    }
    type Prepared = { ok: true; value: Awaited<ReturnType<typeof prepare>> } | { ok: false; error: unknown }
    const start = (file: SourceFile): Promise<Prepared> =>
      prepare(file).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      )
    next = files.length ? start(files[0]) : null
    for (let i = 0; i < files.length; i++) {
      const file = files[i]
      if (opts.job?.cancelled) {
        outcome.cancelled = true
        break
      }
      opts.job?.progress('store', i, files.length)
      const got = (await next) as Prepared
      next = i + 1 < files.length && !opts.job?.cancelled ? start(files[i + 1]) : null
      try {
        if (!got.ok) throw got.error
        const { info, id, finalPath, counter, sealed } = got.value
        try {
          if (sealed.size !== info.size) throw new Refusal('unreadable', `${file.name} changed while it was being read. Try again.`)
          // the same content earlier in this batch: index it first, so it is found like any stored one
          if (stagedSha.has(sealed.sha256)) await flush()
          const dup = await L.db.get<DocumentRow>("SELECT * FROM documents WHERE sha256 = ? AND status = 'active' ORDER BY added_at LIMIT 1", [sealed.sha256])
          if (dup) {
            await discard(sealed.tmpPath)
            const existing = (await summaries(L.db, [dup]))[0]
            outcome.duplicates.push({ name: file.name, existing })
            perFile.push({ kind: 'duplicate', file, existing })
            continue
          }
          if (opts.verify) {
            const check = await readBody(sealed.tmpPath, keys.lookup, { clientId, documentId: id }, () => undefined)
            if (check.sha256 !== sealed.sha256 || check.size !== sealed.size) throw new Error('the encrypted copy does not verify')
          }
          await commitBody(sealed.tmpPath, finalPath, false)
        } catch (e) {
          await discard(sealed.tmpPath)
          throw e
        }
        staged.push({ file, id, finalPath, type: info.type, size: info.size, pages: counter ? counter.pages : info.pages, sha256: sealed.sha256 })
        stagedSha.add(sealed.sha256)
        if (staged.length >= GROUP) await flush()
      } catch (e) {
        if (isAbort(e)) {
          outcome.cancelled = true
          break
        }
        if (e instanceof Refusal) {
          refuse(file, e.reason, e.message)
          continue
        }
        if (e instanceof AppError && (e.code === 'LOCKED' || e.code === 'CORRUPT_DATA')) throw e
        refuse(file, 'unreadable', `${file.name} could not be stored (${(e as Error).message}).`)
      }
    }
    await flush()
    opts.job?.progress('store', outcome.added.length + outcome.duplicates.length + outcome.refused.length, files.length)
    return { outcome, files: perFile }
  } finally {
    // a failure or cancel that ends the batch leaves no body behind that nothing indexes
    const ahead = await next
    if (ahead?.ok) await discard(ahead.value.sealed.tmpPath)
    for (const g of staged) await discard(g.finalPath)
    keys.dispose()
  }
}

/** Replaces the documents attached to a draft voucher (in order) and, when 附单据数 is automatic, recounts it. */
export async function setVoucherDocuments(tx: Queryable, L: Ledger, voucherId: number, documentIds: string[] | undefined, auto: boolean): Promise<void> {
  if (documentIds !== undefined) {
    const ids = [...new Set(documentIds)]
    const found = await tx.all<{ id: string }>("SELECT id FROM documents WHERE status = 'active' AND id IN (SELECT value FROM json_each(?))", [JSON.stringify(ids)])
    if (found.length !== ids.length) throw new AppError('NOT_FOUND', 'A document to attach does not exist or was removed.')
    await tx.run('DELETE FROM voucher_documents WHERE voucher_id = ?', [voucherId])
    await tx.run(
      `INSERT INTO voucher_documents (voucher_id, document_id, position, attached_at, attached_by)
       SELECT ?, value, key, ?, ? FROM json_each(?)`,
      [voucherId, L.now.toISOString(), L.s.user.displayName, JSON.stringify(ids)],
    )
  }
  await tx.run('UPDATE vouchers SET attachments_auto = ? WHERE id = ?', [auto ? 1 : 0, voucherId])
  if (auto) await recount(tx, voucherId)
}

async function recount(tx: Queryable, voucherId: number): Promise<void> {
  await tx.run(
    "UPDATE vouchers SET attachments = (SELECT count(*) FROM voucher_documents WHERE voucher_id = ?) WHERE id = ? AND attachments_auto = 1 AND status = 'draft'",
    [voucherId, voucherId],
  )
}

export interface DocumentChange {
  category?: DocumentCategory
  sensitivity?: Sensitivity
  tags?: string[]
  notes?: string
}

/** Changes metadata. Errors: NOT_FOUND, INVALID_STATE (removed). */
export async function updateDocument(L: Ledger, id: string, change: DocumentChange): Promise<DocumentSummary> {
  return L.db.transaction(async (tx) => {
    const before = await documentRow(tx, id)
    if (before.status !== 'active') throw new AppError('INVALID_STATE', `${before.name} was removed: restore it before changing it.`)
    const tags = change.tags ? [...new Set(change.tags.map((t) => t.trim()).filter(Boolean))] : undefined
    await tx.run(
      'UPDATE documents SET category = coalesce(?, category), sensitivity = coalesce(?, sensitivity), tags = coalesce(?, tags), notes = coalesce(?, notes) WHERE id = ?',
      [change.category ?? null, change.sensitivity ?? null, tags ? JSON.stringify(tags) : null, change.notes ?? null, id],
    )
    const after = await documentRow(tx, id)
    await audit(tx, L, 'document.changed', `document:${id}`, {
      category: after.category,
      sensitivity: after.sensitivity,
      sensitivityFrom: before.sensitivity,
      tags: tags ? tags.length : null,
      notesChanged: change.notes !== undefined && change.notes !== before.notes,
    })
    return (await summaries(tx, [after]))[0]
  })
}

const PROBLEM_TEXT: Record<BodyProblem | 'wrong-content', string> = {
  missing: 'is missing from the vault folder',
  'not-a-body': 'is not a Zhangfang vault file',
  'unknown-version': 'was written by a newer version of Zhangfang',
  'unknown-key': 'is sealed with a vault key this client no longer holds',
  truncated: 'was cut short',
  damaged: 'was changed or damaged',
  'wrong-content': 'does not hold the content that was stored',
}

function damaged(row: DocumentRow, problem: BodyProblem | 'wrong-content'): AppError {
  return new AppError('CORRUPT_DATA', `Document “${row.name}” cannot be opened: its encrypted body ${PROBLEM_TEXT[problem]}. Restore the vault folder from a backup.`, {
    details: { documentId: row.id, name: row.name, problem },
  })
}

async function auditFailure(L: Ledger, action: string, row: DocumentRow, problem: string): Promise<void> {
  await L.db.transaction((tx) => audit(tx, L, action, `document:${row.id}`, { problem, sensitivity: row.sensitivity }, 'failed'))
}

const CONTENT_DIFFERS = 'content hash differs'

/**
 * Reads a document's body with the client's vault keys. A body that fails its check, or whose content is
 * not what the index recorded (then `discard` undoes what the read produced), is audited as a failed
 * `action` and answered as CORRUPT_DATA naming the document.
 */
async function readChecked<T>(L: Ledger, row: DocumentRow, action: string, read: (keys: VaultKeys) => Promise<{ sha256: string; value: T; discard(): unknown }>): Promise<T> {
  const keys = await loadVaultKeys(L.db)
  try {
    const r = await read(keys)
    if (r.sha256 !== row.sha256) {
      await r.discard()
      throw new BodyError('damaged', CONTENT_DIFFERS)
    }
    return r.value
  } catch (e) {
    if (!(e instanceof BodyError)) throw e
    const problem = e.message === CONTENT_DIFFERS ? 'wrong-content' : e.problem
    await auditFailure(L, action, row, problem)
    throw damaged(row, problem)
  } finally {
    keys.dispose()
  }
}

/** Decrypts a document into memory for the viewer; every open is audited. Errors: NOT_FOUND, CORRUPT_DATA. */
export async function openDocument(L: Ledger, dataDir: string, id: string): Promise<{ document: DocumentSummary; mime: string; bytes: Uint8Array<ArrayBuffer> }> {
  const row = await documentRow(L.db, id)
  const bytes = await readChecked(L, row, 'document.opened', async (keys) => {
    const r = await readBodyToBuffer(bodyPath(dataDir, L.meta.clientId, id), keys.lookup, { clientId: L.meta.clientId, documentId: id }, row.size)
    return { sha256: r.sha256, value: r.bytes, discard: () => void r.bytes.fill(0) }
  })
  await L.db.transaction((tx) => audit(tx, L, 'document.opened', `document:${id}`, { sensitivity: row.sensitivity, type: row.type, size: row.size }))
  return { document: (await summaries(L.db, [row]))[0], mime: MIME[row.type], bytes }
}

/**
 * Decides whether an export may go ahead. Today: permission (checked by the router) is enough; the
 * access-governance work plugs approvals in here, and watermarking as a stage of the export.
 */
export type ExportPolicy = (ctx: { L: Ledger; document: DocumentRow }) => Promise<{ allow: true } | { allow: false; reason: string }>
export const allowExports: ExportPolicy = async () => ({ allow: true })

/** Writes a decrypted copy where the user chose (main's save dialog). Errors: NOT_FOUND, CORRUPT_DATA, FORBIDDEN, CONFLICT. */
export async function exportDocument(
  L: Ledger,
  dataDir: string,
  id: string,
  chooseDest: (defaultName: string) => Promise<string | null>,
  policy: ExportPolicy = allowExports,
): Promise<{ saved: boolean; fileName: string | null }> {
  const row = await documentRow(L.db, id)
  const decision = await policy({ L, document: row })
  if (!decision.allow) {
    await L.db.transaction((tx) => audit(tx, L, 'document.exported', `document:${id}`, { reason: decision.reason }, 'denied'))
    throw new AppError('FORBIDDEN', decision.reason)
  }
  const dest = await chooseDest(row.name)
  if (!dest) return { saved: false, fileName: null }
  // a decrypted copy inside the data folder would sit beside the encrypted store as plaintext
  if (isInside(dataDir, dest)) throw new AppError('CONFLICT', "Choose a folder outside Zhangfang's data folder: exported copies are not encrypted.", { details: { hint: 'export-in-data-folder' } })
  // a copy saved into a scanner inbox would be taken in again (and deleted as a duplicate)
  const inboxes = await L.s.firmDb.all<{ path: string }>('SELECT path FROM client_inboxes')
  if (inboxes.some((i) => isInside(i.path, dest))) throw new AppError('CONFLICT', 'Choose a folder that is not a scanner inbox.', { details: { hint: 'export-in-inbox' } })
  await readChecked(L, row, 'document.exported', async (keys) => {
    const sha256 = await exportBody(bodyPath(dataDir, L.meta.clientId, id), keys.lookup, { clientId: L.meta.clientId, documentId: id }, dest, row.size)
    return { sha256, value: undefined, discard: () => rm(dest, { force: true }) }
  })
  await L.db.transaction((tx) => audit(tx, L, 'document.exported', `document:${id}`, { sensitivity: row.sensitivity, type: row.type, size: row.size }))
  return { saved: true, fileName: basename(dest) }
}

/** Hides a document and detaches it from draft vouchers. Errors: INVALID_STATE (reviewed/posted voucher), NOT_FOUND. */
export async function removeDocument(L: Ledger, id: string): Promise<DocumentSummary> {
  return L.db.transaction(async (tx) => {
    const row = await documentRow(tx, id)
    if (row.status !== 'active') throw new AppError('INVALID_STATE', `${row.name} is removed already.`)
    const links = await tx.all<{ id: number; type: VoucherType; number: number; status: string }>(
      'SELECT v.id, v.type, v.number, v.status FROM voucher_documents vd JOIN vouchers v ON v.id = vd.voucher_id WHERE vd.document_id = ? ORDER BY v.status DESC',
      [id],
    )
    const posted = links.find((l) => l.status === 'posted')
    if (posted) {
      throw new AppError('INVALID_STATE', `${row.name} is attached to posted voucher ${voucherLabel(posted.type, posted.number)}: documents of posted vouchers are accounting archives and cannot be removed.`, {
        details: { rule: 'posted-archive', voucher: voucherLabel(posted.type, posted.number) },
      })
    }
    const reviewed = links.find((l) => l.status === 'reviewed')
    if (reviewed) {
      throw new AppError('INVALID_STATE', `${row.name} is attached to reviewed voucher ${voucherLabel(reviewed.type, reviewed.number)}: unreview (弃审) it first.`, {
        details: { rule: 'reviewed', voucher: voucherLabel(reviewed.type, reviewed.number) },
      })
    }
    await tx.run('DELETE FROM voucher_documents WHERE document_id = ?', [id])
    for (const l of links) await recount(tx, l.id)
    await tx.run("UPDATE documents SET status = 'removed', removed_by_name = ?, removed_at = ? WHERE id = ?", [L.s.user.displayName, L.now.toISOString(), id])
    await audit(tx, L, 'document.removed', `document:${id}`, { detachedFrom: links.map((l) => voucherLabel(l.type, l.number)).join(','), sensitivity: row.sensitivity })
    return (await summaries(tx, [await documentRow(tx, id)]))[0]
  })
}

/** Brings a removed document back (unattached). Errors: INVALID_STATE, NOT_FOUND. */
export async function restoreDocument(L: Ledger, id: string): Promise<DocumentSummary> {
  return L.db.transaction(async (tx) => {
    const row = await documentRow(tx, id)
    if (row.status !== 'removed') throw new AppError('INVALID_STATE', `${row.name} is not removed.`)
    await tx.run("UPDATE documents SET status = 'active', removed_by_name = NULL, removed_at = NULL WHERE id = ?", [id])
    await audit(tx, L, 'document.restored', `document:${id}`, {})
    return (await summaries(tx, [await documentRow(tx, id)]))[0]
  })
}

/** Deletes the body of a removed document; the index row stays, marked purged. Errors: INVALID_STATE, NOT_FOUND. */
export async function purgeDocument(L: Ledger, dataDir: string, id: string): Promise<void> {
  await L.db.transaction(async (tx) => {
    const row = await documentRow(tx, id)
    if (row.status !== 'removed') throw new AppError('INVALID_STATE', `${row.name} must be removed before it can be purged.`)
    await tx.run("UPDATE documents SET status = 'purged', purged_at = ? WHERE id = ?", [L.now.toISOString(), id])
    await audit(tx, L, 'document.purged', `document:${id}`, { type: row.type, size: row.size, sensitivity: row.sensitivity })
  })
  // after the commit: a crash here leaves an orphan body that verify lists, never an index without a body
  await discard(bodyPath(dataDir, L.meta.clientId, id))
}

export async function vaultStatus(L: Ledger, inbox: VaultStatus['inbox'], maxFileMb: number): Promise<VaultStatus> {
  const counts = await L.db.get<{ active: number; removed: number; bytes: number | null }>(
    "SELECT sum(status = 'active') AS active, sum(status = 'removed') AS removed, sum(CASE WHEN status != 'purged' THEN size END) AS bytes FROM documents",
  )
  const state = await L.db.get<{ current_version: number; rotating: number }>('SELECT current_version, rotating FROM vault_state WHERE id = 1')
  const remaining = state?.rotating
    ? ((await L.db.get<{ n: number }>("SELECT count(*) AS n FROM documents WHERE status != 'purged' AND key_version != ?", [state.current_version]))?.n ?? 0)
    : 0
  return {
    documents: counts?.active ?? 0,
    removed: counts?.removed ?? 0,
    bytes: counts?.bytes ?? 0,
    keyVersion: state?.current_version ?? 1,
    rotation: state?.rotating ? { targetVersion: state.current_version, remaining } : null,
    inbox,
    maxFileMb,
  }
}

/** Decrypts every body and compares it with the index; lists bad or missing bodies and orphan files. */
export async function verifyVault(L: Ledger, dataDir: string, job?: Job): Promise<VaultVerification> {
  const rows = await L.db.all<DocumentRow>("SELECT * FROM documents WHERE status != 'purged' ORDER BY added_at")
  const known = new Set(rows.map((r) => r.id))
  const keys = await loadVaultKeys(L.db)
  const out: VaultVerification = { ok: true, cancelled: false, checked: 0, total: rows.length, bad: [], orphans: [] }
  try {
    for (const r of rows) {
      if (job?.cancelled) {
        out.cancelled = true
        break
      }
      job?.progress('verify', out.checked, rows.length)
      try {
        const res = await readBody(bodyPath(dataDir, L.meta.clientId, r.id), keys.lookup, { clientId: L.meta.clientId, documentId: r.id }, () => undefined, job?.signal, r.size)
        if (res.sha256 !== r.sha256 || res.size !== r.size) out.bad.push({ documentId: r.id, name: r.name, problem: 'wrong-content', message: damaged(r, 'wrong-content').message })
      } catch (e) {
        if (isAbort(e)) {
          out.cancelled = true
          break
        }
        if (!(e instanceof BodyError)) throw e
        out.bad.push({ documentId: r.id, name: r.name, problem: e.problem, message: damaged(r, e.problem).message })
      }
      out.checked++
    }
  } finally {
    keys.dispose()
  }
  job?.progress('verify', out.checked, rows.length)
  out.orphans = (await listBodyFiles(dataDir, L.meta.clientId)).filter((f) => !known.has(f) || isTempBody(f)).sort()
  out.ok = out.bad.length === 0 && out.orphans.length === 0 && !out.cancelled
  await L.db.transaction((tx) =>
    audit(tx, L, 'vault.verified', `vault:${L.meta.clientId}`, { checked: out.checked, total: out.total, bad: out.bad.length, orphans: out.orphans.length, cancelled: out.cancelled }, out.ok || out.cancelled ? 'ok' : 'failed'),
  )
  return out
}

export interface RotateHooks {
  /** Called after each document's new body replaced the old one, before the index records it (tests crash here). */
  afterCommit?: (documentId: string) => void | Promise<void>
}

export interface RotateOutcome {
  keyVersion: number
  reencrypted: number
  remaining: number
  cancelled: boolean
  failed: VaultVerification['bad']
}

/**
 * Re-encrypts every body under a new vault key. A rotation that was cancelled or interrupted is continued,
 * not restarted. Each body is replaced atomically and old key versions are kept until every body is under
 * the new one, so at every instant every document opens.
 */
export async function rotateVaultKey(L: Ledger, dataDir: string, job?: Job, hooks: RotateHooks = {}): Promise<RotateOutcome> {
  const clientId = L.meta.clientId
  const target = await L.db.transaction(async (tx) => {
    const state = await tx.get<{ current_version: number; rotating: number }>('SELECT current_version, rotating FROM vault_state WHERE id = 1')
    if (!state) throw new AppError('CORRUPT_DATA', "The client's vault keys are missing.")
    if (state.rotating) return state.current_version
    const next = ((await tx.get<{ v: number }>('SELECT max(version) AS v FROM vault_keys'))?.v ?? 0) + 1
    await tx.run('INSERT INTO vault_keys (version, key, created_at) VALUES (?, ?, ?)', [next, randomBytes(32), L.now.toISOString()])
    await tx.run('UPDATE vault_state SET current_version = ?, rotating = 1 WHERE id = 1', [next])
    await audit(tx, L, 'vault.rotation-started', `vault:${clientId}`, { keyVersion: next })
    return next
  })
  const todo = await L.db.all<DocumentRow>("SELECT * FROM documents WHERE status != 'purged' AND key_version != ? ORDER BY added_at", [target])
  const keys: VaultKeys = await loadVaultKeys(L.db)
  const out: RotateOutcome = { keyVersion: target, reencrypted: 0, remaining: todo.length, cancelled: false, failed: [] }
  try {
    const newKey = keys.lookup(target)
    if (!newKey) throw new AppError('CORRUPT_DATA', 'The new vault key is missing.')
    for (const r of todo) {
      if (job?.cancelled) {
        out.cancelled = true
        break
      }
      job?.progress('rotate', out.reencrypted + out.failed.length, todo.length)
      const path = bodyPath(dataDir, clientId, r.id)
      try {
        await reencryptBody(path, keys.lookup, { clientId, documentId: r.id }, newKey, target, r.sha256, job?.signal)
      } catch (e) {
        if (isAbort(e)) {
          out.cancelled = true
          break
        }
        const problem = e instanceof BodyError ? e.problem : 'wrong-content'
        out.failed.push({ documentId: r.id, name: r.name, problem, message: damaged(r, problem).message })
        continue
      }
      await hooks.afterCommit?.(r.id)
      await L.db.run('UPDATE documents SET key_version = ? WHERE id = ?', [target, r.id])
      out.reencrypted++
    }
  } finally {
    keys.dispose()
  }
  job?.progress('rotate', out.reencrypted + out.failed.length, todo.length)
  await L.db.transaction(async (tx) => {
    // counted in the transaction that drops the old keys: a document stored meanwhile under an old key keeps it
    out.remaining = (await tx.get<{ n: number }>("SELECT count(*) AS n FROM documents WHERE status != 'purged' AND key_version != ?", [target]))?.n ?? 0
    if (out.remaining === 0) {
      // every body is under the new key: the old keys can go (a leaked old key opens nothing any more)
      await tx.run('DELETE FROM vault_keys WHERE version != ?', [target])
      await tx.run('UPDATE vault_state SET rotating = 0 WHERE id = 1')
    }
    await audit(tx, L, out.remaining === 0 ? 'vault.key-rotated' : 'vault.rotation-paused', `vault:${clientId}`, {
      keyVersion: target,
      reencrypted: out.reencrypted,
      remaining: out.remaining,
      failed: out.failed.length,
      cancelled: out.cancelled,
    }, out.failed.length ? 'failed' : 'ok')
  })
  return out
}
