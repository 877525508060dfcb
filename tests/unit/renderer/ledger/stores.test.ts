import { beforeEach, describe, expect, it } from 'vitest'
import { createStores } from '../../../../src/renderer/src/stores'
import { createLedgerStores, type LedgerStores } from '../../../../src/renderer/src/ledger/stores'
import { readOnlyReason } from '../../../../src/renderer/src/ledger/stores/voucherEditorStore'
import { listQuery, EMPTY_FILTERS } from '../../../../src/renderer/src/ledger/stores/voucherListStore'
import { normaliseRange } from '../../../../src/renderer/src/ledger/stores/trialBalanceStore'
import { createFakeApi, deferred, fail, ok } from '../fakeApi'
import { CLIENT, createFakeLedgerApi, voucherOf } from './fakeLedgerApi'

let fake: ReturnType<typeof createFakeLedgerApi>
let L: LedgerStores

async function opened() {
  await L.workspace.getState().open(CLIENT)
  return L
}

/** Types a balanced two-line voucher into the editor grid, with an empty line between the two. */
function typeVoucher() {
  const e = L.editor.getState()
  e.setSummary(0, '销售')
  e.chooseAccount(0, '1002')
  e.setAmount(0, 'debit', '1,130')
  e.chooseAccount(2, '5001')
  e.balance(2, 'credit')
}

beforeEach(() => {
  fake = createFakeLedgerApi()
  L = createLedgerStores(fake.api, { today: () => '2026-11-23' })
})

describe('clients store', () => {
  it('lists and searches; a late answer to an older search never replaces a newer one', async () => {
    const slow = deferred<Awaited<ReturnType<typeof fake.api.clients.list>>>()
    fake.api.clients.list.mockReturnValueOnce(slow.promise)
    const first = L.clients.getState().load('杭州')
    await L.clients.getState().load('9135')
    expect(fake.api.clients.list).toHaveBeenLastCalledWith({ query: '9135' })
    slow.resolve(ok({ clients: [] }))
    await first
    expect(L.clients.getState()).toMatchObject({ clients: [CLIENT], query: '9135', loaded: true })
  })

  it('creates books and keeps the list sorted; shows a refusal', async () => {
    const c = await L.clients.getState().create({ name: '阿里', uscc: 'X'.repeat(18), standard: 'small', firstPeriod: '2026-03', codingScheme: '4-2-2', voucherTypes: 'three' })
    expect(c?.name).toBe('阿里')
    expect(L.clients.getState().clients.map((x) => x.name)).toEqual(['阿里'])
    fake.api.clients.create.mockResolvedValueOnce(fail('CONFLICT'))
    expect(await L.clients.getState().create({ name: 'b', uscc: 'Y'.repeat(18), standard: 'small', firstPeriod: '2026-03', codingScheme: '4-2-2', voucherTypes: 'single' })).toBeNull()
    expect(L.clients.getState().createError?.code).toBe('CONFLICT')
  })

  it('assigns and unassigns a user for the open assignment drawer', async () => {
    await L.clients.getState().openAssignments(CLIENT.id)
    expect(L.clients.getState().assignments[0]).toMatchObject({ username: 'li', assigned: false })
    const userId = L.clients.getState().assignments[0].userId
    expect(await L.clients.getState().setAssigned(userId, true)).toBe(true)
    expect(fake.api.clients.assign).toHaveBeenCalledWith({ clientId: CLIENT.id, userId })
    expect(L.clients.getState().assignments[0].assigned).toBe(true)
    await L.clients.getState().setAssigned(userId, false)
    expect(fake.api.clients.unassign).toHaveBeenCalledWith({ clientId: CLIENT.id, userId })
    L.clients.getState().closeAssignments()
    expect(await L.clients.getState().setAssigned(userId, true)).toBe(false)
  })
})

describe('workspace', () => {
  it('opens at the current period with chart, auxiliary items and months loaded', async () => {
    await opened()
    const w = L.workspace.getState()
    expect(w).toMatchObject({ period: '2026-01', currentPeriod: '2026-01', chartLoaded: true, screen: 'entry' })
    expect(w.chart.byCode.get('22210107')?.fullName).toBe('应交税费—应交增值税—销项税额')
    expect(w.auxItems).toHaveLength(4)
    expect(fake.api.accounts.list).toHaveBeenCalledWith({ clientId: CLIENT.id })
    // the editor starts a voucher dated in that period
    expect(L.editor.getState()).toMatchObject({ type: '记', date: '2026-01-31', voucher: null, generation: 1 })
  })

  it('a closed month moves the current period on; a reopened one moves it back', async () => {
    await opened()
    L.workspace.getState().periodClosed('2026-01')
    expect(L.workspace.getState()).toMatchObject({ currentPeriod: '2026-02', lastClosedPeriod: '2026-01', period: '2026-02' })
    L.workspace.getState().periodReopened('2026-01')
    expect(L.workspace.getState()).toMatchObject({ currentPeriod: '2026-01', lastClosedPeriod: null })
  })

  it('closing the workspace clears the editor, the list and the reports', async () => {
    await opened()
    typeVoucher()
    await L.vouchers.getState().load('2026-01')
    L.workspace.getState().close()
    expect(L.editor.getState().lines.every((l) => !l.accountCode)).toBe(true)
    expect(L.vouchers.getState()).toMatchObject({ vouchers: [], loaded: false })
    expect(L.workspace.getState().chartLoaded).toBe(false)
  })

  it('an untouched new voucher follows the header period; a typed one stays', async () => {
    await opened()
    L.workspace.getState().setPeriod('2026-03')
    expect(L.editor.getState().date).toBe('2026-03-31')
    expect(L.trialBalance.getState().params).toMatchObject({ from: '2026-03', to: '2026-03' })
    L.editor.getState().setSummary(0, 'x')
    L.workspace.getState().setPeriod('2026-04')
    expect(L.editor.getState().date).toBe('2026-03-31')
  })
})

describe('voucher editor', () => {
  it('saves the grid without its empty lines and shows the saved voucher', async () => {
    await opened()
    typeVoucher()
    expect(L.editor.getState().dirty).toBe(true)
    const v = await L.editor.getState().save()
    expect(fake.api.vouchers.save).toHaveBeenCalledWith({
      clientId: CLIENT.id,
      type: '记',
      date: '2026-01-31',
      attachments: 0,
      attachmentsAuto: true,
      documentIds: [],
      lines: [
        { summary: '销售', accountCode: '1002', debit: 113000, credit: 0 },
        // the 摘要 was not copied here: the line was filled directly, not entered from above
        { summary: '', accountCode: '5001', debit: 0, credit: 113000 },
      ],
    })
    expect(v?.number).toBe(1)
    expect(L.editor.getState()).toMatchObject({ dirty: false, lastDate: '2026-01-31', error: null })
    expect(L.editor.getState().voucher?.id).toBe(1)
    // saving again changes the same draft
    L.editor.getState().setAttachments(2)
    await L.editor.getState().save()
    expect(fake.api.vouchers.save).toHaveBeenLastCalledWith(expect.objectContaining({ id: 1, attachments: 2 }))
  })

  it('the next new voucher keeps the last date used in the period', async () => {
    await opened()
    L.editor.getState().setDate('2026-01-15')
    typeVoucher()
    await L.editor.getState().save()
    L.editor.getState().startNew('2026-01')
    expect(L.editor.getState()).toMatchObject({ date: '2026-01-15', voucher: null, dirty: false })
  })

  it("maps main's line number to the grid row and highlights it", async () => {
    await opened()
    typeVoucher()
    fake.api.vouchers.save.mockResolvedValueOnce(fail('VOUCHER_INVALID', { details: { rule: 'not-leaf', line: 2 } }))
    expect(await L.editor.getState().save()).toBeNull()
    // submitted line 2 was grid row 3 (row 2 was empty and dropped)
    expect(L.editor.getState().errorRow).toBe(3)
    expect(L.editor.getState().error?.details).toMatchObject({ rule: 'not-leaf', line: 3 })
  })

  it('says whether a refused date is closed or before the books start', async () => {
    await opened()
    typeVoucher()
    fake.api.vouchers.save.mockResolvedValue(fail('PERIOD_CLOSED', { details: { period: '2025-12' } }))
    L.editor.getState().setDate('2025-12-31')
    await L.editor.getState().save()
    expect(L.editor.getState().error?.details).toMatchObject({ period: '2025-12', reason: 'before-start' })
    L.editor.getState().setDate('2026-01-05')
    await L.editor.getState().save()
    expect(L.editor.getState().error?.details).toMatchObject({ period: '2026-01', reason: 'closed' })
  })

  it('refuses locally what main could not read: unreadable amounts, amounts without account, nothing', async () => {
    await opened()
    L.editor.getState().setAmount(1, 'debit', '12.345')
    await L.editor.getState().save()
    expect(L.editor.getState()).toMatchObject({ errorRow: 2, error: { code: 'VOUCHER_INVALID', details: { rule: 'bad-amount', line: 2 } } })
    L.editor.getState().setAmount(1, 'debit', '')
    await L.editor.getState().save()
    expect(L.editor.getState().error?.details).toMatchObject({ rule: 'empty' })
    expect(fake.api.vouchers.save).not.toHaveBeenCalled()
  })

  it('opens reviewed and posted vouchers read-only: grid edits are ignored', async () => {
    await opened()
    const input = { clientId: CLIENT.id, type: '记' as const, date: '2026-01-10', attachments: 0, lines: [{ summary: 'x', accountCode: '1001', debit: 100, credit: 0 }] }
    fake.saved.set(7, voucherOf(input, 7, 7, { status: 'posted' }))
    await L.editor.getState().open(7)
    expect(readOnlyReason(L.editor.getState().voucher, true)).toBe('posted')
    L.editor.getState().setSummary(0, 'changed')
    L.editor.getState().setAmount(0, 'debit', '5')
    expect(L.editor.getState().lines[0]).toMatchObject({ summary: 'x', debit: '1.00' })
    expect(await L.editor.getState().save()).toBeNull()
    expect(fake.api.vouchers.save).not.toHaveBeenCalled()
    expect(readOnlyReason(null, false)).toBe('no-permission')
    expect(readOnlyReason({ status: 'reviewed' }, true)).toBe('reviewed')
    expect(readOnlyReason({ status: 'draft' }, true)).toBeNull()
  })

  it('red reversal of a posted voucher opens the reversal', async () => {
    await opened()
    const input = { clientId: CLIENT.id, type: '记' as const, date: '2026-01-10', attachments: 0, lines: [{ summary: 'x', accountCode: '1001', debit: 100, credit: 0 }] }
    fake.saved.set(7, voucherOf(input, 7, 7, { status: 'posted' }))
    await L.editor.getState().open(7)
    const r = await L.editor.getState().reverse('2026-01-28')
    expect(fake.api.vouchers.reverse).toHaveBeenCalledWith({ clientId: CLIENT.id, id: 7, date: '2026-01-28' })
    expect(L.editor.getState().voucher).toMatchObject({ id: r?.id, kind: 'reversal', reversesId: 7 })
    expect(L.editor.getState().lines[0].debit).toBe('-1.00')
  })

  it('deleting a draft starts a new voucher', async () => {
    await opened()
    typeVoucher()
    await L.editor.getState().save()
    expect(await L.editor.getState().remove()).toBe(true)
    expect(fake.api.vouchers.delete).toHaveBeenCalledWith({ clientId: CLIENT.id, id: 1 })
    expect(L.editor.getState().voucher).toBeNull()
  })

  it('review of the open voucher shows a refusal in words, not as done', async () => {
    await opened()
    typeVoucher()
    await L.editor.getState().save()
    fake.api.vouchers.review.mockResolvedValueOnce(ok({ done: [], refused: [{ id: 1, label: '记-0001', code: 'SAME_PERSON', message: 'x' }] }))
    expect(await L.editor.getState().review()).toBe(false)
    expect(L.editor.getState().error).toMatchObject({ code: 'SAME_PERSON' })
    expect(await L.editor.getState().review()).toBe(true)
    expect(fake.api.vouchers.get).toHaveBeenCalledWith({ clientId: CLIENT.id, id: 1 })
  })
})

describe('voucher list', () => {
  it('turns the filter form into vouchers:list filters', () => {
    expect(listQuery({ ...EMPTY_FILTERS, type: '记', status: 'draft', preparer: ' 李 ', accountCode: '1002', minAmount: '1,000', maxAmount: 'x', text: '货款' }, '2026-01')).toEqual({
      period: '2026-01',
      type: '记',
      status: 'draft',
      preparer: '李',
      accountCode: '1002',
      minAmount: 100000,
      text: '货款',
    })
    expect(listQuery({ ...EMPTY_FILTERS, allPeriods: true, accountCode: '10' }, '2026-01')).toEqual({})
  })

  it('runs a batch on the selection, keeps the summary with labels, and reloads', async () => {
    await opened()
    typeVoucher()
    await L.editor.getState().save()
    await L.vouchers.getState().load('2026-01')
    L.vouchers.getState().select([1])
    fake.api.vouchers.review.mockResolvedValueOnce(ok({ done: [], refused: [{ id: 1, label: '记-0001', code: 'SAME_PERSON', message: 'x' }] }))
    const s = await L.vouchers.getState().batch('review')
    expect(fake.api.vouchers.review).toHaveBeenCalledWith({ clientId: CLIENT.id, ids: [1] })
    expect(s?.outcome.refused[0].code).toBe('SAME_PERSON')
    expect(L.vouchers.getState()).toMatchObject({ selected: [], summary: { op: 'review' } })
    expect(fake.api.vouchers.list).toHaveBeenCalledTimes(2)
    await L.vouchers.getState().batch('postPeriod')
    expect(fake.api.vouchers.postPeriod).toHaveBeenCalledWith({ clientId: CLIENT.id, period: '2026-01' })
    expect(L.vouchers.getState().summary?.doneLabels).toEqual(['记-0001'])
  })

  it('does nothing for a selection batch with nothing selected', async () => {
    await opened()
    await L.vouchers.getState().load('2026-01')
    expect(await L.vouchers.getState().batch('post')).toBeNull()
    expect(fake.api.vouchers.post).not.toHaveBeenCalled()
  })
})

describe('periods', () => {
  it('carry-forward keeps the generated voucher; checks and close move the workspace on', async () => {
    await opened()
    const v = await L.periods.getState().carryForward('2026-01')
    expect(v).toMatchObject({ kind: 'carry-forward', number: 4 })
    expect(L.periods.getState()).toMatchObject({ generatedKind: 'carryForward', generatedNone: false })
    const checks = await L.periods.getState().check('2026-01')
    expect(checks?.map((c) => c.ok)).toEqual([true, false])
    // main's month list after the close (the store refreshes it)
    fake.api.periods.list.mockResolvedValue(ok({ periods: [{ period: '2026-01', status: 'closed' as const, draft: 0, reviewed: 0, posted: 3 }], currentPeriod: '2026-02', lastClosedPeriod: '2026-01' }))
    expect(await L.periods.getState().close('2026-01')).toBe(true)
    expect(L.workspace.getState()).toMatchObject({ currentPeriod: '2026-02', lastClosedPeriod: '2026-01' })
  })

  it('keeps CLOSE_BLOCKED with its failed checks; reopens with a reason', async () => {
    await opened()
    fake.api.periods.close.mockResolvedValueOnce(fail('CLOSE_BLOCKED', { details: { failed: 'all-posted,pnl-carried' } }))
    expect(await L.periods.getState().close('2026-01')).toBe(false)
    expect(L.periods.getState()).toMatchObject({ errorOp: 'close', error: { details: { failed: 'all-posted,pnl-carried' } } })
    expect(L.workspace.getState().currentPeriod).toBe('2026-01')
    L.workspace.getState().periodClosed('2026-01')
    expect(await L.periods.getState().reopen('2026-01', '补录凭证')).toBe(true)
    expect(fake.api.periods.reopen).toHaveBeenCalledWith({ clientId: CLIENT.id, period: '2026-01', reason: '补录凭证' })
    expect(L.workspace.getState().currentPeriod).toBe('2026-01')
  })

  it('"nothing to carry" is its own answer', async () => {
    await opened()
    fake.api.periods.carryForward.mockResolvedValueOnce(ok(null))
    expect(await L.periods.getState().carryForward('2026-01')).toBeNull()
    expect(L.periods.getState()).toMatchObject({ generated: null, generatedNone: true, error: null })
  })
})

describe('trial balance', () => {
  it('keeps the range within one year, from ≤ to', () => {
    expect(normaliseRange('2026-03', '2027-02', 'from')).toEqual({ from: '2026-03', to: '2026-12' })
    expect(normaliseRange('2026-03', '2027-02', 'to')).toEqual({ from: '2027-01', to: '2027-02' })
    expect(normaliseRange('2026-05', '2026-02', 'from')).toEqual({ from: '2026-05', to: '2026-05' })
  })

  it('loads with the query and clamps the level', async () => {
    await opened()
    L.trialBalance.getState().setParams({ level: 9, showZero: true })
    await L.trialBalance.getState().load()
    expect(fake.api.reports.trialBalance).toHaveBeenCalledWith({ clientId: CLIENT.id, from: '2026-01', to: '2026-01', level: 5, showZero: true })
    expect(L.trialBalance.getState().report?.balanced).toBe(true)
  })
})

describe('wiring into createStores', () => {
  it('a lock clears every ledger store, and late answers are dropped', async () => {
    const core = createFakeApi()
    const stores = createStores({ ...core.api, ...fake.api })
    await stores.session.getState().unlock('li', 'pw')
    await stores.ledger.clients.getState().load()
    await stores.ledger.workspace.getState().open(CLIENT)
    const slow = deferred<Awaited<ReturnType<typeof fake.api.vouchers.list>>>()
    fake.api.vouchers.list.mockReturnValueOnce(slow.promise)
    const loading = stores.ledger.vouchers.getState().load('2026-01')
    core.emit('session:locked', { reason: 'idle' })
    slow.resolve(ok({ vouchers: [], total: 5 }))
    await loading
    expect(stores.ledger.clients.getState().clients).toEqual([])
    expect(stores.ledger.workspace.getState().client).toBeNull()
    expect(stores.ledger.vouchers.getState().total).toBe(0)
    expect(stores.ledger.editor.getState().voucher).toBeNull()
  })

  it('still builds from an api without the ledger areas; their calls answer INTERNAL', async () => {
    const stores = createStores(createFakeApi().api)
    await stores.ledger.clients.getState().load()
    expect(stores.ledger.clients.getState().loadError?.code).toBe('INTERNAL')
  })
})
