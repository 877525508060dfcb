import { describe, expect, it, vi } from 'vitest'
import { createSetupStore } from '../../../src/renderer/src/stores/setupStore'
import { adminSession, createFakeApi, fail } from './fakeApi'

const firm = { firmName: ' 明诚财务 ', adminUsername: 'wangfang', adminDisplayName: '王芳', password: 'Qing-shan 7 ledger rivers' }

function setup() {
  const fake = createFakeApi()
  const onComplete = vi.fn()
  const store = createSetupStore(fake.api.setup, { onComplete, now: () => new Date('2025-11-23T08:00:00Z') })
  return { ...fake, store, onComplete }
}

describe('setup store', () => {
  it('shows the recovery kit after setup:begin', async () => {
    const { api, store } = setup()
    expect(await store.getState().begin(firm)).toBe(true)
    expect(api.setup.begin).toHaveBeenCalledWith(firm)
    expect(store.getState()).toMatchObject({
      step: 'kit',
      firmName: '明诚财务',
      recoveryGroups: ['AAAA', 'BBBB', 'CCCC', 'DDDD'],
      confirmGroups: [2, 4],
      generatedAt: '2025-11-23T08:00:00.000Z',
      error: null,
    })
  })

  it('stays on the form with PASSWORD_POLICY and nothing generated', async () => {
    const { api, store } = setup()
    api.setup.begin.mockResolvedValueOnce(fail('PASSWORD_POLICY', { details: { problems: 'too-short' } }))
    expect(await store.getState().begin(firm)).toBe(false)
    expect(store.getState()).toMatchObject({ step: 'firm', recoveryGroups: [], pending: false })
    expect(store.getState().error?.code).toBe('PASSWORD_POLICY')
  })

  it('moves kit → confirm and back', async () => {
    const { store } = setup()
    store.getState().acknowledgeKit()
    expect(store.getState().step).toBe('firm') // no kit yet
    await store.getState().begin(firm)
    store.getState().acknowledgeKit()
    expect(store.getState().step).toBe('confirm')
    store.getState().showKitAgain()
    expect(store.getState().step).toBe('kit')
  })

  it('sends the typed groups in the order of confirmGroups, trimmed, and stays on RECOVERY_INVALID', async () => {
    const { api, store, onComplete } = setup()
    await store.getState().begin(firm)
    store.getState().acknowledgeKit()
    api.setup.complete.mockResolvedValueOnce(fail('RECOVERY_INVALID'))
    expect(await store.getState().complete([' BBBB ', 'XXXX'])).toBe(false)
    expect(api.setup.complete).toHaveBeenCalledWith({ confirmation: ['BBBB', 'XXXX'] })
    expect(store.getState()).toMatchObject({ step: 'confirm', recoveryGroups: ['AAAA', 'BBBB', 'CCCC', 'DDDD'] })
    expect(store.getState().error?.code).toBe('RECOVERY_INVALID')
    expect(onComplete).not.toHaveBeenCalled()
  })

  it('hands the session on and forgets the kit once setup completes', async () => {
    const { store, onComplete } = setup()
    await store.getState().begin(firm)
    store.getState().acknowledgeKit()
    expect(await store.getState().complete(['BBBB', 'DDDD'])).toBe(true)
    expect(onComplete).toHaveBeenCalledWith(adminSession)
    expect(store.getState()).toMatchObject({ step: 'firm', recoveryGroups: [], confirmGroups: [] })
  })

  it('reset() forgets the kit', async () => {
    const { store } = setup()
    await store.getState().begin(firm)
    store.getState().reset()
    expect(store.getState()).toMatchObject({ step: 'firm', recoveryGroups: [], firmName: '', error: null })
  })
})
