// Calendar-month periods ("YYYY-MM") and dates ("YYYY-MM-DD") as the ledger screens use them: next,
// previous, last day, display. Pure string arithmetic, no Date time zones, no state.

import { lastDayOf, nextPeriod, periodOf, prevPeriod } from '../../../shared/ledger/period'

export { lastDayOf, nextPeriod, periodOf, prevPeriod }

/** Today's local date as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

/** Whether `date` is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return false
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= Number(lastDayOf(`${m[1]}-${m[2]}`).slice(8))
}

/**
 * The date a new voucher starts with: the last date used in this period, else today when today falls in
 * the period, else the period's last day (agencies mostly book a month after it ends).
 */
export function defaultVoucherDate(period: string, lastUsed: string | null, today: string): string {
  if (lastUsed && periodOf(lastUsed) === period) return lastUsed
  if (periodOf(today) === period) return today
  return lastDayOf(period)
}

/** Periods from `from` to `to` inclusive (empty when reversed). */
export function periodRange(from: string, to: string): string[] {
  const out: string[] = []
  for (let p = from; p <= to && out.length < 1200; p = nextPeriod(p)) out.push(p)
  return out
}

/** "2026-01" as the UI shows it: 2026年01月 in Chinese, 2026-01 otherwise. */
export function formatPeriod(p: string, lang: string): string {
  return lang.startsWith('zh') ? `${p.slice(0, 4)}年${p.slice(5, 7)}月` : p
}
