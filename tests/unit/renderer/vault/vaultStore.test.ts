// The renderer's vault store and the voucher editor's attachments, against a fake api: one call per user
// intent, progress and cancel of jobs, late answers dropped, errors kept with nothing else changed, and the
// viewer's bytes gone when it closes.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createLedgerStores, type LedgerStores } from '../../../../src/renderer/src/ledger/stores'
import { deferred, fail, ok } from '../fakeApi'
import { CLIENT, createFakeLedgerApi, doc } from '../ledger/fakeLedgerApi'

let fake: ReturnType<typeof createFakeLedgerApi>
let L: LedgerStores
let jobIds: string[]
const progressListeners: ((p: { jobId: string; phase: string; done: number; total: number }) => void)[] = []

beforeEach(async () => {
  fake = createFakeLedgerApi()
  jobIds = []
  progressListeners.length = 0
  let n = 0
  const on = ((event: string, listener: (p: never) => void) => {
    if (event === 'jobs:progress') progressListeners.push(listener as never)
    return () => undefined
  }) as never
  const dropToken = async (files: readonly unknown[]) => (files.length ? 'ab'.repeat(16) : null)
  L = createLedgerStores({ ...fake.api, on, dropToken }, { today: () => '2026-11-23', newJobId: () => (jobIds.push(`00000000-0000-4000-8000-00000000j${++n}`.replace('j', '0')), jobIds[jobIds.length - 1]) })
  await L.workspace.getState().open(CLIENT)
})

describe('vault store', () => {
  it('lists with the filters it was given, one call each', async () => {
    await L.vault.getState().setFilters({ text: ' 12500 ', category: 'bank-slip', unattached: true })
    expect(fake.api.vault.list).toHaveBeenLastCalledWith({ clientId: CLIENT.id, status: 'active', text: '12500', category: 'bank-slip', unattached: true, limit: 500 })
    expect(L.vault.getState()).toMatchObject({ total: 2, loading: false, error: null })
  })

  it('adds through main as a job: progress for that job only, cancel by its id, the outcome kept for the summary', async () => {
    const slow = deferred<Awaited<ReturnType<typeof fake.api.vault.addDocuments>>>()
    fake.api.vault.addDocuments.mockReturnValueOnce(slow.promise)
    const adding = L.vault.getState().add('invoice')
    const jobId = jobIds[0]
    expect(fake.api.vault.addDocuments).toHaveBeenCalledWith({ clientId: CLIENT.id, jobId, category: 'invoice' })
    progressListeners.forEach((l) => l({ jobId: 'someone-else', phase: 'store', done: 9, total: 9 }))
    progressListeners.forEach((l) => l({ jobId, phase: 'store', done: 1, total: 3 }))
    expect(L.vault.getState().job).toMatchObject({ id: jobId, kind: 'add', done: 1, total: 3 })
    await L.vault.getState().cancelJob()
    expect(fake.api.jobs.cancel).toHaveBeenCalledWith({ jobId })
    expect(L.vault.getState().job?.cancelling).toBe(true)
    const refused = [{ name: 'a.docx', reason: 'unsupported-type' as const, message: 'x' }]
    slow.resolve(ok({ dialogCancelled: false, cancelled: true, added: [doc(1)], duplicates: [], refused }))
    const r = await adding
    expect(r?.added).toHaveLength(1)
    expect(L.vault.getState().job).toBeNull()
    expect(L.vault.getState().outcome).toMatchObject({ cancelled: true, refused })
    // something was stored: the list is read again
    expect(fake.api.vault.list).toHaveBeenCalled()
  })

  it('a cancelled file dialog leaves no summary and reads nothing', async () => {
    fake.api.vault.addDocuments.mockResolvedValueOnce(ok({ dialogCancelled: true, cancelled: false, added: [], duplicates: [], refused: [] }))
    await L.vault.getState().add()
    expect(L.vault.getState().outcome).toBeNull()
    expect(fake.api.vault.list).not.toHaveBeenCalled()
  })

  it('drops go to main as a token; a drop of nothing that is a file is refused in the renderer', async () => {
    await L.vault.getState().addDropped([{ name: 'slip.png' }])
    expect(fake.api.vault.addDropped).toHaveBeenCalledWith({ clientId: CLIENT.id, jobId: jobIds[0], token: 'ab'.repeat(16) })
    // a window whose preload found no path for what was dropped (text, or a File the page made up)
    const none = createLedgerStores({ ...fake.api, dropToken: async () => null })
    await none.workspace.getState().open(CLIENT)
    await none.vault.getState().addDropped([{ name: 'x' }])
    expect(fake.api.vault.addDropped).toHaveBeenCalledTimes(1)
    expect(none.vault.getState().error).toMatchObject({ code: 'NOT_FOUND', details: { hint: 'drop-not-files' } })
  })

  it('a refused removal keeps the error and changes nothing', async () => {
    await L.vault.getState().load()
    fake.api.vault.remove.mockResolvedValueOnce(fail('INVALID_STATE', { details: { rule: 'posted-archive', voucher: '记-0001' } }))
    expect(await L.vault.getState().remove(doc(1).id)).toBeNull()
    expect(L.vault.getState().error).toMatchObject({ code: 'INVALID_STATE', details: { rule: 'posted-archive' } })
    expect(L.vault.getState().documents.map((d) => d.id)).toEqual([doc(1).id, doc(2).id])
  })

  it('a removed document leaves the current list (and the editor) and a purged one the removed list', async () => {
    await L.vault.getState().load()
    L.editor.getState().attachDocuments([doc(1)])
    await L.vault.getState().remove(doc(1).id)
    expect(L.vault.getState().documents.map((d) => d.id)).toEqual([doc(2).id])
    expect(L.vault.getState().total).toBe(1)
    expect(L.editor.getState().documents).toEqual([])
    await L.vault.getState().setFilters({ status: 'removed' })
    await L.vault.getState().purge(doc(1).id)
    expect(fake.api.vault.purge).toHaveBeenCalledWith({ clientId: CLIENT.id, documentId: doc(1).id })
  })


  it('only the newest list answer is shown, and a list read before a purge does not bring the purged one back', async () => {
    type ListAnswer = Awaited<ReturnType<typeof fake.api.vault.list>>
    // the screen opens (active list, slow: the client is still opening), then 已移除 is chosen
    const active = deferred<ListAnswer>()
    const removed = deferred<ListAnswer>()
    fake.api.vault.list.mockReturnValueOnce(active.promise).mockReturnValueOnce(removed.promise)
    const first = L.vault.getState().load()
    const second = L.vault.getState().setFilters({ status: 'removed' })
    removed.resolve(ok({ documents: [doc(3, { status: 'removed' })], total: 1 }))
    await second
    active.resolve(ok({ documents: [doc(1)], total: 1 }))
    await first
    expect(L.vault.getState().documents.map((d) => d.id)).toEqual([doc(3).id])
    expect(L.vault.getState().loading).toBe(false)

    // a reload is on its way when the purge lands: its answer (read before) is dropped and the list read again
    const before = deferred<ListAnswer>()
    fake.api.vault.list.mockReturnValueOnce(before.promise).mockResolvedValueOnce(ok({ documents: [], total: 0 }))
    const reload = L.vault.getState().load()
    expect(await L.vault.getState().purge(doc(3).id)).toBe(true)
    before.resolve(ok({ documents: [doc(3, { status: 'removed' })], total: 1 }))
    await reload
    await vi.waitFor(() => expect(L.vault.getState().loading).toBe(false))
    expect(L.vault.getState()).toMatchObject({ documents: [], total: 0 })
  })
  it('the viewer pages through documents, drops a late answer for a document no longer shown, and forgets the bytes on close', async () => {
    const docs = [doc(1), doc(2), doc(3)]
    const slow = deferred<Awaited<ReturnType<typeof fake.api.vault.open>>>()
    fake.api.vault.open.mockReturnValueOnce(slow.promise)
    const first = L.vault.getState().openViewer(docs, 0)
    await L.vault.getState().viewerGo(1)
    slow.resolve(ok({ document: docs[0], mime: 'image/png', bytes: new Uint8Array([9]) }))
    await first
    expect(L.vault.getState().viewer).toMatchObject({ index: 1, mime: 'application/pdf', loading: false })
    await L.vault.getState().viewerGo(5)
    expect(L.vault.getState().viewer?.index).toBe(1)
    L.vault.getState().closeViewer()
    expect(L.vault.getState().viewer).toBeNull()
  })

  it('a body that fails its check is shown in the viewer with the document named', async () => {
    fake.api.vault.open.mockResolvedValueOnce(fail('CORRUPT_DATA', { details: { documentId: doc(1).id, name: '发票_1.pdf', problem: 'damaged' } }))
    await L.vault.getState().openViewer([doc(1)], 0)
    expect(L.vault.getState().viewer).toMatchObject({ bytes: null, loading: false, error: { code: 'CORRUPT_DATA', details: { name: '发票_1.pdf' } } })
  })

  it('verify and key rotation run as jobs; the status is read again after a rotation', async () => {
    expect(await L.vault.getState().verify()).toMatchObject({ ok: true, checked: 2 })
    expect(fake.api.vault.verify).toHaveBeenCalledWith({ clientId: CLIENT.id, jobId: jobIds[0] })
    expect(await L.vault.getState().rotateKey()).toMatchObject({ keyVersion: 2, remaining: 0 })
    expect(fake.api.vault.rotateKey).toHaveBeenCalledWith({ clientId: CLIENT.id, jobId: jobIds[1] })
    expect(fake.api.vault.status).toHaveBeenCalled()
  })

  it('is emptied when the workspace closes (and so on lock)', async () => {
    await L.vault.getState().load()
    await L.vault.getState().openViewer([doc(1)], 0)
    L.workspace.getState().close()
    expect(L.vault.getState()).toMatchObject({ documents: [], viewer: null, status: null })
  })
})

describe('voucher editor attachments', () => {
  it('附单据数 follows the attached documents until a number is typed, and again on request', () => {
    const e = () => L.editor.getState()
    e().attachDocuments([doc(1), doc(2), doc(1)])
    expect(e().documents.map((d) => d.id)).toEqual([doc(1).id, doc(2).id])
    expect(e()).toMatchObject({ attachments: 2, attachmentsAuto: true, dirty: true })
    e().detachDocument(doc(1).id)
    expect(e().attachments).toBe(1)
    e().setAttachments(5)
    e().attachDocuments([doc(3)])
    expect(e()).toMatchObject({ attachments: 5, attachmentsAuto: false })
    e().useAttachedCount()
    expect(e()).toMatchObject({ attachments: 2, attachmentsAuto: true })
  })

  it('saves the attached documents with the voucher, in order', async () => {
    const e = L.editor.getState()
    e.setSummary(0, '销售')
    e.chooseAccount(0, '1002')
    e.setAmount(0, 'debit', '100')
    e.chooseAccount(1, '5001')
    e.balance(1, 'credit')
    L.editor.getState().attachDocuments([doc(2), doc(1)])
    await L.editor.getState().save()
    expect(fake.api.vouchers.save).toHaveBeenCalledWith(expect.objectContaining({ attachments: 2, attachmentsAuto: true, documentIds: [doc(2).id, doc(1).id] }))
  })
})
