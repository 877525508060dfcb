// Who may see which client: an unassigned user sees nothing of a client and every ledger call naming it
// answers FORBIDDEN (audited); unassignment rekeys the client's database.
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/contract'
import { openEncrypted } from '../../../src/main/db/connection'
import { clientDbKey } from '../../../src/main/ledger/clientKeys'
import { line, ledgerWorld, type LedgerWorld } from './fixtures'

let w: LedgerWorld
afterEach(async () => w?.app.dispose())

/** A valid input for every call that names a client. */
function examples(clientId: string, userId: string): Partial<Record<Channel, unknown>> {
  const range = { clientId, from: '2026-01', to: '2026-01' }
  return {
    'clients:assignments': { clientId },
    'clients:assign': { clientId, userId },
    'clients:unassign': { clientId, userId },
    'accounts:list': { clientId },
    'accounts:create': { clientId, parentCode: '1002', code: '100201', name: '工商银行' },
    'accounts:update': { clientId, code: '1001', name: '现金' },
    'auxItems:list': { clientId },
    'auxItems:create': { clientId, type: 'customer', code: 'C01', name: '客户甲' },
    'opening:get': { clientId },
    'opening:save': { clientId, rows: [] },
    'vouchers:save': { clientId, type: '记', date: '2026-01-05', attachments: 0, lines: [line('1001', 100, 0), line('1002', 0, 100)] },
    'vouchers:get': { clientId, id: 1 },
    'vouchers:list': { clientId },
    'vouchers:delete': { clientId, id: 1 },
    'vouchers:review': { clientId, ids: [1] },
    'vouchers:unreview': { clientId, ids: [1] },
    'vouchers:post': { clientId, ids: [1] },
    'vouchers:reviewPeriod': { clientId, period: '2026-01' },
    'vouchers:postPeriod': { clientId, period: '2026-01' },
    'vouchers:reverse': { clientId, id: 1, date: '2026-01-06' },
    'vouchers:renumber': { clientId, period: '2026-01' },
    'periods:list': { clientId },
    'periods:carryForward': { clientId, period: '2026-01' },
    'periods:yearEnd': { clientId, period: '2026-12' },
    'periods:checkClose': { clientId, period: '2026-01' },
    'periods:close': { clientId, period: '2026-01' },
    'periods:reopen': { clientId, period: '2026-01', reason: '测试' },
    'reports:trialBalance': range,
    'reports:detailLedger': { ...range, accountCode: '1002' },
    'reports:generalLedger': { ...range, accountCode: '1002' },
    'reports:journal': range,
    'reports:auxBalance': { ...range, accountCode: '1122', type: 'customer' },
    'ledger:check': { clientId },
  }
}

describe('client confidentiality', () => {
  it('an unassigned bookkeeper sees nothing of the client and is refused, audited, for every call', async () => {
    w = await ledgerWorld()
    const { app, clientId } = w
    await w.as('li')
    await app.must('vouchers:save', { clientId, type: '记', date: '2026-01-05', attachments: 0, lines: [line('1001', 100, 0), line('1002', 0, 100)] })
    await w.as('wang')
    expect((await app.must('clients:list', {})).clients).toEqual([])
    expect((await app.must('clients:list', { query: '杭州' })).clients).toEqual([])
    const ex = examples(clientId, w.users.li)
    const scoped = CHANNELS.filter((c) => c in ex)
    // every call of the contract that names a client is covered here
    expect(CHANNELS.filter((c) => /^(clients|accounts|auxItems|opening|vouchers|periods|reports|ledger):/.test(c) && !['clients:list', 'clients:create'].includes(c)).sort()).toEqual(scoped.sort())
    for (const channel of scoped) {
      const r = await app.call(channel, ex[channel] as never)
      expect({ channel, r }).toMatchObject({ channel, r: { ok: false, error: { code: 'FORBIDDEN' } } })
    }
    // a client that does not exist answers the same: nothing leaks about existence
    expect(await app.call('vouchers:list', { clientId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // each refusal is in the firm's audit chain (role refusals as access.denied, the rest as client.access-denied)
    const denied = await app.core.internals.auth.current!.firmDb.all<{ action: string; target: string }>(
      "SELECT action, target FROM audit_events WHERE outcome = 'denied' AND actor_name = 'wang' AND action IN ('access.denied', 'client.access-denied')",
    )
    expect(denied).toHaveLength(scoped.length + 1)
    await w.as('admin')
    const audit = await app.must('audit:verifyFirm', {})
    expect(audit.ok).toBe(true)
    // nothing of the client was changed by the refused calls
    await w.as('li')
    const list = await app.must('vouchers:list', { clientId })
    expect(list.total).toBe(1)
    expect((await app.must('accounts:list', { clientId })).accounts.some((a) => a.code === '100201')).toBe(false)
  })

  it('unassigning rekeys the client database: the old key no longer opens it', async () => {
    w = await ledgerWorld()
    const { app, clientId } = w
    await w.as('li')
    await app.must('vouchers:save', { clientId, type: '记', date: '2026-01-05', attachments: 0, lines: [line('1001', 100, 0), line('1002', 0, 100)] })
    const oldKey = Buffer.from(app.core.internals.auth.current!.clients.get(clientId)!.key)
    await w.as('admin')
    const after = await app.must('clients:unassign', { clientId, userId: w.users.li })
    expect(after.users.find((u) => u.username === 'li')?.assigned).toBe(false)
    expect(after.users.find((u) => u.username === 'zhang')?.assigned).toBe(true)
    const path = join(app.dataDir, 'clients', `${clientId}.db`)
    const oldDbKey = clientDbKey(oldKey)
    await expect(openEncrypted(path, oldDbKey, { create: false, label: 'client' })).rejects.toMatchObject({ code: 'CORRUPT_DATA' })
    // the bookkeeper lost access; the supervisor keeps it and the data is intact
    await w.as('li')
    expect((await app.must('clients:list', {})).clients).toEqual([])
    expect(await app.call('vouchers:list', { clientId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await w.as('zhang')
    expect((await app.must('vouchers:list', { clientId })).total).toBe(1)
    // reassigning seals the new key to the bookkeeper again
    await w.as('admin')
    await app.must('clients:assign', { clientId, userId: w.users.li })
    await w.as('li')
    expect((await app.must('vouchers:list', { clientId })).total).toBe(1)
  })

  it('refuses an invalid or duplicate 统一社会信用代码 and writes nothing', async () => {
    w = await ledgerWorld()
    const { app } = w
    await w.as('zhang')
    const base = { name: '另一家公司', standard: 'small' as const, firstPeriod: '2026-01', codingScheme: '4-2-2' as const, voucherTypes: 'three' as const }
    expect(await app.call('clients:create', { ...base, uscc: '91350100M000100Y44' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { problem: 'checksum' } } })
    expect(await app.call('clients:create', { ...base, uscc: '91350100M000100Y43' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await app.must('clients:list', {})).clients).toHaveLength(1)
    // a bookkeeper may not create clients at all
    await w.as('li')
    expect(await app.call('clients:create', { ...base, uscc: '914403001922038216' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
