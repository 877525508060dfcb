// First run: the firm form and the recovery kit. Nothing is written until the typed-back groups match;
// refusals leave the data folder empty; a second setup is refused.
import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN, FIRM, startApp, type TestApp } from '../helpers/harness'
import { refused, walkFiles } from '../helpers/firm'

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const form = { firmName: FIRM, adminUsername: 'Admin', adminDisplayName: ADMIN.displayName, password: ADMIN.password }

describe('setup', () => {
  it('writes nothing until the recovery groups are typed back correctly, then creates the firm', async () => {
    app = await startApp()
    expect(await app.must('app:getState', {})).toEqual({ setUp: false, session: null })
    await refused(app, 'session:unlock', { username: 'admin', password: ADMIN.password }, 'NOT_SET_UP')
    await refused(app, 'setup:complete', { confirmation: ['ABCD', 'EFGH'] }, 'NOT_FOUND')

    const weak = await refused(app, 'setup:begin', { ...form, password: 'password1234' }, 'PASSWORD_POLICY')
    expect(weak.details).toMatchObject({ problems: 'too-weak' })
    const named = await refused(app, 'setup:begin', { ...form, password: 'admin-Ledger-Horse-42' }, 'PASSWORD_POLICY')
    expect(String(named.details?.problems)).toContain('contains-username')
    expect(await walkFiles(app.dataDir)).toEqual([])

    const kit = await app.must('setup:begin', form)
    expect(kit.recoveryGroups).toHaveLength(10)
    for (const g of kit.recoveryGroups) expect(g).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(kit.confirmGroups).toHaveLength(2)
    expect(new Set(kit.confirmGroups).size).toBe(2)
    for (const i of kit.confirmGroups) expect(i >= 1 && i <= 10).toBe(true)
    expect(await walkFiles(app.dataDir)).toEqual([])

    const right = kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1])
    const wrong = [right[0], right[1].slice(0, 3) + (right[1][3] === 'A' ? 'B' : 'A')]
    await refused(app, 'setup:complete', { confirmation: wrong }, 'RECOVERY_INVALID', /do not match the recovery kit/)
    await refused(app, 'setup:complete', { confirmation: [right[0]] }, 'RECOVERY_INVALID')
    await refused(app, 'setup:complete', { confirmation: [right[1], right[0]] }, 'RECOVERY_INVALID')
    expect(await walkFiles(app.dataDir)).toEqual([])

    // typed back in lower case with look-alikes: accepted
    const typed = right.map((g) => g.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l'))
    const s = await app.must('setup:complete', { confirmation: typed })
    expect(s).toMatchObject({ username: 'admin', displayName: ADMIN.displayName, role: 'admin', firmName: FIRM, mustChangePassword: false, idleLockMinutes: 10, failedAttemptsSinceLastUnlock: 0 })
    expect(await walkFiles(app.dataDir)).toEqual(expect.arrayContaining(['firm.db', 'keyring.json']))
    expect(await app.must('app:getState', {})).toMatchObject({ setUp: true, session: { username: 'admin' } })

    // once set up, setup is closed
    await refused(app, 'setup:begin', form, 'ALREADY_SET_UP')
    await refused(app, 'setup:complete', { confirmation: typed }, 'NOT_FOUND')
    const v = await app.must('audit:verifyFirm', {})
    expect(v).toMatchObject({ ok: true, count: 3 })
  })
})
