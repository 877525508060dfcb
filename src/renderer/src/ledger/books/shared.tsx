// What the bookkeeping screens share: their api slice, a store made per screen (and per client), the
// account picker (code, name, pinyin initials), the month-range picker, 借/贷/平, and errors in words.
import { useMemo, type ReactNode } from 'react'
import { Alert, DatePicker, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AppErrorData } from '../../../../shared/ipc/result'
import { getApi } from '../../lib/api'
import { errorText } from '../../lib/errors'
import { useWorkspace } from '../../stores/context'
import { accountLabel, matchRank, type IndexedAccount } from '../accounts'
import { dayjsToPeriod, periodToDayjs } from '../components/dates'
import { ledgerApiOf, type LedgerApi } from '../stores/ledgerApi'
import { useBooksText, type BooksT } from './text'

/** The ledger areas of the preload api (calls answer INTERNAL when it is absent). */
export function booksApi(): LedgerApi {
  return ledgerApiOf(getApi() ?? {})
}

/**
 * A store for this screen and this client, made on mount and dropped on unmount (the workspace unmounts
 * on lock and on leaving the client), so no books data outlives them.
 */
export function useScreenStore<S>(make: (api: LedgerApi, clientId: string) => S): S | null {
  const clientId = useWorkspace((s) => s.client?.id ?? null)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one store per client: `make` is a fresh closure each render
  return useMemo(() => (clientId ? make(booksApi(), clientId) : null), [clientId])
}

export function DirText({ side, testId }: { side: 'debit' | 'credit' | 'zero'; testId?: string }) {
  const { bt } = useBooksText()
  return (
    <span data-testid={testId} data-side={side}>
      {bt(`common.dir.${side}`)}
    </span>
  )
}

export function AccountPicker({
  value,
  onChange,
  accounts,
  testId,
  width = 280,
}: {
  value: string
  onChange(code: string): void
  accounts: readonly IndexedAccount[]
  testId: string
  width?: number
}) {
  const { bt } = useBooksText()
  const byCode = useMemo(() => new Map(accounts.map((a) => [a.code, a])), [accounts])
  const options = useMemo(() => accounts.map((a) => ({ value: a.code, label: accountLabel(a) })), [accounts])
  return (
    <Select
      showSearch={{
        filterOption: (input, opt) => {
          const a = opt ? byCode.get(String(opt.value)) : undefined
          return !!a && matchRank(a, input) !== null
        },
      }}
      value={value || undefined}
      onChange={(v: string) => onChange(v)}
      options={options}
      placeholder={bt('common.accountPlaceholder')}
      data-testid={testId}
      aria-label={bt('common.account')}
      style={{ width }}
      popupMatchSelectWidth={360}
      notFoundContent={bt('common.empty')}
    />
  )
}

export function MonthRange({
  from,
  to,
  firstPeriod,
  onChange,
  testId,
}: {
  from: string
  to: string
  firstPeriod: string
  onChange(range: { from: string; to: string }): void
  testId: string
}) {
  return (
    <DatePicker.RangePicker
      picker="month"
      value={[periodToDayjs(from), periodToDayjs(to)]}
      allowClear={false}
      format="YYYY-MM"
      onChange={(range) => {
        const [a, b] = range ?? [null, null]
        onChange({ from: dayjsToPeriod(a), to: dayjsToPeriod(b) })
      }}
      disabledDate={(d) => dayjsToPeriod(d) < firstPeriod}
      data-testid={testId}
      style={{ width: 220 }}
    />
  )
}

/**
 * An error from main in words: `special` may say a code in this screen's terms (CONFLICT on a code,
 * INVALID_STATE on posted books); everything else goes through the app's error text.
 */
export function BooksError({
  error,
  testId,
  onClose,
  special,
}: {
  error: AppErrorData | null
  testId: string
  onClose?(): void
  special?: (error: AppErrorData, bt: BooksT) => string | null
}) {
  const { t } = useTranslation()
  const { bt } = useBooksText()
  if (!error) return null
  const own = special?.(error, bt) ?? null
  const { title, lines } = own ? { title: own, lines: [] as string[] } : errorText(t, error)
  let description: ReactNode
  if (lines.length) {
    description = (
      <ul className="error-lines">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    )
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-error-code={error.code}
      title={title}
      description={description}
      closable={onClose ? { onClose } : undefined}
      style={{ marginBottom: 12 }}
    />
  )
}
