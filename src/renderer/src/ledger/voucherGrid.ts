// The voucher grid's logic without a DOM: lines as typed, parsing amounts, totals and the balancing
// amount behind "=", the Enter order from cell to cell, copying the previous 摘要, and turning the grid
// into vouchers:save input (empty lines dropped, grid rows remembered so main's line numbers map back).
// Pure: the editor store holds the state, the components only render it.
import type { Account, AuxType, Voucher, VoucherLineInput } from '../../../shared/ipc/contract'
import { AUX_TYPES } from '../../../shared/ipc/contract'
import { asFen, formatYuan, parseYuan, type Fen } from '../../../shared/money'

export type AmountSide = 'debit' | 'credit'
export type AuxCell = `aux:${AuxType}`
export type CellKind = 'summary' | 'account' | AuxCell | AmountSide

/** A cell of the grid; `row` is 0-based (the UI and main's details.line count from 1). */
export interface CellPos {
  row: number
  col: CellKind
}

export interface GridLine {
  /** Stable React key; never sent to main. */
  key: string
  summary: string
  /** The 摘要 was copied from the line above and not touched since: such a line still counts as empty. */
  autoSummary: boolean
  /** '' until a postable account is chosen. */
  accountCode: string
  aux: Partial<Record<AuxType, number>>
  /** Amounts exactly as typed ("1,234.56", "-12", ""); parsed with parseYuan. */
  debit: string
  credit: string
}

/** What the grid needs to know about an account. */
export type GridAccount = Pick<Account, 'code' | 'auxTypes' | 'isLeaf' | 'active'>
export type AccountLookup = (code: string) => GridAccount | undefined

/** Rows a new voucher starts with (a paper voucher has five; four fit the screen with the header). */
export const INITIAL_ROWS = 4

let keySeq = 0
/** A fresh key for a grid line. */
export function newLineKey(): string {
  keySeq += 1
  return `l${keySeq}`
}

export function emptyLine(key: string = newLineKey()): GridLine {
  return { key, summary: '', autoSummary: false, accountCode: '', aux: {}, debit: '', credit: '' }
}

export function initialLines(n = INITIAL_ROWS): GridLine[] {
  return Array.from({ length: n }, () => emptyLine())
}

/**
 * A line that says nothing: no account, no amount, and no 摘要 of its own (a copied one does not count).
 * Such lines are dropped on save.
 */
export function isEmptyLine(l: GridLine): boolean {
  return !l.accountCode && l.debit.trim() === '' && l.credit.trim() === '' && (l.autoSummary || l.summary.trim() === '')
}

/** An amount cell's value in 分: '' is 0, anything unreadable is null. Accepts "1,234.56", "-12", "¥5", full-width digits. */
export function parseAmount(text: string): Fen | null {
  const t = text.trim()
  if (t === '') return asFen(0)
  return parseYuan(t)
}

/** How an amount cell shows a value: grouped with 2 decimals, '' for zero. */
export function formatAmount(fen: number): string {
  return fen === 0 ? '' : formatYuan(asFen(fen))
}

/** Re-renders what was typed in canonical form ("1234.5" → "1,234.50"); unreadable text is kept as typed. */
export function normaliseAmountText(text: string): string {
  const v = parseAmount(text)
  return v === null ? text : formatAmount(v)
}

export interface Totals {
  debit: Fen
  credit: Fen
  /** debit − credit */
  difference: Fen
  balanced: boolean
  /** 0-based rows whose amount text cannot be read (counted as 0 in the totals). */
  invalidRows: number[]
}

export function totals(lines: readonly GridLine[]): Totals {
  let debit = 0
  let credit = 0
  const invalidRows: number[] = []
  lines.forEach((l, i) => {
    const d = parseAmount(l.debit)
    const c = parseAmount(l.credit)
    if (d === null || c === null) invalidRows.push(i)
    debit += d ?? 0
    credit += c ?? 0
  })
  return { debit: asFen(debit), credit: asFen(credit), difference: asFen(debit - credit), balanced: debit === credit, invalidRows }
}

/**
 * The amount that, typed into `side` of `row`, makes the voucher balance: for a debit cell the other
 * lines' credits minus their debits (and the reverse for credit). May be negative (红字) or zero.
 */
export function balancingAmount(lines: readonly GridLine[], row: number, side: AmountSide): Fen {
  // the line's own other side is cleared when the amount goes in, so it does not count either
  const others = lines.map((l, i) => (i === row ? { ...l, debit: '', credit: '' } : l))
  const t = totals(others)
  return asFen(side === 'debit' ? t.credit - t.debit : t.debit - t.credit)
}

/** "=" in an amount cell: puts the balancing amount there and clears the line's other side. */
export function applyBalancing(lines: readonly GridLine[], row: number, side: AmountSide): GridLine[] {
  const amount = balancingAmount(lines, row, side)
  const other: AmountSide = side === 'debit' ? 'credit' : 'debit'
  return lines.map((l, i) => (i === row ? { ...l, [side]: formatAmount(amount), [other]: amount === 0 ? l[other] : '' } : l))
}

/** Whether a key press in an amount cell asks for the balancing amount ("=", or "＝" from an IME). */
export function isBalanceKey(key: string): boolean {
  return key === '=' || key === '＝'
}

/** The auxiliary cells a line shows: one per type its account requires, in AUX_TYPES order. */
export function auxCells(line: GridLine, accountOf: AccountLookup): AuxCell[] {
  const a = line.accountCode ? accountOf(line.accountCode) : undefined
  if (!a) return []
  return AUX_TYPES.filter((t) => a.auxTypes.includes(t)).map((t) => `aux:${t}` as AuxCell)
}

/** The cells of one line in Enter order: 摘要 → 科目 → (辅助核算) → 借方 → 贷方. */
export function lineCells(line: GridLine, accountOf: AccountLookup): CellKind[] {
  return ['summary', 'account', ...auxCells(line, accountOf), 'debit', 'credit']
}

/**
 * Where Enter goes from `pos`: the next cell of the line, else the next line's 摘要. `append` is true when
 * that line does not exist yet and must be added first.
 */
export function nextCell(lines: readonly GridLine[], pos: CellPos, accountOf: AccountLookup): { pos: CellPos; append: boolean } {
  const line = lines[pos.row]
  const cells = line ? lineCells(line, accountOf) : ['credit']
  const i = cells.indexOf(pos.col)
  if (line && i >= 0 && i < cells.length - 1) return { pos: { row: pos.row, col: cells[i + 1] as CellKind }, append: false }
  return { pos: { row: pos.row + 1, col: 'summary' }, append: pos.row + 1 >= lines.length }
}

/** Where Shift+Enter goes from `pos`: the previous cell, else the previous line's 贷方 (stays at the first cell). */
export function prevCell(lines: readonly GridLine[], pos: CellPos, accountOf: AccountLookup): CellPos {
  const line = lines[pos.row]
  const cells = line ? lineCells(line, accountOf) : []
  const i = cells.indexOf(pos.col)
  if (i > 0) return { row: pos.row, col: cells[i - 1] }
  if (pos.row === 0) return { row: 0, col: 'summary' }
  return { row: pos.row - 1, col: 'credit' }
}

/** Moves to the same column of the row above or below, or the nearest column that row has. */
export function verticalCell(lines: readonly GridLine[], pos: CellPos, delta: 1 | -1, accountOf: AccountLookup): CellPos | null {
  const row = pos.row + delta
  if (row < 0 || row >= lines.length) return null
  const cells = lineCells(lines[row], accountOf)
  return { row, col: cells.includes(pos.col) ? pos.col : pos.col.startsWith('aux:') ? 'account' : pos.col }
}

/** Adds a line at the end whose 摘要 is a copy of the line above. */
export function appendLine(lines: readonly GridLine[], key: string = newLineKey()): GridLine[] {
  const prev = lines[lines.length - 1]
  const l = emptyLine(key)
  if (prev && prev.summary.trim()) Object.assign(l, { summary: prev.summary, autoSummary: true })
  return [...lines, l]
}

/** Inserts an empty line before `row`. */
export function insertLine(lines: readonly GridLine[], row: number, key: string = newLineKey()): GridLine[] {
  const out = [...lines]
  out.splice(Math.max(0, Math.min(row, lines.length)), 0, emptyLine(key))
  return out
}

/** Removes a line, keeping at least one. */
export function removeLine(lines: readonly GridLine[], row: number): GridLine[] {
  if (lines.length <= 1) return [emptyLine()]
  return lines.filter((_, i) => i !== row)
}

/**
 * Entering a line's 摘要 from the line above: an empty line takes the 摘要 above it as a copy (typing
 * replaces it). Lines that already say something are left alone.
 */
export function prepareLineForEntry(lines: readonly GridLine[], row: number): GridLine[] {
  const l = lines[row]
  const prev = lines[row - 1]
  if (!l || !prev || !isEmptyLine(l) || l.summary.trim() !== '' || !prev.summary.trim()) return lines as GridLine[]
  return lines.map((x, i) => (i === row ? { ...x, summary: prev.summary, autoSummary: true } : x))
}

/** Changing the account keeps only the auxiliary items the new account still takes. */
export function setAccount(lines: readonly GridLine[], row: number, code: string, accountOf: AccountLookup): GridLine[] {
  const a = code ? accountOf(code) : undefined
  return lines.map((l, i) => {
    if (i !== row) return l
    const aux: GridLine['aux'] = {}
    for (const t of a?.auxTypes ?? []) if (l.aux[t] !== undefined) aux[t] = l.aux[t]
    return { ...l, accountCode: code, aux }
  })
}

/** Rules the grid checks itself before asking main (main checks everything else). */
export type LocalRule = 'bad-amount' | 'no-account' | 'empty'

export type BuildResult =
  | { ok: true; lines: VoucherLineInput[]; /** grid row (0-based) of each submitted line */ rowOf: number[] }
  | { ok: false; rule: LocalRule; /** 0-based grid row, null for the voucher as a whole */ row: number | null }

/** The lines to send to vouchers:save: empty lines dropped, amounts in 分, rows remembered. */
export function buildLines(lines: readonly GridLine[]): BuildResult {
  const out: VoucherLineInput[] = []
  const rowOf: number[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    if (isEmptyLine(l)) continue
    const debit = parseAmount(l.debit)
    const credit = parseAmount(l.credit)
    if (debit === null || credit === null) return { ok: false, rule: 'bad-amount', row: i }
    if (!l.accountCode) return { ok: false, rule: 'no-account', row: i }
    const aux = Object.fromEntries(Object.entries(l.aux).filter(([, v]) => v !== undefined)) as GridLine['aux']
    out.push({ summary: l.summary.trim(), accountCode: l.accountCode, debit, credit, ...(Object.keys(aux).length ? { aux } : {}) })
    rowOf.push(i)
  }
  if (out.length === 0) return { ok: false, rule: 'empty', row: null }
  return { ok: true, lines: out, rowOf }
}

/** Main's 1-based details.line (an index into the submitted lines) → the 1-based grid row. */
export function gridRowOfLine(rowOf: readonly number[], line: number): number | null {
  const r = rowOf[line - 1]
  return r === undefined ? null : r + 1
}

/** A saved voucher's lines as grid lines. */
export function linesFromVoucher(v: Pick<Voucher, 'lines'>): GridLine[] {
  return v.lines.map((l) => ({
    key: newLineKey(),
    summary: l.summary,
    autoSummary: false,
    accountCode: l.accountCode,
    aux: Object.fromEntries(l.aux.map((a) => [a.type, a.id])) as GridLine['aux'],
    debit: formatAmount(l.debit),
    credit: formatAmount(l.credit),
  }))
}

/** Pads a saved voucher's lines with empty rows so the grid keeps its familiar height. */
export function padLines(lines: GridLine[], min = INITIAL_ROWS): GridLine[] {
  return lines.length >= min ? lines : [...lines, ...initialLines(min - lines.length)]
}
