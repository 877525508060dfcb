import { describe, expect, it, vi } from 'vitest'
import type { CallOutput } from '../../../../src/shared/ipc/contract'
import type { Result } from '../../../../src/shared/ipc/result'
import { createOpeningStore, type OpeningApi } from '../../../../src/renderer/src/ledger/books/stores/openingStore'
import { createChartStore, type ChartApi } from '../../../../src/renderer/src/ledger/books/stores/chartStore'
import { createDetailLedgerStore } from '../../../../src/renderer/src/ledger/books/stores/reportStores'

const CLIENT = '00000000-0000-4000-8000-000000000001'
type Opening = CallOutput<'opening:get'>
const state = (over: Partial<Opening> = {}): Opening => ({ rows: [], debitTotal: 0, creditTotal: 0, ytdDebitTotal: 0, ytdCreditTotal: 0, balanced: true, locked: false, ...over })
const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value })

describe('opening balances store', () => {
  it('loads main’s rows as formatted text and saves what was typed in 分', async () => {
    const save = vi.fn((input: { rows: unknown[] }) => ok(state({ rows: input.rows as Opening['rows'], debitTotal: 100, creditTotal: 100 })))
    const api = { get: () => ok(state({ rows: [{ accountCode: '1001', balance: 123_456, ytdDebit: 0, ytdCredit: 0 }] })), save } as unknown as OpeningApi
    const store = createOpeningStore(api, CLIENT)
    await store.getState().load()
    expect(store.getState().texts['1001']).toEqual({ balance: '1,234.56', ytdDebit: '', ytdCredit: '' })
    store.getState().setCell('3001', 'balance', '1234.56')
    expect(store.getState().dirty).toBe(true)
    store.getState().tidyCell('3001', 'balance')
    expect(store.getState().texts['3001'].balance).toBe('1,234.56')
    await store.getState().save()
    expect(save).toHaveBeenCalledWith({
      clientId: CLIENT,
      rows: [
        { accountCode: '1001', balance: 123_456, ytdDebit: 0, ytdCredit: 0 },
        { accountCode: '3001', balance: 123_456, ytdDebit: 0, ytdCredit: 0 },
      ],
    })
    expect(store.getState().dirty).toBe(false)
  })

  it('does not call main with a cell that is not an amount', async () => {
    const save = vi.fn()
    const store = createOpeningStore({ get: () => ok(state()), save } as unknown as OpeningApi, CLIENT)
    store.getState().setCell('1001', 'balance', 'abc')
    expect(await store.getState().save()).toBeNull()
    expect(save).not.toHaveBeenCalled()
    expect(store.getState().error?.code).toBe('INVALID_INPUT')
  })

  it('turns read only when main refuses because something was posted meanwhile', async () => {
    const api = { get: () => ok(state()), save: () => Promise.resolve({ ok: false, error: { code: 'INVALID_STATE', message: 'posted' } }) } as unknown as OpeningApi
    const store = createOpeningStore(api, CLIENT)
    await store.getState().load()
    store.getState().setCell('1001', 'balance', '1')
    await store.getState().save()
    expect(store.getState().error?.code).toBe('INVALID_STATE')
    expect(store.getState().saved?.locked).toBe(true)
    // the refused edit is replaced by what main holds
    expect(store.getState().texts['1001']).toBeUndefined()
    expect(store.getState().dirty).toBe(false)
  })
})

describe('chart store', () => {
  it('reloads the chart after a write and keeps the refusal with what was being done', async () => {
    const refresh = vi.fn(() => Promise.resolve())
    const api = {
      accounts: {
        create: vi.fn(() => Promise.resolve({ ok: false, error: { code: 'CONFLICT', message: 'taken' } })),
        update: vi.fn(() => ok({ code: '1001' })),
      },
      auxItems: { create: vi.fn() },
    } as unknown as ChartApi
    const store = createChartStore(api, { clientId: CLIENT, refresh })
    expect(await store.getState().createAccount({ parentCode: '1002', code: '100201', name: '工商银行', auxTypes: [], sensitive: false })).toBeNull()
    expect(store.getState()).toMatchObject({ errorOp: 'create', error: { code: 'CONFLICT' } })
    expect(refresh).not.toHaveBeenCalled()
    await store.getState().setActive('1001', false)
    expect(api.accounts.update).toHaveBeenCalledWith({ clientId: CLIENT, code: '1001', active: false })
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(store.getState().error).toBeNull()
  })
})

describe('明细账 store', () => {
  const row = (n: number) => ({ date: '2026-03-01', voucherId: n, voucherLabel: `记-${n}`, summary: 's', debit: 100, credit: 0, side: 'debit' as const, balance: 100 * n })
  const opening = { date: '2026-03-01', voucherId: null, voucherLabel: '', summary: '期初余额', debit: 0, credit: 0, side: 'zero' as const, balance: 0 }
  const account = { code: '1001', name: '库存现金', direction: 'debit' as const }

  it('asks nothing without an account, then pages by offset and appends', async () => {
    const detailLedger = vi.fn((input: { offset: number }) =>
      ok(input.offset === 0 ? { account, opening, rows: [row(1), row(2)], next: 2, total: 3 } : { account, opening: { ...opening, balance: 999 }, rows: [row(3)], next: null, total: 3 }),
    )
    const store = createDetailLedgerStore({ detailLedger } as never, CLIENT, { accountCode: '', auxType: '', from: '2026-03', to: '2026-03' })
    await store.getState().load()
    expect(detailLedger).not.toHaveBeenCalled()
    store.getState().setQuery({ accountCode: '1001' })
    await store.getState().load()
    await store.getState().more()
    const r = store.getState().report!
    expect(r.rows.map((x) => x.voucherId)).toEqual([1, 2, 3])
    expect(r.opening.balance).toBe(0) // the first page's opening stays
    expect(r.next).toBeNull()
    expect(detailLedger).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: CLIENT, accountCode: '1001', offset: 2 }))
    await store.getState().more()
    expect(detailLedger).toHaveBeenCalledTimes(2)
  })

  it('drops an answer to an older query', async () => {
    let release: (v: Result<unknown>) => void = () => undefined
    const slow = new Promise<Result<unknown>>((r) => (release = r))
    const detailLedger = vi.fn().mockReturnValueOnce(slow).mockReturnValueOnce(ok({ account, opening, rows: [row(7)], next: null, total: 1 }))
    const store = createDetailLedgerStore({ detailLedger } as never, CLIENT, { accountCode: '1001', auxType: '', from: '2026-03', to: '2026-03' })
    const first = store.getState().load()
    store.getState().setQuery({ accountCode: '1002' })
    await store.getState().load()
    release({ ok: true, value: { account, opening, rows: [row(1)], next: null, total: 1 } })
    await first
    expect(store.getState().report?.rows[0].voucherId).toBe(7)
  })
})
