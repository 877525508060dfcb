// Client keys: sealing a client's key to users and to the recovery key, opening a client's database
// for a session after checking the grant, and rekeying on unassignment. Holding a key is not permission:
// callers check role permissions first, and every refusal is audited in the firm chain.
import { join } from 'node:path'
import { mkdir } from 'node:fs/promises'
import { AppError } from '../../shared/ipc/result'
import type { Role } from '../../shared/ipc/contract'
import { appendEvent } from '../audit/chain'
import type { Session, OpenClient } from '../auth/session'
import { openEncrypted, type Queryable } from '../db/connection'
import { migrate } from '../db/migrate'
import { clientMigrations } from '../db/migrations/client'
import { hkdf, openSealed, sealTo, type SealedToKey } from '../keys/crypto'

export const CLIENTS_DIR = 'clients'

export function clientDbPath(dataDir: string, clientId: string): string {
  return join(dataDir, CLIENTS_DIR, `${clientId}.db`)
}

export function clientDbKey(clientKey: Buffer): Buffer {
  return hkdf(clientKey, 'zhangfang/client.db/v1', 'sqlcipher')
}

const grantAad = (firmId: string, clientId: string, userId: string, userKeyVersion: number, clientKeyVersion: number) =>
  ['zhangfang/grant/v1', firmId, clientId, 'user', userId, userKeyVersion, clientKeyVersion].join('|')
const recoveryAad = (firmId: string, clientId: string, clientKeyVersion: number) =>
  ['zhangfang/grant/v1', firmId, clientId, 'recovery', clientKeyVersion].join('|')

export interface Grantee {
  userId: string
  kind: 'assigned' | 'admin'
}

/** Seals `clientKey` to each grantee's current X25519 key and to the recovery key; writes the rows. */
export async function writeGrants(
  tx: Queryable,
  s: Session,
  clientId: string,
  clientKey: Buffer,
  clientKeyVersion: number,
  grantees: Grantee[],
  now: Date,
): Promise<void> {
  for (const g of grantees) {
    const k = await tx.get<{ version: number; x25519_public: string }>(
      `SELECT k.version, k.x25519_public FROM user_keys k JOIN users u ON u.id = k.user_id AND u.key_version = k.version WHERE k.user_id = ?`,
      [g.userId],
    )
    if (!k) throw new AppError('NOT_FOUND', 'No such user.')
    const sealed = sealTo(Buffer.from(k.x25519_public, 'base64'), clientKey, grantAad(s.firm.id, clientId, g.userId, k.version, clientKeyVersion))
    await tx.run(
      `INSERT INTO client_grants (client_id, user_id, kind, client_key_version, user_key_version, sealed, granted_by, granted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (client_id, user_id, client_key_version) DO UPDATE SET kind = excluded.kind, user_key_version = excluded.user_key_version, sealed = excluded.sealed`,
      [clientId, g.userId, g.kind, clientKeyVersion, k.version, JSON.stringify(sealed), s.user.id, now.toISOString()],
    )
  }
  const recoveryPub = Buffer.from(s.keyring.recoveryPublicKey, 'base64')
  const rsealed = sealTo(recoveryPub, clientKey, recoveryAad(s.firm.id, clientId, clientKeyVersion))
  await tx.run(
    `INSERT INTO client_recovery_seals (client_id, client_key_version, sealed) VALUES (?, ?, ?)
     ON CONFLICT (client_id, client_key_version) DO UPDATE SET sealed = excluded.sealed`,
    [clientId, clientKeyVersion, JSON.stringify(rsealed)],
  )
}

interface GrantRow {
  kind: 'assigned' | 'admin'
  client_key_version: number
  user_key_version: number
  sealed: string
}

/** Whether the session's user may work on this client's books: assigned, or an admin. */
export async function canAccess(db: Queryable, userId: string, role: Role, clientId: string): Promise<boolean> {
  const g = await db.get<{ kind: string }>(
    `SELECT g.kind FROM client_grants g JOIN clients c ON c.id = g.client_id AND c.key_version = g.client_key_version
     WHERE g.client_id = ? AND g.user_id = ?`,
    [clientId, userId],
  )
  if (!g) return false
  return g.kind === 'assigned' || role === 'admin'
}

/** Unseals the client key from this user's grant of a given key version; null when there is none. */
export async function unsealClientKey(s: Session, db: Queryable, clientId: string, version: number): Promise<Buffer | null> {
  const g = await db.get<GrantRow>('SELECT * FROM client_grants WHERE client_id = ? AND user_id = ? AND client_key_version = ?', [clientId, s.user.id, version])
  if (!g) return null
  const box = JSON.parse(g.sealed) as SealedToKey
  return openSealed(
    { privateKey: s.identity.x25519Private, publicKey: s.identity.x25519Public },
    box,
    grantAad(s.firm.id, clientId, s.user.id, g.user_key_version, version),
  )
}

/** Denies and audits in the firm chain: the client may not even exist, so the answer is the same. */
export async function denyClient(s: Session, clientId: string, now: Date, reason: string): Promise<never> {
  await s.firmDb.transaction(async (tx) => {
    await appendEvent(tx, s.signer(), { ...s.actor(), action: 'client.access-denied', target: `client:${clientId}`, outcome: 'denied', details: { reason }, at: now })
  })
  throw new AppError('FORBIDDEN', 'You are not assigned to this client.')
}

/**
 * Opens (or reuses) the client's database for this session after checking the grant. The first open in
 * a session is audited in the client's chain. Errors: FORBIDDEN (audited), CORRUPT_DATA.
 */
export async function openClient(s: Session, dataDir: string, clientId: string, now: Date): Promise<OpenClient> {
  if (!(await canAccess(s.firmDb, s.user.id, s.user.role, clientId))) return denyClient(s, clientId, now, 'not-assigned')
  // two calls at once (the window and the inbox scan) share one open instead of racing to two connections
  const pending = s.opening.get(clientId)
  if (pending) return pending
  const p = openClientOnce(s, dataDir, clientId, now).finally(() => s.opening.delete(clientId))
  s.opening.set(clientId, p)
  return p
}

async function openClientOnce(s: Session, dataDir: string, clientId: string, now: Date): Promise<OpenClient> {
  const row = await s.firmDb.get<{ key_version: number }>('SELECT key_version FROM clients WHERE id = ?', [clientId])
  if (!row) return denyClient(s, clientId, now, 'unknown')
  const cached = s.clients.get(clientId)
  if (cached && cached.keyVersion === row.key_version) return cached
  if (cached) {
    s.clients.delete(clientId)
    cached.key.fill(0)
    await cached.db.close()
  }
  // a crash in the middle of a rekey can leave the file one version ahead of the registry: try both
  for (const version of [row.key_version, row.key_version + 1]) {
    const key = await unsealClientKey(s, s.firmDb, clientId, version)
    if (!key) continue
    const dbKey = clientDbKey(key)
    try {
      const db = await openEncrypted(clientDbPath(dataDir, clientId), dbKey, { create: false, label: `clients/${clientId}.db` })
      await migrate(db, clientMigrations, { label: `clients/${clientId}.db`, backupDir: join(dataDir, 'backups'), now: () => now, existing: true })
      const open: OpenClient = { db, key, keyVersion: row.key_version }
      s.clients.set(clientId, open)
      await db.transaction(async (tx) => {
        await appendEvent(tx, s.signer(), { ...s.actor(), action: 'books.opened', target: `client:${clientId}`, outcome: 'ok', details: { role: s.user.role }, at: now })
      })
      return open
    } catch (e) {
      key.fill(0)
      if (version === row.key_version + 1 || !(e instanceof AppError && e.code === 'CORRUPT_DATA')) throw e
    } finally {
      dbKey.fill(0)
    }
  }
  throw new AppError('CORRUPT_DATA', `The key of this client cannot be opened with your account. Ask an admin.`, { details: { file: `clients/${clientId}.db` } })
}

export async function createClientDb(dataDir: string, clientId: string, clientKey: Buffer, now: Date) {
  await mkdir(join(dataDir, CLIENTS_DIR), { recursive: true })
  const dbKey = clientDbKey(clientKey)
  try {
    const db = await openEncrypted(clientDbPath(dataDir, clientId), dbKey, { create: true, label: `clients/${clientId}.db` })
    await migrate(db, clientMigrations, { label: `clients/${clientId}.db`, backupDir: join(dataDir, 'backups'), now: () => now })
    return db
  } finally {
    dbKey.fill(0)
  }
}

/**
 * After a recovery gives a user a new identity, re-seals that user's grants from the recovery key's seals
 * (the old identity, and with it the old seals, is gone with the forgotten password).
 */
export async function resealGrantsFromRecovery(
  tx: Queryable,
  firmId: string,
  userId: string,
  newUserKeyVersion: number,
  newX25519Public: Buffer,
  recovery: { privateKey: import('node:crypto').KeyObject; publicKey: Buffer },
): Promise<number> {
  const grants = await tx.all<{ client_id: string; client_key_version: number }>('SELECT client_id, client_key_version FROM client_grants WHERE user_id = ?', [userId])
  let n = 0
  for (const g of grants) {
    const seal = await tx.get<{ sealed: string }>('SELECT sealed FROM client_recovery_seals WHERE client_id = ? AND client_key_version = ?', [g.client_id, g.client_key_version])
    if (!seal) continue
    const key = openSealed(recovery, JSON.parse(seal.sealed) as SealedToKey, recoveryAad(firmId, g.client_id, g.client_key_version))
    if (!key) continue
    try {
      const sealed = sealTo(newX25519Public, key, grantAad(firmId, g.client_id, userId, newUserKeyVersion, g.client_key_version))
      await tx.run('UPDATE client_grants SET sealed = ?, user_key_version = ? WHERE client_id = ? AND user_id = ? AND client_key_version = ?', [
        JSON.stringify(sealed),
        newUserKeyVersion,
        g.client_id,
        userId,
        g.client_key_version,
      ])
      n++
    } finally {
      key.fill(0)
    }
  }
  return n
}
