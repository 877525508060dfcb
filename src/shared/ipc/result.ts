// The Result envelope every IPC call answers with, and the closed union of error codes.
// Pure TypeScript: imported by main, preload and renderer alike. No electron, node: or DOM imports.

export const ERROR_CODES = [
  'INVALID_INPUT', // payload failed the contract's schema
  'LOCKED', // no unlocked session
  'FORBIDDEN', // wrong sender, role lacks permission, or not assigned
  'NOT_FOUND',
  'CONFLICT', // e.g. username already taken
  'NOT_SET_UP', // no firm in this data folder yet
  'ALREADY_SET_UP', // a firm exists already
  'WRONG_PASSWORD', // username or password wrong (never says which)
  'LOCKED_OUT', // too many failures: wait until retryAfter
  'USER_DISABLED',
  'PASSWORD_CHANGE_REQUIRED', // temporary password: change it before anything else
  'PASSWORD_POLICY', // new password does not satisfy the policy
  'RECOVERY_INVALID', // recovery secret wrong, or confirmation mismatch
  'CORRUPT_DATA', // a data file is damaged or was tampered with
  'UNSUPPORTED_VERSION', // a data file from a newer Zhangfang
  'UNBALANCED', // voucher or opening balances: debit total ≠ credit total
  'PERIOD_CLOSED', // the date falls in a closed period, or before the books start
  'VOUCHER_INVALID', // a voucher rule failed: details.rule (and details.line, 1-based)
  'SAME_PERSON', // the reviewer would be the preparer
  'INVALID_STATE', // e.g. edit a reviewed voucher, post an unreviewed one, delete a posted one
  'CLOSE_BLOCKED', // month-end prerequisites failed: details.failed lists them
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorIssue {
  path: string
  message: string
}

export interface AppErrorData {
  code: ErrorCode
  message: string
  issues?: ErrorIssue[]
  /** Extra non-sensitive facts the UI may show, e.g. seconds until a lockout ends. */
  details?: Record<string, string | number | boolean>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = <T = never>(
  code: ErrorCode,
  message: string,
  extra: Omit<AppErrorData, 'code' | 'message'> = {},
): Result<T> => ({ ok: false, error: { code, message, ...extra } })

/** Thrown inside main to abort with a specific code; the router turns it into a Result. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly issues?: ErrorIssue[]
  readonly details?: Record<string, string | number | boolean>
  constructor(
    code: ErrorCode,
    message: string,
    extra: { issues?: ErrorIssue[]; details?: Record<string, string | number | boolean> } = {},
  ) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.issues = extra.issues
    this.details = extra.details
  }
  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message }
    if (this.issues) data.issues = this.issues
    if (this.details) data.details = this.details
    return data
  }
}

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x)
}
