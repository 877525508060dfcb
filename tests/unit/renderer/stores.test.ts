import { describe, expect, it } from 'vitest'
import { createStores } from '../../../src/renderer/src/stores'
import { adminSession, createFakeApi } from './fakeApi'

async function unlockedStores() {
  const fake = createFakeApi()
  const stores = createStores(fake.api)
  await stores.session.getState().unlock('wangfang', 'pw')
  await stores.users.getState().load()
  await stores.settings.getState().load()
  await stores.audit.getState().verify()
  return { ...fake, stores }
}

describe('createStores wiring', () => {
  it('on session:locked resets every store and shows the unlock screen with the reason', async () => {
    const { stores, emit } = await unlockedStores()
    expect(stores.users.getState().users.length).toBeGreaterThan(0)
    emit('session:locked', { reason: 'idle' })
    expect(stores.session.getState()).toMatchObject({ phase: 'locked', lockReason: 'idle', session: null, lockIdleMinutes: 10 })
    expect(stores.users.getState()).toMatchObject({ users: [], loaded: false })
    expect(stores.settings.getState().settings).toBeNull()
    expect(stores.audit.getState().result).toBeNull()
    expect(stores.setup.getState().recoveryGroups).toEqual([])
  })

  it('the lock button also clears feature data', async () => {
    const { stores } = await unlockedStores()
    await stores.session.getState().lock()
    expect(stores.session.getState().lockReason).toBe('manual')
    expect(stores.users.getState().users).toEqual([])
    expect(stores.settings.getState().settings).toBeNull()
  })

  it('completing setup opens the admin session', async () => {
    const { api } = createFakeApi()
    api.app.getState.mockResolvedValueOnce({ ok: true, value: { setUp: false, session: null } })
    const stores = createStores(api)
    await stores.session.getState().load()
    await stores.setup.getState().begin({ firmName: 'F', adminUsername: 'wangfang', adminDisplayName: 'W', password: 'p' })
    await stores.setup.getState().complete(['BBBB', 'DDDD'])
    expect(stores.session.getState()).toMatchObject({ phase: 'unlocked', session: adminSession })
  })

  it('a settings change updates the idle minutes a later idle lock will mention', async () => {
    const { stores, emit } = await unlockedStores()
    await stores.settings.getState().save({ idleLockMinutes: 25 })
    expect(stores.session.getState().session?.idleLockMinutes).toBe(25)
    emit('session:locked', { reason: 'idle' })
    expect(stores.session.getState().lockIdleMinutes).toBe(25)
  })

  it('dispose() unsubscribes from main', async () => {
    const { stores, listenerCount } = await unlockedStores()
    expect(listenerCount('session:locked')).toBe(1)
    stores.dispose()
    expect(listenerCount('session:locked')).toBe(0)
  })
})
