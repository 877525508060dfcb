// Users of the firm: list, create with a temporary password, disable, enable. Each write is one
// transaction with its audit event; a new user's key slot is written to keyring.json before COMMIT.
import { randomBytes, randomUUID } from 'node:crypto'
import type { Role, UserSummary } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { appendEvent } from '../audit/chain'
import type { Queryable } from '../db/connection'
import { identityFromSeed } from '../keys/crypto'
import type { KdfCost } from '../keys/kdf'
import { findSlot, makeUserSlot, normaliseUsername, readKeyring, writeKeyring } from '../keys/keyring'
import { assertPasswordPolicy, insertUserKeys } from './service'
import type { Session } from './session'
import { grantAllClientsTo } from '../ledger/clients'

interface Row {
  id: string
  username: string
  display_name: string
  role: Role
  status: 'active' | 'disabled'
  must_change_password: number
  created_at: string
  last_unlock_at: string | null
}

const toSummary = (r: Row): UserSummary => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  status: r.status,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
  lastUnlockAt: r.last_unlock_at,
})

export async function listUsers(db: Queryable): Promise<UserSummary[]> {
  const rows = await db.all<Row>('SELECT * FROM users ORDER BY created_at, username')
  return rows.map(toSummary)
}

async function getUser(db: Queryable, id: string): Promise<Row> {
  const row = await db.get<Row>('SELECT * FROM users WHERE id = ?', [id])
  if (!row) throw new AppError('NOT_FOUND', 'No such user.')
  return row
}

export interface UsersDeps {
  dataDir: string
  now: () => Date
  kdfCost: () => Promise<KdfCost>
  /** Serialises keyring writers (AuthService.exclusive). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>
}

/** Creates a user with a temporary password. Errors: CONFLICT (username taken), PASSWORD_POLICY. */
export async function createUser(
  deps: UsersDeps,
  s: Session,
  input: { username: string; displayName: string; role: Role; temporaryPassword: string },
): Promise<UserSummary> {
  const username = normaliseUsername(input.username)
  const displayName = input.displayName.trim()
  assertPasswordPolicy(input.temporaryPassword, username, [displayName])
  // keyring.json is read, changed and written alone: no other writer can slip in between
  return deps.exclusive(() => createUserLocked(deps, s, input, username, displayName))
}

async function createUserLocked(
  deps: UsersDeps,
  s: Session,
  input: { username: string; displayName: string; role: Role; temporaryPassword: string },
  username: string,
  displayName: string,
): Promise<UserSummary> {
  const keyring = await readKeyring(deps.dataDir)
  if ((await s.firmDb.get('SELECT 1 FROM users WHERE username = ?', [username])) || findSlot(keyring, username)) {
    throw new AppError('CONFLICT', `The username “${username}” is already taken.`)
  }
  const now = deps.now()
  const userId = randomUUID()
  const identitySeed = randomBytes(32)
  const identity = identityFromSeed(identitySeed)
  const slot = await makeUserSlot(keyring, { userId, username, keyVersion: 1 }, input.temporaryPassword, await deps.kdfCost(), {
    identitySeed,
    firmKey: s.firmKey,
  })
  identitySeed.fill(0)
  await s.firmDb.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO users (id, username, display_name, role, status, must_change_password, key_version, created_at, created_by)
       VALUES (?, ?, ?, ?, 'active', 1, 1, ?, ?)`,
      [userId, username, displayName, input.role, now.toISOString(), s.user.id],
    )
    await insertUserKeys(tx, userId, 1, identity, now)
    // admins hold every client's key so they can assign it
    if (input.role === 'admin') await grantAllClientsTo(s, tx, userId, now)
    await appendEvent(tx, s.signer(), { ...s.actor(), action: 'user.created', target: `user:${username}`, outcome: 'ok', details: { role: input.role }, at: now })
    await writeKeyring(deps.dataDir, { ...keyring, slots: [...keyring.slots, slot] })
  })
  return toSummary(await getUser(s.firmDb, userId))
}

/** Disables or re-enables a user. Errors: NOT_FOUND, CONFLICT (yourself, or the last active admin). */
export async function setUserStatus(deps: UsersDeps, s: Session, userId: string, status: 'active' | 'disabled'): Promise<UserSummary> {
  return s.firmDb.transaction(async (tx) => {
    const target = await getUser(tx, userId)
    if (status === 'disabled') {
      if (target.id === s.user.id) throw new AppError('CONFLICT', 'You cannot disable yourself.')
      if (target.role === 'admin' && target.status === 'active') {
        const admins = await tx.get<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'`)
        if ((admins?.n ?? 0) <= 1) throw new AppError('CONFLICT', 'The last active admin cannot be disabled.')
      }
    }
    if (target.status !== status) {
      await tx.run('UPDATE users SET status = ? WHERE id = ?', [status, userId])
      await appendEvent(tx, s.signer(), {
        ...s.actor(),
        action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
        target: `user:${target.username}`,
        outcome: 'ok',
        at: deps.now(),
      })
    }
    return toSummary(await getUser(tx, userId))
  })
}
