// Helpers for integration tests that look at the data folder from outside the app: firm templates
// copied per test (so each test gets its own folder without paying for setup), a side connection to
// firm.db with the firm key, byte snapshots of every file, and a marker search over every file.
import { createHash } from 'node:crypto'
import { cp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { expect } from 'vitest'
import type { AuditRow } from '../../../src/main/audit/chain'
import { openEncrypted, type Db } from '../../../src/main/db/connection'
import { findSlot, firmDbKey, openUserSlot, readKeyring, type UserSecrets } from '../../../src/main/keys/keyring'
import type { Channel, CallInput } from '../../../src/shared/ipc/contract'
import { ERROR_CODES, type ErrorCode, type Result } from '../../../src/shared/ipc/result'
import { ADMIN, FakeClock, setUpFirm, startApp, tempDir, type TestApp } from './harness'

export const BOOKKEEPER = { username: 'li.kuaiji', displayName: '李会计', role: 'bookkeeper' as const, temporaryPassword: 'Temporary-Pass-2026!' }
/** The password the bookkeeper sets at first unlock in templates with `bookkeeper: 'active'`. */
export const BOOKKEEPER_PASSWORD = 'Abacus-Willow-Copper-77'

export interface FirmTemplate {
  dir: string
  /** Fake-clock time at which the template was locked; copies start one minute later. */
  lockedAt: number
  recoverySecret: string
  recoveryGroups: string[]
  adminId: string
  bookkeeperId: string | null
  /** The firm key, opened once from the admin's slot (Argon2 is slow: do it once per file). */
  firmKey: Buffer
  dispose(): Promise<void>
}

export interface TemplateOptions {
  /** 'temporary': created, must change password; 'active': has set BOOKKEEPER_PASSWORD. */
  bookkeeper?: 'none' | 'temporary' | 'active'
  /** Extra settings updates, to give the audit chain more rows. */
  settingsUpdates?: number[]
}

/** Builds a locked firm in a temp folder once; copy it per test with `fromTemplate`. */
export async function makeTemplate(opts: TemplateOptions = {}): Promise<FirmTemplate> {
  const app = await startApp()
  const { kit, session, recoverySecret } = await setUpFirm(app)
  for (const m of opts.settingsUpdates ?? []) {
    app.clock.advance(1000)
    await app.must('settings:update', { idleLockMinutes: m })
  }
  let bookkeeperId: string | null = null
  if (opts.bookkeeper && opts.bookkeeper !== 'none') {
    app.clock.advance(1000)
    bookkeeperId = (await app.must('users:create', BOOKKEEPER)).id
    if (opts.bookkeeper === 'active') {
      app.clock.advance(1000)
      await app.must('session:unlock', { username: BOOKKEEPER.username, password: BOOKKEEPER.temporaryPassword })
      await app.must('session:changePassword', { currentPassword: BOOKKEEPER.temporaryPassword, newPassword: BOOKKEEPER_PASSWORD })
    }
  }
  app.clock.advance(1000)
  await app.core.close()
  const secrets = await openSecrets(app.dataDir, ADMIN.username, ADMIN.password)
  return {
    dir: app.dataDir,
    lockedAt: app.clock.t,
    recoverySecret,
    recoveryGroups: kit.recoveryGroups,
    adminId: session.userId,
    bookkeeperId,
    firmKey: secrets.firmKey,
    dispose: () => rm(app.dataDir, { recursive: true, force: true }),
  }
}

/** A fresh copy of the template in its own temp folder, with a core started on it (locked). */
export async function fromTemplate(t: FirmTemplate): Promise<TestApp> {
  const dir = await tempDir()
  await cp(t.dir, dir, { recursive: true })
  return startApp(dir, new FakeClock(t.lockedAt + 60_000))
}

/** Opens a user's slot with their password: the secrets the app would hold after unlock. */
export async function openSecrets(dataDir: string, username: string, password: string): Promise<UserSecrets> {
  const keyring = await readKeyring(dataDir)
  const slot = findSlot(keyring, username)
  if (!slot) throw new Error(`no slot for ${username}`)
  const secrets = await openUserSlot(keyring, slot, password)
  if (!secrets) throw new Error(`wrong password for ${username}`)
  return secrets
}

/** A second connection to firm.db, as an auditor (or an attacker) holding the firm key would open it. */
export async function openFirmDb(dataDir: string, firmKey: Buffer): Promise<Db> {
  return openEncrypted(join(dataDir, 'firm.db'), firmDbKey(firmKey), { create: false, label: 'firm.db' })
}

export async function auditRows(db: Db, afterSeq = 0): Promise<AuditRow[]> {
  return db.all<AuditRow>('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq', [afterSeq])
}

export async function lastSeq(db: Db): Promise<number> {
  return (await db.get<{ n: number | null }>('SELECT max(seq) AS n FROM audit_events'))?.n ?? 0
}

/** Every file under `dir`, recursively, as paths relative to it. */
export async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else out.push(relative(dir, p))
    }
  }
  await walk(dir)
  return out.sort()
}

/** sha256 of every file under `dir`. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const f of await walkFiles(dir)) out[f] = createHash('sha256').update(await readFile(join(dir, f))).digest('hex')
  return out
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex')
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

export interface MarkerHit {
  file: string
  marker: string
  form: string
}

/**
 * Searches every file under `dir` for each marker: UTF-8 and UTF-16LE, as typed, lower- and upper-case.
 * Markers are also searched as raw bytes when given as Buffers (keys, secrets).
 */
export async function findMarkers(dir: string, markers: (string | Buffer)[]): Promise<MarkerHit[]> {
  const hits: MarkerHit[] = []
  const needles: { marker: string; form: string; bytes: Buffer }[] = []
  for (const m of markers) {
    if (Buffer.isBuffer(m)) {
      const label = `bytes:${m.toString('hex').slice(0, 16)}…`
      needles.push({ marker: label, form: 'raw', bytes: m })
      needles.push({ marker: label, form: 'hex', bytes: Buffer.from(m.toString('hex')) })
      needles.push({ marker: label, form: 'base64', bytes: Buffer.from(m.toString('base64')) })
      continue
    }
    for (const [variant, text] of [
      ['as typed', m],
      ['lower', m.toLowerCase()],
      ['upper', m.toUpperCase()],
    ] as const) {
      needles.push({ marker: m, form: `utf8 ${variant}`, bytes: Buffer.from(text, 'utf8') })
      needles.push({ marker: m, form: `utf16le ${variant}`, bytes: Buffer.from(text, 'utf16le') })
    }
  }
  for (const f of await walkFiles(dir)) {
    const bytes = await readFile(join(dir, f))
    for (const n of needles) if (bytes.includes(n.bytes)) hits.push({ file: f, marker: n.marker, form: n.form })
  }
  return hits
}

/** Asserts a refused call: the exact code, and (optionally) the message. Returns the error. */
export function expectError<T>(r: Result<T>, code: ErrorCode, message?: RegExp) {
  expect(r.ok, r.ok ? `expected ${code}, got ok` : `expected ${code}, got ${r.error.code}: ${r.error.message}`).toBe(false)
  if (r.ok) throw new Error('unreachable')
  expect(r.error.code).toBe(code)
  expect(ERROR_CODES).toContain(r.error.code)
  if (message) expect(r.error.message).toMatch(message)
  return r.error
}

/** Calls through the harness and asserts the exact error code. */
export async function refused<C extends Channel>(app: TestApp, channel: C, input: CallInput<C>, code: ErrorCode, message?: RegExp) {
  return expectError(await app.call(channel, input), code, message)
}

