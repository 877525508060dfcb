// The recovery kit resets an admin's password: typed in any grouping or case, it gives the admin a new
// slot and key version; old signatures stay verifiable; a wrong kit, a non-admin or a weak password
// changes nothing.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type TestApp } from '../helpers/harness'
import { BOOKKEEPER, auditRows, fromTemplate, makeTemplate, openFirmDb, refused, snapshot, type FirmTemplate } from '../helpers/firm'

let template: FirmTemplate
beforeAll(async () => {
  template = await makeTemplate({ bookkeeper: 'temporary', settingsUpdates: [20] })
})
afterAll(async () => template?.dispose())

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const NEW_PASSWORD = 'Recovered-Walnut-Harbor-58'
const NEWER_PASSWORD = 'Second-Recovery-Meadow-31'

describe('session:recover', () => {
  it('resets the admin password from the kit in any grouping or case; the chain still verifies', async () => {
    app = await fromTemplate(template)
    const groups = template.recoveryGroups
    const typed = groups.join(' ').toLowerCase()
    const s = await app.must('session:recover', { username: 'Admin', recoverySecret: typed, newPassword: NEW_PASSWORD })
    expect(s).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: false })
    await app.must('session:lock', {})

    await refused(app, 'session:unlock', { username: ADMIN.username, password: ADMIN.password }, 'WRONG_PASSWORD')
    await app.must('session:unlock', { username: ADMIN.username, password: NEW_PASSWORD })
    // the bookkeeper's slot is untouched
    await app.must('session:unlock', { username: BOOKKEEPER.username, password: BOOKKEEPER.temporaryPassword })

    // a second recovery, typed flat with look-alike letters (O for 0, l for 1)
    const flat = groups.join('').replace(/0/g, 'O').replace(/1/g, 'l')
    await app.must('session:recover', { username: ADMIN.username, recoverySecret: `  ${flat.slice(0, 20)}-${flat.slice(20)} `, newPassword: NEWER_PASSWORD })
    const v = await app.must('audit:verifyFirm', {})
    expect(v).toMatchObject({ ok: true, firstBad: null })

    await app.must('session:lock', {})
    await refused(app, 'session:unlock', { username: ADMIN.username, password: NEW_PASSWORD }, 'WRONG_PASSWORD')

    const db = await openFirmDb(app.dataDir, template.firmKey)
    try {
      const rows = await auditRows(db)
      const used = rows.filter((r) => r.action === 'recovery.used')
      expect(used.map((r) => [r.outcome, r.target, JSON.parse(r.details).newKeyVersion, r.signer_key_version])).toEqual([
        ['ok', 'user:admin', 2, 2],
        ['ok', 'user:admin', 3, 3],
      ])
      // events before the recovery stay signed by key version 1, and are still checked with it
      const adminVersions = new Set(rows.filter((r) => r.signer_id === template.adminId).map((r) => r.signer_key_version))
      expect([...adminVersions].sort()).toEqual([1, 2, 3])
      expect(await db.all('SELECT version FROM user_keys WHERE user_id = ? ORDER BY version', [template.adminId])).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }])
      const unlocks = rows.filter((r) => r.action === 'session.unlock' && r.target === 'user:admin' && r.outcome === 'ok')
      expect(unlocks.map((r) => JSON.parse(r.details).via)).toEqual(['setup', 'recovery', 'password', 'recovery'])
    } finally {
      await db.close()
    }
  })

  it('a wrong kit → RECOVERY_INVALID; five of them lock recovery out; keyring.json and firm.db untouched', async () => {
    app = await fromTemplate(template)
    const before = await snapshot(app.dataDir)
    const groups = [...template.recoveryGroups]
    // one character changed in one group
    groups[4] = (groups[4][0] === 'A' ? 'B' : 'A') + groups[4].slice(1)
    const wrongs = [groups.join('-'), template.recoveryGroups.slice(0, 9).join('-'), 'not a recovery kit', template.recoveryGroups.join('-') + 'X']
    for (const recoverySecret of wrongs) {
      app.clock.advance(1000)
      await refused(app, 'session:recover', { username: ADMIN.username, recoverySecret, newPassword: NEW_PASSWORD }, 'RECOVERY_INVALID', /recovery secret is not the one of this firm/)
    }
    app.clock.advance(1000)
    const lock = await refused(app, 'session:recover', { username: ADMIN.username, recoverySecret: wrongs[0], newPassword: NEW_PASSWORD }, 'LOCKED_OUT')
    expect(lock.details).toEqual({ retryAfterSeconds: 60 })
    // now even the right kit waits
    await refused(app, 'session:recover', { username: ADMIN.username, recoverySecret: template.recoverySecret, newPassword: NEW_PASSWORD }, 'LOCKED_OUT')
    const after = await snapshot(app.dataDir)
    expect(after['keyring.json']).toBe(before['keyring.json'])
    expect(after['firm.db']).toBe(before['firm.db'])
    expect(Object.keys(after).sort()).toEqual(['firm.db', 'keyring.json', 'unlock-state.json'])

    // the attempts reach the chain at the next unlock
    const s = await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    expect(s.failedAttemptsSinceLastUnlock).toBe(6)
  })

  it('a non-admin or unknown username with the right kit → FORBIDDEN; a weak password → PASSWORD_POLICY; nothing written', async () => {
    app = await fromTemplate(template)
    const before = await snapshot(app.dataDir)
    for (const username of [BOOKKEEPER.username, 'nobody.here']) {
      await refused(app, 'session:recover', { username, recoverySecret: template.recoverySecret, newPassword: NEW_PASSWORD }, 'FORBIDDEN', /only reset the password of an admin/)
    }
    // each refusal is recorded (sealed) for the audit chain; nothing else changed
    const state = JSON.parse(await readFile(join(app.dataDir, 'unlock-state.json'), 'utf8')) as { pending: unknown[] }
    expect(state.pending).toHaveLength(2)
    const afterRefusals = await snapshot(app.dataDir)
    expect(Object.keys(afterRefusals).filter((f) => afterRefusals[f] !== before[f])).toEqual(['unlock-state.json'])
    const weak = await refused(app, 'session:recover', { username: ADMIN.username, recoverySecret: template.recoverySecret, newPassword: 'password1234' }, 'PASSWORD_POLICY')
    expect(weak.details).toMatchObject({ problems: 'too-weak' })
    await refused(app, 'session:recover', { username: ADMIN.username, recoverySecret: template.recoverySecret, newPassword: 'Admin-Horse-Battery-42' }, 'PASSWORD_POLICY')
    expect(await snapshot(app.dataDir)).toEqual(afterRefusals)
    expect(await app.must('app:getState', {})).toMatchObject({ session: null })
    // and the admin's password still works
    await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    expect(JSON.parse(await readFile(join(app.dataDir, 'keyring.json'), 'utf8')).slots).toHaveLength(2)
  })
})
