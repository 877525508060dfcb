import { describe, expect, it } from 'vitest'
import { createSessionStore, TOUCH_INTERVAL_MS } from '../../../src/renderer/src/stores/sessionStore'
import type { Result } from '../../../src/shared/ipc/result'
import type { SessionInfo } from '../../../src/shared/ipc/contract'
import { adminSession, createFakeApi, deferred, fail, ok } from './fakeApi'

function setup(now = () => 0) {
  const fake = createFakeApi()
  const store = createSessionStore(fake.api, { now })
  return { ...fake, store }
}

describe('session store: load', () => {
  it('shows the setup wizard when no firm exists', async () => {
    const { api, store } = setup()
    api.app.getState.mockResolvedValueOnce(ok({ setUp: false, session: null }))
    await store.getState().load()
    expect(api.app.getState).toHaveBeenCalledWith({})
    expect(store.getState().phase).toBe('setup')
  })

  it('shows the unlock screen when a firm exists and nobody is unlocked', async () => {
    const { store } = setup()
    await store.getState().load()
    expect(store.getState()).toMatchObject({ phase: 'locked', session: null, lockReason: null })
  })

  it('resumes an open session', async () => {
    const { api, store } = setup()
    api.app.getState.mockResolvedValueOnce(ok({ setUp: true, session: adminSession }))
    await store.getState().load()
    expect(store.getState()).toMatchObject({ phase: 'unlocked', session: adminSession })
  })

  it('keeps the loading phase with the error when main cannot answer', async () => {
    const { api, store } = setup()
    api.app.getState.mockResolvedValueOnce(fail('CORRUPT_DATA'))
    await store.getState().load()
    expect(store.getState().phase).toBe('loading')
    expect(store.getState().errors.load?.code).toBe('CORRUPT_DATA')
  })

  it('turns a rejected transport promise into INTERNAL instead of throwing', async () => {
    const { api, store } = setup()
    api.app.getState.mockRejectedValueOnce(new Error('pipe closed'))
    await store.getState().load()
    expect(store.getState().errors.load).toMatchObject({ code: 'INTERNAL' })
  })
})

describe('session store: unlock, recover, change password', () => {
  it('unlocks with exactly username and password, and keeps no password in state', async () => {
    const { api, store } = setup()
    await store.getState().load()
    expect(await store.getState().unlock('wangfang', 'correct horse battery')).toBe(true)
    expect(api.session.unlock).toHaveBeenCalledTimes(1)
    expect(api.session.unlock).toHaveBeenCalledWith({ username: 'wangfang', password: 'correct horse battery' })
    expect(store.getState()).toMatchObject({ phase: 'unlocked', session: adminSession, pending: null })
    expect(JSON.stringify(store.getState())).not.toContain('correct horse battery')
  })

  it('stays locked and keeps the error on a wrong password', async () => {
    const { api, store } = setup()
    await store.getState().load()
    api.session.unlock.mockResolvedValueOnce(fail('WRONG_PASSWORD'))
    expect(await store.getState().unlock('wangfang', 'nope')).toBe(false)
    expect(store.getState().phase).toBe('locked')
    expect(store.getState().errors.unlock?.code).toBe('WRONG_PASSWORD')
    expect(store.getState().pending).toBeNull()
  })

  it('keeps LOCKED_OUT details so the wait can be shown, and clears the error on the next try', async () => {
    const { api, store } = setup()
    await store.getState().load()
    api.session.unlock.mockResolvedValueOnce(fail('LOCKED_OUT', { details: { retryAfterSeconds: 300 } }))
    await store.getState().unlock('wangfang', 'x')
    expect(store.getState().errors.unlock?.details?.retryAfterSeconds).toBe(300)
    const next = deferred<Result<SessionInfo>>()
    api.session.unlock.mockReturnValueOnce(next.promise)
    const p = store.getState().unlock('wangfang', 'y')
    expect(store.getState().errors.unlock).toBeUndefined()
    expect(store.getState().pending).toBe('unlock')
    next.resolve(ok(adminSession))
    await p
    expect(store.getState().phase).toBe('unlocked')
  })

  it('recovers with the recovery secret and the new password', async () => {
    const { api, store } = setup()
    await store.getState().load()
    expect(await store.getState().recover('wangfang', 'AAAA BBBB', 'new long password 42')).toBe(true)
    expect(api.session.recover).toHaveBeenCalledWith({
      username: 'wangfang',
      recoverySecret: 'AAAA BBBB',
      newPassword: 'new long password 42',
    })
    expect(store.getState().phase).toBe('unlocked')
  })

  it('reports RECOVERY_INVALID under recover, not unlock', async () => {
    const { api, store } = setup()
    await store.getState().load()
    api.session.recover.mockResolvedValueOnce(fail('RECOVERY_INVALID'))
    expect(await store.getState().recover('wangfang', 'bad', 'new long password 42')).toBe(false)
    expect(store.getState().errors).toEqual({ recover: expect.objectContaining({ code: 'RECOVERY_INVALID' }) })
  })

  it('replaces the session after a forced password change', async () => {
    const { api, store } = setup()
    api.session.unlock.mockResolvedValueOnce(ok({ ...adminSession, mustChangePassword: true }))
    await store.getState().unlock('lixiao', 'temp')
    expect(store.getState().session?.mustChangePassword).toBe(true)
    expect(await store.getState().changePassword('temp', 'a much better password')).toBe(true)
    expect(api.session.changePassword).toHaveBeenCalledWith({ currentPassword: 'temp', newPassword: 'a much better password' })
    expect(store.getState().session?.mustChangePassword).toBe(false)
  })

  it('keeps PASSWORD_POLICY problems from a password change', async () => {
    const { api, store } = setup()
    await store.getState().unlock('wangfang', 'pw')
    api.session.changePassword.mockResolvedValueOnce(fail('PASSWORD_POLICY', { details: { problems: 'too-short,too-weak' } }))
    expect(await store.getState().changePassword('pw', 'short')).toBe(false)
    expect(store.getState().errors.changePassword?.details?.problems).toBe('too-short,too-weak')
    expect(store.getState().phase).toBe('unlocked')
  })
})

describe('session store: locking', () => {
  it('locks on request, forgets the session and says it was manual', async () => {
    const { api, store } = setup()
    await store.getState().unlock('wangfang', 'pw')
    await store.getState().lock()
    expect(api.session.lock).toHaveBeenCalledWith({})
    expect(store.getState()).toMatchObject({ phase: 'locked', session: null, lockReason: 'manual', lastUsername: 'wangfang' })
  })

  it('keeps the reason main gave when its event arrives before the lock answer', async () => {
    const { api, store } = setup()
    await store.getState().unlock('wangfang', 'pw')
    api.session.lock.mockImplementationOnce(async () => {
      store.getState().markLocked('os-lock')
      return ok({})
    })
    await store.getState().lock()
    expect(store.getState().lockReason).toBe('os-lock')
  })

  it('remembers the idle minutes in force for an idle lock', async () => {
    const { store } = setup()
    await store.getState().unlock('wangfang', 'pw')
    store.getState().markLocked('idle')
    expect(store.getState()).toMatchObject({ phase: 'locked', lockReason: 'idle', lockIdleMinutes: 10, session: null })
  })

  it('drops the answer of a password change that returns after the lock', async () => {
    const { api, store } = setup()
    await store.getState().unlock('wangfang', 'pw')
    const late = deferred<Result<SessionInfo>>()
    api.session.changePassword.mockReturnValueOnce(late.promise)
    const p = store.getState().changePassword('pw', 'another long password')
    store.getState().markLocked('idle')
    late.resolve(ok(adminSession))
    expect(await p).toBe(false)
    expect(store.getState()).toMatchObject({ phase: 'locked', session: null })
  })

  it('ignores a lock event while the firm is still being set up', async () => {
    const { api, store } = setup()
    api.app.getState.mockResolvedValueOnce(ok({ setUp: false, session: null }))
    await store.getState().load()
    store.getState().markLocked('idle')
    expect(store.getState().phase).toBe('setup')
  })

  it('reset() returns to the initial state', async () => {
    const { store } = setup()
    await store.getState().unlock('wangfang', 'pw')
    store.getState().reset()
    expect(store.getState()).toMatchObject({ phase: 'loading', session: null, lockReason: null, lastUsername: '', errors: {} })
  })
})

describe('session store: activity', () => {
  it('reports activity at most once every 30 seconds, and only while unlocked', async () => {
    let t = 1_000_000
    const { api, store } = setup(() => t)
    store.getState().touch()
    expect(api.session.touch).not.toHaveBeenCalled() // nothing to keep alive yet
    await store.getState().unlock('wangfang', 'pw')
    t += 1_000
    store.getState().touch()
    expect(api.session.touch).not.toHaveBeenCalled() // the unlock itself just restarted the idle count
    t += TOUCH_INTERVAL_MS
    store.getState().touch()
    store.getState().touch()
    expect(api.session.touch).toHaveBeenCalledTimes(1)
    expect(api.session.touch).toHaveBeenCalledWith({})
    t += TOUCH_INTERVAL_MS - 1
    store.getState().touch()
    expect(api.session.touch).toHaveBeenCalledTimes(1)
    t += 1
    store.getState().touch()
    expect(api.session.touch).toHaveBeenCalledTimes(2)
    await store.getState().lock()
    t += TOUCH_INTERVAL_MS
    store.getState().touch()
    expect(api.session.touch).toHaveBeenCalledTimes(2)
  })

  it('treats a LOCKED answer to touch as a lock', async () => {
    let t = 0
    const { api, store } = setup(() => t)
    await store.getState().unlock('wangfang', 'pw')
    api.session.touch.mockResolvedValueOnce(fail('LOCKED'))
    t += TOUCH_INTERVAL_MS
    store.getState().touch()
    await Promise.resolve()
    await Promise.resolve()
    expect(store.getState().phase).toBe('locked')
  })
})
