// Small display helpers of the vault screens: byte sizes, the voucher labels a document is attached to.
import type { DocumentSummary } from '../../../shared/ipc/contract'

/** 1536 → "1.5 KB", 5 242 880 → "5.0 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 * 1024 * 1024) return `${(n / 1048576).toFixed(1)} MB`
  return `${(n / 1073741824).toFixed(2)} GB`
}

/** Whether a document is an accounting archive (attached to a posted voucher) and so cannot be removed. */
export function isArchived(d: Pick<DocumentSummary, 'vouchers'>): boolean {
  return d.vouchers.some((v) => v.status === 'posted')
}
