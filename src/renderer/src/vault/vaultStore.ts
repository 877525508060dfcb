// The open client's document vault in the renderer: the document list and its filters, adding files
// (main's dialog, or a drop token) as a job with progress and cancel, metadata edits, removal, restore,
// purge, export, the viewer's bytes, and the admin side (status, verify, key rotation, inbox).
// DOM-free: the viewer component turns bytes into a blob URL and revokes it.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AddOutcome, DocumentSummary, EventPayload, VaultStatus, VaultVerification } from '../../../shared/ipc/contract'
import type { Result } from '../../../shared/ipc/result'
import type { DocumentCategory, Sensitivity } from '../../../shared/vault'
import { safeCall, type AppErrorData } from '../stores/call'
import type { Api } from '../lib/api'
import { NO_CLIENT, type LedgerContext } from '../ledger/stores/ledgerApi'

export type VaultApi = Pick<Api, 'vault' | 'jobs'> & { dropToken?: Api['dropToken'] }

export interface VaultFilters {
  text: string
  category: DocumentCategory | null
  tag: string | null
  from: string | null
  to: string | null
  status: 'active' | 'removed'
  unattached: boolean
}

export type JobKind = 'add' | 'verify' | 'rotate'

export interface RunningJob {
  id: string
  kind: JobKind
  phase: string
  done: number
  total: number
  cancelling: boolean
}

export interface ViewerState {
  /** The documents the viewer pages through (a voucher's attachments, or the list). */
  docs: DocumentSummary[]
  index: number
  /** The decrypted bytes of docs[index], in memory only. */
  bytes: Uint8Array | null
  mime: string | null
  loading: boolean
  error: AppErrorData | null
}

export interface VaultData {
  documents: DocumentSummary[]
  total: number
  filters: VaultFilters
  loading: boolean
  error: AppErrorData | null
  job: RunningJob | null
  /** The last add's answer, for the per-file summary (refusals, duplicates). */
  outcome: AddOutcome | null
  viewer: ViewerState | null
  status: VaultStatus | null
  verification: VaultVerification | null
  busy: string | null
}

export interface VaultActions {
  load(): Promise<void>
  setFilters(change: Partial<VaultFilters>): Promise<void>
  /** Main opens its file dialog; answers what was stored (null when refused as a whole). */
  add(category?: DocumentCategory): Promise<AddOutcome | null>
  /** Files dropped on the window (the drop event's File objects): main gets a one-use token, never a path. */
  addDropped(files: readonly unknown[], category?: DocumentCategory): Promise<AddOutcome | null>
  /** Documents no voucher holds yet, for attaching from the vault (not kept in the list state). */
  listUnattached(): Promise<DocumentSummary[] | null>
  cancelJob(): Promise<void>
  clearOutcome(): void
  update(id: string, change: { category?: DocumentCategory; sensitivity?: Sensitivity; tags?: string[]; notes?: string }): Promise<DocumentSummary | null>
  remove(id: string): Promise<DocumentSummary | null>
  restore(id: string): Promise<DocumentSummary | null>
  purge(id: string): Promise<boolean>
  /** Main asks where to save; answers the file name, or null when cancelled or refused. */
  exportDocument(id: string): Promise<string | null>
  openViewer(docs: DocumentSummary[], index: number): Promise<void>
  viewerGo(delta: number): Promise<void>
  closeViewer(): void
  loadStatus(): Promise<void>
  verify(): Promise<VaultVerification | null>
  rotateKey(): Promise<{ keyVersion: number; remaining: number; cancelled: boolean } | null>
  chooseInbox(): Promise<boolean>
  clearInbox(): Promise<boolean>
  /** A jobs:progress event from main. */
  progress(p: EventPayload<'jobs:progress'>): void
  clearError(): void
  reset(): void
}

export type VaultState = VaultData & VaultActions
export type VaultStore = StoreApi<VaultState>

export const EMPTY_FILTERS: VaultFilters = { text: '', category: null, tag: null, from: null, to: null, status: 'active', unattached: false }

const initial: VaultData = {
  documents: [],
  total: 0,
  filters: EMPTY_FILTERS,
  loading: false,
  error: null,
  job: null,
  outcome: null,
  viewer: null,
  status: null,
  verification: null,
  busy: null,
}

export interface VaultStoreOptions {
  /** A fresh job id (crypto.randomUUID in the window). */
  newJobId?: () => string
  /** A document changed or was removed here: the voucher editor keeps its attached copy current. */
  documentChanged?: (doc: DocumentSummary) => void
}

export function createVaultStore(api: VaultApi, ctx: LedgerContext, options: VaultStoreOptions = {}): VaultStore {
  const newJobId = options.newJobId ?? (() => crypto.randomUUID())
  let epoch = 0
  // bumped by every list request and every change made here: only the newest list answer is
  // shown, and a list read before a change cannot bring back what the change took away
  let listSeq = 0
  return createStore<VaultState>()((set, get) => {
    const clientId = () => ctx.client()?.id ?? null
    const fail = <T>(value: T, error: AppErrorData): T => {
      set({ error, busy: null, loading: false })
      return value
    }
    /** One call on one document for the open client: busy while it runs, its error kept; the answer or null. */
    const onDocument = async <T>(kind: string, id: string, call: (clientId: string) => Promise<Result<T>>, refused?: (error: AppErrorData) => void): Promise<T | null> => {
      const cid = clientId()
      if (!cid) return fail(null, NO_CLIENT)
      set({ busy: `${kind}:${id}`, error: null })
      const r = await safeCall(() => call(cid))
      if (!r.ok) {
        refused?.(r.error)
        return fail(null, r.error)
      }
      set({ busy: null })
      return r.value
    }
    /** A change made here is applied to the list; a list answer still on its way is read again. */
    const changedHere = () => {
      listSeq++
      if (get().loading) void get().load()
    }
    /** Replaces a changed document wherever it is shown. */
    const patch = (doc: DocumentSummary) => {
      options.documentChanged?.(doc)
      const s = get()
      const inList = s.documents.some((d) => d.id === doc.id)
      const keep = doc.status === s.filters.status
      set({
        documents: inList ? (keep ? s.documents.map((d) => (d.id === doc.id ? doc : d)) : s.documents.filter((d) => d.id !== doc.id)) : s.documents,
        total: inList && !keep ? s.total - 1 : s.total,
        viewer: s.viewer ? { ...s.viewer, docs: s.viewer.docs.map((d) => (d.id === doc.id ? doc : d)) } : null,
      })
      changedHere()
    }
    const runJob = async <T>(kind: JobKind, call: (jobId: string) => Promise<Result<T>>) => {
      const id = newJobId()
      set({ job: { id, kind, phase: kind, done: 0, total: 0, cancelling: false }, error: null })
      const r = await safeCall(() => call(id))
      if (get().job?.id === id) set({ job: null })
      return r
    }
    const added = async (r: Result<AddOutcome>, e: number) => {
      if (e !== epoch) return null
      if (!r.ok) return fail(null, r.error)
      if (!r.value.dialogCancelled) set({ outcome: r.value })
      if (r.value.added.length) {
        ctx.changed()
        void get().load()
      }
      return r.value
    }
    const loadViewer = async (index: number) => {
      const cid = clientId()
      const v = get().viewer
      if (!cid || !v) return
      const doc = v.docs[index]
      if (!doc) return
      set({ viewer: { ...v, index, bytes: null, mime: null, loading: true, error: null } })
      const e = epoch
      const r = await safeCall(() => api.vault.open({ clientId: cid, documentId: doc.id }))
      const now = get().viewer
      // a late answer for a document no longer shown is dropped (and its bytes with it)
      if (e !== epoch || !now || now.index !== index || now.docs[index]?.id !== doc.id) return
      if (!r.ok) return set({ viewer: { ...now, loading: false, error: r.error } })
      set({ viewer: { ...now, bytes: r.value.bytes, mime: r.value.mime, loading: false, error: null } })
    }

    return {
      ...initial,

      async load() {
        const cid = clientId()
        if (!cid) return
        const f = get().filters
        set({ loading: true, error: null })
        const e = epoch
        const seq = ++listSeq
        const r = await safeCall(() =>
          api.vault.list({
            clientId: cid,
            status: f.status,
            ...(f.text.trim() ? { text: f.text.trim() } : {}),
            ...(f.category ? { category: f.category } : {}),
            ...(f.tag ? { tag: f.tag } : {}),
            ...(f.from ? { from: f.from } : {}),
            ...(f.to ? { to: f.to } : {}),
            ...(f.unattached ? { unattached: true } : {}),
            limit: 500,
          }),
        )
        if (e !== epoch || seq !== listSeq) return
        if (!r.ok) return fail(undefined, r.error)
        set({ documents: r.value.documents, total: r.value.total, loading: false })
      },

      async setFilters(change) {
        set({ filters: { ...get().filters, ...change } })
        await get().load()
      },

      async add(category) {
        const cid = clientId()
        if (!cid) return fail(null, NO_CLIENT)
        const e = epoch
        return added(await runJob('add', (jobId) => api.vault.addDocuments({ clientId: cid, jobId, ...(category ? { category } : {}) })), e)
      },

      async addDropped(files, category) {
        const cid = clientId()
        if (!cid) return fail(null, NO_CLIENT)
        if (files.length === 0) return null
        const e = epoch
        const token = api.dropToken ? await api.dropToken(files).catch(() => null) : null
        if (e !== epoch) return null
        if (!token) return fail(null, { code: 'NOT_FOUND', message: '', details: { hint: 'drop-not-files' } })
        return added(await runJob('add', (jobId) => api.vault.addDropped({ clientId: cid, jobId, token, ...(category ? { category } : {}) })), e)
      },

      async listUnattached() {
        const cid = clientId()
        if (!cid) return fail(null, NO_CLIENT)
        const r = await safeCall(() => api.vault.list({ clientId: cid, unattached: true, limit: 500 }))
        if (!r.ok) return fail(null, r.error)
        return r.value.documents
      },

      async cancelJob() {
        const job = get().job
        if (!job) return
        set({ job: { ...job, cancelling: true } })
        await safeCall(() => api.jobs.cancel({ jobId: job.id }))
      },

      clearOutcome() {
        set({ outcome: null })
      },

      async update(id, change) {
        const doc = await onDocument('update', id, (cid) => api.vault.update({ clientId: cid, documentId: id, ...change }))
        if (doc) patch(doc)
        return doc
      },

      async remove(id) {
        const doc = await onDocument('remove', id, (cid) => api.vault.remove({ clientId: cid, documentId: id }))
        if (doc) {
          patch(doc)
          ctx.changed()
        }
        return doc
      },

      async restore(id) {
        const doc = await onDocument('restore', id, (cid) => api.vault.restore({ clientId: cid, documentId: id }))
        if (doc) patch(doc)
        return doc
      },

      async purge(id) {
        if ((await onDocument('purge', id, (cid) => api.vault.purge({ clientId: cid, documentId: id }))) === null) return false
        const s = get()
        set({ documents: s.documents.filter((d) => d.id !== id), total: Math.max(0, s.total - 1) })
        changedHere()
        return true
      },

      async exportDocument(id) {
        const r = await onDocument('export', id, (cid) => api.vault.export({ clientId: cid, documentId: id }), (error) => {
          // a refusal while the viewer is open is shown in the viewer too
          const v = get().viewer
          if (v) set({ viewer: { ...v, error } })
        })
        return r?.saved ? r.fileName : null
      },

      async openViewer(docs, index) {
        if (docs.length === 0) return
        set({ viewer: { docs, index, bytes: null, mime: null, loading: true, error: null } })
        await loadViewer(Math.max(0, Math.min(index, docs.length - 1)))
      },

      async viewerGo(delta) {
        const v = get().viewer
        if (!v) return
        const next = v.index + delta
        if (next < 0 || next >= v.docs.length) return
        await loadViewer(next)
      },

      closeViewer() {
        // the bytes go with the viewer: nothing decrypted outlives it in the renderer
        set({ viewer: null })
      },

      async loadStatus() {
        const cid = clientId()
        if (!cid) return
        const e = epoch
        const r = await safeCall(() => api.vault.status({ clientId: cid }))
        if (e !== epoch) return
        if (!r.ok) return fail(undefined, r.error)
        set({ status: r.value })
      },

      async verify() {
        const cid = clientId()
        if (!cid) return fail(null, NO_CLIENT)
        set({ verification: null })
        const e = epoch
        const r = await runJob('verify', (jobId) => api.vault.verify({ clientId: cid, jobId }))
        if (e !== epoch) return null
        if (!r.ok) return fail(null, r.error)
        set({ verification: r.value })
        return r.value
      },

      async rotateKey() {
        const cid = clientId()
        if (!cid) return fail(null, NO_CLIENT)
        const e = epoch
        const r = await runJob('rotate', (jobId) => api.vault.rotateKey({ clientId: cid, jobId }))
        if (e !== epoch) return null
        void get().loadStatus()
        if (!r.ok) return fail(null, r.error)
        return r.value
      },

      async chooseInbox() {
        const cid = clientId()
        if (!cid) return fail(false, NO_CLIENT)
        set({ busy: 'inbox', error: null })
        const r = await safeCall(() => api.vault.chooseInbox({ clientId: cid }))
        if (!r.ok) return fail(false, r.error)
        set({ status: r.value, busy: null })
        return true
      },

      async clearInbox() {
        const cid = clientId()
        if (!cid) return fail(false, NO_CLIENT)
        set({ busy: 'inbox', error: null })
        const r = await safeCall(() => api.vault.clearInbox({ clientId: cid }))
        if (!r.ok) return fail(false, r.error)
        set({ status: r.value, busy: null })
        return true
      },

      progress(p) {
        const job = get().job
        if (job && job.id === p.jobId) set({ job: { ...job, phase: p.phase, done: p.done, total: p.total } })
      },

      clearError() {
        set({ error: null })
      },

      reset() {
        epoch++
        set({ ...initial })
      },
    }
  })
}
