// The voucher being entered or viewed (凭证录入): header fields, the grid lines as typed, and the intents
// on it — save, delete a draft, 红字冲销, review / unreview / post one voucher. Grid rules live in
// voucherGrid.ts; this store only applies them and maps main's answers (line numbers) back to grid rows.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AuxType, BatchOutcome, DocumentSummary, Voucher } from '../../../../shared/ipc/contract'
import { isErrorCode, type Result } from '../../../../shared/ipc/result'
import { safeCall, type AppErrorData } from '../../stores/call'
import { defaultVoucherDate, isIsoDate, periodOf, todayIso } from '../period'
import {
  appendLine,
  applyBalancing,
  buildLines,
  gridRowOfLine,
  initialLines,
  insertLine,
  linesFromVoucher,
  normaliseAmountText,
  padLines,
  prepareLineForEntry,
  removeLine,
  setAccount,
  type AmountSide,
  type GridLine,
} from '../voucherGrid'
import { NO_CLIENT, type LedgerApi, type LedgerContext } from './ledgerApi'

export type EditorApi = Pick<LedgerApi['vouchers'], 'save' | 'get' | 'delete' | 'reverse' | 'review' | 'unreview' | 'post'>
export type VoucherType = Voucher['type']
export type EditorOp = 'save' | 'delete' | 'reverse' | 'review' | 'unreview' | 'post'

/** Why a voucher cannot be changed here, or null when it can. */
export type ReadOnlyReason = 'reviewed' | 'posted' | 'no-permission'

export function readOnlyReason(voucher: Pick<Voucher, 'status'> | null, canWrite: boolean): ReadOnlyReason | null {
  if (voucher?.status === 'posted') return 'posted'
  if (voucher?.status === 'reviewed') return 'reviewed'
  return canWrite ? null : 'no-permission'
}

/** The voucher types a client uses: 记 alone, or 收/付/转. */
export function voucherTypesOf(setting: 'single' | 'three'): VoucherType[] {
  return setting === 'single' ? ['记'] : ['收', '付', '转']
}

export interface EditorData {
  /** The saved voucher shown, or null for a new one. */
  voucher: Voucher | null
  type: VoucherType
  date: string
  attachments: number
  /** 附单据数 follows the attached documents until the user types a number. */
  attachmentsAuto: boolean
  /** The vault documents attached, in order; saved with the voucher. */
  documents: DocumentSummary[]
  lines: GridLine[]
  /** Changed since it was started, opened or saved. */
  dirty: boolean
  loading: boolean
  busy: EditorOp | null
  error: AppErrorData | null
  /** 1-based grid row the error is about, highlighted in the grid. */
  errorRow: number | null
  /** Date and type of the last voucher saved in this workspace: the next one starts with them. */
  lastDate: string | null
  lastType: VoucherType | null
  /** Bumped when a voucher is started or opened: the grid puts the cursor in the first 摘要. */
  generation: number
}

export interface EditorActions {
  /** Starts a new voucher dated in `period` (the last used date there, or a default). */
  startNew(period: string): void
  open(id: number): Promise<boolean>
  setType(type: VoucherType): void
  setDate(date: string): void
  setAttachments(n: number): void
  /** Attaches documents (already in the client's vault) to the voucher being edited; duplicates ignored. */
  attachDocuments(docs: DocumentSummary[]): void
  detachDocument(id: string): void
  /** Follows the attached count again after a typed 附单据数. */
  useAttachedCount(): void
  /** A document changed elsewhere (metadata, removal): keep the editor's copy current. */
  documentChanged(doc: DocumentSummary): void
  setSummary(row: number, summary: string): void
  setAmount(row: number, side: AmountSide, text: string): void
  /** On leaving an amount cell: "1234.5" → "1,234.50". */
  normaliseAmount(row: number, side: AmountSide): void
  chooseAccount(row: number, code: string): void
  chooseAux(row: number, type: AuxType, id: number | undefined): void
  /** "=" typed in an amount cell. */
  balance(row: number, side: AmountSide): void
  /** The cursor arrives at a line's 摘要 from the line above: an empty line copies the 摘要 above. */
  enterLine(row: number): void
  appendLine(): void
  insertLine(row: number): void
  removeLine(row: number): void
  save(): Promise<Voucher | null>
  /** Deletes the open draft and starts a new voucher. */
  remove(): Promise<boolean>
  /** 红字冲销 of the open posted voucher, dated `date`; opens the reversal. */
  reverse(date: string): Promise<Voucher | null>
  review(): Promise<boolean>
  unreview(): Promise<boolean>
  post(): Promise<boolean>
  clearError(): void
  reset(): void
}

export type EditorState = EditorData & EditorActions
export type EditorStore = StoreApi<EditorState>

const initial: EditorData = {
  voucher: null,
  type: '记',
  date: '',
  attachments: 0,
  attachmentsAuto: true,
  documents: [],
  lines: initialLines(),
  dirty: false,
  loading: false,
  busy: null,
  error: null,
  errorRow: null,
  lastDate: null,
  lastType: null,
  generation: 0,
}

/** A refusal in a batch answer as an error. */
function refusalError(outcome: BatchOutcome): AppErrorData | null {
  const r = outcome.refused[0]
  if (!r) return null
  return { code: isErrorCode(r.code) ? r.code : 'INTERNAL', message: r.message, details: { label: r.label } }
}

export interface EditorOptions {
  today?: () => string
}

export function createEditorStore(api: EditorApi, ctx: LedgerContext, options: EditorOptions = {}): EditorStore {
  const today = options.today ?? (() => todayIso())
  // bumped by reset() and by starting or opening another voucher: late answers are dropped
  let epoch = 0
  return createStore<EditorState>()((set, get) => {
    /** Grid edits apply only while the voucher may be changed. */
    const editable = () => {
      const v = get().voucher
      return !v || v.status === 'draft'
    }
    const edit = (lines: GridLine[]) => {
      if (!editable()) return
      set({ lines, dirty: true })
    }
    const show = (v: Voucher) =>
      set({
        voucher: v,
        type: v.type,
        date: v.date,
        attachments: v.attachments,
        attachmentsAuto: v.attachmentsAuto,
        documents: v.documents,
        lines: padLines(linesFromVoucher(v)),
        dirty: false,
        loading: false,
        busy: null,
        error: null,
        errorRow: null,
      })
    const begin = (op: EditorOp) => set({ busy: op, error: null, errorRow: null })
    /** Shows `error` (about grid row `errorRow`) and answers `value`. */
    const fail = <T>(value: T, error: AppErrorData, errorRow: number | null = null): T => {
      set({ busy: null, error, errorRow })
      return value
    }

    /** Runs a one-voucher batch call, then reads the voucher back to show its new state. */
    const batchOne = async (op: 'review' | 'unreview' | 'post', call: (clientId: string, ids: number[]) => Promise<Result<BatchOutcome>>) => {
      const client = ctx.client()
      const v = get().voucher
      if (!client || !v) return false
      begin(op)
      const e = epoch
      const r = await safeCall(() => call(client.id, [v.id]))
      if (e !== epoch) return false
      if (!r.ok) return fail(false, r.error)
      const refused = refusalError(r.value)
      if (refused) return fail(false, refused)
      ctx.changed()
      const again = await safeCall(() => api.get({ clientId: client.id, id: v.id }))
      if (e !== epoch) return true
      if (!again.ok) return fail(true, again.error)
      show(again.value)
      return true
    }

    return {
      ...initial,

      startNew(period) {
        epoch++
        const client = ctx.client()
        const types = voucherTypesOf(client?.voucherTypes ?? 'single')
        const s = get()
        set({
          ...initial,
          lastDate: s.lastDate,
          lastType: s.lastType,
          type: s.lastType && types.includes(s.lastType) ? s.lastType : types[0],
          date: defaultVoucherDate(period, s.lastDate, today()),
          lines: initialLines(),
          generation: s.generation + 1,
        })
      },

      async open(id) {
        const client = ctx.client()
        if (!client) return false
        epoch++
        set({ loading: true, error: null, errorRow: null, busy: null })
        const e = epoch
        const r = await safeCall(() => api.get({ clientId: client.id, id }))
        if (e !== epoch) return false
        if (!r.ok) {
          set({ loading: false, error: r.error })
          return false
        }
        show(r.value)
        set((s) => ({ generation: s.generation + 1 }))
        return true
      },

      setType(type) {
        if (editable()) set({ type, dirty: true })
      },
      setDate(date) {
        if (editable()) set({ date, dirty: true })
      },
      setAttachments(n) {
        if (editable()) set({ attachments: Math.max(0, Math.min(9999, Math.trunc(n) || 0)), attachmentsAuto: false, dirty: true })
      },
      attachDocuments(docs) {
        if (!editable()) return
        const s = get()
        const have = new Set(s.documents.map((d) => d.id))
        const fresh = docs.filter((d) => d.status === 'active' && !have.has(d.id) && (have.add(d.id), true))
        if (fresh.length === 0) return
        const documents = [...s.documents, ...fresh]
        set({ documents, attachments: s.attachmentsAuto ? documents.length : s.attachments, dirty: true })
      },
      detachDocument(id) {
        if (!editable()) return
        const s = get()
        const documents = s.documents.filter((d) => d.id !== id)
        if (documents.length === s.documents.length) return
        set({ documents, attachments: s.attachmentsAuto ? documents.length : s.attachments, dirty: true })
      },
      useAttachedCount() {
        if (editable()) set({ attachmentsAuto: true, attachments: get().documents.length, dirty: true })
      },
      documentChanged(doc) {
        const s = get()
        if (!s.documents.some((d) => d.id === doc.id)) return
        if (doc.status !== 'active') {
          // main detached a removed document from the draft: mirror it without marking the voucher changed
          const documents = s.documents.filter((d) => d.id !== doc.id)
          set({ documents, attachments: s.attachmentsAuto ? documents.length : s.attachments })
        } else set({ documents: s.documents.map((d) => (d.id === doc.id ? doc : d)) })
      },

      setSummary(row, summary) {
        edit(get().lines.map((l, i) => (i === row ? { ...l, summary, autoSummary: false } : l)))
      },
      setAmount(row, side, text) {
        edit(get().lines.map((l, i) => (i === row ? { ...l, [side]: text } : l)))
      },
      normaliseAmount(row, side) {
        const l = get().lines[row]
        if (!l || !editable()) return
        const text = normaliseAmountText(l[side])
        if (text !== l[side]) set({ lines: get().lines.map((x, i) => (i === row ? { ...x, [side]: text } : x)) })
      },
      chooseAccount(row, code) {
        edit(setAccount(get().lines, row, code, ctx.account))
      },
      chooseAux(row, type, id) {
        edit(get().lines.map((l, i) => (i === row ? { ...l, aux: { ...l.aux, [type]: id } } : l)))
      },
      balance(row, side) {
        edit(applyBalancing(get().lines, row, side))
      },
      enterLine(row) {
        if (!editable()) return
        const lines = prepareLineForEntry(get().lines, row)
        if (lines !== get().lines) set({ lines })
      },
      appendLine() {
        if (editable()) set({ lines: appendLine(get().lines) })
      },
      insertLine(row) {
        edit(insertLine(get().lines, row))
      },
      removeLine(row) {
        edit(removeLine(get().lines, row))
      },

      async save() {
        const client = ctx.client()
        if (!client) return fail(null, NO_CLIENT)
        const s = get()
        if (!editable()) return null
        if (!isIsoDate(s.date)) return fail(null, { code: 'VOUCHER_INVALID', message: '', details: { rule: 'bad-date' } })
        const built = buildLines(s.lines)
        if (!built.ok) {
          const line = built.row === null ? null : built.row + 1
          return fail(null, { code: 'VOUCHER_INVALID', message: '', details: { rule: built.rule, ...(line ? { line } : {}) } }, line)
        }
        begin('save')
        const e = epoch
        const r = await safeCall(() =>
          api.save({
            clientId: client.id,
            ...(s.voucher ? { id: s.voucher.id } : {}),
            type: s.type,
            date: s.date,
            attachments: s.attachmentsAuto ? s.documents.length : s.attachments,
            attachmentsAuto: s.attachmentsAuto,
            documentIds: s.documents.map((d) => d.id),
            lines: built.lines,
          }),
        )
        if (e !== epoch) return null
        if (!r.ok) {
          const error = r.error
          if (error.code === 'VOUCHER_INVALID' && typeof error.details?.line === 'number') {
            // main counts the lines it was sent; the grid may have had empty lines in between
            const row = gridRowOfLine(built.rowOf, error.details.line)
            return fail(null, { ...error, details: { ...error.details, line: row ?? error.details.line } }, row)
          }
          if (error.code === 'PERIOD_CLOSED') {
            const period = periodOf(s.date)
            return fail(null, { ...error, details: { ...error.details, period, reason: period < client.firstPeriod ? 'before-start' : 'closed' } })
          }
          return fail(null, error)
        }
        show(r.value)
        set({ lastDate: r.value.date, lastType: r.value.type })
        ctx.changed()
        return r.value
      },

      async remove() {
        const client = ctx.client()
        const v = get().voucher
        if (!client || !v) return false
        begin('delete')
        const e = epoch
        const r = await safeCall(() => api.delete({ clientId: client.id, id: v.id }))
        if (e !== epoch) return false
        if (!r.ok) return fail(false, r.error)
        ctx.changed()
        get().startNew(v.period)
        return true
      },

      async reverse(date) {
        const client = ctx.client()
        const v = get().voucher
        if (!client || !v) return null
        begin('reverse')
        const e = epoch
        const r = await safeCall(() => api.reverse({ clientId: client.id, id: v.id, date }))
        if (e !== epoch) return null
        if (!r.ok) {
          const period = periodOf(date)
          const error = r.error.code === 'PERIOD_CLOSED' ? { ...r.error, details: { ...r.error.details, period, reason: period < client.firstPeriod ? 'before-start' : 'closed' } } : r.error
          return fail(null, error)
        }
        epoch++
        show(r.value)
        set((s) => ({ generation: s.generation + 1 }))
        ctx.changed()
        return r.value
      },

      review() {
        return batchOne('review', (clientId, ids) => api.review({ clientId, ids }))
      },
      unreview() {
        return batchOne('unreview', (clientId, ids) => api.unreview({ clientId, ids }))
      },
      post() {
        return batchOne('post', (clientId, ids) => api.post({ clientId, ids }))
      },

      clearError() {
        set({ error: null, errorRow: null })
      },

      reset() {
        epoch++
        set({ ...initial, lines: initialLines() })
      },
    }
  })
}
