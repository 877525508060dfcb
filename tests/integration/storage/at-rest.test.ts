// Every byte at rest is encrypted: stock SQLite cannot read firm.db, and no text a user typed (names,
// usernames, passwords, the recovery kit, even a mistyped username) nor any key appears in any file of
// the data folder, while unlocked (WAL present) or locked.
import { randomBytes } from 'node:crypto'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { firmDbKey } from '../../../src/main/keys/keyring'
import { ADMIN, startApp, type TestApp } from '../helpers/harness'
import { exists, findMarkers, openSecrets, refused, walkFiles } from '../helpers/firm'

let app: TestApp | undefined
const scratch: string[] = []
afterEach(async () => {
  await app?.dispose()
  app = undefined
  for (const d of scratch.splice(0)) await rm(d, { recursive: true, force: true })
})

/** Opens a file with stock SQLite (better-sqlite3) read-only and reads the schema: the error message. */
function stockSqliteError(path: string): string | null {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    try {
      db.prepare('SELECT name FROM sqlite_master').all()
      db.prepare('PRAGMA user_version').get()
    } finally {
      db.close()
    }
    return null
  } catch (e) {
    return (e as Error).message
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

describe('stock SQLite cannot read what the app writes', () => {
  it('firm.db (locked, and a copy of firm.db + WAL taken while unlocked) is "not a database"', async () => {
    app = await startApp()
    await app.must('setup:begin', { firmName: '示例代账有限公司', adminUsername: ADMIN.username, adminDisplayName: ADMIN.displayName, password: ADMIN.password }).then(
      (kit) => app!.must('setup:complete', { confirmation: kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1]) }),
    )
    await app.must('settings:update', { idleLockMinutes: 15 })

    // while unlocked: the live files, copied as a backup tool would copy them
    const live = await mkdtemp(join(tmpdir(), 'zf-copy-'))
    scratch.push(live)
    expect(await exists(join(app.dataDir, 'firm.db-wal'))).toBe(true)
    await copyFile(join(app.dataDir, 'firm.db'), join(live, 'firm.db'))
    await copyFile(join(app.dataDir, 'firm.db-wal'), join(live, 'firm.db-wal'))
    expect(stockSqliteError(join(live, 'firm.db'))).toBe('file is not a database')

    await app.must('session:lock', {})
    const path = join(app.dataDir, 'firm.db')
    expect(stockSqliteError(path)).toBe('file is not a database')
    const head = (await readFile(path)).subarray(0, 16)
    expect(head.equals(SQLITE_HEADER)).toBe(false)
    // the stock reader left nothing behind
    expect((await walkFiles(app.dataDir)).filter((f) => f.startsWith('firm.db'))).toEqual(['firm.db'])
  })
})

describe('nothing a user typed, and no key, is readable in any file of the data folder', () => {
  it('finds no marker in firm.db, its WAL/SHM, keyring.json, unlock-state.json or backups, unlocked or locked', async () => {
    const hex = () => randomBytes(6).toString('hex')
    const m = {
      firmName: `ZFMARK${hex()}示例代账`,
      adminUsername: `zfmark${hex()}`,
      adminDisplayName: `ZFMARK${hex()}王主任`,
      adminPassword: `ZFMARK${hex()}-Pw!`,
      userUsername: `zfmark${hex()}`,
      userDisplayName: `ZFMARK${hex()}李会计`,
      userTempPassword: `ZFMARK${hex()}-Tmp!`,
      userNewPassword: `ZFMARK${hex()}-New!`,
      typoUsername: `ZFMARK${hex()}`, // typed at the unlock screen, no such user
      typoPassword: `ZFMARK${hex()}-Bad!`,
      recoverUsername: `ZFMARK${hex()}`,
      wrongKit: `ZFMARK${hex()}-KIT`,
      recoveredPassword: `ZFMARK${hex()}-Rec!`,
    }
    const markers: (string | Buffer)[] = Object.values(m)
    const check = async (when: string) => {
      const hits = await findMarkers(app!.dataDir, markers)
      expect(hits, `${when}: ${JSON.stringify(hits)}`).toEqual([])
    }

    app = await startApp()
    const kit = await app.must('setup:begin', { firmName: m.firmName, adminUsername: m.adminUsername, adminDisplayName: m.adminDisplayName, password: m.adminPassword })
    const groups = kit.recoveryGroups
    // the kit as printed, as typed flat, and every pair of adjacent groups (single groups are too short
    // to be meaningful against random ciphertext)
    markers.push(groups.join('-'), groups.join(' '), groups.join(''))
    for (let i = 0; i + 1 < groups.length; i++) markers.push(groups[i] + groups[i + 1], `${groups[i]}-${groups[i + 1]}`)
    await app.must('setup:complete', { confirmation: kit.confirmGroups.map((i) => groups[i - 1]) })

    await app.must('users:create', { username: m.userUsername, displayName: m.userDisplayName, role: 'bookkeeper', temporaryPassword: m.userTempPassword })
    await app.must('settings:update', { idleLockMinutes: 30 })
    // refused attempts are recorded (sealed) in unlock-state.json until the next unlock
    await refused(app, 'session:unlock', { username: m.typoUsername, password: m.typoPassword }, 'WRONG_PASSWORD')
    await refused(app, 'session:recover', { username: m.recoverUsername, recoverySecret: m.wrongKit, newPassword: m.recoveredPassword }, 'RECOVERY_INVALID')

    expect(await exists(join(app.dataDir, 'firm.db-wal'))).toBe(true)
    expect(await exists(join(app.dataDir, 'unlock-state.json'))).toBe(true)
    // control: the search does find text that is stored in clear (the firm id in keyring.json)
    const firmId = (JSON.parse(await readFile(join(app.dataDir, 'keyring.json'), 'utf8')) as { firmId: string }).firmId
    expect((await findMarkers(app.dataDir, [firmId.toUpperCase()])).map((h) => h.file)).toContain('keyring.json')
    await check('admin unlocked, refused attempts pending')

    // the bookkeeper's first unlock moves the pending records into firm.db; then a password change
    await app.must('session:lock', {})
    await app.must('session:unlock', { username: m.userUsername.toUpperCase(), password: m.userTempPassword })
    await app.must('session:changePassword', { currentPassword: m.userTempPassword, newPassword: m.userNewPassword })
    await check('bookkeeper unlocked after a password change')

    // the recovery kit typed back in another form resets the admin password
    await app.must('session:lock', {})
    await app.must('session:recover', { username: m.adminUsername, recoverySecret: groups.join(' ').toLowerCase(), newPassword: m.recoveredPassword })
    const filesUnlocked = await walkFiles(app.dataDir)
    expect(filesUnlocked).toEqual(expect.arrayContaining(['firm.db', 'firm.db-wal', 'firm.db-shm', 'keyring.json', 'unlock-state.json']))
    await check('admin unlocked after recovery')

    await app.must('session:lock', {})
    // and the keys themselves: the firm key, the database key, the identity seed
    const secrets = await openSecrets(app.dataDir, m.adminUsername, m.recoveredPassword)
    markers.push(secrets.firmKey, firmDbKey(secrets.firmKey), secrets.identitySeed)
    await check('locked')
    await app.core.close()
    await check('closed')
  })
})
