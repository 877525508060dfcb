// keyring.json: user slots (Argon2id KEK → AES-GCM) and the recovery slot. A slot opens only with its
// password, in its own firm, for its own user and key version; damage names keyring.json.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/ipc/result'
import { aeadOpen, identityFromSeed } from '../../../../src/main/keys/crypto'
import { KDF_FLOOR, assertKdfFloor, type KdfParams } from '../../../../src/main/keys/kdf'
import {
  findSlot,
  firmDbKey,
  intakeIdentity,
  keyringExists,
  makeRecoverySlot,
  makeUserSlot,
  newKeyring,
  openRecoverySlot,
  openUserSlot,
  readKeyring,
  recoveryIdentity,
  usernameTag,
  writeKeyring,
  type Keyring,
  type UserSecrets,
  type UserSlot,
} from '../../../../src/main/keys/keyring'
import { newRecoverySecret } from '../../../../src/main/keys/recoveryCode'

// Argon2id at the floor (64 MiB) costs 0.1–1 s per derivation depending on machine load
const SLOW = 120_000
const PASSWORD = 'Ledger-Horse-Battery-42'
const NOW = new Date('2026-11-23T09:00:00Z')

/** The checksum a forger would recompute to get past the accidental-damage check (mirrors keyring.ts). */
function recheck(s: Omit<UserSlot, 'check'>): UserSlot {
  const check = createHash('sha256')
    .update(JSON.stringify([s.userId, s.userTag, s.keyVersion, s.kdf.alg, s.kdf.m, s.kdf.t, s.kdf.p, s.kdf.salt, s.nonce, s.ct]))
    .digest('hex')
  return { ...s, check }
}
function flipB64(s: string, index: number): string {
  const b = Buffer.from(s, 'base64')
  b[index < 0 ? b.length + index : index] ^= 0x01
  return b.toString('base64')
}
function flipHex(s: string, index: number): string {
  const c = s[index]
  return s.slice(0, index) + (c === '0' ? '1' : '0') + s.slice(index + 1)
}

async function expectCorrupt(p: Promise<unknown>, message: RegExp = /keyring\.json/): Promise<AppError> {
  const e = await p.then(
    () => {
      throw new Error('expected a CORRUPT_DATA AppError, the call succeeded')
    },
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  const a = e as AppError
  expect(a.code).toBe('CORRUPT_DATA')
  expect(a.message).toMatch(message)
  expect(a.details).toMatchObject({ file: 'keyring.json' })
  return a
}

let firmKey: Buffer
let secret: Buffer
let keyring: Keyring
let secrets: UserSecrets
let slot: UserSlot
const userId = randomUUID()

beforeAll(async () => {
  firmKey = randomBytes(32)
  secret = newRecoverySecret()
  keyring = newKeyring(firmKey, secret, NOW)
  secrets = { firmKey: Buffer.from(firmKey), identitySeed: randomBytes(32) }
  slot = await makeUserSlot(keyring, { userId, username: 'Admin', keyVersion: 1 }, PASSWORD, { ...KDF_FLOOR }, secrets)
  keyring.slots.push(slot)
}, SLOW)

describe('user slots', () => {
  it('round-trip: the password opens the slot and yields exactly the sealed secrets', async () => {
    const opened = await openUserSlot(keyring, slot, PASSWORD)
    expect(opened).not.toBeNull()
    expect(opened!.firmKey.equals(firmKey)).toBe(true)
    expect(opened!.identitySeed.equals(secrets.identitySeed)).toBe(true)
    // the slot records its parameters, a fresh 16-byte salt, and no username in clear
    expect(slot.kdf).toMatchObject({ alg: 'argon2id', m: KDF_FLOOR.m, t: KDF_FLOOR.t, p: KDF_FLOOR.p })
    expect(Buffer.from(slot.kdf.salt, 'base64')).toHaveLength(16)
    expect(JSON.stringify(slot).toLowerCase()).not.toContain('admin')
    expect(slot.userTag).toBe(usernameTag(keyring, 'admin'))
  }, SLOW)

  it('a wrong password answers null (not an error)', async () => {
    await expect(openUserSlot(keyring, slot, PASSWORD + 'x')).resolves.toBeNull()
  }, SLOW)

  it('two slots for the same secrets never share salt, nonce or ciphertext', async () => {
    const again = await makeUserSlot(keyring, { userId, username: 'admin', keyVersion: 1 }, PASSWORD, { ...KDF_FLOOR }, secrets)
    expect(again.kdf.salt).not.toBe(slot.kdf.salt)
    expect(again.nonce).not.toBe(slot.nonce)
    expect(again.ct).not.toBe(slot.ct)
    expect(again.userTag).toBe(slot.userTag)
  }, SLOW)

  it('findSlot looks users up by a case- and space-insensitive HMAC tag', () => {
    expect(findSlot(keyring, '  ADMIN ')).toBe(slot)
    expect(findSlot(keyring, 'admin2')).toBeUndefined()
    const other = { lookupSalt: randomBytes(32).toString('base64') }
    expect(usernameTag(other, 'admin')).not.toBe(usernameTag(keyring, 'admin'))
    expect(usernameTag(keyring, 'admin')).toMatch(/^[0-9a-f]{64}$/)
  })

  describe('accidental damage: any changed byte without a matching checksum is CORRUPT_DATA naming keyring.json', () => {
    const damaged: [string, (s: UserSlot) => UserSlot][] = [
      ['userId', (s) => ({ ...s, userId: flipHex(s.userId, 0) })],
      ['userTag', (s) => ({ ...s, userTag: flipHex(s.userTag, 63) })],
      ['keyVersion', (s) => ({ ...s, keyVersion: s.keyVersion + 1 })],
      ['kdf.m', (s) => ({ ...s, kdf: { ...s.kdf, m: s.kdf.m + 1024 } })],
      ['kdf.t', (s) => ({ ...s, kdf: { ...s.kdf, t: s.kdf.t + 1 } })],
      ['kdf.p', (s) => ({ ...s, kdf: { ...s.kdf, p: s.kdf.p + 1 } })],
      ['kdf.salt', (s) => ({ ...s, kdf: { ...s.kdf, salt: flipB64(s.kdf.salt, 3) } })],
      ['nonce', (s) => ({ ...s, nonce: flipB64(s.nonce, 0) })],
      ['ct (first byte)', (s) => ({ ...s, ct: flipB64(s.ct, 0) })],
      ['ct (tag)', (s) => ({ ...s, ct: flipB64(s.ct, -1) })],
      ['check', (s) => ({ ...s, check: flipHex(s.check, 10) })],
    ]
    it.each(damaged)('%s', async (_field, damage) => {
      const a = await expectCorrupt(openUserSlot(keyring, damage(slot), PASSWORD), /key slot in keyring\.json is damaged/)
      expect(a.message).toMatch(/recovery kit|backup/)
    })
  })

  describe('forgery: a changed field with a recomputed checksum still never opens', () => {
    // associated data binds firm, user, key version, tag and KDF parameters; the KEK binds salt and cost
    const forged: [string, (s: UserSlot) => UserSlot][] = [
      ['userId (slot moved onto another user)', (s) => recheck({ ...s, userId: randomUUID() })],
      ['userTag (slot moved onto another username)', (s) => recheck({ ...s, userTag: flipHex(s.userTag, 0) })],
      ['keyVersion', (s) => recheck({ ...s, keyVersion: s.keyVersion + 1 })],
      ['kdf.m (raised)', (s) => recheck({ ...s, kdf: { ...s.kdf, m: s.kdf.m + 1024 } })],
      ['kdf.t (raised)', (s) => recheck({ ...s, kdf: { ...s.kdf, t: s.kdf.t + 1 } })],
      ['kdf.p (raised)', (s) => recheck({ ...s, kdf: { ...s.kdf, p: s.kdf.p + 1 } })],
      ['kdf.salt', (s) => recheck({ ...s, kdf: { ...s.kdf, salt: flipB64(s.kdf.salt, 15) } })],
      ['nonce', (s) => recheck({ ...s, nonce: flipB64(s.nonce, 11) })],
      ['ct', (s) => recheck({ ...s, ct: flipB64(s.ct, 20) })],
      ['ct (tag)', (s) => recheck({ ...s, ct: flipB64(s.ct, -16) })],
    ]
    it.each(forged)('%s → null', async (_field, forge) => {
      await expect(openUserSlot(keyring, forge(slot), PASSWORD)).resolves.toBeNull()
    }, SLOW)

    it('a slot copied into another firm’s keyring does not open there', async () => {
      const otherFirm = newKeyring(randomBytes(32), newRecoverySecret(), NOW)
      const moved = { ...otherFirm, lookupSalt: keyring.lookupSalt, slots: [slot] }
      await expect(openUserSlot(moved, slot, PASSWORD)).resolves.toBeNull()
    }, SLOW)

    it('lowered or out-of-range KDF parameters are refused as CORRUPT_DATA', async () => {
      for (const kdf of [
        { ...slot.kdf, m: KDF_FLOOR.m - 1 },
        { ...slot.kdf, m: 8 },
        { ...slot.kdf, t: 2 },
        { ...slot.kdf, p: 1 },
        { ...slot.kdf, salt: Buffer.alloc(8).toString('base64') },
        { ...slot.kdf, alg: 'argon2i' as 'argon2id' },
        { ...slot.kdf, m: 65536.5 },
      ]) {
        await expectCorrupt(openUserSlot(keyring, recheck({ ...slot, kdf }), PASSWORD), /keyring\.json has key-derivation parameters below the allowed minimum/)
      }
    })
  })

  it('refuses to make a slot below the KDF floor', async () => {
    for (const cost of [
      { m: 1024, t: 3, p: 4 },
      { m: KDF_FLOOR.m, t: 1, p: 4 },
      { m: KDF_FLOOR.m, t: 3, p: 1 },
    ]) {
      const e = await makeUserSlot(keyring, { userId, username: 'x', keyVersion: 1 }, PASSWORD, cost, secrets).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(AppError)
      expect((e as AppError).code).toBe('CORRUPT_DATA')
      expect((e as AppError).message).toMatch(/below the allowed minimum/)
    }
  })

  it('assertKdfFloor accepts the floor and refuses absurd upper values', () => {
    const ok: KdfParams = { alg: 'argon2id', ...KDF_FLOOR, salt: randomBytes(16).toString('base64') }
    expect(() => assertKdfFloor(ok, 'x')).not.toThrow()
    expect(() => assertKdfFloor({ ...ok, m: 262144 }, 'x')).not.toThrow()
    expect(() => assertKdfFloor({ ...ok, m: 4 * 1024 * 1024 + 1 }, 'x')).toThrow(AppError)
    expect(() => assertKdfFloor({ ...ok, t: 65 }, 'x')).toThrow(AppError)
    expect(() => assertKdfFloor({ ...ok, p: 65 }, 'x')).toThrow(AppError)
  })
})

describe('recovery slot', () => {
  it('round-trip: the recovery secret opens the firm key; a wrong secret answers null', () => {
    const opened = openRecoverySlot(keyring, Buffer.from(secret))
    expect(opened?.firmKey.equals(firmKey)).toBe(true)
    expect(openRecoverySlot(keyring, newRecoverySecret())).toBeNull()
    const near = Buffer.from(secret)
    near[24] ^= 1
    expect(openRecoverySlot(keyring, near)).toBeNull()
  })

  it('is bound to its firm and key version', () => {
    const other = newKeyring(randomBytes(32), newRecoverySecret(), NOW)
    // this firm's recovery slot pasted into another firm's keyring
    expect(openRecoverySlot({ ...other, recovery: keyring.recovery }, secret)).toBeNull()
    const v2 = makeRecoverySlot(keyring, secret, firmKey, 2)
    expect(openRecoverySlot({ ...keyring, recovery: v2 }, secret)?.firmKey.equals(firmKey)).toBe(true)
    expect(openRecoverySlot({ ...keyring, recovery: { ...v2, keyVersion: 1 } }, secret)).toBeNull()
  })

  it('publishes the recovery and intake public keys derived from the secrets', () => {
    expect(keyring.recoveryPublicKey).toBe(recoveryIdentity(secret, keyring).x25519Public.toString('base64'))
    expect(keyring.intakePublicKey).toBe(intakeIdentity(firmKey).x25519Public.toString('base64'))
    // the database key is derived from, never equal to, the firm key
    expect(firmDbKey(firmKey).equals(firmKey)).toBe(false)
    expect(firmDbKey(firmKey).equals(firmDbKey(Buffer.from(firmKey)))).toBe(true)
    // the recovery slot is not simply the firm key under the raw secret
    expect(aeadOpen(secret.subarray(0, 32), keyring.recovery, '')).toBeNull()
    expect(identityFromSeed(firmKey).x25519Public.toString('base64')).not.toBe(keyring.intakePublicKey)
  })
})

describe('readKeyring / writeKeyring', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zf-keyring-'))
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))
  const file = () => join(dir, 'keyring.json')

  it('round-trips and holds no username in clear', async () => {
    await writeKeyring(dir, keyring)
    expect(await keyringExists(dir)).toBe(true)
    expect(await readKeyring(dir)).toEqual(keyring)
    const text = await readFile(file(), 'utf8')
    expect(text.toLowerCase()).not.toContain('admin')
    expect(text).not.toContain(firmKey.toString('base64'))
    expect(text).not.toContain(firmKey.toString('hex'))
  })

  it('a missing keyring is NOT_SET_UP', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'zf-keyring-'))
    try {
      expect(await keyringExists(empty)).toBe(false)
      const e = await readKeyring(empty).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(AppError)
      expect((e as AppError).code).toBe('NOT_SET_UP')
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })

  const good = () => JSON.stringify(keyring, null, 2)
  const bad: [string, () => string, RegExp][] = [
    ['truncated JSON', () => good().slice(0, Math.floor(good().length / 2)), /keyring\.json is not valid JSON/],
    ['empty file', () => '', /keyring\.json is not valid JSON/],
    ['binary garbage', () => '\u0000\u0001\u0002', /keyring\.json is not valid JSON/],
    ['JSON null', () => 'null', /keyring\.json does not have the expected structure/],
    ['an array', () => '[]', /keyring\.json does not have the expected structure/],
    ['an empty object', () => '{}', /keyring\.json does not have the expected structure/],
    ['slots not an array', () => JSON.stringify({ ...keyring, slots: {} }), /expected structure \(slots\)/],
    ['an unknown format', () => JSON.stringify({ ...keyring, format: 2 }), /expected structure \(format\)/],
    ['an extra field', () => JSON.stringify({ ...keyring, note: 'hi' }), /expected structure/],
    ['a slot with an extra field', () => JSON.stringify({ ...keyring, slots: [{ ...slot, username: 'admin' }] }), /expected structure \(slots/],
    ['a slot missing its check', () => JSON.stringify({ ...keyring, slots: [{ ...slot, check: undefined }] }), /expected structure \(slots/],
    ['a damaged recovery slot', () => JSON.stringify({ ...keyring, recovery: { ...keyring.recovery, ct: flipB64(keyring.recovery.ct, 2) } }), /keyring\.json has a damaged recovery slot/],
  ]
  it.each(bad)('%s → CORRUPT_DATA naming keyring.json, file untouched', async (_what, content, message) => {
    await writeFile(file(), content())
    const before = await readFile(file())
    const e = await expectCorrupt(readKeyring(dir), message)
    expect(e.message).toMatch(/Nothing was changed/)
    expect((await readFile(file())).equals(before)).toBe(true)
  })
})
