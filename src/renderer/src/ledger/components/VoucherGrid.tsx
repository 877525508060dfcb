// The voucher's line grid in the familiar paper layout: 摘要 / 会计科目 / (辅助核算) / 借方金额 / 贷方金额,
// then the 合计 row with the 大写 and the balance indicator. Owns focus only: Enter walks the cells in
// voucherGrid.ts's order, "=" fills the balancing amount; every change goes through the editor store.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { Tooltip } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { AuxItem, AuxType } from '../../../../shared/ipc/contract'
import { amountInWords, asFen, formatYuan } from '../../../../shared/money'
import { useStores, useVoucherEditor, useWorkspace } from '../../stores/context'
import { accountLabel, matchAccounts, matchAuxItems, type IndexedAccount } from '../accounts'
import { auxCells, isBalanceKey, nextCell, prevCell, totals, verticalCell, type AmountSide, type CellKind, type CellPos, type GridLine } from '../voucherGrid'
import { SuggestInput } from './SuggestInput'

const cellKey = (p: CellPos) => `${p.row}:${p.col}`

export function VoucherGrid({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation()
  const { editor } = useStores().ledger
  const lines = useVoucherEditor((s) => s.lines)
  const errorRow = useVoucherEditor((s) => s.errorRow)
  const generation = useVoucherEditor((s) => s.generation)
  const chart = useWorkspace((s) => s.chart)
  const auxItems = useWorkspace((s) => s.auxItems)

  const accountOf = useCallback((code: string) => chart.byCode.get(code), [chart])
  const sum = useMemo(() => totals(lines), [lines])
  const showAux = useMemo(() => lines.some((l) => auxCells(l, accountOf).length > 0), [lines, accountOf])

  // ---- focus: cells register their inputs; a move focuses now or right after the next render
  const cells = useRef(new Map<string, HTMLInputElement>())
  const pending = useRef<CellPos | null>(null)
  const register = (p: CellPos) => (el: HTMLInputElement | null) => {
    if (el) cells.current.set(cellKey(p), el)
    else cells.current.delete(cellKey(p))
  }
  const tryFocus = () => {
    const p = pending.current
    if (!p) return
    const el = cells.current.get(cellKey(p))
    if (!el) return
    pending.current = null
    el.focus()
    el.select()
  }
  const focusCell = (p: CellPos) => {
    pending.current = p
    tryFocus()
  }
  useLayoutEffect(tryFocus)

  useEffect(() => {
    // a voucher was started or opened: the cursor goes to the first 摘要
    if (generation > 0) focusCell({ row: 0, col: 'summary' })
    // only the generation matters here; the refs are stable
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation])

  const moveNext = (from: CellPos) => {
    const state = editor.getState()
    const { pos, append } = nextCell(state.lines, from, accountOf)
    if (append) {
      if (readOnly) return
      state.appendLine()
    } else if (pos.col === 'summary' && pos.row !== from.row) state.enterLine(pos.row)
    focusCell(pos)
  }

  /** Keys every cell shares: Enter / Shift+Enter walk the cells, ↑/↓ change rows. */
  const navKey = (from: CellPos) => (e: KeyboardEvent<HTMLInputElement>): boolean => {
    if (e.nativeEvent.isComposing) return false
    const lines = editor.getState().lines
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (e.shiftKey) focusCell(prevCell(lines, from, accountOf))
      else moveNext(from)
      return true
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const p = verticalCell(lines, from, e.key === 'ArrowDown' ? 1 : -1, accountOf)
      if (p) focusCell(p)
      return true
    }
    return false
  }

  const onAmountKey = (row: number, side: AmountSide) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (!readOnly && isBalanceKey(e.key)) {
      e.preventDefault()
      editor.getState().balance(row, side)
      return
    }
    // leaving the cell normalises the amount ("1234.5" → "1,234.50") through its blur
    if (navKey({ row, col: side })(e)) e.preventDefault()
  }

  const searchAccounts = useCallback((q: string) => matchAccounts(chart, q), [chart])

  return (
    <div className={`voucher-grid${showAux ? ' with-aux' : ''}`} role="grid" aria-label={t('ledger.voucher.title')}>
      <div className="vg-row vg-head" role="row">
        <div className="vg-cell vg-no" role="columnheader">
          #
        </div>
        <div className="vg-cell" role="columnheader">
          {t('ledger.voucher.summary')}
        </div>
        <div className="vg-cell" role="columnheader">
          {t('ledger.voucher.account')}
        </div>
        {showAux && (
          <div className="vg-cell" role="columnheader">
            {t('ledger.voucher.aux')}
          </div>
        )}
        <div className="vg-cell vg-amount" role="columnheader">
          {t('ledger.voucher.debit')}
        </div>
        <div className="vg-cell vg-amount" role="columnheader">
          {t('ledger.voucher.credit')}
        </div>
        <div className="vg-cell vg-actions" role="columnheader" />
      </div>

      {lines.map((line, row) => (
        <GridRow
          key={line.key}
          line={line}
          row={row}
          readOnly={readOnly}
          error={errorRow === row + 1}
          invalidAmount={sum.invalidRows.includes(row)}
          showAux={showAux}
          account={line.accountCode ? (accountOf(line.accountCode) ?? null) : null}
          auxItems={auxItems}
          auxTypes={auxCells(line, accountOf).map((c) => c.slice(4) as AuxType)}
          register={register}
          searchAccounts={searchAccounts}
          navKey={navKey}
          moveNext={moveNext}
          onAmountKey={onAmountKey}
        />
      ))}

      <div className="vg-row vg-total" role="row">
        <div className="vg-cell vg-no" />
        <div className="vg-cell vg-total-label">{t('ledger.voucher.total')}</div>
        <div className={`vg-cell vg-words${showAux ? ' span-2' : ''}`}>
          {sum.balanced ? (
            <span className="words" data-testid="voucher-total-words">
              {sum.debit === 0 ? '' : `${t('ledger.voucher.words')}${t('common.colon')}${amountInWords(sum.debit)}`}
            </span>
          ) : (
            <>
              <span className="words words-muted" data-testid="voucher-total-words">
                {sum.debit === 0 ? '' : amountInWords(sum.debit)}
              </span>
              <span className="unbalanced" data-testid="voucher-unbalanced" role="status">
                {t('ledger.voucher.unbalanced', { amount: formatYuan(asFen(Math.abs(sum.difference))) })}
              </span>
            </>
          )}
        </div>
        <div className="vg-cell vg-amount">
          <span className={sum.debit < 0 ? 'amount amount-negative' : 'amount'} data-testid="voucher-total-debit" data-value={sum.debit}>
            {formatYuan(sum.debit)}
          </span>
        </div>
        <div className="vg-cell vg-amount">
          <span className={sum.credit < 0 ? 'amount amount-negative' : 'amount'} data-testid="voucher-total-credit" data-value={sum.credit}>
            {formatYuan(sum.credit)}
          </span>
        </div>
        <div className="vg-cell vg-actions" />
      </div>
    </div>
  )
}

interface GridRowProps {
  line: GridLine
  row: number
  readOnly: boolean
  error: boolean
  invalidAmount: boolean
  showAux: boolean
  account: IndexedAccount | null
  auxItems: AuxItem[]
  auxTypes: AuxType[]
  register(p: CellPos): (el: HTMLInputElement | null) => void
  searchAccounts(q: string): IndexedAccount[]
  navKey(from: CellPos): (e: KeyboardEvent<HTMLInputElement>) => boolean
  moveNext(from: CellPos): void
  onAmountKey(row: number, side: AmountSide): (e: KeyboardEvent<HTMLInputElement>) => void
}

function GridRow(p: GridRowProps) {
  const { t } = useTranslation()
  const { editor } = useStores().ledger
  const { line, row, readOnly } = p
  const n = row + 1
  const pos = (col: CellKind): CellPos => ({ row, col })
  const amountClass = (side: AmountSide) => {
    const text = line[side].trim()
    const negative = text.startsWith('-') || text.startsWith('－')
    return `cell-input cell-amount${negative ? ' amount-negative' : ''}${p.invalidAmount ? ' cell-invalid' : ''}`
  }

  return (
    <div className={`vg-row${p.error ? ' vg-error' : ''}`} role="row" data-testid={`line-${n}`} aria-invalid={p.error || undefined}>
      <div className="vg-cell vg-no">{n}</div>
      <div className="vg-cell">
        <input
          ref={p.register(pos('summary'))}
          className={`cell-input${line.autoSummary ? ' cell-auto' : ''}`}
          data-testid={`line-${n}-summary`}
          aria-label={`${t('ledger.voucher.summary')} ${n}`}
          value={line.summary}
          readOnly={readOnly}
          maxLength={200}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => editor.getState().setSummary(row, e.target.value)}
          onKeyDown={(e) => {
            if (p.navKey(pos('summary'))(e)) e.preventDefault()
          }}
        />
      </div>
      <div className="vg-cell">
        <SuggestInput<IndexedAccount>
          inputRef={p.register(pos('account'))}
          testId={`line-${n}-account`}
          ariaLabel={`${t('ledger.voucher.account')} ${n}`}
          value={p.account}
          display={accountLabel}
          search={p.searchAccounts}
          itemKey={(a) => a.code}
          renderItem={(a) => (
            <>
              <span className="suggest-code">{a.code}</span>
              <span className="suggest-name">{a.fullName}</span>
            </>
          )}
          onChoose={(a) => editor.getState().chooseAccount(row, a?.code ?? '')}
          onEnter={() => p.moveNext(pos('account'))}
          onNavKey={p.navKey(pos('account'))}
          placeholder={t('ledger.voucher.accountPlaceholder')}
          emptyText={t('ledger.voucher.noMatch')}
          readOnly={readOnly}
          invalid={p.error}
        />
      </div>
      {p.showAux && (
        <div className="vg-cell vg-aux">
          {p.auxTypes.map((type) => {
            const col = `aux:${type}` as const
            const chosen = p.auxItems.find((i) => i.type === type && i.id === line.aux[type]) ?? null
            return (
              <SuggestInput<AuxItem>
                key={type}
                inputRef={p.register(pos(col))}
                testId={`line-${n}-aux-${type}`}
                ariaLabel={`${t(`ledger.auxTypes.${type}`)} ${n}`}
                value={chosen}
                display={(i) => `${i.code} ${i.name}`}
                search={(q) => matchAuxItems(p.auxItems, type, q)}
                itemKey={(i) => String(i.id)}
                renderItem={(i) => (
                  <>
                    <span className="suggest-code">{i.code}</span>
                    <span className="suggest-name">{i.name}</span>
                  </>
                )}
                onChoose={(i) => editor.getState().chooseAux(row, type, i?.id)}
                onEnter={() => p.moveNext(pos(col))}
                onNavKey={p.navKey(pos(col))}
                placeholder={t(`ledger.auxTypes.${type}`)}
                emptyText={t('ledger.voucher.noAuxMatch')}
                readOnly={readOnly}
                className="aux-input"
              />
            )
          })}
        </div>
      )}
      {(['debit', 'credit'] as const).map((side) => (
        <div className="vg-cell vg-amount" key={side}>
          <input
            ref={p.register(pos(side))}
            className={amountClass(side)}
            data-testid={`line-${n}-${side}`}
            aria-label={`${t(side === 'debit' ? 'ledger.voucher.debit' : 'ledger.voucher.credit')} ${n}`}
            inputMode="decimal"
            autoComplete="off"
            value={line[side]}
            readOnly={readOnly}
            onFocus={(e) => e.currentTarget.select()}
            onChange={(e) => editor.getState().setAmount(row, side, e.target.value)}
            onBlur={() => editor.getState().normaliseAmount(row, side)}
            onKeyDown={p.onAmountKey(row, side)}
          />
        </div>
      ))}
      <div className="vg-cell vg-actions">
        {!readOnly && (
          <span className="vg-row-tools">
            <Tooltip title={t('ledger.voucher.insertLine')}>
              <button type="button" tabIndex={-1} className="vg-tool" aria-label={t('ledger.voucher.insertLine')} onClick={() => editor.getState().insertLine(row)}>
                <PlusOutlined />
              </button>
            </Tooltip>
            <Tooltip title={t('ledger.voucher.removeLine')}>
              <button type="button" tabIndex={-1} className="vg-tool" aria-label={t('ledger.voucher.removeLine')} onClick={() => editor.getState().removeLine(row)}>
                <DeleteOutlined />
              </button>
            </Tooltip>
          </span>
        )}
      </div>
    </div>
  )
}
