// Unlock lockout: five failures lock a username out (1 min, then 5 min, …), even for the right password,
// across restarts; unknown usernames look exactly like wrong passwords; every failed or refused attempt
// reaches the firm audit chain, in order, at the next successful unlock.
import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AuditRow } from '../../../src/main/audit/chain'
import { readKeyring, usernameTag } from '../../../src/main/keys/keyring'
import { MAX_PENDING } from '../../../src/main/auth/unlockState'
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

const WRONG = { username: ADMIN.username, password: 'Not-The-Password-1' }
const RIGHT = { username: ADMIN.username, password: ADMIN.password }
const SECOND = 1000

async function wrongTimes(a: TestApp, n: number, creds = WRONG) {
  for (let i = 0; i < n; i++) {
    a.clock.advance(SECOND)
    const e = await refused(a, 'session:unlock', creds, 'WRONG_PASSWORD')
    expect(e.message).toBe('The username or password is wrong.')
    expect(e.details).toBeUndefined()
  }
}

async function unlockEvents(a: TestApp, since: string): Promise<AuditRow[]> {
  const db = await openFirmDb(a.dataDir, template.firmKey)
  try {
    return (await auditRows(db)).filter((r) => r.action === 'session.unlock' && r.at >= since)
  } finally {
    await db.close()
  }
}

describe('lockout after five failures', () => {
  it('locks for 60 s even for the right password, persists across a restart, lifts after the wait, and audits every attempt in order', async () => {
    app = await fromTemplate(template)
    const start = app.clock.now().toISOString()
    await wrongTimes(app, 4)
    app.clock.advance(SECOND)
    const fifth = await refused(app, 'session:unlock', WRONG, 'LOCKED_OUT', /Too many failed attempts\. Try again in 1 minute/)
    expect(fifth.details).toEqual({ retryAfterSeconds: 60 })

    // the right password is refused while locked out (without revealing that it was right)
    app.clock.advance(10 * SECOND)
    const locked = await refused(app, 'session:unlock', RIGHT, 'LOCKED_OUT')
    expect(locked.details).toEqual({ retryAfterSeconds: 50 })

    // a new core on the same folder (app restart) still refuses
    await app.restart()
    expect(await app.must('app:getState', {})).toEqual({ setUp: true, session: null })
    app.clock.advance(10 * SECOND)
    expect((await refused(app, 'session:unlock', RIGHT, 'LOCKED_OUT')).details).toEqual({ retryAfterSeconds: 40 })

    app.clock.advance(41 * SECOND)
    const s = await app.must('session:unlock', RIGHT)
    expect(s.username).toBe('admin')
    expect(s.failedAttemptsSinceLastUnlock).toBe(7)

    const events = await unlockEvents(app, start)
    expect(events.map((e) => [e.target, e.outcome, JSON.parse(e.details).reason ?? JSON.parse(e.details).via])).toEqual([
      ['user:admin', 'failed', 'wrong-password'],
      ['user:admin', 'failed', 'wrong-password'],
      ['user:admin', 'failed', 'wrong-password'],
      ['user:admin', 'failed', 'wrong-password'],
      ['user:admin', 'failed', 'wrong-password'],
      ['user:admin', 'denied', 'locked-out'],
      ['user:admin', 'denied', 'locked-out'],
      ['user:admin', 'ok', 'password'],
    ])
    // in the order they happened, with the time they happened (not the time of import)
    const times = events.map((e) => e.at)
    expect([...times].sort()).toEqual(times)
    expect(new Set(times).size).toBe(times.length)
    // the failed attempts carry no actor: nobody was authenticated
    for (const e of events.slice(0, 7)) expect(e.actor_id).toBeNull()

    // the pending records are gone from unlock-state.json, and so is the lockout
    const state = JSON.parse(await readFile(join(app.dataDir, 'unlock-state.json'), 'utf8')) as { attempts: object; pending: unknown[] }
    expect(state.pending).toEqual([])
    expect(state.attempts).toEqual({})

    expect(await app.must('audit:verifyFirm', {})).toMatchObject({ ok: true, firstBad: null })
    // the next unlock reports no new failures
    await app.must('session:lock', {})
    expect((await app.must('session:unlock', RIGHT)).failedAttemptsSinceLastUnlock).toBe(0)
  })

  it('the next lockout lasts 5 minutes', async () => {
    app = await fromTemplate(template)
    await wrongTimes(app, 4)
    expect((await refused(app, 'session:unlock', WRONG, 'LOCKED_OUT')).details).toEqual({ retryAfterSeconds: 60 })
    app.clock.advance(61 * SECOND)
    // lifted: a wrong password is judged again (not LOCKED_OUT), and the count restarts
    await wrongTimes(app, 4)
    const second = await refused(app, 'session:unlock', WRONG, 'LOCKED_OUT', /Try again in 5 minute/)
    expect(second.details).toEqual({ retryAfterSeconds: 300 })
    app.clock.advance(299 * SECOND)
    expect((await refused(app, 'session:unlock', RIGHT, 'LOCKED_OUT')).details).toEqual({ retryAfterSeconds: 1 })
    app.clock.advance(SECOND)
    const s = await app.must('session:unlock', RIGHT)
    expect(s.failedAttemptsSinceLastUnlock).toBe(11)
  })

  it('is per username: a locked-out admin does not lock out the bookkeeper', async () => {
    app = await fromTemplate(template)
    await wrongTimes(app, 4)
    await refused(app, 'session:unlock', WRONG, 'LOCKED_OUT')
    const s = await app.must('session:unlock', { username: BOOKKEEPER.username, password: BOOKKEEPER.temporaryPassword })
    expect(s.username).toBe(BOOKKEEPER.username)
    expect(s.failedAttemptsSinceLastUnlock).toBe(0)
    // the username is compared case-insensitively, so case variants share the lockout
    await refused(app, 'session:unlock', { username: ' ADMIN ', password: ADMIN.password }, 'LOCKED_OUT')
  })
})

describe('unlock-state.json under a flood of refused attempts', () => {
  it('stays readable: every refused attempt answers LOCKED_OUT, never CORRUPT_DATA', async () => {
    app = await fromTemplate(template)
    const keyring = await readKeyring(app.dataDir)
    // a lockout in force, and the pending records a long stream of refused attempts has left behind
    // (placeholders in the file's own format: each refusal while locked out costs no Argon2)
    const lockedUntil = new Date(app.clock.t + 3600_000).toISOString()
    const pending = Array.from({ length: MAX_PENDING - 1 }, () => ({ id: randomUUID(), sealed: { eph: 'AAAA', nonce: 'AAAA', ct: 'AAAA' } }))
    await writeFile(
      join(app.dataDir, 'unlock-state.json'),
      JSON.stringify({ format: 1, attempts: { [usernameTag(keyring, ADMIN.username)]: { failures: 0, level: 1, lockedUntil } }, pending }),
    )
    const codes: string[] = []
    for (let i = 0; i < 3; i++) {
      app.clock.advance(SECOND)
      const r = await app.call('session:unlock', RIGHT)
      codes.push(r.ok ? 'ok' : r.error.code)
    }
    expect(codes).toEqual(['LOCKED_OUT', 'LOCKED_OUT', 'LOCKED_OUT'])
    // the file stays bounded: past the cap, refusals are counted instead of recorded one by one
    const state = JSON.parse(await readFile(join(app.dataDir, 'unlock-state.json'), 'utf8')) as { pending: unknown[]; dropped: number }
    expect(state.pending).toHaveLength(MAX_PENDING)
    expect(state.dropped).toBe(2)
  })
})

describe('unknown usernames', () => {
  it('are answered exactly like a wrong password, locked out the same way, and audited at the next unlock', async () => {
    app = await fromTemplate(template)
    const start = app.clock.now().toISOString()
    const unknown = { username: 'zhao.nobody', password: ADMIN.password }
    const wrongPw = await refused(app, 'session:unlock', WRONG, 'WRONG_PASSWORD')
    const noUser = await refused(app, 'session:unlock', unknown, 'WRONG_PASSWORD')
    expect(noUser).toEqual(wrongPw)
    await wrongTimes(app, 3, unknown)
    app.clock.advance(SECOND)
    const lockedUnknown = await refused(app, 'session:unlock', unknown, 'LOCKED_OUT')
    expect(lockedUnknown.details).toEqual({ retryAfterSeconds: 60 })

    const s = await app.must('session:unlock', RIGHT)
    // the admin's own count holds only the admin's failure
    expect(s.failedAttemptsSinceLastUnlock).toBe(1)
    const events = await unlockEvents(app, start)
    const byTarget = (t: string) => events.filter((e) => e.target === t).map((e) => e.outcome)
    expect(byTarget('user:zhao.nobody')).toEqual(['failed', 'failed', 'failed', 'failed', 'failed'])
    expect(byTarget('user:admin')).toEqual(['failed', 'ok'])
  })
})
