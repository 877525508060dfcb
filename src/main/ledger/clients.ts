// The client registry (账套) in firm.db and each client's own encrypted database: creating books from
// the chart template, listing only what the user may see, assigning and unassigning users (sealing the
// client key, and rekeying the client database on unassignment).
import { randomBytes, randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import type { ClientSummary, Role } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { isValidUscc, normaliseUscc, usccProblem } from '../../shared/ledger/uscc'
import { appendEvent } from '../audit/chain'
import type { Session } from '../auth/session'
import type { Db, Queryable } from '../db/connection'
import { seedChart } from './chart'
import { clientDbKey, clientDbPath, createClientDb, openClient, unsealClientKey, writeGrants, type Grantee } from './clientKeys'
import { currentPeriodOf } from './periods'
import { lastClosedPeriod } from './vouchers'

interface ClientRow {
  id: string
  name: string
  uscc: string
  standard: 'small' | 'general'
  first_period: string
  coding_scheme: string
  voucher_types: 'single' | 'three'
  key_version: number
  last_closed_period: string | null
  unposted_count: number
  assigned: number
}

const toSummary = (r: ClientRow): ClientSummary => ({
  id: r.id,
  name: r.name,
  uscc: r.uscc,
  standard: r.standard,
  firstPeriod: r.first_period,
  codingScheme: r.coding_scheme,
  voucherTypes: r.voucher_types,
  currentPeriod: currentPeriodOf(r.first_period, r.last_closed_period),
  lastClosedPeriod: r.last_closed_period,
  unpostedCount: r.unposted_count,
  assignedToMe: r.assigned === 1,
})

/** Clients visible to the user: assigned ones, or every one for an admin. Never counts the others. */
export async function listClients(s: Session, query?: string): Promise<ClientSummary[]> {
  const q = query?.trim()
  const rows = await s.firmDb.all<ClientRow>(
    `SELECT c.*, EXISTS (SELECT 1 FROM client_grants g WHERE g.client_id = c.id AND g.user_id = ? AND g.kind = 'assigned' AND g.client_key_version = c.key_version) AS assigned
     FROM clients c
     WHERE EXISTS (SELECT 1 FROM client_grants g WHERE g.client_id = c.id AND g.user_id = ? AND g.client_key_version = c.key_version AND (g.kind = 'assigned' OR ? = 'admin'))
       AND (? IS NULL OR c.name LIKE ? OR c.uscc LIKE ?)
     ORDER BY c.name`,
    [s.user.id, s.user.id, s.user.role, q || null, `%${q}%`, `%${(q ?? '').toUpperCase()}%`],
  )
  return rows.map(toSummary)
}

export async function clientSummary(s: Session, clientId: string): Promise<ClientSummary> {
  const found = (await listClients(s)).find((c) => c.id === clientId)
  if (!found) throw new AppError('FORBIDDEN', 'You are not assigned to this client.')
  return found
}

async function activeAdmins(tx: Queryable): Promise<string[]> {
  return (await tx.all<{ id: string }>("SELECT id FROM users WHERE role = 'admin' AND status = 'active'")).map((r) => r.id)
}

/** Creates a client's books. Errors: INVALID_INPUT (统一社会信用代码), CONFLICT (duplicate). */
export async function createClient(
  s: Session,
  dataDir: string,
  input: { name: string; uscc: string; standard: 'small' | 'general'; firstPeriod: string; codingScheme: string; voucherTypes: 'single' | 'three' },
  now: Date,
): Promise<ClientSummary> {
  const uscc = normaliseUscc(input.uscc)
  if (!isValidUscc(uscc)) {
    const problem = usccProblem(uscc)
    throw new AppError('INVALID_INPUT', `统一社会信用代码 ${uscc} is not valid (${problem}).`, { issues: [{ path: 'uscc', message: problem ?? 'invalid' }], details: { problem: problem ?? 'invalid' } })
  }
  if (await s.firmDb.get('SELECT 1 FROM clients WHERE uscc = ?', [uscc])) throw new AppError('CONFLICT', `A client with 统一社会信用代码 ${uscc} already exists.`)
  const clientId = randomUUID()
  const clientKey = randomBytes(32)
  let db: Db | null = null
  try {
    db = await createClientDb(dataDir, clientId, clientKey, now)
    const created = db
    await created.transaction(async (tx) => {
      const meta = { clientId, standard: input.standard, firstPeriod: input.firstPeriod, codingScheme: input.codingScheme, voucherTypes: input.voucherTypes, name: input.name.trim(), uscc }
      await tx.run('INSERT INTO meta (key, value) SELECT key, value FROM json_each(?)', [JSON.stringify(meta)])
      const n = await seedChart(tx, input.standard, input.codingScheme, now)
      await appendEvent(tx, s.signer(), { ...s.actor(), action: 'client.created', target: `client:${clientId}`, outcome: 'ok', details: { standard: input.standard, accounts: n, firstPeriod: input.firstPeriod }, at: now })
    })
    await s.firmDb.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO clients (id, name, uscc, standard, first_period, coding_scheme, voucher_types, key_version, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        [clientId, input.name.trim(), uscc, input.standard, input.firstPeriod, input.codingScheme, input.voucherTypes, now.toISOString(), s.user.id],
      )
      const grantees: Grantee[] = (await activeAdmins(tx)).map((userId) => ({ userId, kind: 'admin' as const }))
      if (s.user.role !== 'admin') grantees.push({ userId: s.user.id, kind: 'assigned' })
      await writeGrants(tx, s, clientId, clientKey, 1, grantees, now)
      await appendEvent(tx, s.signer(), { ...s.actor(), action: 'client.created', target: `client:${clientId}`, outcome: 'ok', details: { standard: input.standard }, at: now })
    })
  } catch (e) {
    await db?.close()
    if (!(await s.firmDb.get('SELECT 1 FROM clients WHERE id = ?', [clientId]))) {
      await Promise.all(['', '-wal', '-shm'].map((x) => rm(clientDbPath(dataDir, clientId) + x, { force: true })))
    }
    throw e
  } finally {
    clientKey.fill(0)
  }
  await db.close()
  return clientSummary(s, clientId)
}

export async function assignments(s: Session, clientId: string) {
  const rows = await s.firmDb.all<{ id: string; username: string; display_name: string; role: Role; assigned: number }>(
    `SELECT u.id, u.username, u.display_name, u.role,
       EXISTS (SELECT 1 FROM client_grants g JOIN clients c ON c.id = g.client_id AND c.key_version = g.client_key_version
               WHERE g.client_id = ? AND g.user_id = u.id AND g.kind = 'assigned') AS assigned
     FROM users u WHERE u.status = 'active' AND u.role != 'admin' ORDER BY u.username`,
    [clientId],
  )
  return { users: rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name, role: r.role, assigned: r.assigned === 1 })) }
}

async function requireClient(s: Session, clientId: string) {
  const c = await s.firmDb.get<{ key_version: number }>('SELECT key_version FROM clients WHERE id = ?', [clientId])
  if (!c) throw new AppError('NOT_FOUND', 'No such client.')
  return c
}

async function targetUser(tx: Queryable, userId: string) {
  const u = await tx.get<{ id: string; username: string; role: Role; status: string }>('SELECT id, username, role, status FROM users WHERE id = ?', [userId])
  if (!u) throw new AppError('NOT_FOUND', 'No such user.')
  if (u.role === 'admin') throw new AppError('CONFLICT', 'Admins hold every client already.')
  return u
}

/** Seals the client key to a user. Errors: NOT_FOUND, CONFLICT (admin or disabled user). */
export async function assignClient(s: Session, clientId: string, userId: string, now: Date) {
  const c = await requireClient(s, clientId)
  const key = await unsealClientKey(s, s.firmDb, clientId, c.key_version)
  if (!key) throw new AppError('FORBIDDEN', 'You do not hold the key of this client.')
  try {
    await s.firmDb.transaction(async (tx) => {
      const u = await targetUser(tx, userId)
      if (u.status !== 'active') throw new AppError('CONFLICT', 'A disabled user cannot be assigned.')
      await writeGrants(tx, s, clientId, key, c.key_version, [{ userId, kind: 'assigned' }], now)
      await appendEvent(tx, s.signer(), { ...s.actor(), action: 'client.assigned', target: `client:${clientId}`, outcome: 'ok', details: { user: u.username }, at: now })
    })
  } finally {
    key.fill(0)
  }
  return assignments(s, clientId)
}

/**
 * Removes a user's grant and rekeys the client database with a new client key, sealed to everyone who
 * keeps access. Order: new grants written → PRAGMA rekey → old grants dropped, so a crash at any point
 * leaves a grant that opens the file (openClient tries the next key version too).
 */
export async function unassignClient(s: Session, dataDir: string, clientId: string, userId: string, now: Date) {
  const c = await requireClient(s, clientId)
  const open = await openClient(s, dataDir, clientId, now)
  const u = await targetUser(s.firmDb, userId)
  const newVersion = c.key_version + 1
  const newKey = randomBytes(32)
  try {
    await s.firmDb.transaction(async (tx) => {
      const keep = await tx.all<{ user_id: string; kind: 'assigned' | 'admin' }>(
        "SELECT g.user_id, g.kind FROM client_grants g JOIN users u ON u.id = g.user_id WHERE g.client_id = ? AND g.client_key_version = ? AND g.user_id != ? AND u.status = 'active'",
        [clientId, c.key_version, userId],
      )
      await tx.run('DELETE FROM client_grants WHERE client_id = ? AND client_key_version = ?', [clientId, newVersion])
      await writeGrants(tx, s, clientId, newKey, newVersion, keep.map((g) => ({ userId: g.user_id, kind: g.kind })), now)
    })
    const dbKey = clientDbKey(newKey)
    try {
      await open.db.exec(`PRAGMA rekey = "x'${dbKey.toString('hex')}'"`)
    } finally {
      dbKey.fill(0)
    }
    await s.firmDb.transaction(async (tx) => {
      await tx.run('DELETE FROM client_grants WHERE client_id = ? AND client_key_version < ?', [clientId, newVersion])
      await tx.run('DELETE FROM client_recovery_seals WHERE client_id = ? AND client_key_version < ?', [clientId, newVersion])
      await tx.run('UPDATE clients SET key_version = ? WHERE id = ?', [newVersion, clientId])
      await appendEvent(tx, s.signer(), { ...s.actor(), action: 'client.unassigned', target: `client:${clientId}`, outcome: 'ok', details: { user: u.username, newKeyVersion: newVersion }, at: now })
    })
    await open.db.transaction(async (tx) => {
      await appendEvent(tx, s.signer(), { ...s.actor(), action: 'books.rekeyed', target: `client:${clientId}`, outcome: 'ok', details: { keyVersion: newVersion, reason: 'unassigned' }, at: now })
    })
    open.key.fill(0)
    open.key = Buffer.from(newKey)
    open.keyVersion = newVersion
  } finally {
    newKey.fill(0)
  }
  return assignments(s, clientId)
}

/** Seals every client key this admin holds to another (new) admin. */
export async function grantAllClientsTo(s: Session, tx: Queryable, userId: string, now: Date): Promise<void> {
  const clients = await tx.all<{ id: string; key_version: number }>('SELECT id, key_version FROM clients')
  for (const c of clients) {
    const key = await unsealClientKey(s, tx, c.id, c.key_version)
    if (!key) continue
    try {
      await writeGrants(tx, s, c.id, key, c.key_version, [{ userId, kind: 'admin' }], now)
    } finally {
      key.fill(0)
    }
  }
}

/** Refreshes the client list's status cache from the client's books. */
export async function refreshClientStatus(s: Session, clientId: string, db: Queryable): Promise<void> {
  const lastClosed = await lastClosedPeriod(db)
  const unposted = (await db.get<{ n: number }>("SELECT count(*) AS n FROM vouchers WHERE status != 'posted'"))?.n ?? 0
  await s.firmDb.run('UPDATE clients SET last_closed_period = ?, unposted_count = ? WHERE id = ?', [lastClosed, unposted, clientId])
}
