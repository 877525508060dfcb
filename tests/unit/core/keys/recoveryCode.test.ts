// The recovery kit as people handle it: ten groups of four Crockford base32 characters. Parsing forgives
// case, spaces, dashes and the look-alikes O/0, I/1, L/1; anything of the wrong length is refused.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  RECOVERY_BYTES,
  RECOVERY_GROUPS,
  decodeBase32,
  encodeBase32,
  newRecoverySecret,
  normaliseRecoveryText,
  parseRecoverySecret,
  recoveryGroups,
} from '../../../../src/main/keys/recoveryCode'

const CROCKFORD = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/

describe('recovery kit encoding', () => {
  it('prints 200 random bits as ten groups of four unambiguous characters', () => {
    const secret = newRecoverySecret()
    expect(secret).toHaveLength(RECOVERY_BYTES)
    const groups = recoveryGroups(secret)
    expect(groups).toHaveLength(RECOVERY_GROUPS)
    for (const g of groups) expect(g).toMatch(CROCKFORD)
    expect(newRecoverySecret().equals(secret)).toBe(false)
  })

  it('round-trips every byte pattern, including all-zero and all-ones', () => {
    for (const secret of [Buffer.alloc(25, 0), Buffer.alloc(25, 0xff), Buffer.from([...Array(25).keys()]), ...Array.from({ length: 200 }, () => randomBytes(25))]) {
      const text = recoveryGroups(secret).join('-')
      expect(parseRecoverySecret(text)?.equals(secret), text).toBe(true)
      expect(decodeBase32(encodeBase32(secret))?.equals(secret)).toBe(true)
    }
  })

  it('forgives case, grouping, spaces, dashes, dots, underscores and line breaks', () => {
    const secret = randomBytes(25)
    const groups = recoveryGroups(secret)
    const flat = groups.join('')
    const forms = [
      groups.join('-'),
      groups.join(' '),
      flat,
      flat.toLowerCase(),
      groups.join('-').toLowerCase(),
      `  ${groups.slice(0, 5).join(' ')}\n${groups.slice(5).join(' ')}  `,
      flat.match(/.{1,8}/g)!.join(' - '),
      groups.join('.'),
      groups.join('_'),
      groups.map((g, i) => (i % 2 ? g.toLowerCase() : g)).join('\t'),
    ]
    for (const f of forms) expect(parseRecoverySecret(f)?.equals(secret), JSON.stringify(f)).toBe(true)
  })

  it('reads O as 0 and I or L as 1, in either case', () => {
    // a secret whose text holds both 0 and 1 several times
    const secret = decodeBase32('01ABZ10X'.repeat(5))!
    expect(secret).toHaveLength(25)
    const text = recoveryGroups(secret).join('-')
    expect(text).toMatch(/0/)
    expect(text).toMatch(/1/)
    for (const typed of [
      text.replace(/0/g, 'O'),
      text.replace(/0/g, 'o'),
      text.replace(/1/g, 'I'),
      text.replace(/1/g, 'i'),
      text.replace(/1/g, 'L'),
      text.replace(/1/g, 'l'),
      text.replace(/0/g, 'o').replace(/1/g, 'l').toLowerCase(),
    ]) {
      expect(parseRecoverySecret(typed)?.equals(secret), typed).toBe(true)
    }
    expect(normaliseRecoveryText('o-i-l O I L')).toBe('011011')
  })

  it('refuses the wrong length and characters outside the alphabet', () => {
    const flat = recoveryGroups(randomBytes(25)).join('')
    expect(parseRecoverySecret(flat.slice(0, 39))).toBeNull()
    expect(parseRecoverySecret(flat + '0')).toBeNull()
    expect(parseRecoverySecret(flat.slice(0, 36))).toBeNull() // nine groups
    expect(parseRecoverySecret(flat + flat)).toBeNull()
    expect(parseRecoverySecret('')).toBeNull()
    expect(parseRecoverySecret('----  ----')).toBeNull()
    // U is not in Crockford's alphabet; neither are punctuation or other scripts
    expect(parseRecoverySecret('U' + flat.slice(1))).toBeNull()
    expect(parseRecoverySecret('*' + flat.slice(1))).toBeNull()
    expect(parseRecoverySecret('账' + flat.slice(1))).toBeNull()
    expect(decodeBase32('ABCU')).toBeNull()
  })
})
