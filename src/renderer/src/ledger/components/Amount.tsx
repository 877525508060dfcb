// An amount in 分 as the ledger shows it: 元 with grouping and two decimals, monospace digits, right
// aligned by its cell, red when negative (红字); zero shows blank unless `zero` is set.
import { asFen, formatYuan } from '../../../../shared/money'

export function Amount({ value, zero = false, testId }: { value: number; zero?: boolean; testId?: string }) {
  if (value === 0 && !zero) return <span className="amount" data-testid={testId} data-value={0} />
  return (
    <span className={value < 0 ? 'amount amount-negative' : 'amount'} data-testid={testId} data-value={value}>
      {formatYuan(asFen(value))}
    </span>
  )
}
