import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN, FIRM, startWithFirm, type TestApp } from '../helpers/harness'

let app: TestApp
afterEach(async () => app?.dispose())

describe('setup → unlock → write → lock → unlock', () => {
  it('keeps the firm across a lock and a restart', async () => {
    const started = await startWithFirm()
    app = started.app
    expect(started.session).toMatchObject({ username: 'admin', role: 'admin', firmName: FIRM, mustChangePassword: false })
    const created = await app.must('users:create', { username: 'li.kuaiji', displayName: '李会计', role: 'bookkeeper', temporaryPassword: 'Temporary-Pass-2026!' })
    expect(created).toMatchObject({ username: 'li.kuaiji', role: 'bookkeeper', mustChangePassword: true, status: 'active' })
    await app.must('session:lock', {})
    expect(app.events).toContainEqual({ event: 'session:locked', payload: { reason: 'manual' } })
    const locked = await app.call('users:list', {})
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    await app.restart()
    const state = await app.must('app:getState', {})
    expect(state).toEqual({ setUp: true, session: null })
    const s = await app.must('session:unlock', { username: 'ADMIN', password: ADMIN.password })
    expect(s.firmName).toBe(FIRM)
    const { users } = await app.must('users:list', {})
    expect(users.map((u) => u.username)).toEqual(['admin', 'li.kuaiji'])
    const v = await app.must('audit:verifyFirm', {})
    expect(v.ok).toBe(true)
    expect(v.count).toBeGreaterThan(5)
  })
})
