// Users: an admin creates a user with a temporary password, the user must change it at first unlock
// (one slot re-wrapped, nothing re-encrypted), usernames are unique, disabled users cannot unlock, and
// nobody can disable themselves or the last active admin.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createZhangfang } from '../../../src/main/app'
import type { Keyring } from '../../../src/main/keys/keyring'
import { ADMIN, MAIN, type TestApp } from '../helpers/harness'
import {
  BOOKKEEPER,
  BOOKKEEPER_PASSWORD,
  auditRows,
  expectError,
  fromTemplate,
  lastSeq,
  makeTemplate,
  openFirmDb,
  openSecrets,
  refused,
  type FirmTemplate,
} from '../helpers/firm'

let withTemp: FirmTemplate
let withActive: FirmTemplate
beforeAll(async () => {
  withTemp = await makeTemplate({ bookkeeper: 'temporary' })
  withActive = await makeTemplate({ bookkeeper: 'active' })
})
afterAll(async () => {
  for (const t of [withTemp, withActive]) await t?.dispose()
})

/** A second bookkeeper, created in the test (the template already holds li.kuaiji). */
const WANG = { username: 'wang.kuaiji', displayName: '王会计', role: 'bookkeeper' as const, temporaryPassword: 'Temporary-Wang-2026!' }
const WANG_PASSWORD = 'Granite-Lantern-Oyster-19'

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const adminUnlock = (a: TestApp) => a.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
const readKeyringJson = async (a: TestApp) => JSON.parse(await readFile(join(a.dataDir, 'keyring.json'), 'utf8')) as Keyring

describe('creating a user and the first unlock', () => {
  it('the new user unlocks with the temporary password, must change it, and only their slot is re-wrapped', async () => {
    app = await fromTemplate(withTemp)
    await adminUnlock(app)
    const created = await app.must('users:create', WANG)
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: WANG.username,
      displayName: WANG.displayName,
      role: 'bookkeeper',
      status: 'active',
      mustChangePassword: true,
      createdAt: app.clock.now().toISOString(),
      lastUnlockAt: null,
    })
    expect((await app.must('users:list', {})).users.map((u) => u.username)).toEqual([ADMIN.username, BOOKKEEPER.username, WANG.username])

    const first = await app.must('session:unlock', { username: 'WANG.Kuaiji', password: WANG.temporaryPassword })
    expect(first).toMatchObject({ username: WANG.username, role: 'bookkeeper', mustChangePassword: true, previousUnlockAt: null })
    expect(first.permissions).not.toContain('users:manage')

    const keyringBefore = await readKeyringJson(app)
    const dbHeadBefore = (await readFile(join(app.dataDir, 'firm.db'))).subarray(0, 16)

    // refusals first: wrong current password, the same password, a weak one — none writes anything
    const kb = await readFile(join(app.dataDir, 'keyring.json'))
    await refused(app, 'session:changePassword', { currentPassword: 'Not-The-Temp-Pass-1', newPassword: WANG_PASSWORD }, 'WRONG_PASSWORD')
    await refused(app, 'session:changePassword', { currentPassword: WANG.temporaryPassword, newPassword: WANG.temporaryPassword }, 'PASSWORD_POLICY')
    const weak = await refused(app, 'session:changePassword', { currentPassword: WANG.temporaryPassword, newPassword: 'password1234' }, 'PASSWORD_POLICY')
    expect(weak.details).toMatchObject({ problems: 'too-weak' })
    const withName = await refused(app, 'session:changePassword', { currentPassword: WANG.temporaryPassword, newPassword: 'Wang.Kuaiji-Horse-Battery-42' }, 'PASSWORD_POLICY')
    expect(String(withName.details?.problems)).toContain('contains-username')
    expect((await readFile(join(app.dataDir, 'keyring.json'))).equals(kb)).toBe(true)
    expect((await app.must('app:getState', {})).session?.mustChangePassword).toBe(true)

    const changed = await app.must('session:changePassword', { currentPassword: WANG.temporaryPassword, newPassword: WANG_PASSWORD })
    expect(changed.mustChangePassword).toBe(false)

    const keyringAfter = await readKeyringJson(app)
    const { slots: slotsBefore, ...restBefore } = keyringBefore
    const { slots: slotsAfter, ...restAfter } = keyringAfter
    expect(restAfter).toEqual(restBefore)
    expect(slotsAfter).toHaveLength(slotsBefore.length)
    for (const before of slotsBefore) {
      const after = slotsAfter.find((s) => s.userId === before.userId)!
      if (before.userId !== created.id) {
        expect(after).toEqual(before)
        continue
      }
      expect({ userTag: after.userTag, keyVersion: after.keyVersion }).toEqual({ userTag: before.userTag, keyVersion: before.keyVersion })
      expect(after.kdf.salt).not.toBe(before.kdf.salt)
      expect(after.ct).not.toBe(before.ct)
    }
    // nothing re-encrypted: same SQLCipher salt, and the new slot holds the same firm key
    expect((await readFile(join(app.dataDir, 'firm.db'))).subarray(0, 16).equals(dbHeadBefore)).toBe(true)
    expect((await openSecrets(app.dataDir, WANG.username, WANG_PASSWORD)).firmKey.equals(withTemp.firmKey)).toBe(true)

    await app.must('session:lock', {})
    await refused(app, 'session:unlock', { username: WANG.username, password: WANG.temporaryPassword }, 'WRONG_PASSWORD')
    const again = await app.must('session:unlock', { username: WANG.username, password: WANG_PASSWORD })
    expect(again).toMatchObject({ mustChangePassword: false, failedAttemptsSinceLastUnlock: 1 })

    const db = await openFirmDb(app.dataDir, withTemp.firmKey)
    try {
      const actions = (await auditRows(db)).map((r) => `${r.action}:${r.outcome}:${r.target}`)
      expect(actions).toContain('user.created:ok:user:wang.kuaiji')
      // the attempt with a wrong current password is audited as failed; the policy refusals change nothing
      expect(actions.filter((a) => a.startsWith('user.password-changed'))).toEqual(['user.password-changed:failed:user:wang.kuaiji', 'user.password-changed:ok:user:wang.kuaiji'])
    } finally {
      await db.close()
    }
  })

  it('a taken username → CONFLICT (any case or padding), a weak temporary password → PASSWORD_POLICY; nothing written', async () => {
    app = await fromTemplate(withTemp)
    await adminUnlock(app)
    const db = await openFirmDb(app.dataDir, withTemp.firmKey)
    try {
      const seq = await lastSeq(db)
      const users = await db.all('SELECT * FROM users ORDER BY id')
      const keyring = await readFile(join(app.dataDir, 'keyring.json'))
      for (const username of [BOOKKEEPER.username, 'Li.KuaiJi', ' li.kuaiji ', ADMIN.username, 'ADMIN']) {
        await refused(app, 'users:create', { ...BOOKKEEPER, username }, 'CONFLICT', /is already taken/)
      }
      const weak = await refused(app, 'users:create', { ...BOOKKEEPER, username: 'zhang.san', temporaryPassword: 'password1234' }, 'PASSWORD_POLICY')
      expect(weak.details).toMatchObject({ problems: 'too-weak' })
      await refused(app, 'users:create', { ...BOOKKEEPER, username: 'zhang.san', temporaryPassword: 'zhang.san-Horse-Battery' }, 'PASSWORD_POLICY')
      expect(await db.all('SELECT * FROM users ORDER BY id')).toEqual(users)
      expect(await lastSeq(db)).toBe(seq)
      expect((await readFile(join(app.dataDir, 'keyring.json'))).equals(keyring)).toBe(true)
    } finally {
      await db.close()
    }
  })
})

describe('concurrent calls from the window (double-click, two forms)', () => {
  const ZHAO = { username: 'zhao.kuaiji', displayName: '赵会计', role: 'bookkeeper' as const, temporaryPassword: 'Temporary-Zhao-2026!' }

  it('two users created at once both get a key slot and can unlock', async () => {
    app = await fromTemplate(withTemp)
    await adminUnlock(app)
    const before = (await readKeyringJson(app)).slots.length
    const [a, b] = await Promise.all([app.call('users:create', WANG), app.call('users:create', ZHAO)])
    expect([a.ok, b.ok]).toEqual([true, true])
    expect((await readKeyringJson(app)).slots).toHaveLength(before + 2)
    await app.must('session:lock', {})
    expect((await app.call('session:unlock', { username: WANG.username, password: WANG.temporaryPassword })).ok).toBe(true)
    expect((await app.call('session:unlock', { username: ZHAO.username, password: ZHAO.temporaryPassword })).ok).toBe(true)
  })

  it('the same username submitted twice at once: one is created, the other answers CONFLICT', async () => {
    app = await fromTemplate(withTemp)
    await adminUnlock(app)
    const results = await Promise.all([app.call('users:create', WANG), app.call('users:create', WANG)])
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok'])
  })

  it('a password change and a user creation at once both take effect', async () => {
    app = await fromTemplate(withTemp)
    await adminUnlock(app)
    const NEW_ADMIN = 'Quartz-Meadow-Lantern-64'
    const [changed, created] = await Promise.all([
      app.call('session:changePassword', { currentPassword: ADMIN.password, newPassword: NEW_ADMIN }),
      app.call('users:create', WANG),
    ])
    expect([changed.ok ? 'ok' : changed.error, created.ok ? 'ok' : created.error]).toEqual(['ok', 'ok'])
    await app.must('session:lock', {})
    expect((await app.call('session:unlock', { username: ADMIN.username, password: NEW_ADMIN })).ok).toBe(true)
    expect((await app.call('session:unlock', { username: WANG.username, password: WANG.temporaryPassword })).ok).toBe(true)
  })
})

describe('disabling and enabling', () => {
  it('a disabled user cannot unlock (audited as denied); enabling lets them in again', async () => {
    app = await fromTemplate(withActive)
    const bk = withActive.bookkeeperId!
    await adminUnlock(app)
    const disabled = await app.must('users:disable', { userId: bk })
    expect(disabled).toMatchObject({ id: bk, status: 'disabled' })
    // disabling twice changes nothing and is not audited twice
    expect(await app.must('users:disable', { userId: bk })).toEqual(disabled)
    await refused(app, 'users:disable', { userId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND')
    await app.must('session:lock', {})

    app.clock.advance(1000)
    await refused(app, 'session:unlock', { username: BOOKKEEPER.username, password: BOOKKEEPER_PASSWORD }, 'USER_DISABLED', /^This user has been disabled\. Ask an admin\.$/)
    expect(await app.must('app:getState', {})).toMatchObject({ session: null })
    // with a wrong password the answer does not reveal that the account is disabled
    await refused(app, 'session:unlock', { username: BOOKKEEPER.username, password: 'Not-The-Password-1' }, 'WRONG_PASSWORD')

    app.clock.advance(1000)
    await adminUnlock(app)
    expect((await app.must('users:list', {})).users.find((u) => u.id === bk)).toMatchObject({ status: 'disabled' })
    expect(await app.must('users:enable', { userId: bk })).toMatchObject({ id: bk, status: 'active' })
    await refused(app, 'users:enable', { userId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND')
    await app.must('session:lock', {})
    app.clock.advance(1000)
    const s = await app.must('session:unlock', { username: BOOKKEEPER.username, password: BOOKKEEPER_PASSWORD })
    expect(s).toMatchObject({ username: BOOKKEEPER.username, failedAttemptsSinceLastUnlock: 2 })

    const db = await openFirmDb(app.dataDir, withActive.firmKey)
    try {
      const rows = (await auditRows(db)).filter((r) => r.target === `user:${BOOKKEEPER.username}` && r.at > new Date(withActive.lockedAt).toISOString())
      expect(rows.map((r) => [r.action, r.outcome, JSON.parse(r.details).reason ?? null])).toEqual([
        ['user.disabled', 'ok', null],
        ['session.unlock', 'denied', 'disabled'],
        ['session.unlock', 'failed', 'wrong-password'],
        ['user.enabled', 'ok', null],
        ['session.unlock', 'ok', null],
      ])
    } finally {
      await db.close()
    }
  })

  it('nobody can disable themselves, nor the last active admin (CONFLICT, nothing written)', async () => {
    app = await fromTemplate(withTemp)
    const me = await adminUnlock(app)
    const db = await openFirmDb(app.dataDir, withTemp.firmKey)
    let second: ReturnType<typeof createZhangfang> | undefined
    try {
      const seq = await lastSeq(db)
      await refused(app, 'users:disable', { userId: me.userId }, 'CONFLICT', /^You cannot disable yourself\.$/)
      expect(await lastSeq(db)).toBe(seq)
      expect(await db.get('SELECT status FROM users WHERE id = ?', [me.userId])).toEqual({ status: 'active' })

      // a second admin, working in a second window on the same data folder, disables the first
      const temp = 'Second-Admin-Temp-Pass-5'
      const admin2 = await app.must('users:create', { username: 'zhao.admin', displayName: '赵主任', role: 'admin', temporaryPassword: temp })
      second = createZhangfang({ dataDir: app.dataDir, clock: app.clock })
      const call = async (channel: string, payload: unknown) => second!.handle(MAIN, channel, payload)
      expect((await call('session:unlock', { username: 'zhao.admin', password: temp })).ok).toBe(true)
      expect((await call('session:changePassword', { currentPassword: temp, newPassword: 'Zhao-Admin-Own-Pass-73' })).ok).toBe(true)
      expect(await call('users:disable', { userId: me.userId })).toMatchObject({ ok: true, value: { status: 'disabled' } })

      // the first admin, no longer active, tries to disable the only active one
      const before = await lastSeq(db)
      await refused(app, 'users:disable', { userId: admin2.id }, 'CONFLICT', /^The last active admin cannot be disabled\.$/)
      expect(await lastSeq(db)).toBe(before)
      expect(await db.get('SELECT status FROM users WHERE id = ?', [admin2.id])).toEqual({ status: 'active' })
      expectError(await call('users:disable', { userId: admin2.id }), 'CONFLICT', /^You cannot disable yourself\.$/)
    } finally {
      await second?.close()
      await db.close()
    }
  })
})
