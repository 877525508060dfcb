import { describe, expect, it } from 'vitest'
import { createAuditStore } from '../../../src/renderer/src/stores/auditStore'
import { createSettingsStore } from '../../../src/renderer/src/stores/settingsStore'
import { createFakeApi, fail, ok } from './fakeApi'

describe('settings store', () => {
  it('loads and saves the idle minutes', async () => {
    const { api } = createFakeApi()
    const store = createSettingsStore(api.settings)
    await store.getState().load()
    expect(api.settings.get).toHaveBeenCalledWith({})
    expect(store.getState().settings).toEqual({ idleLockMinutes: 10, vaultMaxFileMb: 50 })
    expect(await store.getState().save({ idleLockMinutes: 15 })).toBe(true)
    expect(api.settings.update).toHaveBeenCalledWith({ idleLockMinutes: 15 })
    expect(store.getState()).toMatchObject({ settings: { idleLockMinutes: 15 }, saved: true, saving: false })
    store.getState().markDirty()
    expect(store.getState().saved).toBe(false)
  })

  it('keeps INVALID_INPUT issues and the previous settings', async () => {
    const { api } = createFakeApi()
    const store = createSettingsStore(api.settings)
    await store.getState().load()
    api.settings.update.mockResolvedValueOnce(
      fail('INVALID_INPUT', { issues: [{ path: 'idleLockMinutes', message: 'Too big' }] }),
    )
    expect(await store.getState().save({ idleLockMinutes: 999 })).toBe(false)
    expect(store.getState().saveError?.issues).toEqual([{ path: 'idleLockMinutes', message: 'Too big' }])
    expect(store.getState()).toMatchObject({ settings: { idleLockMinutes: 10 }, saved: false })
  })

  it('reset() forgets everything', async () => {
    const { api } = createFakeApi()
    const store = createSettingsStore(api.settings)
    await store.getState().load()
    store.getState().reset()
    expect(store.getState()).toMatchObject({ settings: null, saved: false, saveError: null, loadError: null })
  })
})

describe('audit store', () => {
  it('verifies the firm chain', async () => {
    const { api } = createFakeApi()
    const store = createAuditStore(api.audit)
    await store.getState().verify()
    expect(api.audit.verifyFirm).toHaveBeenCalledWith({})
    expect(store.getState()).toMatchObject({ verifying: false, result: { ok: true, count: 3 } })
  })

  it('keeps a broken chain result and FORBIDDEN errors apart', async () => {
    const { api } = createFakeApi()
    const store = createAuditStore(api.audit)
    api.audit.verifyFirm.mockResolvedValueOnce(
      ok({ ok: false, count: 7, head: null, firstBad: { seq: 4, reason: 'edited', message: 'hash mismatch' } }),
    )
    await store.getState().verify()
    expect(store.getState().result?.firstBad?.seq).toBe(4)
    api.audit.verifyFirm.mockResolvedValueOnce(fail('FORBIDDEN'))
    await store.getState().verify()
    expect(store.getState()).toMatchObject({ result: null, error: { code: 'FORBIDDEN' } })
    store.getState().reset()
    expect(store.getState()).toMatchObject({ result: null, error: null, verifying: false })
  })
})
