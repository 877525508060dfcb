// Generates temporary passwords for new users with the Web Crypto CSPRNG (no Math.random).
// Groups of four unambiguous characters, easy to read out and type: ~93 bits for 16 characters.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'

export function generatePassword(length = 16, random: (buf: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const out: string[] = []
  // rejection sampling: bytes ≥ the largest multiple of the alphabet size would bias the choice
  const limit = 256 - (256 % ALPHABET.length)
  while (out.length < length) {
    for (const b of random(new Uint8Array(length * 2))) {
      if (b < limit && out.length < length) out.push(ALPHABET[b % ALPHABET.length])
    }
  }
  const groups: string[] = []
  for (let i = 0; i < out.length; i += 4) groups.push(out.slice(i, i + 4).join(''))
  return groups.join('-')
}
