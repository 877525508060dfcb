// Firm setup, unlock, recovery, password change and lock. Owns the one Session and every write to
// keyring.json and unlock-state.json. Each firm.db change is audited in the same transaction.
import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { LockReason, Role, SessionInfo } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { checkPassword } from '../../shared/passwordPolicy'
import { appendEvent, type AuditInput, type Signer } from '../audit/chain'
import { openEncrypted, type Db, type Queryable } from '../db/connection'
import { migrate } from '../db/migrate'
import { firmMigrations } from '../db/migrations/firm'
import { identityFromSeed } from '../keys/crypto'
import type { KdfCost } from '../keys/kdf'
import {
  dummyDerive,
  findSlot,
  firmDbKey,
  intakeIdentity,
  keyringExists,
  makeUserSlot,
  newKeyring,
  normaliseUsername,
  openRecoverySlot,
  openUserSlot,
  readKeyring,
  recoveryIdentity,
  usernameTag,
  writeKeyring,
  type Keyring,
  type UserSecrets,
} from '../keys/keyring'
import { newRecoverySecret, normaliseRecoveryText, parseRecoverySecret, recoveryGroups, RECOVERY_GROUPS } from '../keys/recoveryCode'
import { Session, type SessionUser } from './session'
import { resealGrantsFromRecovery } from '../ledger/clientKeys'
import {
  addPending,
  lockedForSeconds,
  openPending,
  readUnlockState,
  recordFailure,
  recordSuccess,
  writeUnlockState,
  type PendingRecord,
} from './unlockState'

export const FIRM_DB_FILE = 'firm.db'

export interface Clock {
  now(): Date
}

export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void
  warn(msg: string, extra?: Record<string, unknown>): void
  error(msg: string, extra?: Record<string, unknown>): void
}

export interface AuthDeps {
  dataDir: string
  clock: Clock
  log: Logger
  /** Argon2id cost for new slots: calibrated on this machine in the app, the floor in tests. */
  kdfCost: () => Promise<KdfCost>
  onLocked: (reason: LockReason) => void
  /** A session began (unlock, recovery or first setup): background work such as inbox watching may start. */
  onUnlocked?: (s: Session) => void
  /** A session is about to end: stop background work that uses its keys and databases. */
  onLocking?: (s: Session) => Promise<void>
}

interface PendingSetup {
  firmName: string
  adminUsername: string
  adminDisplayName: string
  password: string
  secret: Buffer
  confirmGroups: number[]
}

interface UserRow {
  id: string
  username: string
  display_name: string
  role: Role
  status: 'active' | 'disabled'
  must_change_password: number
  key_version: number
  last_unlock_at: string | null
}

/** Policy check with the error main answers; `details.problems` lists what is wrong. */
export function assertPasswordPolicy(password: string, username: string, otherWords: string[] = []): void {
  const check = checkPassword(password, username, otherWords)
  if (!check.ok) {
    throw new AppError('PASSWORD_POLICY', `The password does not meet the policy: ${check.problems.join(', ')}.`, {
      details: { problems: check.problems.join(','), score: check.score },
    })
  }
}

export class AuthService {
  private session: Session | null = null
  private pendingSetup: PendingSetup | null = null
  /** Serialises unlock, setup and lock so two calls cannot race on the keyring or the session. */
  private gate: Promise<unknown> = Promise.resolve()

  constructor(private readonly deps: AuthDeps) {}

  /** Runs `fn` alone among unlocks, setup, recovery, password changes and other keyring writers. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.gate.then(fn, fn)
    this.gate = next.catch(() => undefined)
    return next
  }

  private now(): Date {
    return this.deps.clock.now()
  }

  get current(): Session | null {
    return this.session && !this.session.isDestroyed ? this.session : null
  }

  async isSetUp(): Promise<boolean> {
    return (await keyringExists(this.deps.dataDir)) || (await exists(join(this.deps.dataDir, FIRM_DB_FILE)))
  }

  // ---- setup ----------------------------------------------------------------------------------

  setupBegin(input: { firmName: string; adminUsername: string; adminDisplayName: string; password: string }) {
    return this.exclusive(async () => {
      await this.assertNoFirm()
      const username = normaliseUsername(input.adminUsername)
      assertPasswordPolicy(input.password, username, [input.adminDisplayName, input.firmName])
      this.pendingSetup?.secret.fill(0)
      const secret = newRecoverySecret()
      const confirmGroups = pickTwo(RECOVERY_GROUPS)
      this.pendingSetup = { ...input, adminUsername: username, secret, confirmGroups }
      return { recoveryGroups: recoveryGroups(secret), confirmGroups }
    })
  }

  setupComplete(confirmation: string[]): Promise<SessionInfo> {
    return this.exclusive(async () => {
      const p = this.pendingSetup
      if (!p) throw new AppError('NOT_FOUND', 'No setup has been started: fill in the firm form first.')
      await this.assertNoFirm()
      const groups = recoveryGroups(p.secret)
      const matches =
        confirmation.length === p.confirmGroups.length &&
        p.confirmGroups.every((g, i) => normaliseRecoveryText(confirmation[i] ?? '') === groups[g - 1])
      if (!matches) {
        throw new AppError('RECOVERY_INVALID', 'The groups you typed do not match the recovery kit. Check them and try again.')
      }
      const now = this.now()
      const cost = await this.deps.kdfCost()
      const firmKey = randomBytes(32)
      const identitySeed = randomBytes(32)
      const userId = randomUUID()
      const keyring = newKeyring(firmKey, p.secret, now)
      const slot = await makeUserSlot(keyring, { userId, username: p.adminUsername, keyVersion: 1 }, p.password, cost, {
        firmKey,
        identitySeed,
      })
      keyring.slots.push(slot)
      await mkdir(this.deps.dataDir, { recursive: true })
      const dbPath = join(this.deps.dataDir, FIRM_DB_FILE)
      const identity = identityFromSeed(identitySeed)
      let db: Db | null = null
      try {
        const dbKey = firmDbKey(firmKey)
        db = await openEncrypted(dbPath, dbKey, { create: true, label: FIRM_DB_FILE })
        dbKey.fill(0)
        await migrate(db, firmMigrations, { label: FIRM_DB_FILE, backupDir: this.backupDir(), now: () => now })
        const signer: Signer = { id: userId, keyVersion: 1, privateKey: identity.ed25519Private }
        await db.transaction(async (tx) => {
          await tx.run('INSERT INTO firm (id, name, created_at) VALUES (?, ?, ?)', [keyring.firmId, p.firmName.trim(), now.toISOString()])
          await tx.run(
            `INSERT INTO users (id, username, display_name, role, status, must_change_password, key_version, created_at, created_by, last_unlock_at)
             VALUES (?, ?, ?, 'admin', 'active', 0, 1, ?, NULL, ?)`,
            [userId, p.adminUsername, p.adminDisplayName.trim(), now.toISOString(), now.toISOString()],
          )
          await insertUserKeys(tx, userId, 1, identity, now)
          const actor = { actorId: userId, actorName: p.adminUsername, at: now }
          await appendEvent(tx, signer, { ...actor, action: 'firm.setup', target: `firm:${keyring.firmId}`, outcome: 'ok', details: { kdfMemoryKiB: cost.m, kdfTime: cost.t, kdfParallelism: cost.p } })
          await appendEvent(tx, signer, { ...actor, action: 'recovery.kit-created', target: `firm:${keyring.firmId}`, outcome: 'ok', details: { keyVersion: 1 } })
          await appendEvent(tx, signer, { ...actor, action: 'session.unlock', target: `user:${p.adminUsername}`, outcome: 'ok', details: { via: 'setup' } })
          // the keyring is written before COMMIT: if it fails, the database rolls back and is removed below
          await writeKeyring(this.deps.dataDir, keyring)
        })
      } catch (e) {
        await db?.close()
        if (!(await keyringExists(this.deps.dataDir))) {
          await Promise.all(['', '-wal', '-shm'].map((s) => rm(dbPath + s, { force: true })))
        }
        firmKey.fill(0)
        identitySeed.fill(0)
        throw e
      }
      p.secret.fill(0)
      this.pendingSetup = null
      this.session = new Session(
        { id: userId, username: p.adminUsername, displayName: p.adminDisplayName.trim(), role: 'admin', keyVersion: 1, mustChangePassword: false },
        { firmKey, identitySeed },
        identity,
        db,
        keyring,
        { id: keyring.firmId, name: p.firmName.trim() },
        10,
        null,
        0,
        now.getTime(),
      )
      this.deps.log.info('firm set up')
      return this.session.info()
    })
  }

  private async assertNoFirm(): Promise<void> {
    if (await keyringExists(this.deps.dataDir)) throw new AppError('ALREADY_SET_UP', 'A firm is already set up in this data folder.')
    if (await exists(join(this.deps.dataDir, FIRM_DB_FILE))) {
      throw new AppError(
        'CORRUPT_DATA',
        'firm.db exists but keyring.json is missing. Nothing was changed. Restore keyring.json from a backup.',
        { details: { file: 'keyring.json' } },
      )
    }
  }

  private backupDir(): string {
    return join(this.deps.dataDir, 'backups')
  }

  // ---- unlock ---------------------------------------------------------------------------------

  unlock(usernameInput: string, password: string): Promise<SessionInfo> {
    return this.exclusive(async () => {
      const keyring = await readKeyring(this.deps.dataDir)
      const state = await readUnlockState(this.deps.dataDir)
      const username = normaliseUsername(usernameInput)
      const tag = usernameTag(keyring, username)
      const now = this.now()
      const intakePub = Buffer.from(keyring.intakePublicKey, 'base64')
      const refuse = async (outcome: PendingRecord['outcome'], reason: PendingRecord['reason']) => {
        addPending(state, intakePub, { username, at: now.toISOString(), outcome, reason })
        await writeUnlockState(this.deps.dataDir, state)
      }

      const wait = lockedForSeconds(state, tag, now)
      if (wait > 0) {
        await refuse('denied', 'locked-out')
        throw lockedOut(wait)
      }
      const slot = findSlot(keyring, username)
      let secrets: UserSecrets | null = null
      if (!slot) {
        await dummyDerive(await this.deps.kdfCost(), password)
      } else {
        try {
          secrets = await openUserSlot(keyring, slot, password)
        } catch (e) {
          await refuse('failed', 'damaged-slot')
          throw e
        }
      }
      if (!secrets || !slot) {
        const lockSeconds = recordFailure(state, tag, now)
        await refuse('failed', 'wrong-password')
        if (lockSeconds > 0) throw lockedOut(lockSeconds)
        throw new AppError('WRONG_PASSWORD', 'The username or password is wrong.')
      }
      await this.lockNow('manual', false)
      return this.openSession(keyring, slot.userId, secrets, async (session, tx) => {
        // move pending records of failed attempts into the chain, in order, signed by this user
        const { records, damaged } = openPending(state, intakeIdentity(secrets.firmKey))
        for (const rec of records.sort((a, b) => a.at.localeCompare(b.at))) {
          const dup = await tx.get(`SELECT 1 FROM audit_events WHERE action = 'session.unlock' AND details LIKE ?`, [`%"pendingId":"${rec.id}"%`])
          if (dup) continue
          await appendEvent(tx, session.signer(), {
            actorId: null,
            actorName: rec.username,
            action: 'session.unlock',
            target: `user:${rec.username}`,
            outcome: rec.outcome,
            details: { reason: rec.reason, pendingId: rec.id, recordedBy: session.user.username },
            at: new Date(rec.at),
          })
        }
        if (state.dropped > 0) {
          await appendEvent(tx, session.signer(), {
            ...session.actor(),
            action: 'session.unlock',
            target: 'user:*',
            outcome: 'failed',
            details: { reason: 'not-recorded-individually', count: state.dropped },
            at: now,
          })
        }
        if (damaged.length > 0) {
          await appendEvent(tx, session.signer(), {
            ...session.actor(),
            action: 'audit.pending-damaged',
            target: 'file:unlock-state.json',
            outcome: 'failed',
            details: { count: damaged.length },
            at: now,
          })
        }
      }, async () => {
        recordSuccess(state, tag)
        state.pending = []
        state.dropped = 0
        await writeUnlockState(this.deps.dataDir, state)
      }, 'password')
    })
  }

  /**
   * Opens firm.db with the unlocked secrets and builds the session. `importPending` runs inside the
   * unlock transaction; `afterCommit` clears unlock-state once the events are durable.
   */
  private async openSession(
    keyring: Keyring,
    userId: string,
    secrets: UserSecrets,
    importPending: ((session: Session, tx: Queryable) => Promise<void>) | null,
    afterCommit: (() => Promise<void>) | null,
    via: 'password' | 'recovery',
  ): Promise<SessionInfo> {
    const now = this.now()
    let db: Db | null = null
    try {
      const dbKey = firmDbKey(secrets.firmKey)
      db = await openEncrypted(join(this.deps.dataDir, FIRM_DB_FILE), dbKey, { create: false, label: FIRM_DB_FILE })
      dbKey.fill(0)
      await migrate(db, firmMigrations, { label: FIRM_DB_FILE, backupDir: this.backupDir(), now: () => now, existing: true })
      const row = await db.get<UserRow>('SELECT * FROM users WHERE id = ?', [userId])
      const firm = await db.get<{ id: string; name: string }>('SELECT id, name FROM firm')
      if (!row || !firm || firm.id !== keyring.firmId) {
        throw new AppError('CORRUPT_DATA', 'firm.db does not belong to this keyring.json, or is missing this user. Restore both from the same backup.', {
          details: { file: FIRM_DB_FILE },
        })
      }
      const identity = identityFromSeed(secrets.identitySeed)
      const idle = Number((await db.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'idleLockMinutes'`))?.value ?? 10)
      const user: SessionUser = {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        keyVersion: row.key_version,
        mustChangePassword: row.must_change_password === 1,
      }
      const session = new Session(user, secrets, identity, db, keyring, firm, idle, row.last_unlock_at, 0, now.getTime())
      if (row.status === 'disabled') {
        await db.transaction(async (tx) => {
          if (importPending) await importPending(session, tx)
          await appendEvent(tx, session.signer(), { ...session.actor(), action: 'session.unlock', target: `user:${row.username}`, outcome: 'denied', details: { reason: 'disabled', via }, at: now })
        })
        if (afterCommit) await afterCommit()
        await session.destroy()
        db = null
        throw new AppError('USER_DISABLED', 'This user has been disabled. Ask an admin.')
      }
      await db.transaction(async (tx) => {
        if (importPending) await importPending(session, tx)
        session.failedAttemptsSinceLastUnlock = await countFailuresSinceLastUnlock(tx, row.username)
        await appendEvent(tx, session.signer(), { ...session.actor(), action: 'session.unlock', target: `user:${row.username}`, outcome: 'ok', details: { via }, at: now })
        await tx.run('UPDATE users SET last_unlock_at = ? WHERE id = ?', [now.toISOString(), row.id])
      })
      if (afterCommit) await afterCommit()
      this.session = session
      this.deps.onUnlocked?.(session)
      return session.info()
    } catch (e) {
      if (db) await db.close()
      secrets.firmKey.fill(0)
      secrets.identitySeed.fill(0)
      throw e
    }
  }

  // ---- recovery -------------------------------------------------------------------------------

  recover(usernameInput: string, recoveryText: string, newPassword: string): Promise<SessionInfo> {
    return this.exclusive(async () => {
      const keyring = await readKeyring(this.deps.dataDir)
      const state = await readUnlockState(this.deps.dataDir)
      const username = normaliseUsername(usernameInput)
      const now = this.now()
      const tag = usernameTag(keyring, `recovery:${username}`)
      const wait = lockedForSeconds(state, tag, now)
      const intakePub = Buffer.from(keyring.intakePublicKey, 'base64')
      if (wait > 0) {
        addPending(state, intakePub, { username, at: now.toISOString(), outcome: 'denied', reason: 'locked-out' })
        await writeUnlockState(this.deps.dataDir, state)
        throw lockedOut(wait)
      }
      const secret = parseRecoverySecret(recoveryText)
      const firm = secret ? openRecoverySlot(keyring, secret) : null
      const recoveryKeys = secret && firm ? recoveryIdentity(secret, keyring) : null
      secret?.fill(0)
      if (!firm) {
        const lockSeconds = recordFailure(state, tag, now)
        addPending(state, intakePub, { username, at: now.toISOString(), outcome: 'failed', reason: 'recovery-invalid' })
        await writeUnlockState(this.deps.dataDir, state)
        if (lockSeconds > 0) throw lockedOut(lockSeconds)
        throw new AppError('RECOVERY_INVALID', 'The recovery secret is not the one of this firm. Check every group and try again.')
      }
      assertPasswordPolicy(newPassword, username)
      // find the admin in firm.db with the firm key alone
      const dbKey = firmDbKey(firm.firmKey)
      const db = await openEncrypted(join(this.deps.dataDir, FIRM_DB_FILE), dbKey, { create: false, label: FIRM_DB_FILE }).finally(() => dbKey.fill(0))
      let row: UserRow | undefined
      try {
        await migrate(db, firmMigrations, { label: FIRM_DB_FILE, backupDir: this.backupDir(), now: () => now, existing: true })
        row = await db.get<UserRow>('SELECT * FROM users WHERE username = ?', [username])
        if (!row || row.role !== 'admin') {
          addPending(state, intakePub, { username, at: now.toISOString(), outcome: 'denied', reason: 'recovery-not-admin' })
          await writeUnlockState(this.deps.dataDir, state)
          throw new AppError('FORBIDDEN', 'The recovery kit can only reset the password of an admin. Check the admin username.')
        }
        if (row.status === 'disabled') throw new AppError('USER_DISABLED', 'This admin has been disabled.')
        // a new identity: the forgotten password's slot cannot be opened, so its seed is gone with it.
        // Old signatures stay verifiable through user_keys; client keys are re-sealed from the recovery key.
        const identitySeed = randomBytes(32)
        const keyVersion = row.key_version + 1
        const identity = identityFromSeed(identitySeed)
        const slot = await makeUserSlot(keyring, { userId: row.id, username, keyVersion }, newPassword, await this.deps.kdfCost(), {
          firmKey: firm.firmKey,
          identitySeed,
        })
        const next: Keyring = { ...keyring, slots: [...keyring.slots.filter((s) => s.userId !== row!.id), slot] }
        const signer: Signer = { id: row.id, keyVersion, privateKey: identity.ed25519Private }
        const r = row
        await db.transaction(async (tx) => {
          await insertUserKeys(tx, r.id, keyVersion, identity, now)
          await tx.run('UPDATE users SET key_version = ?, must_change_password = 0 WHERE id = ?', [keyVersion, r.id])
          const resealed = recoveryKeys
            ? await resealGrantsFromRecovery(tx, keyring.firmId, r.id, keyVersion, identity.x25519Public, {
                privateKey: recoveryKeys.x25519Private,
                publicKey: recoveryKeys.x25519Public,
              })
            : 0
          await appendEvent(tx, signer, { actorId: r.id, actorName: username, action: 'recovery.used', target: `user:${username}`, outcome: 'ok', details: { newKeyVersion: keyVersion, clientKeysResealed: resealed }, at: now })
          await writeKeyring(this.deps.dataDir, next)
        })
        identitySeed.fill(0)
      } finally {
        await db.close()
      }
      const fresh = await readKeyring(this.deps.dataDir)
      const slot = findSlot(fresh, username)
      const secrets = slot ? await openUserSlot(fresh, slot, newPassword) : null
      firm.firmKey.fill(0)
      if (!secrets || !slot) throw new AppError('INTERNAL', 'The new key slot could not be opened.')
      await this.lockNow('manual', false)
      return this.openSession(fresh, slot.userId, secrets, null, async () => {
        recordSuccess(state, tag)
        recordSuccess(state, usernameTag(fresh, username))
        await writeUnlockState(this.deps.dataDir, state)
      }, 'recovery')
    })
  }

  // ---- password change ------------------------------------------------------------------------

  changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo> {
    return this.exclusive(async () => {
      const s = this.requireSession()
      const keyring = await readKeyring(this.deps.dataDir)
      const slot = keyring.slots.find((x) => x.userId === s.user.id)
      const opened = slot ? await openUserSlot(keyring, slot, currentPassword) : null
      if (!opened || !slot) {
        await this.audit(s, { action: 'user.password-changed', target: `user:${s.user.username}`, outcome: 'failed', details: { reason: 'wrong-current-password' } })
        throw new AppError('WRONG_PASSWORD', 'The current password is wrong.')
      }
      try {
        if (currentPassword === newPassword) {
          throw new AppError('PASSWORD_POLICY', 'The new password must differ from the current one.', { details: { problems: 'same-as-current' } })
        }
        assertPasswordPolicy(newPassword, s.user.username, [s.user.displayName])
        const newSlot = await makeUserSlot(keyring, { userId: s.user.id, username: s.user.username, keyVersion: slot.keyVersion }, newPassword, await this.deps.kdfCost(), opened)
        const next: Keyring = { ...keyring, slots: keyring.slots.map((x) => (x.userId === s.user.id ? newSlot : x)) }
        const now = this.now()
        await s.firmDb.transaction(async (tx) => {
          await tx.run('UPDATE users SET must_change_password = 0 WHERE id = ?', [s.user.id])
          await appendEvent(tx, s.signer(), { ...s.actor(), action: 'user.password-changed', target: `user:${s.user.username}`, outcome: 'ok', details: { wasTemporary: s.user.mustChangePassword }, at: now })
          await writeKeyring(this.deps.dataDir, next)
        })
        s.user.mustChangePassword = false
        return s.info()
      } finally {
        opened.firmKey.fill(0)
        opened.identitySeed.fill(0)
      }
    })
  }

  // ---- lock -----------------------------------------------------------------------------------

  lock(reason: LockReason): Promise<void> {
    return this.exclusive(() => this.lockNow(reason, true))
  }

  private async lockNow(reason: LockReason, notify: boolean): Promise<void> {
    const s = this.session
    if (!s) return
    this.session = null
    await this.deps.onLocking?.(s).catch((e: unknown) => this.deps.log.warn('could not stop background work before locking', { error: String(e) }))
    try {
      await s.firmDb.transaction(async (tx) => {
        await appendEvent(tx, s.signer(), { ...s.actor(), action: 'session.lock', target: `user:${s.user.username}`, outcome: 'ok', details: { reason }, at: this.now() })
      })
    } catch (e) {
      this.deps.log.warn('could not audit the lock', { error: (e as Error).message })
    }
    await s.destroy()
    if (notify) this.deps.onLocked(reason)
  }

  requireSession(): Session {
    const s = this.current
    if (!s) throw new AppError('LOCKED', 'Zhangfang is locked.')
    return s
  }

  /** Idle check, called by a timer in the app and directly by tests with an injected clock. */
  async tick(): Promise<void> {
    const s = this.current
    if (!s) return
    if (this.now().getTime() - s.lastActivity >= s.idleLockMinutes * 60_000) await this.lock('idle')
  }

  /** Appends an event signed by the session's user, in its own transaction. */
  async audit(s: Session, ev: Omit<AuditInput, 'actorId' | 'actorName' | 'at'>): Promise<void> {
    await s.firmDb.transaction(async (tx) => {
      await appendEvent(tx, s.signer(), { ...s.actor(), ...ev, at: this.now() })
    })
  }
}

function lockedOut(seconds: number): AppError {
  return new AppError('LOCKED_OUT', `Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, {
    details: { retryAfterSeconds: seconds },
  })
}

function pickTwo(n: number): number[] {
  const a = randomInt(1, n + 1)
  let b = randomInt(1, n + 1)
  while (b === a) b = randomInt(1, n + 1)
  return [a, b].sort((x, y) => x - y)
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

export async function insertUserKeys(tx: Queryable, userId: string, version: number, identity: ReturnType<typeof identityFromSeed>, now: Date): Promise<void> {
  await tx.run('INSERT INTO user_keys (user_id, version, x25519_public, ed25519_public, created_at) VALUES (?, ?, ?, ?, ?)', [
    userId,
    version,
    identity.x25519Public.toString('base64'),
    identity.ed25519Public.toString('base64'),
    now.toISOString(),
  ])
}

/** Failed or refused unlocks of `username` after its latest successful unlock. */
async function countFailuresSinceLastUnlock(db: Queryable, username: string): Promise<number> {
  const target = `user:${username}`
  const row = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM audit_events WHERE action = 'session.unlock' AND target = ? AND outcome != 'ok'
       AND seq > COALESCE((SELECT max(seq) FROM audit_events WHERE action = 'session.unlock' AND target = ? AND outcome = 'ok'), 0)`,
    [target, target],
  )
  return row?.n ?? 0
}
