// Upgrading a firm written by an earlier Zhangfang: the first unlock migrates firm.db in place after an
// encrypted pre-migration copy in backups/, keeps every row, and the audit chain still verifies.
import { readdir, rename } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openEncrypted } from '../../../src/main/db/connection'
import { latestVersion, migrate, schemaVersion } from '../../../src/main/db/migrate'
import { firmMigrations } from '../../../src/main/db/migrations/firm'
import { firmDbKey } from '../../../src/main/keys/keyring'
import { ADMIN, FIRM, type TestApp } from '../helpers/harness'
import { BOOKKEEPER, findMarkers, fromTemplate, makeTemplate, refused, snapshot, type FirmTemplate } from '../helpers/firm'

let template: FirmTemplate
beforeAll(async () => {
  template = await makeTemplate({ bookkeeper: 'temporary', settingsUpdates: [25] })
})
afterAll(async () => template?.dispose())

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const V1_TABLES = ['firm', 'users', 'user_keys', 'settings', 'audit_events']

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

/** Rewrites the copy's firm.db as the schema version `v` would have left it, with the same rows. */
async function downgradeTo(dataDir: string, v: number) {
  const key = firmDbKey(template.firmKey)
  const current = join(dataDir, 'firm.db')
  const older = join(dataDir, 'firm-old.db')
  const d = await openEncrypted(older, key, { create: true, label: 'firm.db' })
  try {
    await migrate(d, firmMigrations.slice(0, v), { label: 'firm.db', backupDir: join(dataDir, 'unused'), now: () => new Date() })
    await d.exec(`ATTACH DATABASE '${current.replace(/'/g, "''")}' AS cur KEY "x'${key.toString('hex')}'"`)
    await d.exec('DELETE FROM main.settings')
    for (const t of V1_TABLES) await d.exec(`INSERT INTO main.${t} SELECT * FROM cur.${t}`)
    await d.exec('DETACH DATABASE cur')
  } finally {
    await d.close()
  }
  await rename(older, current)
}

describe('upgrading firm.db at unlock', () => {
  it('from every earlier schema version: backup first, rows kept, chain verifies', async () => {
    const latest = latestVersion(firmMigrations)
    expect(latest).toBeGreaterThanOrEqual(2)
    for (let v = 1; v < latest; v++) {
      app = await fromTemplate(template)
      await downgradeTo(app.dataDir, v)
      const before = await snapshot(app.dataDir)
      expect(Object.keys(before).sort()).toEqual(['firm.db', 'keyring.json'])

      const s = await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
      expect(s.firmName).toBe(FIRM)
      expect(s.idleLockMinutes).toBe(25)
      const { users } = await app.must('users:list', {})
      expect(users.map((u) => u.username)).toEqual(['admin', 'li.kuaiji'])
      expect(await app.must('audit:verifyFirm', {})).toMatchObject({ ok: true, firstBad: null })
      await app.must('session:lock', {})

      const backups = await readdir(join(app.dataDir, 'backups'))
      expect(backups).toHaveLength(1)
      expect(backups[0]).toMatch(new RegExp(`^firm\\.db\\.pre-v${latest}\\.\\d{4}-\\d{2}-\\d{2}T`))
      const copy = join(app.dataDir, 'backups', backups[0])
      // the copy is the old file, byte for byte, and as encrypted as it
      expect((await snapshot(app.dataDir))[join('backups', backups[0])]).toBe(before['firm.db'])
      expect(stockSqliteError(copy)).toBe('file is not a database')
      const old = await openEncrypted(copy, firmDbKey(template.firmKey), { create: false, label: 'backup' })
      try {
        expect(await schemaVersion(old)).toBe(v)
        expect(await old.get<{ n: number }>('SELECT count(*) AS n FROM users')).toEqual({ n: 2 })
      } finally {
        await old.close()
      }
      // neither the backup nor anything else holds a name or password in clear
      expect(await findMarkers(app.dataDir, [FIRM, ADMIN.displayName, ADMIN.password, BOOKKEEPER.username, BOOKKEEPER.displayName, BOOKKEEPER.temporaryPassword])).toEqual([])
      const now = await openEncrypted(join(app.dataDir, 'firm.db'), firmDbKey(template.firmKey), { create: false, label: 'firm.db' })
      try {
        expect(await schemaVersion(now)).toBe(latest)
      } finally {
        await now.close()
      }
      await app.dispose()
      app = undefined
    }
  })

  it('a firm.db from a newer Zhangfang is refused with UNSUPPORTED_VERSION, nothing changed', async () => {
    app = await fromTemplate(template)
    const d = await openEncrypted(join(app.dataDir, 'firm.db'), firmDbKey(template.firmKey), { create: false, label: 'firm.db' })
    await d.exec('PRAGMA user_version = 99')
    await d.close()
    const before = await snapshot(app.dataDir)
    const e = await refused(app, 'session:unlock', { username: ADMIN.username, password: ADMIN.password }, 'UNSUPPORTED_VERSION')
    expect(e.message).toBe(
      `firm.db was written by a newer version of Zhangfang (schema 99; this version knows up to ${latestVersion(firmMigrations)}). Install the newer version to open it.`,
    )
    expect(e.details).toMatchObject({ file: 'firm.db', fileVersion: 99 })
    expect(await snapshot(app.dataDir)).toEqual(before)
    expect(await app.must('app:getState', {})).toMatchObject({ session: null })
  })
})
