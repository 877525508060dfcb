// The router every IPC call passes: sender check → session check → strict parse → permission check →
// handler → Result. Each refusal has its exact code, never throws, never echoes input values, and
// writes nothing (except the audit trail of a permission denial).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { APP_ORIGIN } from '../../../src/main/app'
import type { Sender } from '../../../src/main/ipc/router'
import { CHANNELS, contract } from '../../../src/shared/ipc/contract'
import { ERROR_CODES } from '../../../src/shared/ipc/result'
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
  refused,
  snapshot,
  type FirmTemplate,
} from '../helpers/firm'

let template: FirmTemplate
beforeAll(async () => {
  template = await makeTemplate({ bookkeeper: 'active' })
})
afterAll(async () => template?.dispose())

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const FOREIGN: [string, unknown][] = [
  ['another origin', { origin: 'https://evil.example', isMainFrame: true }],
  ['file://', { origin: 'file://', isMainFrame: true }],
  ['a look-alike origin', { origin: `${APP_ORIGIN}.evil.example`, isMainFrame: true }],
  ['the null origin', { origin: 'null', isMainFrame: true }],
  ['an iframe of our origin', { origin: APP_ORIGIN, isMainFrame: false }],
  ['isMainFrame as a string', { origin: APP_ORIGIN, isMainFrame: 'true' }],
  ['isMainFrame missing', { origin: APP_ORIGIN }],
  ['no sender', null],
  ['an empty sender', {}],
  ['origin not a string', { origin: ['app://zhangfang'], isMainFrame: true }],
]

describe('sender check', () => {
  it.each(FOREIGN)('%s → FORBIDDEN before anything else, nothing written, no unlock attempted', async (_what, sender) => {
    app = await fromTemplate(template)
    const before = await snapshot(app.dataDir)
    for (const channel of ['session:unlock', 'setup:begin', 'app:getState', 'users:create', 'no:suchCall']) {
      const payload = channel === 'session:unlock' ? { username: ADMIN.username, password: ADMIN.password } : {}
      const r = await app.core.handle(sender as Sender, channel, payload)
      expectError(r, 'FORBIDDEN', /^This call did not come from the Zhangfang window\.$/)
    }
    expect(await app.must('app:getState', {})).toEqual({ setUp: true, session: null })
    expect(await snapshot(app.dataDir)).toEqual(before)
  })

  it('a foreign call while unlocked is refused, writes nothing and does not count as activity', async () => {
    app = await fromTemplate(template)
    await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    const db = await openFirmDb(app.dataDir, template.firmKey)
    try {
      const seq = await lastSeq(db)
      const users = await db.all('SELECT * FROM users ORDER BY id')
      const keyring = await readFile(join(app.dataDir, 'keyring.json'))
      app.clock.advance(9 * 60_000)
      const iframe = { origin: APP_ORIGIN, isMainFrame: false }
      expectError(await app.core.handle(iframe, 'users:create', { ...BOOKKEEPER, username: 'evil.user' }), 'FORBIDDEN')
      expectError(await app.core.handle(iframe, 'settings:update', { idleLockMinutes: 240 }), 'FORBIDDEN')
      expectError(await app.core.handle(iframe, 'session:touch', {}), 'FORBIDDEN')
      expect(await lastSeq(db)).toBe(seq)
      expect(await db.all('SELECT * FROM users ORDER BY id')).toEqual(users)
      expect((await readFile(join(app.dataDir, 'keyring.json'))).equals(keyring)).toBe(true)
      app.clock.advance(60_000)
      await app.core.tick()
      expect(app.events).toContainEqual({ event: 'session:locked', payload: { reason: 'idle' } })
    } finally {
      await db.close()
    }
  })
})

describe('channel and payload checks', () => {
  it('an unknown channel → INVALID_INPUT, including prototype names', async () => {
    app = await fromTemplate(template)
    for (const channel of ['users:drop', 'db:exec', '', 'app:getstate', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:getState ']) {
      expectError(await app.core.handle(MAIN, channel, {}), 'INVALID_INPUT', /^Unknown call\.$/)
    }
    for (const channel of [null, undefined, 42, {}, ['app:getState']]) {
      expectError(await app.core.handle(MAIN, channel as never, {}), 'INVALID_INPUT')
    }
  })

  it('an extra field → INVALID_INPUT with issues naming it, never echoing any value', async () => {
    app = await fromTemplate(template)
    const secret = 'Secret-Value-Never-Echoed-9'
    const before = await snapshot(app.dataDir)
    const e = await refused(app, 'session:unlock', { username: ADMIN.username, password: secret, remember: secret } as never, 'INVALID_INPUT', /^The request is not valid\.$/)
    expect(e.issues).toEqual([{ path: '', message: expect.stringContaining('remember') }])
    expect(JSON.stringify(e)).not.toContain(secret)
    const e2 = await refused(app, 'setup:begin', { firmName: 5, adminUsername: 'a b', adminDisplayName: '', password: secret + 'x'.repeat(300) } as never, 'INVALID_INPUT')
    expect(e2.issues?.map((i) => i.path).sort()).toEqual(['adminDisplayName', 'adminUsername', 'firmName', 'password'])
    expect(JSON.stringify(e2)).not.toContain(secret)
    // a refused unlock payload is not an unlock attempt
    expect(await snapshot(app.dataDir)).toEqual(before)
  })

  it('a payload whose getter throws → INTERNAL without the message or stack', async () => {
    app = await fromTemplate(template)
    const evil = {
      get username(): string {
        throw new Error('boom at /home/user/secret/path')
      },
      password: 'x',
    }
    const r = await app.core.handle(MAIN, 'session:unlock', evil)
    const e = expectError(r, 'INTERNAL', /^Something went wrong inside Zhangfang\.$/)
    expect(JSON.stringify(e)).not.toMatch(/boom|secret|\bat\b/)
  })
})

describe('session checks', () => {
  it('every call that needs a session answers LOCKED while locked, whatever the payload', async () => {
    app = await fromTemplate(template)
    const before = await snapshot(app.dataDir)
    const needing = CHANNELS.filter((c) => contract[c].access !== 'public')
    expect(needing.length).toBeGreaterThan(5)
    for (const c of needing) {
      for (const payload of [{}, { userId: template.adminId }, null]) {
        expectError(await app.core.handle(MAIN, c, payload), 'LOCKED', /^Zhangfang is locked\. Unlock to continue\.$/)
      }
    }
    expect(await snapshot(app.dataDir)).toEqual(before)
  })

  it('a user who must change the password gets PASSWORD_CHANGE_REQUIRED for everything but lock, touch and the change', async () => {
    app = await fromTemplate(template)
    await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    const temp = 'Fresh-Temporary-Pass-88'
    await app.must('users:create', { username: 'new.kuaiji', displayName: '新会计', role: 'bookkeeper', temporaryPassword: temp })
    const s = await app.must('session:unlock', { username: 'new.kuaiji', password: temp })
    expect(s.mustChangePassword).toBe(true)
    for (const c of CHANNELS.filter((x) => contract[x].access === 'session')) {
      expectError(await app.core.handle(MAIN, c, {}), 'PASSWORD_CHANGE_REQUIRED', /^Set your own password before continuing\.$/)
    }
    await refused(app, 'users:list', {}, 'PASSWORD_CHANGE_REQUIRED')
    expect(await app.must('session:touch', {})).toEqual({})
    expect((await app.must('app:getState', {})).session).toMatchObject({ username: 'new.kuaiji', mustChangePassword: true })
    const changed = await app.must('session:changePassword', { currentPassword: temp, newPassword: 'Brand-New-Pass-Word-61' })
    expect(changed.mustChangePassword).toBe(false)
    expect(await app.must('settings:get', {})).toEqual({ idleLockMinutes: 10, vaultMaxFileMb: 50 })
  })
})

describe('permission check', () => {
  it('a bookkeeper calling admin calls → FORBIDDEN; nothing changes but one access.denied event per call', async () => {
    app = await fromTemplate(template)
    await app.must('session:unlock', { username: BOOKKEEPER.username, password: BOOKKEEPER_PASSWORD })
    const db = await openFirmDb(app.dataDir, template.firmKey)
    try {
      const seq = await lastSeq(db)
      const users = await db.all('SELECT * FROM users ORDER BY id')
      const settings = await db.all('SELECT * FROM settings ORDER BY key')
      const keyringBefore = await readFile(join(app.dataDir, 'keyring.json'))
      const attempts: [string, unknown][] = [
        ['users:create', { username: 'evil.admin', displayName: '坏人', role: 'admin', temporaryPassword: 'Temporary-Pass-2026!' }],
        ['settings:update', { idleLockMinutes: 240 }],
        ['users:list', {}],
        ['users:disable', { userId: template.adminId }],
        ['users:enable', { userId: template.adminId }],
        ['audit:verifyFirm', {}],
      ]
      for (const [channel, payload] of attempts) {
        expectError(await app.core.handle(MAIN, channel, payload), 'FORBIDDEN', /^Your role does not allow this\.$/)
      }
      expect(await db.all('SELECT * FROM users ORDER BY id')).toEqual(users)
      expect(await db.all('SELECT * FROM settings ORDER BY key')).toEqual(settings)
      expect((await readFile(join(app.dataDir, 'keyring.json'))).equals(keyringBefore)).toBe(true)
      const added = await auditRows(db, seq)
      expect(added.map((r) => [r.action, r.outcome, r.target, r.actor_name])).toEqual(
        attempts.map(([c]) => ['access.denied', 'denied', `call:${c}`, BOOKKEEPER.username]),
      )
      expect(JSON.parse(added[0].details)).toEqual({ permission: 'users:manage' })
      expect(JSON.parse(added[1].details)).toEqual({ permission: 'settings:manage' })
      // what a bookkeeper may do still works
      expect(await app.must('settings:get', {})).toEqual({ idleLockMinutes: 10, vaultMaxFileMb: 50 })
    } finally {
      await db.close()
    }
  })

  it('answers only codes from the closed union', async () => {
    app = await fromTemplate(template)
    for (const c of CHANNELS) {
      const r = await app.core.handle(MAIN, c, { definitely: 'not valid' })
      expect(r.ok, c).toBe(false)
      if (!r.ok) expect(ERROR_CODES, c).toContain(r.error.code)
    }
  })
})
