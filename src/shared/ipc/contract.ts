// The IPC contract: every call the renderer may make, with strict zod schemas, the access it needs
// and whether it is audited as a sensitive read. Main's router, the preload and the renderer all derive
// from this one file. No electron, node: or DOM imports.
import { z } from 'zod'
import { DOCUMENT_CATEGORIES, DOCUMENT_TYPES, REFUSAL_REASONS, SENSITIVITIES } from '../vault'

export const ROLES = ['admin', 'supervisor', 'bookkeeper', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  'users:manage',
  'settings:manage',
  'audit:verify',
  'clients:create',
  'clients:assign',
  'ledger:read',
  'ledger:write',
  'ledger:review',
  'periods:close',
  'periods:reopen',
  'documents:export',
  'documents:purge',
  'vault:verify',
  'vault:manage',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** Which role holds which permission. Holding a key is never permission: the router checks this. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['users:manage', 'settings:manage', 'audit:verify', 'clients:create', 'clients:assign', 'ledger:read', 'periods:reopen', 'documents:export', 'documents:purge', 'vault:verify', 'vault:manage'],
  supervisor: ['clients:create', 'ledger:read', 'ledger:write', 'ledger:review', 'periods:close', 'periods:reopen', 'documents:export', 'vault:verify'],
  bookkeeper: ['ledger:read', 'ledger:write', 'documents:export'],
  auditor: ['audit:verify', 'ledger:read', 'vault:verify'],
}

export const LOCK_REASONS = ['manual', 'idle', 'os-lock', 'suspend', 'shutdown', 'user-disabled'] as const
export type LockReason = (typeof LOCK_REASONS)[number]

// ---- shared field schemas -------------------------------------------------------------------

/** Usernames: letters (any script), digits, dot, underscore, hyphen; compared case-insensitively. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only')
export const displayNameSchema = z.string().trim().min(1).max(50)
export const firmNameSchema = z.string().trim().min(1).max(100)
/** Bounds only; the password policy itself is checked in main (and mirrored in the form). */
export const passwordSchema = z.string().min(1).max(256)
export const roleSchema = z.enum(ROLES)
export const idSchema = z.uuid()

const empty = z.strictObject({})

export const sessionInfoSchema = z.strictObject({
  userId: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  firmName: z.string(),
  idleLockMinutes: z.number().int(),
  /** ISO time of the previous successful unlock of this user, if any. */
  previousUnlockAt: z.string().nullable(),
  /** Failed or refused unlock attempts on this username since its previous successful unlock. */
  failedAttemptsSinceLastUnlock: z.number().int(),
})
export type SessionInfo = z.infer<typeof sessionInfoSchema>

export const userSummarySchema = z.strictObject({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastUnlockAt: z.string().nullable(),
})
export type UserSummary = z.infer<typeof userSummarySchema>

export const settingsSchema = z.strictObject({
  idleLockMinutes: z.number().int().min(1).max(240),
  /** Largest document the vault accepts, in MB. */
  vaultMaxFileMb: z.number().int().min(1).max(500),
})
export type Settings = z.infer<typeof settingsSchema>
/** A settings change names only what it changes. */
export const settingsUpdateSchema = settingsSchema.partial()

export const auditVerificationSchema = z.strictObject({
  ok: z.boolean(),
  count: z.number().int(),
  head: z.string().nullable(),
  firstBad: z
    .strictObject({
      seq: z.number().int(),
      reason: z.enum(['edited', 'deleted', 'inserted-or-reordered', 'bad-signature', 'unknown-signer']),
      message: z.string(),
    })
    .nullable(),
})
export type AuditVerification = z.infer<typeof auditVerificationSchema>


// ---- clients and their books ------------------------------------------------------------------

export const STANDARDS = ['small', 'general'] as const
export const VOUCHER_TYPES = ['记', '收', '付', '转'] as const
export const AUX_TYPES = ['customer', 'supplier', 'department', 'project', 'employee', 'cashflow'] as const
export type AuxType = (typeof AUX_TYPES)[number]
export const ACCOUNT_CATEGORIES = ['asset', 'liability', 'common', 'equity', 'cost', 'pnl'] as const

export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
export const dateSchema = z.iso.date()
/** Money in integer 分 (fen), within ±10^15 fen. */
export const fenSchema = z.number().int().min(-1e15).max(1e15)
export const clientIdSchema = z.uuid()
const clientRef = { clientId: clientIdSchema }

export const clientSummarySchema = z.strictObject({
  id: clientIdSchema,
  name: z.string(),
  uscc: z.string(),
  standard: z.enum(STANDARDS),
  firstPeriod: z.string(),
  codingScheme: z.string(),
  voucherTypes: z.enum(['single', 'three']),
  /** The earliest period that is not closed. */
  currentPeriod: z.string(),
  lastClosedPeriod: z.string().nullable(),
  unpostedCount: z.number().int(),
  assignedToMe: z.boolean(),
})
export type ClientSummary = z.infer<typeof clientSummarySchema>

export const assignmentSchema = z.strictObject({
  userId: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  assigned: z.boolean(),
})

export const accountSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.number().int(),
  category: z.enum(ACCOUNT_CATEGORIES),
  direction: z.enum(['debit', 'credit']),
  pnlKind: z.enum(['income', 'expense']).nullable(),
  isLeaf: z.boolean(),
  active: z.boolean(),
  auxTypes: z.array(z.enum(AUX_TYPES)),
  sensitive: z.boolean(),
  /** Pinyin initials of the name, for `yhck` → 银行存款. */
  initials: z.string(),
  hasPostings: z.boolean(),
})
export type Account = z.infer<typeof accountSchema>

export const auxItemSchema = z.strictObject({
  id: z.number().int(),
  type: z.enum(AUX_TYPES),
  code: z.string(),
  name: z.string(),
  initials: z.string(),
  sensitive: z.boolean(),
  active: z.boolean(),
})
export type AuxItem = z.infer<typeof auxItemSchema>

const auxRefSchema = z.strictObject(
  Object.fromEntries(AUX_TYPES.map((t) => [t, z.number().int().positive().optional()])) as Record<AuxType, z.ZodOptional<z.ZodNumber>>,
)

export const voucherLineInputSchema = z.strictObject({
  summary: z.string().max(200),
  accountCode: z.string().regex(/^\d{4,16}$/),
  debit: fenSchema,
  credit: fenSchema,
  aux: auxRefSchema.optional(),
})
export type VoucherLineInput = z.infer<typeof voucherLineInputSchema>

export const voucherInputSchema = z.strictObject({
  clientId: clientIdSchema,
  /** Present when editing an existing draft. */
  id: z.number().int().positive().optional(),
  type: z.enum(VOUCHER_TYPES),
  date: dateSchema,
  attachments: z.number().int().min(0).max(9999),
  /** 附单据数 follows the number of attached documents (main counts them), instead of the typed number. */
  attachmentsAuto: z.boolean().optional(),
  /** The vault documents attached to this voucher, in order; replaces the attached set. Omitted: unchanged. */
  documentIds: z.array(z.uuid()).max(200).optional(),
  lines: z.array(voucherLineInputSchema).min(1).max(500),
})
export type VoucherInput = z.infer<typeof voucherInputSchema>

const personSchema = z.strictObject({ id: z.string(), name: z.string(), at: z.string() }).nullable()

// ---- document vault ---------------------------------------------------------------------------

export const documentIdSchema = z.uuid()
export const documentSummarySchema = z.strictObject({
  id: documentIdSchema,
  name: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  size: z.number().int(),
  pages: z.number().int().nullable(),
  category: z.enum(DOCUMENT_CATEGORIES),
  sensitivity: z.enum(SENSITIVITIES),
  tags: z.array(z.string()),
  notes: z.string(),
  source: z.enum(['dialog', 'drop', 'inbox']),
  addedBy: z.string(),
  addedAt: z.string(),
  status: z.enum(['active', 'removed']),
  removedBy: z.string().nullable(),
  removedAt: z.string().nullable(),
  /** Vouchers it is attached to, e.g. 记-0003, with their status. */
  vouchers: z.array(z.strictObject({ id: z.number().int(), label: z.string(), period: z.string(), status: z.enum(['draft', 'reviewed', 'posted']) })),
})
export type DocumentSummary = z.infer<typeof documentSummarySchema>

export const addOutcomeSchema = z.strictObject({
  /** The file dialog was closed without choosing anything: nothing happened. */
  dialogCancelled: z.boolean(),
  /** The batch was cancelled part-way: `added` holds what was stored before. */
  cancelled: z.boolean(),
  added: z.array(documentSummarySchema),
  /** Same content as a document the client has already: nothing stored, offered to link. */
  duplicates: z.array(z.strictObject({ name: z.string(), existing: documentSummarySchema })),
  refused: z.array(z.strictObject({ name: z.string(), reason: z.enum(REFUSAL_REASONS), message: z.string() })),
})
export type AddOutcome = z.infer<typeof addOutcomeSchema>

const tagSchema = z.string().trim().min(1).max(30)
const addDocumentsInput = {
  clientId: clientIdSchema,
  /** Names this batch for progress events and jobs:cancel; chosen by the renderer, unique per batch. */
  jobId: z.uuid(),
  category: z.enum(DOCUMENT_CATEGORIES).optional(),
}

export const vaultBadSchema = z.strictObject({
  documentId: z.string(),
  name: z.string(),
  problem: z.enum(['missing', 'not-a-body', 'unknown-version', 'unknown-key', 'truncated', 'damaged', 'wrong-content']),
  message: z.string(),
})
export const vaultVerificationSchema = z.strictObject({
  ok: z.boolean(),
  cancelled: z.boolean(),
  checked: z.number().int(),
  total: z.number().int(),
  bad: z.array(vaultBadSchema),
  /** Files in the client's vault folder that no document owns (including left-over temporary bodies). */
  orphans: z.array(z.string()),
})
export type VaultVerification = z.infer<typeof vaultVerificationSchema>

export const vaultStatusSchema = z.strictObject({
  documents: z.number().int(),
  removed: z.number().int(),
  bytes: z.number().int(),
  keyVersion: z.number().int(),
  /** A key rotation that was cancelled or interrupted: bodies still under older keys. */
  rotation: z.strictObject({ targetVersion: z.number().int(), remaining: z.number().int() }).nullable(),
  /** The watched scanner folder, for those who may manage it (its path), or whether one is set. */
  inbox: z.strictObject({ path: z.string().nullable(), watching: z.boolean() }).nullable(),
  maxFileMb: z.number().int(),
})
export type VaultStatus = z.infer<typeof vaultStatusSchema>

export const voucherSchema = z.strictObject({
  id: z.number().int(),
  period: z.string(),
  type: z.enum(VOUCHER_TYPES),
  number: z.number().int(),
  date: z.string(),
  attachments: z.number().int(),
  attachmentsAuto: z.boolean(),
  documents: z.array(documentSummarySchema),
  status: z.enum(['draft', 'reviewed', 'posted']),
  kind: z.enum(['normal', 'reversal', 'carry-forward', 'year-end']),
  reversesId: z.number().int().nullable(),
  reversedById: z.number().int().nullable(),
  total: z.number().int(),
  preparer: personSchema,
  reviewer: personSchema,
  poster: personSchema,
  lines: z.array(
    z.strictObject({
      lineNo: z.number().int(),
      summary: z.string(),
      accountCode: z.string(),
      accountName: z.string(),
      debit: z.number().int(),
      credit: z.number().int(),
      aux: z.array(z.strictObject({ type: z.enum(AUX_TYPES), id: z.number().int(), name: z.string() })),
    }),
  ),
})
export type Voucher = z.infer<typeof voucherSchema>

export const voucherSummarySchema = z.strictObject({
  id: z.number().int(),
  period: z.string(),
  type: z.enum(VOUCHER_TYPES),
  number: z.number().int(),
  date: z.string(),
  attachments: z.number().int(),
  status: z.enum(['draft', 'reviewed', 'posted']),
  kind: z.enum(['normal', 'reversal', 'carry-forward', 'year-end']),
  total: z.number().int(),
  summary: z.string(),
  preparerName: z.string(),
  reviewerName: z.string().nullable(),
  posterName: z.string().nullable(),
})
export type VoucherSummary = z.infer<typeof voucherSummarySchema>

export const batchOutcomeSchema = z.strictObject({
  done: z.array(z.number().int()),
  refused: z.array(z.strictObject({ id: z.number().int(), label: z.string(), code: z.string(), message: z.string() })),
})
export type BatchOutcome = z.infer<typeof batchOutcomeSchema>

export const periodStatusSchema = z.strictObject({
  period: z.string(),
  status: z.enum(['open', 'closed']),
  draft: z.number().int(),
  reviewed: z.number().int(),
  posted: z.number().int(),
})

export const closeCheckSchema = z.strictObject({
  id: z.enum(['previous-closed', 'all-posted', 'pnl-carried', 'trial-balanced', 'no-gaps', 'opening-balanced']),
  ok: z.boolean(),
  detail: z.string(),
})

const tbAmounts = {
  openingDebit: z.number().int(),
  openingCredit: z.number().int(),
  periodDebit: z.number().int(),
  periodCredit: z.number().int(),
  ytdDebit: z.number().int(),
  ytdCredit: z.number().int(),
  closingDebit: z.number().int(),
  closingCredit: z.number().int(),
}
export const trialBalanceSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.strictObject({ code: z.string(), name: z.string(), level: z.number().int(), isLeaf: z.boolean(), category: z.enum(ACCOUNT_CATEGORIES), ...tbAmounts }),
  ),
  totals: z.strictObject(tbAmounts),
  balanced: z.boolean(),
})
export type TrialBalance = z.infer<typeof trialBalanceSchema>

const ledgerRowSchema = z.strictObject({
  date: z.string(),
  voucherId: z.number().int().nullable(),
  voucherLabel: z.string(),
  summary: z.string(),
  debit: z.number().int(),
  credit: z.number().int(),
  /** 借 / 贷 / 平 */
  side: z.enum(['debit', 'credit', 'zero']),
  /** Absolute running balance on `side`. */
  balance: z.number().int(),
})
export const detailLedgerSchema = z.strictObject({
  account: z.strictObject({ code: z.string(), name: z.string(), direction: z.enum(['debit', 'credit']) }),
  opening: ledgerRowSchema,
  rows: z.array(ledgerRowSchema),
  /** Offset of the next page, or null at the end. */
  next: z.number().int().nullable(),
  total: z.number().int(),
})
export type DetailLedger = z.infer<typeof detailLedgerSchema>

export const generalLedgerSchema = z.strictObject({
  account: z.strictObject({ code: z.string(), name: z.string(), direction: z.enum(['debit', 'credit']) }),
  rows: z.array(z.strictObject({ period: z.string(), kind: z.enum(['opening', 'period', 'ytd']), debit: z.number().int(), credit: z.number().int(), side: z.enum(['debit', 'credit', 'zero']), balance: z.number().int() })),
})

export const journalSchema = z.strictObject({
  rows: z.array(
    z.strictObject({
      date: z.string(),
      voucherId: z.number().int(),
      voucherLabel: z.string(),
      status: z.enum(['draft', 'reviewed', 'posted']),
      lineNo: z.number().int(),
      summary: z.string(),
      accountCode: z.string(),
      accountName: z.string(),
      debit: z.number().int(),
      credit: z.number().int(),
    }),
  ),
  next: z.number().int().nullable(),
  total: z.number().int(),
})

export const auxBalanceSchema = z.strictObject({
  rows: z.array(z.strictObject({ itemId: z.number().int(), code: z.string(), name: z.string(), ...tbAmounts })),
})

export const openingRowSchema = z.strictObject({
  accountCode: z.string().regex(/^\d{4,16}$/),
  /** Balance at the start of the first period, in the account's normal direction (negative = opposite side). */
  balance: fenSchema,
  ytdDebit: fenSchema,
  ytdCredit: fenSchema,
})
export const openingStateSchema = z.strictObject({
  rows: z.array(openingRowSchema),
  /** Trial balance of the opening balances. */
  debitTotal: z.number().int(),
  creditTotal: z.number().int(),
  ytdDebitTotal: z.number().int(),
  ytdCreditTotal: z.number().int(),
  balanced: z.boolean(),
  locked: z.boolean(),
})

// ---- the calls ------------------------------------------------------------------------------

/**
 * access: 'public' — callable without a session (setup, unlock);
 *         'session' — an unlocked session whose password is not pending change;
 *         'session-any' — any unlocked session, even one that must change its password first.
 */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  access: 'public' | 'session' | 'session-any'
  permission?: Permission
  /** Audited as a read of sensitive data whenever it succeeds. */
  sensitiveRead?: boolean
  doc: string
}

const call = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> => spec

export const contract = {
  'app:getState': call({
    input: empty,
    output: z.strictObject({ setUp: z.boolean(), session: sessionInfoSchema.nullable() }),
    access: 'public',
    doc: 'Whether a firm exists in this data folder, and the current session if unlocked.',
  }),
  'setup:begin': call({
    input: z.strictObject({
      firmName: firmNameSchema,
      adminUsername: usernameSchema,
      adminDisplayName: displayNameSchema,
      password: passwordSchema,
    }),
    output: z.strictObject({
      recoveryGroups: z.array(z.string()),
      /** 1-based indices of the groups the admin must type back. */
      confirmGroups: z.array(z.number().int()),
    }),
    access: 'public',
    doc: 'Checks the firm form and password policy and generates the recovery kit, held in memory only. Errors: ALREADY_SET_UP, PASSWORD_POLICY. Nothing is written.',
  }),
  'setup:complete': call({
    input: z.strictObject({ confirmation: z.array(z.string().max(64)).min(1).max(16) }),
    output: sessionInfoSchema,
    access: 'public',
    doc: 'Checks the typed-back recovery groups, then creates keyring, firm.db and the admin, and unlocks. Errors: RECOVERY_INVALID, NOT_FOUND (no setup begun), ALREADY_SET_UP.',
  }),
  'session:unlock': call({
    input: z.strictObject({ username: z.string().max(64), password: passwordSchema }),
    output: sessionInfoSchema,
    access: 'public',
    doc: 'Unlocks with username and password. Errors: WRONG_PASSWORD, LOCKED_OUT (details.retryAfterSeconds), USER_DISABLED, NOT_SET_UP, CORRUPT_DATA.',
  }),
  'session:recover': call({
    input: z.strictObject({
      username: z.string().max(64),
      recoverySecret: z.string().min(1).max(200),
      newPassword: passwordSchema,
    }),
    output: sessionInfoSchema,
    access: 'public',
    doc: "Unlocks an admin with the recovery kit and sets the admin's new password. Errors: RECOVERY_INVALID, PASSWORD_POLICY, FORBIDDEN (not an admin).",
  }),
  'session:lock': call({
    input: empty,
    output: z.strictObject({}),
    access: 'session-any',
    doc: 'Locks now: key buffers zero-filled, every database closed.',
  }),
  'session:touch': call({
    input: empty,
    output: z.strictObject({}),
    access: 'session-any',
    doc: 'Reports user activity so the idle auto-lock restarts its count.',
  }),
  'session:changePassword': call({
    input: z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema }),
    output: sessionInfoSchema,
    access: 'session-any',
    doc: "Re-wraps the user's key slot under a new password; nothing is re-encrypted. Errors: WRONG_PASSWORD, PASSWORD_POLICY.",
  }),
  'users:list': call({
    input: empty,
    output: z.strictObject({ users: z.array(userSummarySchema) }),
    access: 'session',
    permission: 'users:manage',
    doc: 'Every user of the firm.',
  }),
  'users:create': call({
    input: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      role: roleSchema,
      temporaryPassword: passwordSchema,
    }),
    output: userSummarySchema,
    access: 'session',
    permission: 'users:manage',
    doc: 'Creates a user with a temporary password they must change at first unlock. Errors: CONFLICT (username taken), PASSWORD_POLICY.',
  }),
  'users:disable': call({
    input: z.strictObject({ userId: idSchema }),
    output: userSummarySchema,
    access: 'session',
    permission: 'users:manage',
    doc: 'Disables a user: they can no longer unlock. Errors: NOT_FOUND, CONFLICT (yourself, or the last active admin).',
  }),
  'users:enable': call({
    input: z.strictObject({ userId: idSchema }),
    output: userSummarySchema,
    access: 'session',
    permission: 'users:manage',
    doc: 'Re-enables a disabled user. Errors: NOT_FOUND.',
  }),
  'settings:get': call({
    input: empty,
    output: settingsSchema,
    access: 'session',
    doc: 'Firm settings every user may read (idle auto-lock minutes).',
  }),
  'settings:update': call({
    input: settingsUpdateSchema,
    output: settingsSchema,
    access: 'session',
    permission: 'settings:manage',
    doc: 'Changes firm settings. Errors: INVALID_INPUT.',
  }),
  'audit:verifyFirm': call({
    input: empty,
    output: auditVerificationSchema,
    access: 'session',
    permission: 'audit:verify',
    doc: "Walks the firm's audit chain and names the first bad row.",
  }),

  'jobs:cancel': call({
    input: z.strictObject({ jobId: z.uuid() }),
    output: z.strictObject({ cancelled: z.boolean() }),
    access: 'session',
    doc: 'Asks a running batch of yours (document import, vault verification, key rotation) to stop after its current item.',
  }),

  'clients:list': call({
    input: z.strictObject({ query: z.string().max(100).optional() }),
    output: z.strictObject({ clients: z.array(clientSummarySchema) }),
    access: 'session',
    permission: 'ledger:read',
    doc: 'Clients the user is assigned to (admins: every client), filtered by name or 统一社会信用代码.',
  }),
  'clients:create': call({
    input: z.strictObject({
      name: z.string().trim().min(1).max(100),
      uscc: z.string().trim().length(18),
      standard: z.enum(STANDARDS),
      firstPeriod: periodSchema,
      codingScheme: z.enum(['4-2-2', '4-2-2-2', '4-2-2-2-2']),
      voucherTypes: z.enum(['single', 'three']),
    }),
    output: clientSummarySchema,
    access: 'session',
    permission: 'clients:create',
    doc: "Creates a client's encrypted books from the standard's chart template. Errors: INVALID_INPUT (统一社会信用代码 check character), CONFLICT (duplicate code).",
  }),
  'clients:assignments': call({
    input: z.strictObject(clientRef),
    output: z.strictObject({ users: z.array(assignmentSchema) }),
    access: 'session',
    permission: 'clients:assign',
    doc: 'Active non-admin users and whether each is assigned to the client.',
  }),
  'clients:assign': call({
    input: z.strictObject({ ...clientRef, userId: idSchema }),
    output: z.strictObject({ users: z.array(assignmentSchema) }),
    access: 'session',
    permission: 'clients:assign',
    doc: "Seals the client key to the user. Errors: NOT_FOUND, CONFLICT (disabled user).",
  }),
  'clients:unassign': call({
    input: z.strictObject({ ...clientRef, userId: idSchema }),
    output: z.strictObject({ users: z.array(assignmentSchema) }),
    access: 'session',
    permission: 'clients:assign',
    doc: "Deletes the user's grant and rekeys the client's database, re-sealing the new key for those who keep access.",
  }),
  'accounts:list': call({
    input: z.strictObject(clientRef),
    output: z.strictObject({ accounts: z.array(accountSchema) }),
    access: 'session',
    permission: 'ledger:read',
    doc: "The client's chart of accounts.",
  }),
  'accounts:create': call({
    input: z.strictObject({
      ...clientRef,
      parentCode: z.string().regex(/^\d{4,14}$/),
      code: z.string().regex(/^\d{6,16}$/),
      name: z.string().trim().min(1).max(60),
      auxTypes: z.array(z.enum(AUX_TYPES)).max(6).optional(),
      sensitive: z.boolean().optional(),
    }),
    output: accountSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Adds a sub-account within the coding scheme. Errors: CONFLICT (code taken), VOUCHER_INVALID (rule: coding-scheme / parent-has-postings).',
  }),
  'accounts:update': call({
    input: z.strictObject({
      ...clientRef,
      code: z.string().regex(/^\d{4,16}$/),
      name: z.string().trim().min(1).max(60).optional(),
      active: z.boolean().optional(),
      auxTypes: z.array(z.enum(AUX_TYPES)).max(6).optional(),
      sensitive: z.boolean().optional(),
    }),
    output: accountSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Renames, deactivates or changes auxiliary requirements of an account. Errors: NOT_FOUND, INVALID_STATE (aux change on an account with postings).',
  }),
  'auxItems:list': call({
    input: z.strictObject({ ...clientRef, type: z.enum(AUX_TYPES).optional() }),
    output: z.strictObject({ items: z.array(auxItemSchema) }),
    access: 'session',
    permission: 'ledger:read',
    doc: 'Auxiliary items (customers, suppliers, …).',
  }),
  'auxItems:create': call({
    input: z.strictObject({ ...clientRef, type: z.enum(AUX_TYPES), code: z.string().trim().min(1).max(20), name: z.string().trim().min(1).max(100), sensitive: z.boolean().optional() }),
    output: auxItemSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Adds an auxiliary item. Errors: CONFLICT (code taken within the type).',
  }),
  'opening:get': call({
    input: z.strictObject(clientRef),
    output: openingStateSchema,
    access: 'session',
    permission: 'ledger:read',
    doc: 'Opening balances (期初余额) and their trial balance.',
  }),
  'opening:save': call({
    input: z.strictObject({ ...clientRef, rows: z.array(openingRowSchema).max(5000) }),
    output: openingStateSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Replaces the opening balances of leaf accounts. Errors: INVALID_STATE (vouchers already posted), VOUCHER_INVALID (rule: not-leaf).',
  }),
  'vouchers:save': call({
    input: voucherInputSchema,
    output: voucherSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Saves a new or draft voucher. Errors: UNBALANCED, PERIOD_CLOSED, VOUCHER_INVALID (details.rule, details.line), INVALID_STATE (not a draft).',
  }),
  'vouchers:get': call({
    input: z.strictObject({ ...clientRef, id: z.number().int().positive() }),
    output: voucherSchema,
    access: 'session',
    permission: 'ledger:read',
    doc: 'One voucher with its lines. Errors: NOT_FOUND.',
  }),
  'vouchers:list': call({
    input: z.strictObject({
      ...clientRef,
      period: periodSchema.optional(),
      type: z.enum(VOUCHER_TYPES).optional(),
      status: z.enum(['draft', 'reviewed', 'posted']).optional(),
      preparer: z.string().max(64).optional(),
      accountCode: z.string().regex(/^\d{4,16}$/).optional(),
      minAmount: fenSchema.optional(),
      maxAmount: fenSchema.optional(),
      text: z.string().max(100).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.strictObject({ vouchers: z.array(voucherSummarySchema), total: z.number().int() }),
    access: 'session',
    permission: 'ledger:read',
    doc: 'Vouchers matching the filters, in period/type/number order, paged.',
  }),
  'vouchers:delete': call({
    input: z.strictObject({ ...clientRef, id: z.number().int().positive() }),
    output: z.strictObject({}),
    access: 'session',
    permission: 'ledger:write',
    doc: 'Deletes a draft. Errors: INVALID_STATE (reviewed or posted), NOT_FOUND.',
  }),
  'vouchers:review': call({
    input: z.strictObject({ ...clientRef, ids: z.array(z.number().int().positive()).min(1).max(10000) }),
    output: batchOutcomeSchema,
    access: 'session',
    permission: 'ledger:review',
    doc: 'Reviews (审核) drafts; a voucher whose preparer is the reviewer is refused (SAME_PERSON).',
  }),
  'vouchers:unreview': call({
    input: z.strictObject({ ...clientRef, ids: z.array(z.number().int().positive()).min(1).max(10000) }),
    output: batchOutcomeSchema,
    access: 'session',
    permission: 'ledger:review',
    doc: 'Unreviews (弃审) reviewed vouchers, by their reviewer only.',
  }),
  'vouchers:post': call({
    input: z.strictObject({ ...clientRef, ids: z.array(z.number().int().positive()).min(1).max(10000) }),
    output: batchOutcomeSchema,
    access: 'session',
    permission: 'ledger:review',
    doc: 'Posts (记账) reviewed vouchers, updating balances in the same transaction.',
  }),
  'vouchers:reviewPeriod': call({
    input: z.strictObject({ ...clientRef, period: periodSchema }),
    output: batchOutcomeSchema,
    access: 'session',
    permission: 'ledger:review',
    doc: 'Reviews every draft of the period (one transaction), reporting what was refused and why.',
  }),
  'vouchers:postPeriod': call({
    input: z.strictObject({ ...clientRef, period: periodSchema }),
    output: batchOutcomeSchema,
    access: 'session',
    permission: 'ledger:review',
    doc: 'Posts every reviewed voucher of the period (one transaction).',
  }),
  'vouchers:reverse': call({
    input: z.strictObject({ ...clientRef, id: z.number().int().positive(), date: dateSchema }),
    output: voucherSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Creates the 红字冲销 voucher of a posted voucher (same accounts and sides, negative amounts). Errors: INVALID_STATE (not posted, or already reversed), PERIOD_CLOSED.',
  }),
  'vouchers:renumber': call({
    input: z.strictObject({ ...clientRef, period: periodSchema }),
    output: z.strictObject({ renumbered: z.number().int() }),
    access: 'session',
    permission: 'ledger:write',
    doc: '断号整理: closes number gaps by moving unposted vouchers into them. Errors: PERIOD_CLOSED.',
  }),
  'periods:list': call({
    input: z.strictObject(clientRef),
    output: z.strictObject({ periods: z.array(periodStatusSchema), currentPeriod: z.string(), lastClosedPeriod: z.string().nullable() }),
    access: 'session',
    permission: 'ledger:read',
    doc: 'Periods from the first to the latest with vouchers (or the current one), with counts by status.',
  }),
  'periods:carryForward': call({
    input: z.strictObject({ ...clientRef, period: periodSchema }),
    output: voucherSchema.nullable(),
    access: 'session',
    permission: 'ledger:write',
    doc: '期末结转损益: a draft voucher moving every 损益 balance of the period to 本年利润 (null when there is nothing to carry). Errors: PERIOD_CLOSED, INVALID_STATE (unposted vouchers touch 损益 accounts).',
  }),
  'periods:yearEnd': call({
    input: z.strictObject({ ...clientRef, period: periodSchema }),
    output: voucherSchema.nullable(),
    access: 'session',
    permission: 'ledger:write',
    doc: 'Year-end: a draft voucher moving 本年利润 to 利润分配—未分配利润 in December. Errors: INVALID_STATE (not December).',
  }),
  'periods:checkClose': call({
    input: z.strictObject({ ...clientRef, period: periodSchema }),
    output: z.strictObject({ checks: z.array(closeCheckSchema) }),
    access: 'session',
    permission: 'ledger:read',
    doc: 'The month-end prerequisites and whether each holds.',
  }),
  'periods:close': call({
    input: z.strictObject({ ...clientRef, period: periodSchema }),
    output: z.strictObject({ checks: z.array(closeCheckSchema) }),
    access: 'session',
    permission: 'periods:close',
    doc: '结账. Errors: CLOSE_BLOCKED (details.failed lists the failed checks), PERIOD_CLOSED.',
  }),
  'periods:reopen': call({
    input: z.strictObject({ ...clientRef, period: periodSchema, reason: z.string().trim().min(2).max(200) }),
    output: z.strictObject({}),
    access: 'session',
    permission: 'periods:reopen',
    doc: '反结账 of the latest closed period, with a reason (audited). Errors: INVALID_STATE (not the latest closed period).',
  }),
  'reports:trialBalance': call({
    input: z.strictObject({ ...clientRef, from: periodSchema, to: periodSchema, level: z.number().int().min(1).max(5).default(5), showZero: z.boolean().default(false) }),
    output: trialBalanceSchema,
    access: 'session',
    permission: 'ledger:read',
    sensitiveRead: true,
    doc: '科目余额表 over a period range (same year), posted vouchers only.',
  }),
  'reports:detailLedger': call({
    input: z.strictObject({ ...clientRef, accountCode: z.string().regex(/^\d{4,16}$/), from: periodSchema, to: periodSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(2000).default(500) }),
    output: detailLedgerSchema,
    access: 'session',
    permission: 'ledger:read',
    sensitiveRead: true,
    doc: '明细账 of one account (and its sub-accounts) with running balance, paged.',
  }),
  'reports:generalLedger': call({
    input: z.strictObject({ ...clientRef, accountCode: z.string().regex(/^\d{4,16}$/), from: periodSchema, to: periodSchema }),
    output: generalLedgerSchema,
    access: 'session',
    permission: 'ledger:read',
    sensitiveRead: true,
    doc: '总账 of one account: opening, each month, year to date.',
  }),
  'reports:journal': call({
    input: z.strictObject({ ...clientRef, from: periodSchema, to: periodSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(2000).default(500) }),
    output: journalSchema,
    access: 'session',
    permission: 'ledger:read',
    sensitiveRead: true,
    doc: '序时账: every line by date and voucher number, paged.',
  }),
  'reports:auxBalance': call({
    input: z.strictObject({ ...clientRef, accountCode: z.string().regex(/^\d{4,16}$/), type: z.enum(AUX_TYPES), from: periodSchema, to: periodSchema }),
    output: auxBalanceSchema,
    access: 'session',
    permission: 'ledger:read',
    sensitiveRead: true,
    doc: 'Auxiliary balances of one account by item of one type.',
  }),
  'vault:addDocuments': call({
    input: z.strictObject(addDocumentsInput),
    output: addOutcomeSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: "Main opens the file dialog (several files) and stores each chosen file encrypted in the client's vault. Per file: refused (type, empty, size, content) or duplicate (offered to link); the rest of the batch goes on. Progress: jobs:progress.",
  }),
  'vault:addDropped': call({
    input: z.strictObject({ ...addDocumentsInput, token: z.string().regex(/^[0-9a-f]{32}$/) }),
    output: addOutcomeSchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Stores the files of a drag-and-drop, named by the one-use token the preload got for them (never a path). Errors: NOT_FOUND (token unknown, used or expired).',
  }),
  'vault:list': call({
    input: z.strictObject({
      ...clientRef,
      text: z.string().max(100).optional(),
      category: z.enum(DOCUMENT_CATEGORIES).optional(),
      tag: tagSchema.optional(),
      from: dateSchema.optional(),
      to: dateSchema.optional(),
      voucherId: z.number().int().positive().optional(),
      unattached: z.boolean().optional(),
      status: z.enum(['active', 'removed']).default('active'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.strictObject({ documents: z.array(documentSummarySchema), total: z.number().int() }),
    access: 'session',
    permission: 'ledger:read',
    doc: "The client's documents matching the filters (name, notes and tags searched by `text`; amounts in notes too; a voucher label such as 记-0003 finds its attachments), newest first, paged.",
  }),
  'vault:update': call({
    input: z.strictObject({
      ...clientRef,
      documentId: documentIdSchema,
      category: z.enum(DOCUMENT_CATEGORIES).optional(),
      sensitivity: z.enum(SENSITIVITIES).optional(),
      tags: z.array(tagSchema).max(20).optional(),
      notes: z.string().max(2000).optional(),
    }),
    output: documentSummarySchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Changes the category, sensitivity, tags or notes of a document. Errors: NOT_FOUND, INVALID_STATE (removed).',
  }),
  'vault:open': call({
    input: z.strictObject({ ...clientRef, documentId: documentIdSchema }),
    output: z.strictObject({ document: documentSummarySchema, mime: z.string(), bytes: z.instanceof(Uint8Array) }),
    access: 'session',
    permission: 'ledger:read',
    sensitiveRead: true,
    doc: 'Decrypts a document for the viewer (in memory only; audited, every open). Errors: NOT_FOUND, CORRUPT_DATA (the body is missing or fails its check: names the document).',
  }),
  'vault:export': call({
    input: z.strictObject({ ...clientRef, documentId: documentIdSchema }),
    output: z.strictObject({ saved: z.boolean(), fileName: z.string().nullable() }),
    access: 'session',
    permission: 'documents:export',
    sensitiveRead: true,
    doc: "Main asks where to save a decrypted copy (its save dialog) and writes it there; audited. Errors: NOT_FOUND, CORRUPT_DATA, FORBIDDEN (the export policy refused).",
  }),
  'vault:remove': call({
    input: z.strictObject({ ...clientRef, documentId: documentIdSchema }),
    output: documentSummarySchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Hides a document (soft removal, audited) and detaches it from draft vouchers. Errors: INVALID_STATE (attached to a reviewed or posted voucher: accounting archives), NOT_FOUND.',
  }),
  'vault:restore': call({
    input: z.strictObject({ ...clientRef, documentId: documentIdSchema }),
    output: documentSummarySchema,
    access: 'session',
    permission: 'ledger:write',
    doc: 'Brings a removed document back. Errors: INVALID_STATE (not removed), NOT_FOUND.',
  }),
  'vault:purge': call({
    input: z.strictObject({ ...clientRef, documentId: documentIdSchema }),
    output: z.strictObject({}),
    access: 'session',
    permission: 'documents:purge',
    doc: 'Deletes the encrypted body of a removed document for good (its index row stays, marked purged). Errors: INVALID_STATE (not removed first), NOT_FOUND.',
  }),
  'vault:status': call({
    input: z.strictObject(clientRef),
    output: vaultStatusSchema,
    access: 'session',
    permission: 'ledger:read',
    doc: "Counts and size of the client's vault, its key version, an unfinished rotation, the inbox folder.",
  }),
  'vault:verify': call({
    input: z.strictObject({ ...clientRef, jobId: z.uuid() }),
    output: vaultVerificationSchema,
    access: 'session',
    permission: 'vault:verify',
    doc: 'Decrypts and checks every body of the client against its index; lists bad or missing bodies and orphan files. Progress and cancel through jobs.',
  }),
  'vault:rotateKey': call({
    input: z.strictObject({ ...clientRef, jobId: z.uuid() }),
    output: z.strictObject({ keyVersion: z.number().int(), reencrypted: z.number().int(), remaining: z.number().int(), cancelled: z.boolean() }),
    access: 'session',
    permission: 'vault:manage',
    doc: "Re-encrypts every body under a new vault key, one document at a time (a crash or cancel leaves each readable; running it again continues). Errors: CORRUPT_DATA (a body that cannot be read is named; the rest go on).",
  }),
  'vault:chooseInbox': call({
    input: z.strictObject(clientRef),
    output: vaultStatusSchema,
    access: 'session',
    permission: 'vault:manage',
    doc: "Main opens a folder dialog; the chosen folder becomes the client's scanner inbox, watched while someone who holds the client is unlocked. Errors: CONFLICT (inside the data folder, or another client's inbox).",
  }),
  'vault:clearInbox': call({
    input: z.strictObject(clientRef),
    output: vaultStatusSchema,
    access: 'session',
    permission: 'vault:manage',
    doc: 'Stops watching the client\'s inbox folder.',
  }),
  'ledger:check': call({
    input: z.strictObject(clientRef),
    output: z.strictObject({ ok: z.boolean(), differences: z.array(z.strictObject({ accountCode: z.string(), period: z.string(), auxKey: z.string(), table: z.string(), recomputed: z.string() })) }),
    access: 'session',
    permission: 'ledger:read',
    doc: 'Recomputes the balance table from posted lines and lists every difference.',
  }),
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type CallInput<C extends Channel> = z.input<Contract[C]['input']>
export type CallOutput<C extends Channel> = z.output<Contract[C]['output']>
export const CHANNELS = Object.keys(contract) as Channel[]

/** Push events from main to the renderer. */
export const events = {
  'session:locked': z.strictObject({ reason: z.enum(LOCK_REASONS) }),
  /** Progress of a long job the renderer started (jobId is the renderer's). */
  'jobs:progress': z.strictObject({ jobId: z.string(), phase: z.string(), done: z.number().int(), total: z.number().int() }),
  /** Documents of a client changed outside the renderer's own calls (the scanner inbox stored some). */
  'vault:changed': z.strictObject({ clientId: z.string(), added: z.number().int(), refused: z.number().int() }),
} as const
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>
export const EVENT_NAMES = Object.keys(events) as EventName[]

/** Splits `area:verbNoun` into its two parts, used to build the nested api object. */
export function splitChannel(channel: string): [string, string] {
  const i = channel.indexOf(':')
  return [channel.slice(0, i), channel.slice(i + 1)]
}
