// Idle auto-lock: after idleLockMinutes without a call from the window, tick() locks with reason 'idle'
// and tells the window; activity postpones it; the admin's setting changes the minutes for everyone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type TestApp } from '../helpers/harness'
import { BOOKKEEPER, auditRows, fromTemplate, makeTemplate, openFirmDb, refused, type FirmTemplate } from '../helpers/firm'

let template: FirmTemplate
beforeAll(async () => {
  template = await makeTemplate({ bookkeeper: 'temporary' })
})
afterAll(async () => template?.dispose())

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const MIN = 60_000
const lockedEvents = (a: TestApp) => a.events.filter((e) => e.event === 'session:locked')

describe('idle auto-lock', () => {
  it('locks exactly at idleLockMinutes with reason idle; then every session call answers LOCKED', async () => {
    app = await fromTemplate(template)
    const s = await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    expect(s.idleLockMinutes).toBe(10)
    app.clock.advance(10 * MIN - 1)
    await app.core.tick()
    expect(lockedEvents(app)).toEqual([])
    app.clock.advance(1)
    await app.core.tick()
    expect(lockedEvents(app)).toEqual([{ event: 'session:locked', payload: { reason: 'idle' } }])
    await refused(app, 'users:list', {}, 'LOCKED')
    await refused(app, 'session:touch', {}, 'LOCKED')
    expect(await app.must('app:getState', {})).toEqual({ setUp: true, session: null })
    // ticking while locked does nothing more
    app.clock.advance(60 * MIN)
    await app.core.tick()
    expect(lockedEvents(app)).toHaveLength(1)

    await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    const db = await openFirmDb(app.dataDir, template.firmKey)
    try {
      const locks = (await auditRows(db)).filter((r) => r.action === 'session.lock').map((r) => JSON.parse(r.details).reason)
      expect(locks.at(-1)).toBe('idle')
    } finally {
      await db.close()
    }
  })

  it('activity (session:touch or any call) postpones the lock', async () => {
    app = await fromTemplate(template)
    await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    app.clock.advance(9 * MIN)
    await app.must('session:touch', {})
    app.clock.advance(9 * MIN)
    await app.core.tick()
    await app.must('settings:get', {})
    app.clock.advance(9 * MIN)
    await app.core.tick()
    expect(lockedEvents(app)).toEqual([])
    app.clock.advance(1 * MIN)
    await app.core.tick()
    expect(lockedEvents(app)).toEqual([{ event: 'session:locked', payload: { reason: 'idle' } }])
    await refused(app, 'settings:get', {}, 'LOCKED')
  })

  it('settings:update changes the minutes now and for later sessions; out-of-range values are refused', async () => {
    app = await fromTemplate(template)
    await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    for (const idleLockMinutes of [0, 241, 2.5, -1]) {
      const e = await refused(app, 'settings:update', { idleLockMinutes }, 'INVALID_INPUT')
      expect(e.issues?.[0]?.path).toBe('idleLockMinutes')
    }
    expect(await app.must('settings:update', { idleLockMinutes: 3 })).toEqual({ idleLockMinutes: 3, vaultMaxFileMb: 50 })
    expect((await app.must('app:getState', {})).session?.idleLockMinutes).toBe(3)
    app.clock.advance(3 * MIN)
    await app.core.tick()
    expect(lockedEvents(app)).toEqual([{ event: 'session:locked', payload: { reason: 'idle' } }])

    // the bookkeeper's next session uses the firm setting (even before their first password change)
    const s = await app.must('session:unlock', { username: BOOKKEEPER.username, password: BOOKKEEPER.temporaryPassword })
    expect(s.idleLockMinutes).toBe(3)
    await app.must('session:touch', {})
    app.clock.advance(3 * MIN - 1)
    await app.core.tick()
    expect(lockedEvents(app)).toHaveLength(1)
    app.clock.advance(1)
    await app.core.tick()
    expect(lockedEvents(app)).toHaveLength(2)
  })

  it('locks from outside (OS lock, suspend) with their reasons', async () => {
    app = await fromTemplate(template)
    await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    await app.core.lock('os-lock')
    expect(lockedEvents(app)).toEqual([{ event: 'session:locked', payload: { reason: 'os-lock' } }])
    await refused(app, 'users:list', {}, 'LOCKED')
    // locking again while locked emits nothing
    await app.core.lock('suspend')
    expect(lockedEvents(app)).toHaveLength(1)
  })
})
