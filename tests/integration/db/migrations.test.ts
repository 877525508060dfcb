// The migration runner: numbered migrations tracked by user_version, all pending ones in one transaction,
// an encrypted copy of an existing file taken first, and a file from a newer Zhangfang refused.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEncrypted, type Db } from '../../../src/main/db/connection'
import { latestVersion, migrate, schemaVersion, type Migration } from '../../../src/main/db/migrate'
import { firmMigrations } from '../../../src/main/db/migrations/firm'
import { AppError } from '../../../src/shared/ipc/result'

let dir: string
let key: Buffer
let db: Db
const NOW = new Date('2026-11-23T09:00:00Z')
const path = () => join(dir, 'firm.db')
const backups = () => join(dir, 'backups')
const opts = () => ({ label: 'firm.db', backupDir: backups(), now: () => NOW })
const open = () => openEncrypted(path(), key, { create: true, label: 'firm.db' })

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zf-migrate-'))
  key = randomBytes(32)
  db = await open()
})
afterEach(async () => {
  await db.close()
  await rm(dir, { recursive: true, force: true })
})

const m = (version: number, sql: string, fail = false): Migration => ({
  version,
  name: `${String(version).padStart(4, '0')}-test`,
  async up(tx) {
    await tx.exec(sql)
    if (fail) throw new Error(`migration ${version} failed halfway`)
  },
})
const m1 = m(1, `CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO a (v) VALUES ('one');`)
const m2 = m(2, `CREATE TABLE b (id INTEGER PRIMARY KEY); ALTER TABLE a ADD COLUMN w TEXT; UPDATE a SET w = 'two';`)
const m2bad = m(2, `CREATE TABLE b (id INTEGER PRIMARY KEY); UPDATE a SET v = 'clobbered';`, true)
const m3 = m(3, `CREATE TABLE c (id INTEGER PRIMARY KEY);`)
const m3bad = m(3, `CREATE TABLE c (id INTEGER PRIMARY KEY); DROP TABLE a;`, true)

const tables = async (q: Db) => (await q.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((r) => r.name)

function stockSqliteError(p: string): string | null {
  try {
    const s = new Database(p, { readonly: true, fileMustExist: true })
    try {
      s.prepare('SELECT name FROM sqlite_master').all()
    } finally {
      s.close()
    }
    return null
  } catch (e) {
    return (e as Error).message
  }
}

describe('migrate', () => {
  it('brings a new file to the latest version in one step, without a backup', async () => {
    const out = await migrate(db, [m1, m2, m3], opts())
    expect(out).toEqual({ from: 0, to: 3, backupPath: null })
    expect(await schemaVersion(db)).toBe(3)
    expect(await tables(db)).toEqual(['a', 'b', 'c'])
    expect(await readdir(dir)).not.toContain('backups')
    // running again is a no-op
    expect(await migrate(db, [m1, m2, m3], opts())).toEqual({ from: 3, to: 3, backupPath: null })
  })

  it('refuses a file from a newer Zhangfang with UNSUPPORTED_VERSION, changing nothing', async () => {
    await migrate(db, [m1, m2], opts())
    await db.exec('PRAGMA user_version = 7')
    const e = await migrate(db, [m1, m2, m3], opts()).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(AppError)
    const a = e as AppError
    expect(a.code).toBe('UNSUPPORTED_VERSION')
    expect(a.message).toBe('firm.db was written by a newer version of Zhangfang (schema 7; this version knows up to 3). Install the newer version to open it.')
    expect(a.details).toEqual({ file: 'firm.db', fileVersion: 7, knownVersion: 3 })
    expect(await schemaVersion(db)).toBe(7)
    expect(await tables(db)).toEqual(['a', 'b'])
    expect(await readdir(dir)).not.toContain('backups')
  })

  it('runs all pending migrations in one transaction: a failing second one leaves version and schema unchanged (new file)', async () => {
    await expect(migrate(db, [m1, m2bad, m3], opts())).rejects.toThrow('migration 2 failed halfway')
    expect(await schemaVersion(db)).toBe(0)
    expect(await tables(db)).toEqual([])
    // and the connection is usable afterwards: no transaction was left open
    expect(await migrate(db, [m1, m2, m3], opts())).toMatchObject({ from: 0, to: 3 })
  })

  it('a failing later migration of an existing file leaves version, schema and rows unchanged', async () => {
    await migrate(db, [m1], opts())
    await expect(migrate(db, [m1, m2, m3bad], opts())).rejects.toThrow('migration 3 failed halfway')
    expect(await schemaVersion(db)).toBe(1)
    expect(await tables(db)).toEqual(['a'])
    expect(await db.all('SELECT * FROM a')).toEqual([{ id: 1, v: 'one' }])
    await expect(migrate(db, [m1, m2bad], opts())).rejects.toThrow('migration 2 failed halfway')
    expect(await db.all('SELECT * FROM a')).toEqual([{ id: 1, v: 'one' }])
  })

  it('takes an encrypted copy of an existing file before migrating it, including rows still in the WAL', async () => {
    await migrate(db, [m1], opts())
    await db.run(`INSERT INTO a (v) VALUES ('in the wal')`)
    const out = await migrate(db, [m1, m2], opts())
    expect(out.from).toBe(1)
    expect(out.to).toBe(2)
    expect(out.backupPath).toBe(join(backups(), 'firm.db.pre-v2.2026-11-23T09-00-00-000Z'))
    expect(await readdir(backups())).toEqual(['firm.db.pre-v2.2026-11-23T09-00-00-000Z'])
    expect(await db.all('SELECT v, w FROM a ORDER BY id')).toEqual([
      { v: 'one', w: 'two' },
      { v: 'in the wal', w: 'two' },
    ])

    const copy = out.backupPath!
    // not readable by stock SQLite, and no SQLite header in clear
    expect(stockSqliteError(copy)).toBe('file is not a database')
    expect((await readFile(copy)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0')
    expect((await readFile(copy)).includes(Buffer.from('in the wal'))).toBe(false)
    // opens with the same key, at the old version, with every committed row
    const old = await openEncrypted(copy, key, { create: false, label: 'backup' })
    try {
      expect(await schemaVersion(old)).toBe(1)
      expect(await old.all('SELECT * FROM a ORDER BY id')).toEqual([
        { id: 1, v: 'one' },
        { id: 2, v: 'in the wal' },
      ])
    } finally {
      await old.close()
    }
    // and not with another key
    await expect(openEncrypted(copy, randomBytes(32), { create: false, label: 'backup' })).rejects.toMatchObject({ code: 'CORRUPT_DATA' })
  })

  it('refuses a migration list with a gap or out of order', () => {
    expect(() => latestVersion([m1, m3])).toThrow(/out of order/)
    expect(() => latestVersion([m2, m1])).toThrow(/out of order/)
    expect(latestVersion([])).toBe(0)
  })
})

describe('firm.db migrations', () => {
  it('build the current schema from scratch, with append-only audit triggers', async () => {
    const latest = latestVersion(firmMigrations)
    expect(latest).toBe(firmMigrations.length)
    await migrate(db, firmMigrations, opts())
    expect(await schemaVersion(db)).toBe(latest)
    expect(await tables(db)).toEqual(expect.arrayContaining(['firm', 'users', 'user_keys', 'settings', 'audit_events']))
    const triggers = (await db.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)).map((r) => r.name)
    expect(triggers).toEqual(expect.arrayContaining(['audit_events_no_delete', 'audit_events_no_update']))
    expect(await db.get(`SELECT value FROM settings WHERE key = 'idleLockMinutes'`)).toEqual({ value: '10' })
  })

  it('upgrade a file from every earlier version with a backup, keeping its rows', async () => {
    for (let from = 1; from < firmMigrations.length; from++) {
      const sub = await mkdtemp(join(dir, `from-v${from}-`))
      const k = randomBytes(32)
      const d = await openEncrypted(join(sub, 'firm.db'), k, { create: true, label: 'firm.db' })
      try {
        await migrate(d, firmMigrations.slice(0, from), { ...opts(), backupDir: join(sub, 'backups') })
        await d.run(`INSERT INTO firm (id, name, created_at) VALUES ('f', '示例', '2026-01-01')`)
        const out = await migrate(d, firmMigrations, { ...opts(), backupDir: join(sub, 'backups') })
        expect(out).toMatchObject({ from, to: firmMigrations.length })
        expect(out.backupPath).not.toBeNull()
        expect(await d.get('SELECT name FROM firm')).toEqual({ name: '示例' })
        expect(stockSqliteError(out.backupPath!)).toBe('file is not a database')
      } finally {
        await d.close()
      }
    }
  })
})
