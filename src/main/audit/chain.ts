// The audit primitive: append-only, hash-chained, Ed25519-signed events, written by the caller inside the
// same transaction as the change they record. Used by firm.db now and by every client database later.
// It must not decide what is audited: services call appendEvent.
import { createHash, type KeyObject } from 'node:crypto'
import type { Queryable } from '../db/connection'
import { signBytes, verifyBytes } from '../keys/crypto'
import type { AuditVerification } from '../../shared/ipc/contract'

export const GENESIS_HASH = '0'.repeat(64)

/** DDL for an audit table; triggers make it append-only. */
export function auditTableSql(table = 'audit_events'): string {
  return `
CREATE TABLE ${table} (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  details TEXT NOT NULL,
  signer_id TEXT NOT NULL,
  signer_key_version INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE INDEX ${table}_action ON ${table}(action, target);
CREATE TRIGGER ${table}_append_only BEFORE INSERT ON ${table} WHEN NEW.seq <= (SELECT coalesce(max(seq), 0) FROM ${table}) BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
`
}

export type Outcome = 'ok' | 'denied' | 'failed'
export type Details = Record<string, string | number | boolean | null>

export interface AuditInput {
  actorId: string | null
  actorName: string
  action: string
  target: string
  outcome: Outcome
  details?: Details
  at: Date
}

/** Who signs: a user's Ed25519 key of a given version. */
export interface Signer {
  id: string
  keyVersion: number
  privateKey: KeyObject
}

export interface AuditRow {
  seq: number
  at: string
  actor_id: string | null
  actor_name: string
  action: string
  target: string
  outcome: Outcome
  details: string
  signer_id: string
  signer_key_version: number
  prev_hash: string
  hash: string
  signature: string
}

/** Canonical JSON with sorted keys, so the same details always hash the same. */
export function canonicalDetails(details: Details = {}): string {
  const sorted: Details = {}
  for (const k of Object.keys(details).sort()) sorted[k] = details[k] ?? null
  return JSON.stringify(sorted)
}

export function rowHash(r: Omit<AuditRow, 'hash' | 'signature'>): string {
  const canonical = JSON.stringify([
    'zhangfang/audit/v1',
    r.seq,
    r.at,
    r.actor_id,
    r.actor_name,
    r.action,
    r.target,
    r.outcome,
    r.details,
    r.signer_id,
    r.signer_key_version,
    r.prev_hash,
  ])
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** Appends one event. Call inside the transaction of the change it records. */
export async function appendEvent(tx: Queryable, signer: Signer, ev: AuditInput, table = 'audit_events'): Promise<AuditRow> {
  const last = await tx.get<{ seq: number; hash: string }>(`SELECT seq, hash FROM ${table} ORDER BY seq DESC LIMIT 1`)
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: ev.at.toISOString(),
    actor_id: ev.actorId,
    actor_name: ev.actorName,
    action: ev.action,
    target: ev.target,
    outcome: ev.outcome,
    details: canonicalDetails(ev.details),
    signer_id: signer.id,
    signer_key_version: signer.keyVersion,
    prev_hash: last?.hash ?? GENESIS_HASH,
  }
  const hash = rowHash(base)
  const signature = signBytes(signer.privateKey, Buffer.from(hash, 'hex')).toString('base64')
  const row: AuditRow = { ...base, hash, signature }
  await tx.run(
    `INSERT INTO ${table} (seq, at, actor_id, actor_name, action, target, outcome, details, signer_id, signer_key_version, prev_hash, hash, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [row.seq, row.at, row.actor_id, row.actor_name, row.action, row.target, row.outcome, row.details, row.signer_id, row.signer_key_version, row.prev_hash, row.hash, row.signature],
  )
  return row
}

/** Finds a signer's raw Ed25519 public key, or undefined when the signer is unknown. */
export type SignerKeys = (signerId: string, keyVersion: number) => Promise<Buffer | undefined>

/**
 * Walks a chain in order and names the first bad row: a gap (deleted), a broken link (inserted or
 * reordered), a row whose content no longer matches its hash (edited), or a signature that does not
 * match the signer's key.
 */
export async function verifyChain(
  db: Queryable,
  signerKeys: SignerKeys,
  table = 'audit_events',
  onProgress?: (done: number) => void,
): Promise<AuditVerification> {
  const PAGE = 2000
  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  let count = 0
  const keyCache = new Map<string, Buffer | undefined>()
  for (;;) {
    const rows = await db.all<AuditRow>(`SELECT * FROM ${table} WHERE seq >= ? ORDER BY seq LIMIT ${PAGE}`, [expectedSeq])
    if (rows.length === 0) break
    for (const r of rows) {
      const bad = (reason: NonNullable<AuditVerification['firstBad']>['reason'], message: string): AuditVerification => ({
        ok: false,
        count,
        head: prevHash === GENESIS_HASH ? null : prevHash,
        firstBad: { seq: r.seq, reason, message },
      })
      if (r.seq !== expectedSeq) {
        return bad('deleted', `Event ${expectedSeq}${r.seq - 1 > expectedSeq ? `–${r.seq - 1}` : ''} is missing before event ${r.seq}.`)
      }
      if (r.prev_hash !== prevHash) {
        return bad('inserted-or-reordered', `Event ${r.seq} does not follow event ${r.seq - 1}: an event was inserted, removed or moved here.`)
      }
      if (rowHash(r) !== r.hash) {
        return bad('edited', `Event ${r.seq} was changed after it was written.`)
      }
      const cacheKey = `${r.signer_id}#${r.signer_key_version}`
      if (!keyCache.has(cacheKey)) keyCache.set(cacheKey, await signerKeys(r.signer_id, r.signer_key_version))
      const pub = keyCache.get(cacheKey)
      if (!pub) return bad('unknown-signer', `Event ${r.seq} is signed by an unknown key.`)
      if (!verifyBytes(pub, Buffer.from(r.hash, 'hex'), Buffer.from(r.signature, 'base64'))) {
        return bad('bad-signature', `Event ${r.seq} does not carry a valid signature of its signer.`)
      }
      prevHash = r.hash
      expectedSeq++
      count++
    }
    onProgress?.(count)
  }
  return { ok: true, count, head: prevHash === GENESIS_HASH ? null : prevHash, firstBad: null }
}
