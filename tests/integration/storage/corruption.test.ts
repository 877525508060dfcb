// Damaged, truncated or mismatched data files: the user gets CORRUPT_DATA naming the file, and the app
// overwrites nothing (a damaged file stays exactly as it was, for restore or forensics).
import { randomBytes } from 'node:crypto'
import { readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openEncrypted } from '../../../src/main/db/connection'
import { AppError } from '../../../src/shared/ipc/result'
import { ADMIN, type TestApp } from '../helpers/harness'
import { auditRows, fromTemplate, makeTemplate, openFirmDb, refused, snapshot, type FirmTemplate } from '../helpers/firm'

let template: FirmTemplate
let otherFirm: FirmTemplate
let pages: { users: number; firm: number; settings: number; pageSize: number }
beforeAll(async () => {
  template = await makeTemplate({ bookkeeper: 'temporary', settingsUpdates: [15, 20] })
  otherFirm = await makeTemplate()
  const db = await openFirmDb(template.dir, template.firmKey)
  try {
    const root = async (name: string) => (await db.get<{ rootpage: number }>('SELECT rootpage FROM sqlite_master WHERE name = ?', [name]))!.rootpage
    // SQLCipher answers PRAGMA page_size as cipher_page_size
    const row = (await db.get<{ page_size?: number; cipher_page_size?: string }>('PRAGMA page_size'))!
    const pageSize = Number(row.page_size ?? row.cipher_page_size)
    expect(pageSize).toBeGreaterThanOrEqual(1024)
    pages = { users: await root('users'), firm: await root('firm'), settings: await root('settings'), pageSize }
  } finally {
    await db.close()
  }
})
afterAll(async () => {
  await template?.dispose()
  await otherFirm?.dispose()
})

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

async function flipByte(path: string, offset: number) {
  const b = await readFile(path)
  b[offset] ^= 0xff
  await writeFile(path, b)
}

describe('a foreign key never opens firm.db', () => {
  it('openEncrypted with another 32-byte key → CORRUPT_DATA naming firm.db, file untouched', async () => {
    app = await fromTemplate(template)
    const before = await snapshot(app.dataDir)
    for (const key of [randomBytes(32), Buffer.alloc(32), template.firmKey /* the firm key itself, not the derived db key */]) {
      const e = await openEncrypted(join(app.dataDir, 'firm.db'), key, { create: false, label: 'firm.db' }).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(AppError)
      expect((e as AppError).code).toBe('CORRUPT_DATA')
      expect((e as AppError).message).toMatch(/^firm\.db cannot be read/)
      expect((e as AppError).details).toEqual({ file: 'firm.db' })
    }
    expect(await snapshot(app.dataDir)).toEqual(before)
  })
})

describe('session:unlock on damaged files answers CORRUPT_DATA naming the file and changes nothing', () => {
  type Damage = (dir: string) => Promise<void>
  const cases: [string, Damage, 'firm.db' | 'keyring.json' | 'unlock-state.json'][] = [
    ['keyring.json truncated', async (d) => truncate(join(d, 'keyring.json'), 200), 'keyring.json'],
    ['keyring.json emptied', async (d) => truncate(join(d, 'keyring.json'), 0), 'keyring.json'],
    ['keyring.json with the wrong structure', async (d) => writeFile(join(d, 'keyring.json'), '{"format":1,"slots":[]}\n'), 'keyring.json'],
    [
      'keyring.json with a damaged recovery slot',
      async (d) => {
        const k = JSON.parse(await readFile(join(d, 'keyring.json'), 'utf8')) as { recovery: { nonce: string } }
        k.recovery.nonce = Buffer.alloc(12, 7).toString('base64')
        await writeFile(join(d, 'keyring.json'), JSON.stringify(k))
      },
      'keyring.json',
    ],
    ['unlock-state.json truncated', async (d) => writeFile(join(d, 'unlock-state.json'), '{"format":1,"attempts":{'), 'unlock-state.json'],
    ['unlock-state.json with a foreign structure', async (d) => writeFile(join(d, 'unlock-state.json'), '{"format":1,"attempts":{},"pending":[{"id":1}]}'), 'unlock-state.json'],
    ['firm.db page 1 damaged', async (d) => flipByte(join(d, 'firm.db'), 1000), 'firm.db'],
    ['firm.db salt damaged', async (d) => flipByte(join(d, 'firm.db'), 3), 'firm.db'],
    ['firm.db truncated to half', async (d) => truncate(join(d, 'firm.db'), Math.floor((await readFile(join(d, 'firm.db'))).length / 2)), 'firm.db'],
    ['firm.db truncated to its first page', async (d) => truncate(join(d, 'firm.db'), pages.pageSize), 'firm.db'],
    ['firm.db damaged in the users table', async (d) => flipByte(join(d, 'firm.db'), (pages.users - 1) * pages.pageSize + 1500), 'firm.db'],
    ['firm.db damaged in the firm table', async (d) => flipByte(join(d, 'firm.db'), (pages.firm - 1) * pages.pageSize + 1500), 'firm.db'],
    ['firm.db damaged in the settings table', async (d) => flipByte(join(d, 'firm.db'), (pages.settings - 1) * pages.pageSize + 1500), 'firm.db'],
    ['firm.db truncated to 0 bytes', async (d) => truncate(join(d, 'firm.db'), 0), 'firm.db'],
    ['firm.db missing', async (d) => rm(join(d, 'firm.db')), 'firm.db'],
    ['firm.db from another firm (restored from a different backup)', async (d) => writeFile(join(d, 'firm.db'), await readFile(join(otherFirm.dir, 'firm.db'))), 'firm.db'],
  ]

  it.each(cases)('%s', async (_what, damage, file) => {
    app = await fromTemplate(template)
    await damage(app.dataDir)
    const before = await snapshot(app.dataDir)
    const e = await refused(app, 'session:unlock', { username: ADMIN.username, password: ADMIN.password }, 'CORRUPT_DATA')
    expect(e.message).toContain(file)
    expect(e.details).toMatchObject({ file })
    // the stack or SQL never reaches the window
    expect(e.message).not.toMatch(/\n\s+at |SELECT|INSERT/)
    expect(await snapshot(app.dataDir), 'the data folder changed').toEqual(before)
    expect(await app.must('app:getState', {})).toMatchObject({ session: null })
  })

  it('keyring.json missing while firm.db exists: setup is refused naming keyring.json, nothing is created', async () => {
    app = await fromTemplate(template)
    await rm(join(app.dataDir, 'keyring.json'))
    const before = await snapshot(app.dataDir)
    const e = await refused(
      app,
      'setup:begin',
      { firmName: '新公司', adminUsername: 'admin', adminDisplayName: '新管理员', password: 'Ledger-Horse-Battery-42' },
      'CORRUPT_DATA',
      /keyring\.json/,
    )
    expect(e.details).toMatchObject({ file: 'keyring.json' })
    expect(await snapshot(app.dataDir)).toEqual(before)
  })

  it('a damaged user slot: CORRUPT_DATA naming keyring.json, keyring.json and firm.db untouched, the attempt audited later', async () => {
    app = await fromTemplate(template)
    const keyringPath = join(app.dataDir, 'keyring.json')
    const good = await readFile(keyringPath)
    const k = JSON.parse(good.toString('utf8')) as { slots: { check: string }[] }
    k.slots[0].check = k.slots[0].check.replace(/^./, (c) => (c === '0' ? '1' : '0'))
    await writeFile(keyringPath, JSON.stringify(k))
    const before = await snapshot(app.dataDir)
    const e = await refused(app, 'session:unlock', { username: ADMIN.username, password: ADMIN.password }, 'CORRUPT_DATA', /keyring\.json/)
    expect(e.details).toMatchObject({ file: 'keyring.json' })
    const after = await snapshot(app.dataDir)
    expect(after['keyring.json']).toBe(before['keyring.json'])
    expect(after['firm.db']).toBe(before['firm.db'])
    // the refused attempt is kept, sealed, for the firm's audit chain
    expect(Object.keys(after)).toContain('unlock-state.json')

    // restored from backup: the next unlock imports the attempt and tells the user about it
    await writeFile(keyringPath, good)
    const s = await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    expect(s.failedAttemptsSinceLastUnlock).toBe(1)
    await app.must('session:lock', {})
    const db = await openFirmDb(app.dataDir, template.firmKey)
    try {
      const failed = (await auditRows(db)).filter((r) => r.action === 'session.unlock' && r.outcome !== 'ok')
      expect(failed).toHaveLength(1)
      expect(failed[0]).toMatchObject({ target: 'user:admin', outcome: 'failed' })
      expect(JSON.parse(failed[0].details)).toMatchObject({ reason: 'damaged-slot' })
    } finally {
      await db.close()
    }
  })
})
