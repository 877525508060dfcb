import { describe, expect, it } from 'vitest'
import { createUsersStore } from '../../../src/renderer/src/stores/usersStore'
import type { UserSummary } from '../../../src/shared/ipc/contract'
import type { Result } from '../../../src/shared/ipc/result'
import { createFakeApi, deferred, fail, ok, user, uuid } from './fakeApi'

function setup() {
  const fake = createFakeApi()
  return { ...fake, store: createUsersStore(fake.api.users) }
}

describe('users store', () => {
  it('loads the list', async () => {
    const { api, store } = setup()
    await store.getState().load()
    expect(api.users.list).toHaveBeenCalledWith({})
    expect(store.getState().users.map((u) => u.username)).toEqual(['wangfang', 'lixiao'])
    expect(store.getState()).toMatchObject({ loaded: true, loading: false, loadError: null })
  })

  it('keeps FORBIDDEN from the list', async () => {
    const { api, store } = setup()
    api.users.list.mockResolvedValueOnce(fail('FORBIDDEN'))
    await store.getState().load()
    expect(store.getState()).toMatchObject({ loaded: false, users: [] })
    expect(store.getState().loadError?.code).toBe('FORBIDDEN')
  })

  it('creates a user with one call, appends it and keeps no temporary password', async () => {
    const { api, store } = setup()
    await store.getState().load()
    const input = { username: 'zhaolei', displayName: '赵磊', role: 'supervisor' as const, temporaryPassword: 'RT4h-m36J-gExc-Z5KP' }
    const created = await store.getState().create(input)
    expect(api.users.create).toHaveBeenCalledTimes(1)
    expect(api.users.create).toHaveBeenCalledWith(input)
    expect(api.users.list).toHaveBeenCalledTimes(1) // no reload
    expect(created?.username).toBe('zhaolei')
    expect(store.getState().users.map((u) => u.username)).toEqual(['wangfang', 'lixiao', 'zhaolei'])
    expect(JSON.stringify(store.getState())).not.toContain('RT4h-m36J-gExc-Z5KP')
  })

  it('keeps CONFLICT from create and changes nothing', async () => {
    const { api, store } = setup()
    await store.getState().load()
    api.users.create.mockResolvedValueOnce(fail('CONFLICT'))
    expect(await store.getState().create({ username: 'lixiao', displayName: 'x', role: 'auditor', temporaryPassword: 'p' })).toBeNull()
    expect(store.getState().createError?.code).toBe('CONFLICT')
    expect(store.getState().users).toHaveLength(2)
    store.getState().clearCreateError()
    expect(store.getState().createError).toBeNull()
  })

  it('disables and enables by target user id, replacing the row', async () => {
    const { api, store } = setup()
    await store.getState().load()
    await store.getState().disable(uuid(2))
    expect(api.users.disable).toHaveBeenCalledWith({ userId: uuid(2) })
    expect(store.getState().users.find((u) => u.id === uuid(2))?.status).toBe('disabled')
    await store.getState().enable(uuid(2))
    expect(api.users.enable).toHaveBeenCalledWith({ userId: uuid(2) })
    expect(store.getState().users.find((u) => u.id === uuid(2))?.status).toBe('active')
    expect(store.getState().busyUserId).toBeNull()
  })

  it('marks the row busy while disabling and keeps CONFLICT (last admin) as the action error', async () => {
    const { api, store } = setup()
    await store.getState().load()
    const answer = deferred<Result<UserSummary>>()
    api.users.disable.mockReturnValueOnce(answer.promise)
    const p = store.getState().disable(uuid(1))
    expect(store.getState().busyUserId).toBe(uuid(1))
    answer.resolve(fail('CONFLICT'))
    expect(await p).toBeNull()
    expect(store.getState()).toMatchObject({ busyUserId: null, actionError: expect.objectContaining({ code: 'CONFLICT' }) })
    expect(store.getState().users.find((u) => u.id === uuid(1))?.status).toBe('active')
  })

  it('drops a list that arrives after reset (the app locked meanwhile)', async () => {
    const { api, store } = setup()
    const late = deferred<Result<{ users: UserSummary[] }>>()
    api.users.list.mockReturnValueOnce(late.promise)
    const p = store.getState().load()
    store.getState().reset()
    late.resolve(ok({ users: [user(5, 'secret')] }))
    await p
    expect(store.getState()).toMatchObject({ users: [], loaded: false, loading: false })
  })
})
