// The recovery secret as people handle it: 200 random bits in Crockford base32, ten groups of four
// characters for reading aloud. Parsing forgives case, spaces, dashes and the look-alikes O/I/L.
import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const RECOVERY_BYTES = 25
export const RECOVERY_GROUPS = 10
const GROUP = 4

export function encodeBase32(bytes: Buffer): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

export function decodeBase32(text: string): Buffer | null {
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const ch of text) {
    const i = ALPHABET.indexOf(ch)
    if (i < 0) return null
    value = ((value << 5) | i) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

export function normaliseRecoveryText(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
}

export function newRecoverySecret(): Buffer {
  return randomBytes(RECOVERY_BYTES)
}

export function recoveryGroups(secret: Buffer): string[] {
  const text = encodeBase32(secret)
  const groups: string[] = []
  for (let i = 0; i < text.length; i += GROUP) groups.push(text.slice(i, i + GROUP))
  return groups
}

/** Parses what a person typed; null when it cannot be a recovery secret. */
export function parseRecoverySecret(text: string): Buffer | null {
  const norm = normaliseRecoveryText(text)
  if (norm.length !== RECOVERY_GROUPS * GROUP) return null
  const bytes = decodeBase32(norm)
  return bytes && bytes.length === RECOVERY_BYTES ? bytes : null
}
