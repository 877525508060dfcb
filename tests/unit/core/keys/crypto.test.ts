// Primitive crypto: AES-256-GCM with associated data, X25519 sealing, key pairs from a seed, Ed25519.
// Every wrapped key in the keyring rests on these: any flipped byte or foreign context must fail closed.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  aeadOpen,
  aeadSeal,
  hkdf,
  identityFromSeed,
  openSealed,
  sealTo,
  signBytes,
  verifyBytes,
  type Sealed,
  type SealedToKey,
} from '../../../../src/main/keys/crypto'

const b64 = (s: string) => Buffer.from(s, 'base64')
/** The same sealed box with one byte of one base64 field flipped. */
function flip<T extends Sealed>(box: T, field: keyof T & string, index: number, mask = 0x01): T {
  const bytes = b64(box[field] as string)
  bytes[index] ^= mask
  return { ...box, [field]: bytes.toString('base64') }
}

describe('aeadSeal / aeadOpen', () => {
  const key = randomBytes(32)
  const aad = 'zhangfang/test/v1|firm-1|user-1|1'
  const plain = Buffer.from('账房 firm key material 0123456789abcdef', 'utf8')

  it('round-trips and uses a fresh nonce every time', () => {
    const a = aeadSeal(key, plain, aad)
    const b = aeadSeal(key, plain, aad)
    expect(aeadOpen(key, a, aad)?.equals(plain)).toBe(true)
    expect(aeadOpen(key, b, aad)?.equals(plain)).toBe(true)
    expect(a.nonce).not.toBe(b.nonce)
    expect(a.ct).not.toBe(b.ct)
    expect(b64(a.nonce)).toHaveLength(12)
    // ciphertext || 16-byte tag, no plaintext inside
    expect(b64(a.ct)).toHaveLength(plain.length + 16)
    expect(b64(a.ct).includes(plain.subarray(0, 8))).toBe(false)
  })

  it('round-trips an empty plaintext', () => {
    const box = aeadSeal(key, Buffer.alloc(0), aad)
    expect(aeadOpen(key, box, aad)).toEqual(Buffer.alloc(0))
  })

  it('fails closed on every flipped byte of the nonce', () => {
    const box = aeadSeal(key, plain, aad)
    for (let i = 0; i < 12; i++) {
      for (const mask of [0x01, 0x80]) expect(aeadOpen(key, flip(box, 'nonce', i, mask), aad), `nonce byte ${i}`).toBeNull()
    }
  })

  it('fails closed on every flipped byte of the ciphertext and the tag', () => {
    const box = aeadSeal(key, plain, aad)
    const n = b64(box.ct).length
    for (let i = 0; i < n; i++) expect(aeadOpen(key, flip(box, 'ct', i), aad), `ct byte ${i}`).toBeNull()
  })

  it('fails closed on a different associated data, key, truncation or garbage', () => {
    const box = aeadSeal(key, plain, aad)
    expect(aeadOpen(key, box, aad + 'x')).toBeNull()
    expect(aeadOpen(key, box, aad.replace('user-1', 'user-2'))).toBeNull()
    expect(aeadOpen(key, box, '')).toBeNull()
    const other = Buffer.from(key)
    other[31] ^= 1
    expect(aeadOpen(other, box, aad)).toBeNull()
    expect(aeadOpen(key, { ...box, ct: b64(box.ct).subarray(0, 15).toString('base64') }, aad)).toBeNull()
    expect(aeadOpen(key, { ...box, ct: b64(box.ct).subarray(1).toString('base64') }, aad)).toBeNull()
    expect(aeadOpen(key, { ...box, nonce: b64(box.nonce).subarray(0, 11).toString('base64') }, aad)).toBeNull()
    expect(aeadOpen(key, { ...box, nonce: '' }, aad)).toBeNull()
    expect(aeadOpen(key, { nonce: '!!!', ct: '***' }, aad)).toBeNull()
    expect(aeadOpen(Buffer.alloc(5), box, aad)).toBeNull()
  })
})

describe('sealTo / openSealed', () => {
  const recipient = identityFromSeed(randomBytes(32))
  const me = { privateKey: recipient.x25519Private, publicKey: recipient.x25519Public }
  const aad = 'zhangfang/grant/v1|firm-1|client-9|1'
  const clientKey = randomBytes(32)

  it('round-trips with a fresh ephemeral key per box', () => {
    const a = sealTo(recipient.x25519Public, clientKey, aad)
    const b = sealTo(recipient.x25519Public, clientKey, aad)
    expect(a.eph).not.toBe(b.eph)
    expect(b64(a.eph)).toHaveLength(32)
    expect(openSealed(me, a, aad)?.equals(clientKey)).toBe(true)
    expect(openSealed(me, b, aad)?.equals(clientKey)).toBe(true)
  })

  it('fails closed for another recipient, another associated data, or any flipped byte', () => {
    const box = sealTo(recipient.x25519Public, clientKey, aad)
    const stranger = identityFromSeed(randomBytes(32))
    expect(openSealed({ privateKey: stranger.x25519Private, publicKey: stranger.x25519Public }, box, aad)).toBeNull()
    // the right private key with a wrong public half changes the HKDF salt
    expect(openSealed({ privateKey: recipient.x25519Private, publicKey: stranger.x25519Public }, box, aad)).toBeNull()
    expect(openSealed(me, box, aad.replace('client-9', 'client-8'))).toBeNull()
    for (const field of ['eph', 'nonce', 'ct'] as const) {
      const n = b64(box[field]).length
      for (let i = 0; i < n; i++) expect(openSealed(me, flip<SealedToKey>(box, field, i), aad), `${field} byte ${i}`).toBeNull()
    }
    expect(openSealed(me, { ...box, eph: b64(box.eph).subarray(0, 31).toString('base64') }, aad)).toBeNull()
    expect(openSealed(me, { ...box, eph: 'not base64 at all' }, aad)).toBeNull()
  })
})

describe('identityFromSeed', () => {
  it('is deterministic for a seed and separates seeds and domains', () => {
    const seed = randomBytes(32)
    const a = identityFromSeed(Buffer.from(seed))
    const b = identityFromSeed(Buffer.from(seed))
    expect(a.x25519Public.equals(b.x25519Public)).toBe(true)
    expect(a.ed25519Public.equals(b.ed25519Public)).toBe(true)
    expect(a.x25519Public).toHaveLength(32)
    expect(a.ed25519Public).toHaveLength(32)
    // the two key pairs are independent derivations
    expect(a.x25519Public.equals(a.ed25519Public)).toBe(false)
    const other = identityFromSeed(randomBytes(32))
    expect(other.x25519Public.equals(a.x25519Public)).toBe(false)
    expect(other.ed25519Public.equals(a.ed25519Public)).toBe(false)
    const otherDomain = identityFromSeed(Buffer.from(seed), 'zhangfang/intake/v1')
    expect(otherDomain.x25519Public.equals(a.x25519Public)).toBe(false)
    expect(otherDomain.ed25519Public.equals(a.ed25519Public)).toBe(false)
  })

  it('does not consume or alter the seed', () => {
    const seed = randomBytes(32)
    const copy = Buffer.from(seed)
    identityFromSeed(seed)
    expect(seed.equals(copy)).toBe(true)
  })

  it('signs with the derived Ed25519 key; signatures of one seed do not verify under another', () => {
    const a = identityFromSeed(randomBytes(32))
    const b = identityFromSeed(randomBytes(32))
    const msg = Buffer.from('a'.repeat(64), 'hex')
    const sig = signBytes(a.ed25519Private, msg)
    expect(verifyBytes(a.ed25519Public, msg, sig)).toBe(true)
    expect(verifyBytes(b.ed25519Public, msg, sig)).toBe(false)
    const tampered = Buffer.from(msg)
    tampered[0] ^= 1
    expect(verifyBytes(a.ed25519Public, tampered, sig)).toBe(false)
    const badSig = Buffer.from(sig)
    badSig[10] ^= 1
    expect(verifyBytes(a.ed25519Public, msg, badSig)).toBe(false)
    // malformed keys and signatures answer false, never throw
    expect(verifyBytes(Buffer.alloc(3), msg, sig)).toBe(false)
    expect(verifyBytes(a.ed25519Public, msg, Buffer.alloc(0))).toBe(false)
  })
})

describe('hkdf', () => {
  it('separates by salt and info and honours the length', () => {
    const ikm = randomBytes(32)
    expect(hkdf(ikm, 's', 'i').equals(hkdf(ikm, 's', 'i'))).toBe(true)
    expect(hkdf(ikm, 's', 'i').equals(hkdf(ikm, 's2', 'i'))).toBe(false)
    expect(hkdf(ikm, 's', 'i').equals(hkdf(ikm, 's', 'i2'))).toBe(false)
    expect(hkdf(ikm, 's', 'i')).toHaveLength(32)
    expect(hkdf(ikm, Buffer.from('s'), 'i', 64)).toHaveLength(64)
  })
})
