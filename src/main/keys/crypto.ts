// Primitive crypto on Node's own `crypto`: AES-256-GCM with associated data, HKDF, X25519 sealing,
// Ed25519 signing, and key pairs from a 32-byte identity seed. Keys stay in Buffers main can zero-fill.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'

export const KEY_BYTES = 32

export interface Sealed {
  nonce: string // base64
  ct: string // base64, ciphertext || 16-byte tag
}

export function hkdf(ikm: Buffer, salt: Buffer | string, info: string, length = KEY_BYTES): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, typeof salt === 'string' ? Buffer.from(salt) : salt, info, length))
}

export function aeadSeal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const nonce = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, nonce)
  c.setAAD(Buffer.from(aad, 'utf8'))
  const ct = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()])
  return { nonce: nonce.toString('base64'), ct: ct.toString('base64') }
}

/** Opens a sealed box; answers null when the key, the associated data or any byte is wrong. */
export function aeadOpen(key: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    const nonce = Buffer.from(sealed.nonce, 'base64')
    const all = Buffer.from(sealed.ct, 'base64')
    if (nonce.length !== 12 || all.length < 16) return null
    const d = createDecipheriv('aes-256-gcm', key, nonce)
    d.setAAD(Buffer.from(aad, 'utf8'))
    d.setAuthTag(all.subarray(all.length - 16))
    return Buffer.concat([d.update(all.subarray(0, all.length - 16)), d.final()])
  } catch {
    return null
  }
}

// PKCS#8 / SPKI prefixes for raw 32-byte X25519 and Ed25519 keys
const PKCS8 = { x25519: '302e020100300506032b656e04220420', ed25519: '302e020100300506032b657004220420' }
const SPKI = { x25519: '302a300506032b656e032100', ed25519: '302a300506032b6570032100' }

export function privateKeyFromRaw(kind: 'x25519' | 'ed25519', raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([Buffer.from(PKCS8[kind], 'hex'), raw]), format: 'der', type: 'pkcs8' })
}
export function publicKeyFromRaw(kind: 'x25519' | 'ed25519', raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([Buffer.from(SPKI[kind], 'hex'), raw]), format: 'der', type: 'spki' })
}
export function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' })
  return Buffer.from(der.subarray(der.length - 32))
}

export interface Identity {
  x25519Private: KeyObject
  x25519Public: Buffer
  ed25519Private: KeyObject
  ed25519Public: Buffer
}

/** Derives a user's (or the recovery key's) key pairs from a 32-byte seed. */
export function identityFromSeed(seed: Buffer, domain = 'zhangfang/identity/v1'): Identity {
  const xRaw = hkdf(seed, domain, 'x25519')
  const eRaw = hkdf(seed, domain, 'ed25519')
  try {
    const x25519Private = privateKeyFromRaw('x25519', xRaw)
    const ed25519Private = privateKeyFromRaw('ed25519', eRaw)
    return {
      x25519Private,
      x25519Public: rawPublicKey(createPublicKey(x25519Private)),
      ed25519Private,
      ed25519Public: rawPublicKey(createPublicKey(ed25519Private)),
    }
  } finally {
    xRaw.fill(0)
    eRaw.fill(0)
  }
}

export interface SealedToKey extends Sealed {
  eph: string // base64 raw X25519 ephemeral public key
}

/** Seals `plaintext` to an X25519 public key: ephemeral ECDH + HKDF + AES-256-GCM, bound to `aad`. */
export function sealTo(recipientPublic: Buffer, plaintext: Buffer, aad: string): SealedToKey {
  const eph = generateKeyPairSync('x25519')
  const ephPublic = rawPublicKey(eph.publicKey)
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyFromRaw('x25519', recipientPublic) })
  const key = hkdf(shared, Buffer.concat([ephPublic, recipientPublic]), 'zhangfang/seal/v1')
  try {
    return { eph: ephPublic.toString('base64'), ...aeadSeal(key, plaintext, aad) }
  } finally {
    key.fill(0)
    shared.fill(0)
  }
}

export function openSealed(recipient: { privateKey: KeyObject; publicKey: Buffer }, box: SealedToKey, aad: string): Buffer | null {
  try {
    const ephPublic = Buffer.from(box.eph, 'base64')
    if (ephPublic.length !== 32) return null
    const shared = diffieHellman({ privateKey: recipient.privateKey, publicKey: publicKeyFromRaw('x25519', ephPublic) })
    const key = hkdf(shared, Buffer.concat([ephPublic, recipient.publicKey]), 'zhangfang/seal/v1')
    try {
      return aeadOpen(key, box, aad)
    } finally {
      key.fill(0)
      shared.fill(0)
    }
  } catch {
    return null
  }
}

export function signBytes(privateKey: KeyObject, data: Buffer): Buffer {
  return sign(null, data, privateKey)
}
export function verifyBytes(publicKeyRaw: Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, publicKeyFromRaw('ed25519', publicKeyRaw), signature)
  } catch {
    return false
  }
}
