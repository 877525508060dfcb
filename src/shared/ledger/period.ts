// Calendar-month periods ("YYYY-MM") and voucher labels, shared by main and the renderer.
// Pure string arithmetic: no Date time zones, no state.

/** "2026-01-15" → "2026-01". */
export function periodOf(date: string): string {
  return date.slice(0, 7)
}

export function nextPeriod(p: string): string {
  const [y, m] = p.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

export function prevPeriod(p: string): string {
  const [y, m] = p.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** Last calendar day of a period: "2026-02" → "2026-02-28". */
export function lastDayOf(p: string): string {
  const [y, m] = p.split('-').map(Number)
  return `${p}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** "记", 12 → "记-0012". */
export function voucherLabel(type: string, number: number): string {
  return `${type}-${String(number).padStart(4, '0')}`
}
