// unlock-state.json, beside the keyring: per-username failure counters and lockouts (keyed by the
// username tag, never the name) and the pending audit records of failed or refused unlock attempts,
// each sealed to the firm's intake key so nothing about them is readable until the next unlock.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/result'
import { openSealed, sealTo, type Identity } from '../keys/crypto'
import { readIfExists, writeFileAtomic } from '../util/atomicFile'

export const UNLOCK_STATE_FILE = 'unlock-state.json'
/** Consecutive failures before a lockout, and the lockout ladder in minutes (last one repeats). */
export const MAX_FAILURES = 5
export const LOCKOUT_MINUTES = [1, 5, 15, 60, 240, 1440]
/** Pending records kept individually; past this only a count is kept, so the file stays small and readable. */
export const MAX_PENDING = 5000

const sealedSchema = z.strictObject({ eph: z.string().max(100), nonce: z.string().max(100), ct: z.string().max(4000) })
const stateSchema = z.strictObject({
  format: z.literal(1),
  attempts: z.record(
    z.string().regex(/^[0-9a-f]{64}$/),
    z.strictObject({ failures: z.number().int().min(0), level: z.number().int().min(0), lockedUntil: z.string().nullable() }),
  ),
  pending: z.array(z.strictObject({ id: z.uuid(), sealed: sealedSchema })).max(MAX_PENDING),
  /** Attempts beyond MAX_PENDING: counted, not recorded one by one (no names, nothing secret). */
  dropped: z.number().int().min(0).default(0),
})
export type UnlockState = z.infer<typeof stateSchema>

export interface PendingRecord {
  id: string
  username: string
  at: string
  outcome: 'failed' | 'denied'
  reason: 'wrong-password' | 'locked-out' | 'recovery-invalid' | 'recovery-not-admin' | 'damaged-slot'
}

const pendingAad = (id: string) => `zhangfang/pending-audit/v1|${id}`

export function emptyState(): UnlockState {
  return { format: 1, attempts: {}, pending: [], dropped: 0 }
}

export async function readUnlockState(dataDir: string): Promise<UnlockState> {
  const bytes = await readIfExists(join(dataDir, UNLOCK_STATE_FILE))
  if (!bytes) return emptyState()
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    parsed = undefined
  }
  const r = stateSchema.safeParse(parsed)
  if (!r.success) {
    // never silently reset: that would erase lockouts and pending audit records
    throw new AppError(
      'CORRUPT_DATA',
      `${UNLOCK_STATE_FILE} is damaged. Nothing was changed. Restore it from a backup, or move it aside to reset lockouts (its pending audit records are then lost).`,
      { details: { file: UNLOCK_STATE_FILE } },
    )
  }
  return r.data
}

export async function writeUnlockState(dataDir: string, state: UnlockState): Promise<void> {
  await writeFileAtomic(join(dataDir, UNLOCK_STATE_FILE), JSON.stringify(state) + '\n')
}

/** Seconds until `tag` may try again, or 0. */
export function lockedForSeconds(state: UnlockState, tag: string, now: Date): number {
  const until = state.attempts[tag]?.lockedUntil
  if (!until) return 0
  return Math.max(0, Math.ceil((Date.parse(until) - now.getTime()) / 1000))
}

/** Counts a failure; answers the lockout in seconds if this failure started one. */
export function recordFailure(state: UnlockState, tag: string, now: Date): number {
  const a = state.attempts[tag] ?? { failures: 0, level: 0, lockedUntil: null }
  a.failures += 1
  let lockSeconds = 0
  if (a.failures >= MAX_FAILURES) {
    const minutes = LOCKOUT_MINUTES[Math.min(a.level, LOCKOUT_MINUTES.length - 1)]
    lockSeconds = minutes * 60
    a.lockedUntil = new Date(now.getTime() + lockSeconds * 1000).toISOString()
    a.level += 1
    a.failures = 0
  }
  state.attempts[tag] = a
  return lockSeconds
}

export function recordSuccess(state: UnlockState, tag: string): void {
  delete state.attempts[tag]
}

export function addPending(state: UnlockState, intakePublicKey: Buffer, rec: Omit<PendingRecord, 'id'>): void {
  if (state.pending.length >= MAX_PENDING) {
    state.dropped += 1
    return
  }
  const id = randomUUID()
  const plain = Buffer.from(JSON.stringify({ ...rec, id }), 'utf8')
  state.pending.push({ id, sealed: sealTo(intakePublicKey, plain, pendingAad(id)) })
}

/** Opens the pending records with the intake key; records that fail to open are reported as damaged. */
export function openPending(state: UnlockState, intake: Identity): { records: PendingRecord[]; damaged: string[] } {
  const records: PendingRecord[] = []
  const damaged: string[] = []
  for (const p of state.pending) {
    const plain = openSealed({ privateKey: intake.x25519Private, publicKey: intake.x25519Public }, p.sealed, pendingAad(p.id))
    if (!plain) {
      damaged.push(p.id)
      continue
    }
    try {
      const rec = JSON.parse(plain.toString('utf8')) as PendingRecord
      if (rec.id !== p.id) damaged.push(p.id)
      else records.push(rec)
    } catch {
      damaged.push(p.id)
    }
  }
  return { records, damaged }
}
