// 期初余额 of one client as typed (text per cell, so a half-typed amount stays as typed) and as main last
// answered (its trial check and whether posting has locked them). Created per screen.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { CallOutput } from '../../../../../shared/ipc/contract'
import { asFen, formatYuan } from '../../../../../shared/money'
import { safeCall, type AppErrorData } from '../../../stores/call'
import type { LedgerApi } from '../../stores/ledgerApi'
import { openingRows, type OpeningText } from '../logic'

export type OpeningApi = Pick<LedgerApi['opening'], 'get' | 'save'>
export type OpeningState = CallOutput<'opening:get'>

export interface OpeningStoreState {
  loading: boolean
  saving: boolean
  /** What main holds (null before the first answer). */
  saved: OpeningState | null
  texts: Record<string, OpeningText>
  dirty: boolean
  error: AppErrorData | null
  load(): Promise<void>
  setCell(code: string, field: keyof OpeningText, text: string): void
  /** Shows a cell's amount formatted once the cursor leaves it (a text that is not an amount stays). */
  tidyCell(code: string, field: keyof OpeningText): void
  /** Saves every row. Errors: INVALID_STATE (something is posted), VOUCHER_INVALID, INVALID_INPUT (a cell is not an amount). */
  save(): Promise<OpeningState | null>
  clearError(): void
}

export type OpeningStore = StoreApi<OpeningStoreState>

const show = (fen: number) => (fen === 0 ? '' : formatYuan(asFen(fen)))

function textsOf(state: OpeningState): Record<string, OpeningText> {
  const out: Record<string, OpeningText> = {}
  for (const r of state.rows) out[r.accountCode] = { balance: show(r.balance), ytdDebit: show(r.ytdDebit), ytdCredit: show(r.ytdCredit) }
  return out
}

export function createOpeningStore(api: OpeningApi, clientId: string): OpeningStore {
  return createStore<OpeningStoreState>()((set, get) => ({
    loading: false,
    saving: false,
    saved: null,
    texts: {},
    dirty: false,
    error: null,

    async load() {
      set({ loading: true, error: null })
      const r = await safeCall(() => api.get({ clientId }))
      if (!r.ok) return set({ loading: false, error: r.error })
      set({ loading: false, saved: r.value, texts: textsOf(r.value), dirty: false })
    },

    setCell(code, field, text) {
      const cur = get().texts[code] ?? { balance: '', ytdDebit: '', ytdCredit: '' }
      set({ texts: { ...get().texts, [code]: { ...cur, [field]: text } }, dirty: true })
    },

    tidyCell(code, field) {
      const cur = get().texts[code]
      if (!cur) return
      const rows = openingRows({ [code]: { balance: '', ytdDebit: '', ytdCredit: '', [field]: cur[field] } })
      if (rows === null) return
      const fen = rows[0]?.[field === 'balance' ? 'balance' : field] ?? 0
      set({ texts: { ...get().texts, [code]: { ...cur, [field]: show(fen) } } })
    },

    async save() {
      const rows = openingRows(get().texts)
      if (rows === null) {
        set({ error: { code: 'INVALID_INPUT', message: 'A cell is not an amount.' } })
        return null
      }
      set({ saving: true, error: null })
      const r = await safeCall(() => api.save({ clientId, rows }))
      if (!r.ok) {
        const saved = get().saved
        // INVALID_STATE: something was posted meanwhile; the balances are read only from now on, and
        // what main holds replaces the refused edits so the screen does not show amounts that were not saved
        set({ saving: false, error: r.error, saved: r.error.code === 'INVALID_STATE' && saved ? { ...saved, locked: true } : saved })
        if (r.error.code === 'INVALID_STATE') {
          const now = await safeCall(() => api.get({ clientId }))
          if (now.ok) set({ saved: { ...now.value, locked: true }, texts: textsOf(now.value), dirty: false })
        }
        return null
      }
      set({ saving: false, saved: r.value, texts: textsOf(r.value), dirty: false })
      return r.value
    },

    clearError() {
      set({ error: null })
    },
  }))
}
