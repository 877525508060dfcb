// The IPC contract: every call the renderer may make, with strict zod schemas, the access it needs
// and whether it is audited as a sensitive read. Main's router, the preload and the renderer all derive
// from this one file. No electron, node: or DOM imports.
import { z } from 'zod'

export const ROLES = ['admin', 'supervisor', 'bookkeeper', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = ['users:manage', 'settings:manage', 'audit:verify'] as const
export type Permission = (typeof PERMISSIONS)[number]

/** Which role holds which permission. Holding a key is never permission: the router checks this. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['users:manage', 'settings:manage', 'audit:verify'],
  supervisor: [],
  bookkeeper: [],
  auditor: ['audit:verify'],
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
})
export type Settings = z.infer<typeof settingsSchema>

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
    input: settingsSchema,
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
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type CallInput<C extends Channel> = z.input<Contract[C]['input']>
export type CallOutput<C extends Channel> = z.output<Contract[C]['output']>
export const CHANNELS = Object.keys(contract) as Channel[]

/** Push events from main to the renderer. */
export const events = {
  'session:locked': z.strictObject({ reason: z.enum(LOCK_REASONS) }),
} as const
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>
export const EVENT_NAMES = Object.keys(events) as EventName[]

/** Splits `area:verbNoun` into its two parts, used to build the nested api object. */
export function splitChannel(channel: string): [string, string] {
  const i = channel.indexOf(':')
  return [channel.slice(0, i), channel.slice(i + 1)]
}
