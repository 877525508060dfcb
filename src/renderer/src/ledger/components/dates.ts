// dayjs values for antd's date and month pickers, with the Chinese locale loaded for their panels.
// The ledger keeps dates as "YYYY-MM-DD" and periods as "YYYY-MM" strings; dayjs is only the pickers' currency.
import dayjs, { type Dayjs } from 'dayjs'
import 'dayjs/locale/zh-cn'

export type { Dayjs }

export function periodToDayjs(period: string): Dayjs | null {
  return /^\d{4}-\d{2}$/.test(period) ? dayjs(`${period}-01`) : null
}

export function dateToDayjs(date: string): Dayjs | null {
  const d = dayjs(date, 'YYYY-MM-DD')
  return date && d.isValid() ? d : null
}

export function dayjsToPeriod(d: Dayjs | null): string {
  return d ? d.format('YYYY-MM') : ''
}

export function dayjsToDate(d: Dayjs | null): string {
  return d ? d.format('YYYY-MM-DD') : ''
}
