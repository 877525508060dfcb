// How vouchers and people are named on screen: 记-0001, 记 字第 0001 号. Pure.
import type { Voucher } from '../../../shared/ipc/contract'
import { voucherLabel } from '../../../shared/ledger/period'

/** "记-0001", as main labels vouchers in batch answers and reversal 摘要. */
export { voucherLabel }

export function labelOf(v: Pick<Voucher, 'type' | 'number'>): string {
  return voucherLabel(v.type, v.number)
}

/** "2026-01-31" → "2026年01月31日" in Chinese; unchanged otherwise. */
export function formatDate(date: string, lang: string): string {
  return lang.startsWith('zh') && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日` : date
}
