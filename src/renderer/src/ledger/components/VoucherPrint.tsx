// The printable voucher (记账凭证) on A4 or on 240×140 mm voucher paper: title, 核算单位, date, 字号,
// 附单据, the lines (split over sheets with 过次页 when they do not fit), 合计 with the 大写, and the
// 会计主管 / 记账 / 审核 / 制单 line. Ordinary DOM shown over the app; the print stylesheet puts only it on paper.
import { useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import { Button, Segmented } from 'antd'
import { CloseOutlined, PrinterOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Voucher } from '../../../../shared/ipc/contract'
import { amountInWords, asFen, formatYuan } from '../../../../shared/money'
import { currentLanguage } from '../../i18n'
import { formatDate } from '../labels'

export type Paper = 'voucher' | 'a4'

/** Lines that fit one sheet: a voucher-paper form has five rows; A4 takes a longer form. */
export const LINES_PER_SHEET: Record<Paper, number> = { voucher: 5, a4: 12 }

/** Splits lines into sheets of `size` (at least one sheet). */
export function sheetsOf<T>(lines: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < lines.length; i += size) out.push(lines.slice(i, i + size))
  return out.length ? out : [[]]
}

/** Debit and credit totals up to the end of each sheet (what 过次页 carries). */
export function runningTotals(sheets: readonly (readonly { debit: number; credit: number }[])[]): { debit: number; credit: number }[] {
  const out: { debit: number; credit: number }[] = []
  let debit = 0
  let credit = 0
  for (const lines of sheets) {
    for (const l of lines) {
      debit += l.debit
      credit += l.credit
    }
    out.push({ debit, credit })
  }
  return out
}

const amount = (fen: number) => (fen === 0 ? '' : formatYuan(asFen(fen)))

export function VoucherPrint({
  voucher,
  clientName,
  onClose,
  autoPrint = true,
}: {
  voucher: Voucher
  clientName: string
  onClose(): void
  autoPrint?: boolean
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [paper, setPaper] = useState<Paper>('voucher')
  const size = LINES_PER_SHEET[paper]
  const sheets = sheetsOf(voucher.lines, size)
  const number = String(voucher.number).padStart(4, '0')

  useEffect(() => {
    if (!autoPrint) return
    // print once the sheet is laid out
    const id = requestAnimationFrame(() => window.print())
    return () => cancelAnimationFrame(id)
  }, [autoPrint])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const running = runningTotals(sheets)
  return createPortal(
    <div className="print-sheet voucher-print-root" data-testid="voucher-print" data-paper={paper} role="dialog" aria-label={t('ledger.print.title')}>
      <div className="voucher-print-toolbar">
        <span>{t('ledger.print.paper')}</span>
        <Segmented<Paper>
          value={paper}
          onChange={setPaper}
          options={[
            { value: 'voucher', label: t('ledger.print.paperVoucher') },
            { value: 'a4', label: t('ledger.print.paperA4') },
          ]}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="voucher-print-go">
          {t('ledger.print.print')}
        </Button>
        <Button icon={<CloseOutlined />} onClick={onClose} data-testid="voucher-print-close">
          {t('ledger.print.close')}
        </Button>
      </div>
      {sheets.map((lines, i) => {
        const last = i === sheets.length - 1
        const carried = running[i]
        const padded = [...lines, ...Array.from({ length: size - lines.length }, () => null)]
        return (
          <section className={`voucher-sheet paper-${paper}`} key={i} data-testid={`voucher-print-sheet-${i + 1}`}>
            <div className="vs-title">
              {t('ledger.print.title')}
              {voucher.kind === 'reversal' && <span className="vs-red-note">{t('ledger.print.reversalNote')}</span>}
            </div>
            <div className="vs-meta">
              <span className="vs-unit">
                {t('ledger.print.unit')}
                {t('common.colon')}
                <span data-testid="voucher-print-client">{clientName}</span>
              </span>
              <span>
                {t('ledger.print.date')}
                {t('common.colon')}
                <span data-testid="voucher-print-date">{formatDate(voucher.date, lang)}</span>
              </span>
              <span className="vs-number">
                <span>
                  <span data-testid="voucher-print-number">{t('ledger.print.number', { type: voucher.type, number })}</span>
                  {sheets.length > 1 && ` (${i + 1}/${sheets.length})`}
                </span>
                <span className="vs-attach" data-testid="voucher-print-attachments">
                  {t('ledger.print.attachments', { count: voucher.attachments })}
                </span>
              </span>
            </div>
            <table className="vs-table">
              <colgroup>
                <col className="vs-col-summary" />
                <col className="vs-col-account" />
                <col className="vs-col-amount" />
                <col className="vs-col-amount" />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('ledger.voucher.summary')}</th>
                  <th>{t('ledger.voucher.account')}</th>
                  <th>{t('ledger.voucher.debit')}</th>
                  <th>{t('ledger.voucher.credit')}</th>
                </tr>
              </thead>
              <tbody>
                {padded.map((l, k) =>
                  l ? (
                    <tr key={k}>
                      <td>{l.summary}</td>
                      <td>
                        {l.accountCode} {l.accountName}
                        {l.aux.length > 0 && <span className="vs-aux"> ({l.aux.map((a) => a.name).join('，')})</span>}
                      </td>
                      <td className={`vs-amount${l.debit < 0 ? ' amount-negative' : ''}`}>{amount(l.debit)}</td>
                      <td className={`vs-amount${l.credit < 0 ? ' amount-negative' : ''}`}>{amount(l.credit)}</td>
                    </tr>
                  ) : (
                    <tr key={k} className="vs-blank">
                      <td />
                      <td />
                      <td />
                      <td />
                    </tr>
                  ),
                )}
                <tr className="vs-total">
                  <td colSpan={2}>
                    {last ? (
                      <>
                        {t('ledger.print.words')}
                        {t('common.colon')}
                        <span data-testid="voucher-print-words">{amountInWords(asFen(voucher.total))}</span>
                      </>
                    ) : (
                      t('ledger.print.carried')
                    )}
                  </td>
                  <td className="vs-amount">{formatYuan(asFen(carried.debit))}</td>
                  <td className="vs-amount">{formatYuan(asFen(carried.credit))}</td>
                </tr>
              </tbody>
            </table>
            <div className="vs-people">
              <span>
                {t('ledger.print.manager')}
                {t('common.colon')}
              </span>
              <span>
                {t('ledger.voucher.poster')}
                {t('common.colon')}
                {voucher.poster?.name ?? ''}
              </span>
              <span>
                {t('ledger.voucher.reviewer')}
                {t('common.colon')}
                {voucher.reviewer?.name ?? ''}
              </span>
              <span>
                {t('ledger.voucher.preparer')}
                {t('common.colon')}
                <span data-testid="voucher-print-preparer">{voucher.preparer?.name ?? ''}</span>
              </span>
            </div>
          </section>
        )
      })}
    </div>,
    document.body,
  )
}
