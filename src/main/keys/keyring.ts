// keyring.json: the key slots, readable before unlock. A user slot wraps {identity seed, firm key} under
// an Argon2id KEK; the recovery slot wraps the firm key under a key from the recovery secret. Every
// wrapped key is bound by associated data to the firm, the slot owner, its key version and its KDF
// parameters; a checksum names accidental damage. No username, name or other text is stored in clear.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/result'
import { readIfExists, writeFileAtomic } from '../util/atomicFile'
import { aeadOpen, aeadSeal, hkdf, identityFromSeed, type Identity } from './crypto'
import { assertKdfFloor, deriveKek, type KdfCost, type KdfParams } from './kdf'

export const KEYRING_FILE = 'keyring.json'
export const KEYRING_FORMAT = 1

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(4096)
const kdfSchema = z.strictObject({
  alg: z.literal('argon2id'),
  m: z.number().int(),
  t: z.number().int(),
  p: z.number().int(),
  salt: b64,
})
const userSlotSchema = z.strictObject({
  userId: z.uuid(),
  userTag: z.string().regex(/^[0-9a-f]{64}$/),
  keyVersion: z.number().int().min(1),
  kdf: kdfSchema,
  nonce: b64,
  ct: b64,
  check: z.string().regex(/^[0-9a-f]{64}$/),
})
const recoverySlotSchema = z.strictObject({
  keyVersion: z.number().int().min(1),
  salt: b64,
  nonce: b64,
  ct: b64,
  check: z.string().regex(/^[0-9a-f]{64}$/),
})
const keyringSchema = z.strictObject({
  format: z.literal(KEYRING_FORMAT),
  firmId: z.uuid(),
  createdAt: z.string().max(40),
  lookupSalt: b64,
  /** X25519 public key that pre-unlock audit records are sealed to (private half derived from the firm key). */
  intakePublicKey: b64,
  /** X25519 public key of the recovery secret: client keys are sealed to it as well. */
  recoveryPublicKey: b64,
  slots: z.array(userSlotSchema).max(10000),
  recovery: recoverySlotSchema,
})
export type Keyring = z.infer<typeof keyringSchema>
export type UserSlot = z.infer<typeof userSlotSchema>

export interface FirmSecrets {
  firmKey: Buffer
}
export interface UserSecrets extends FirmSecrets {
  identitySeed: Buffer
}

export function keyringPath(dataDir: string): string {
  return join(dataDir, KEYRING_FILE)
}

export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase()
}

/** The slot lookup tag: HMAC of the normalised username, so the keyring holds no username in clear. */
export function usernameTag(keyring: Pick<Keyring, 'lookupSalt'>, username: string): string {
  return createHmac('sha256', Buffer.from(keyring.lookupSalt, 'base64'))
    .update(normaliseUsername(username), 'utf8')
    .digest('hex')
}

function slotAad(k: Pick<Keyring, 'firmId'>, s: Omit<UserSlot, 'nonce' | 'ct' | 'check'>): string {
  return ['zhangfang/slot/v1', k.firmId, 'user', s.userId, s.keyVersion, s.userTag, s.kdf.m, s.kdf.t, s.kdf.p, s.kdf.salt].join('|')
}
function recoveryAad(k: Pick<Keyring, 'firmId'>, keyVersion: number): string {
  return ['zhangfang/slot/v1', k.firmId, 'recovery', keyVersion].join('|')
}
function checksum(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}
const userSlotCheck = (s: Omit<UserSlot, 'check'>) =>
  checksum([s.userId, s.userTag, s.keyVersion, s.kdf.alg, s.kdf.m, s.kdf.t, s.kdf.p, s.kdf.salt, s.nonce, s.ct])
const recoveryCheck = (r: Omit<Keyring['recovery'], 'check'>) => checksum([r.keyVersion, r.salt, r.nonce, r.ct])

// ---- derived keys -----------------------------------------------------------------------------

/** The firm database key, derived from (never equal to) the firm key. */
export function firmDbKey(firmKey: Buffer): Buffer {
  return hkdf(firmKey, 'zhangfang/firm.db/v1', 'sqlcipher')
}
/** The key pair pre-unlock audit records are sealed to. */
export function intakeIdentity(firmKey: Buffer): Identity {
  return identityFromSeed(hkdf(firmKey, 'zhangfang/intake/v1', 'seed'), 'zhangfang/intake/v1')
}
export function recoveryIdentity(secret: Buffer, keyring: Pick<Keyring, 'recovery'>): Identity {
  return identityFromSeed(hkdf(secret, Buffer.from(keyring.recovery.salt, 'base64'), 'zhangfang/recovery-x25519/v1'))
}
function recoveryKek(secret: Buffer, salt: string): Buffer {
  return hkdf(secret, Buffer.from(salt, 'base64'), 'zhangfang/recovery-kek/v1')
}

// ---- reading and writing ----------------------------------------------------------------------

/** Reads keyring.json. Errors: NOT_SET_UP (missing), CORRUPT_DATA (unreadable, naming the file). */
export async function readKeyring(dataDir: string): Promise<Keyring> {
  const bytes = await readIfExists(keyringPath(dataDir))
  if (!bytes) {
    if (await readIfExists(join(dataDir, 'firm.db'))) {
      throw new AppError('CORRUPT_DATA', 'keyring.json is missing but firm.db is there. Nothing was changed. Restore keyring.json from a backup.', {
        details: { file: KEYRING_FILE },
      })
    }
    throw new AppError('NOT_SET_UP', 'No firm has been set up in this data folder yet.')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw corrupt('is not valid JSON (truncated or damaged)')
  }
  const r = keyringSchema.safeParse(parsed)
  if (!r.success) throw corrupt(`does not have the expected structure (${r.error.issues[0]?.path.join('.') || 'root'})`)
  if (recoveryCheck(r.data.recovery) !== r.data.recovery.check) throw corrupt('has a damaged recovery slot')
  return r.data
}

function corrupt(what: string): AppError {
  return new AppError(
    'CORRUPT_DATA',
    `keyring.json ${what}. Nothing was changed. Restore keyring.json from a backup; the recovery kit cannot replace a lost keyring.`,
    { details: { file: KEYRING_FILE } },
  )
}

export async function keyringExists(dataDir: string): Promise<boolean> {
  return (await readIfExists(keyringPath(dataDir))) !== null
}

export async function writeKeyring(dataDir: string, keyring: Keyring): Promise<void> {
  await writeFileAtomic(keyringPath(dataDir), JSON.stringify(keyring, null, 2) + '\n')
}

// ---- slots ------------------------------------------------------------------------------------

export async function makeUserSlot(
  keyring: Pick<Keyring, 'firmId' | 'lookupSalt'>,
  user: { userId: string; username: string; keyVersion: number },
  password: string,
  cost: KdfCost,
  secrets: UserSecrets,
): Promise<UserSlot> {
  const kdf: KdfParams = { alg: 'argon2id', ...cost, salt: randomBytes(16).toString('base64') }
  assertKdfFloor(kdf, 'The new key slot')
  const base = { userId: user.userId, userTag: usernameTag(keyring, user.username), keyVersion: user.keyVersion, kdf }
  const kek = await deriveKek(password, kdf)
  const plain = Buffer.concat([secrets.identitySeed, secrets.firmKey])
  try {
    const sealed = aeadSeal(kek, plain, slotAad(keyring, base))
    const slot = { ...base, ...sealed }
    return { ...slot, check: userSlotCheck(slot) }
  } finally {
    kek.fill(0)
    plain.fill(0)
  }
}

export function findSlot(keyring: Keyring, username: string): UserSlot | undefined {
  const tag = usernameTag(keyring, username)
  return keyring.slots.find((s) => s.userTag === tag)
}

/**
 * Opens a user slot with a password. Answers null for a wrong password (indistinguishable from a
 * deliberately forged slot). Errors: CORRUPT_DATA when the slot is damaged or below the KDF floor.
 */
export async function openUserSlot(keyring: Keyring, slot: UserSlot, password: string): Promise<UserSecrets | null> {
  if (userSlotCheck(slot) !== slot.check) {
    throw new AppError(
      'CORRUPT_DATA',
      'This user’s key slot in keyring.json is damaged. Restore keyring.json from a backup, or have an admin use the recovery kit.',
      { details: { file: KEYRING_FILE } },
    )
  }
  assertKdfFloor(slot.kdf, 'This user’s key slot in keyring.json')
  const kek = await deriveKek(password, slot.kdf)
  try {
    const plain = aeadOpen(kek, slot, slotAad(keyring, slot))
    if (!plain || plain.length !== 64) return null
    const secrets = { identitySeed: Buffer.from(plain.subarray(0, 32)), firmKey: Buffer.from(plain.subarray(32)) }
    plain.fill(0)
    return secrets
  } finally {
    kek.fill(0)
  }
}

/** Burns the same Argon2id cost as a real attempt so unknown usernames take as long as known ones. */
export async function dummyDerive(cost: KdfCost, password: string): Promise<void> {
  ;(await deriveKek(password, { alg: 'argon2id', ...cost, salt: randomBytes(16).toString('base64') })).fill(0)
}

export function makeRecoverySlot(keyring: Pick<Keyring, 'firmId'>, secret: Buffer, firmKey: Buffer, keyVersion = 1): Keyring['recovery'] {
  const salt = randomBytes(16).toString('base64')
  const kek = recoveryKek(secret, salt)
  try {
    const slot = { keyVersion, salt, ...aeadSeal(kek, firmKey, recoveryAad(keyring, keyVersion)) }
    return { ...slot, check: recoveryCheck(slot) }
  } finally {
    kek.fill(0)
  }
}

/** Opens the recovery slot; null when the secret is wrong. */
export function openRecoverySlot(keyring: Keyring, secret: Buffer): FirmSecrets | null {
  const kek = recoveryKek(secret, keyring.recovery.salt)
  try {
    const firmKey = aeadOpen(kek, keyring.recovery, recoveryAad(keyring, keyring.recovery.keyVersion))
    return firmKey && firmKey.length === 32 ? { firmKey } : null
  } finally {
    kek.fill(0)
  }
}

/** A new keyring for a new firm (slots are added by the caller). */
export function newKeyring(firmKey: Buffer, recoverySecret: Buffer, now: Date): Keyring {
  const firmId = randomUUID()
  const base = {
    format: KEYRING_FORMAT as typeof KEYRING_FORMAT,
    firmId,
    createdAt: now.toISOString(),
    lookupSalt: randomBytes(32).toString('base64'),
    intakePublicKey: intakeIdentity(firmKey).x25519Public.toString('base64'),
    slots: [] as UserSlot[],
  }
  const recovery = makeRecoverySlot(base, recoverySecret, firmKey)
  const recoveryPublicKey = recoveryIdentity(recoverySecret, { recovery }).x25519Public.toString('base64')
  return { ...base, recoveryPublicKey, recovery }
}
