// The vault body format: round trips at the chunk-size edges, and every way a body on disk can be cut,
// extended, flipped, reordered or swapped fails with the BodyError problem that names what happened —
// never with plaintext from a chunk that did not verify.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitBody, exportBody, readBodyToBuffer, reencryptBody, sealToTemp } from '../../../src/main/vault/bodies'
import {
  BodyError,
  BodyWriter,
  CHUNK,
  HEADER_BYTES,
  TAG,
  bodySize,
  makeHeader,
  plainSizeOf,
  readBody,
  type BodyBinding,
  type BodyHeader,
  type BodyProblem,
  type VaultKeyLookup,
} from '../../../src/main/vault/format'

const KEY = randomBytes(32)
const keys: VaultKeyLookup = (v) => (v === 1 ? KEY : undefined)
const BIND: BodyBinding = { clientId: randomUUID(), documentId: randomUUID() }
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zf-vault-format-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Seals `plain` through sealToTemp (pushed in `step`-byte pieces) and commits it; answers the body's path. */
async function sealed(plain: Buffer, step = 10_000, binding = BIND, key = KEY, keyVersion = 1): Promise<string> {
  const path = join(dir, randomUUID())
  const s = await sealToTemp(
    path,
    async (push) => {
      for (let i = 0; i < plain.length; i += step) await push(plain.subarray(i, i + step))
    },
    key,
    keyVersion,
    binding,
  )
  expect(s).toMatchObject({ sha256: sha(plain), size: plain.length })
  await commitBody(s.tmpPath, path)
  return path
}

/** A body in memory from a BodyWriter, pushed in the given piece sizes. */
function written(plain: Buffer, header: BodyHeader, pieces: number[] = [plain.length], binding = BIND): Buffer {
  const w = new BodyWriter(KEY, header, binding)
  const out = [w.start()]
  let at = 0
  for (const n of pieces) {
    out.push(...w.push(plain.subarray(at, at + n)))
    at += n
  }
  if (at < plain.length) out.push(...w.push(plain.subarray(at)))
  const f = w.finish()
  expect(f).toMatchObject({ sha256: sha(plain), size: plain.length })
  out.push(f.tail)
  return Buffer.concat(out)
}

/** Reads a body; answers the plaintext and every piece the sink was given. */
async function read(path: string, lookup = keys, binding = BIND, expectedSize?: number) {
  const pieces: Buffer[] = []
  const r = await readBody(path, lookup, binding, (p) => void pieces.push(Buffer.from(p)), undefined, expectedSize)
  return { ...r, plain: Buffer.concat(pieces), pieces }
}

async function problemOf(p: Promise<unknown>): Promise<BodyProblem | 'no error' | string> {
  try {
    await p
    return 'no error'
  } catch (e) {
    return e instanceof BodyError ? e.problem : `not a BodyError: ${String(e)}`
  }
}

/** Writes `bytes` as a new file and answers its path. */
async function file(bytes: Buffer): Promise<string> {
  const path = join(dir, randomUUID())
  await writeFile(path, bytes)
  return path
}

const flip = (b: Buffer, at: number, bit = 0) => {
  const c = Buffer.from(b)
  c[at] ^= 1 << bit
  return c
}

describe('round trips', () => {
  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['64 KiB − 1', CHUNK - 1],
    ['64 KiB', CHUNK],
    ['64 KiB + 1', CHUNK + 1],
    ['3 MiB + 7', 3 * 1024 * 1024 + 7],
  ])('%s: sealToTemp → readBody gives the same bytes; the size fits the format', async (_label, n) => {
    const plain = randomBytes(n)
    const path = await sealed(plain)
    const st = (await readFile(path)).length
    expect(st).toBe(bodySize(n))
    expect(plainSizeOf(st)).toBe(n)
    const r = await read(path, keys, BIND, n)
    expect(r.plain.equals(plain)).toBe(true)
    expect(r).toMatchObject({ size: n, sha256: sha(plain), keyVersion: 1 })
    // plaintext reaches the sink in steps of at most 16 chunks (1 MiB): memory does not follow the size
    expect(r.pieces.length).toBe(Math.max(1, Math.ceil(n / (16 * CHUNK))))
    expect(Math.max(...r.pieces.map((p) => p.length))).toBeLessThanOrEqual(16 * CHUNK)
    // the viewer's copy is exact, in a buffer of its own (no shared pool across IPC)
    const v = await readBodyToBuffer(path, keys, BIND, n)
    expect(Buffer.from(v.bytes).equals(plain)).toBe(true)
    expect(v.bytes.buffer.byteLength).toBe(n)
    expect(v.sha256).toBe(sha(plain))
  })

  it('the bytes of a body do not depend on how the plaintext was pushed', () => {
    const plain = randomBytes(2 * CHUNK + 123)
    const header = makeHeader(1)
    const once = written(plain, header)
    expect(written(plain, header, [1, CHUNK - 1, CHUNK, 123])).toEqual(once)
    expect(written(plain, header, [CHUNK + 1, 7, 0, 5000])).toEqual(once)
    expect(once.length).toBe(bodySize(plain.length))
    // and two bodies of the same plaintext differ (fresh salt and nonce prefix each)
    expect(written(plain, makeHeader(1)).equals(once)).toBe(false)
  })

  it('a finished writer takes no more data', () => {
    const w = new BodyWriter(KEY, makeHeader(1), BIND)
    w.finish()
    expect(() => w.push(Buffer.from('x'))).toThrow()
    expect(() => w.finish()).toThrow()
  })

  it('a failing feed leaves no temporary file', async () => {
    const sub = await mkdtemp(join(dir, 'feed-'))
    await expect(
      sealToTemp(
        join(sub, 'doc'),
        async (push) => {
          await push(randomBytes(CHUNK * 2))
          throw new Error('source went away')
        },
        KEY,
        1,
        BIND,
      ),
    ).rejects.toThrow('source went away')
    expect(await readdir(sub)).toEqual([])
  })
})

describe('tampering fails with the problem that names it', () => {
  // three chunks: two full, one of 1000 bytes
  const plain = randomBytes(2 * CHUNK + 1000)
  let body: Buffer
  const chunkAt = (i: number) => HEADER_BYTES + i * (CHUNK + TAG)
  beforeAll(async () => {
    body = await readFile(await sealed(plain))
  })

  it('truncated: cut inside a chunk (told apart with the size the index recorded)', async () => {
    const cut = await file(body.subarray(0, chunkAt(1) + 5000))
    expect(await problemOf(read(cut, keys, BIND, plain.length))).toBe('truncated')
    // without the recorded size a cut inside the last chunk cannot be told from damage, but it never opens
    expect(await problemOf(read(cut))).toBe('damaged')
    // fewer bytes than a tag left of the last chunk: cut short, whatever is known
    const stub = await file(body.subarray(0, chunkAt(2) + 5))
    expect(await problemOf(read(stub))).toBe('truncated')
    expect(await problemOf(readBodyToBuffer(stub, keys, BIND))).toBe('truncated')
    expect(await problemOf(read(stub, keys, BIND, plain.length))).toBe('truncated')
  })

  it('truncated: cut at a chunk boundary (the new last chunk is not sealed as final)', async () => {
    for (const n of [1, 2]) {
      const cut = await file(body.subarray(0, chunkAt(n)))
      expect(await problemOf(read(cut))).toBe('truncated')
      expect(await problemOf(readBodyToBuffer(cut, keys, BIND))).toBe('truncated')
      expect(await problemOf(read(cut, keys, BIND, plain.length))).toBe('truncated')
    }
  })

  it('truncated: header only, cut inside the header, or empty', async () => {
    for (const n of [HEADER_BYTES, 10, 2, 0]) {
      const cut = await file(body.subarray(0, n))
      expect(await problemOf(read(cut)), `${n} bytes`).toBe('truncated')
      expect(await problemOf(readBodyToBuffer(cut, keys, BIND)), `${n} bytes`).toBe('truncated')
      expect(await problemOf(read(cut, keys, BIND, plain.length)), `${n} bytes`).toBe('truncated')
    }
    // a short file that does not start like a body is not one
    const other = await file(Buffer.from('%PDF-1.4 '))
    expect(await problemOf(read(other))).toBe('not-a-body')
    expect(await problemOf(read(await file(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(200)]))))).toBe('not-a-body')
  })

  it('extended: bytes appended, or an extra chunk sealed with the right key', async () => {
    const appended = await file(Buffer.concat([body, randomBytes(100)]))
    expect(await problemOf(read(appended))).toBe('damaged')
    expect(await problemOf(read(appended, keys, BIND, plain.length))).toBe('damaged')
    // a body whose last chunk is full, plus a few bytes: they make a chunk of their own
    const full = await readFile(await sealed(randomBytes(CHUNK)))
    expect(await problemOf(read(await file(Buffer.concat([full, randomBytes(TAG + 3)]))))).toBe('damaged')
    // a real sealed chunk: the same header sealing a longer plaintext gives a valid chunk 2 sealed as final
    const header = makeHeader(1)
    const short = written(plain.subarray(0, 2 * CHUNK), header)
    const long = written(plain, header)
    expect(short.subarray(0, chunkAt(1)).equals(long.subarray(0, chunkAt(1)))).toBe(true)
    const extended = await file(Buffer.concat([short, long.subarray(chunkAt(2))]))
    expect(await problemOf(read(extended))).toBe('damaged')
    expect(await problemOf(read(extended, keys, BIND, 2 * CHUNK))).toBe('damaged')
    // control: the short body itself reads
    expect((await read(await file(short))).plain.equals(plain.subarray(0, 2 * CHUNK))).toBe(true)
  })

  it('one bit flipped in the header, a ciphertext or a tag', async () => {
    const cases: [string, number, BodyProblem][] = [
      ['magic', 0, 'not-a-body'],
      ['format version', 3, 'unknown-version'],
      ['key version', 7, 'unknown-key'],
      ['salt', 12, 'damaged'],
      ['nonce prefix', 28, 'damaged'],
      ['ciphertext of chunk 0', chunkAt(0) + 100, 'damaged'],
      ['ciphertext of chunk 2', chunkAt(2) + 999, 'damaged'],
      ['tag of chunk 0', chunkAt(1) - 1, 'damaged'],
      ['tag of the final chunk', body.length - 1, 'damaged'],
    ]
    for (const [what, at, problem] of cases) {
      const path = await file(flip(body, at, 3))
      expect(await problemOf(read(path)), what).toBe(problem)
      expect(await problemOf(read(path, keys, BIND, plain.length)), what).toBe(problem)
      expect(await problemOf(readBodyToBuffer(path, keys, BIND, plain.length)), what).toBe(problem)
    }
  })

  it('nothing reaches the sink from a chunk that does not verify (nor from the rest of its 1 MiB step)', async () => {
    const path = await file(flip(body, chunkAt(2) + 10))
    const got: Buffer[] = []
    await expect(readBody(path, keys, BIND, (p) => void got.push(Buffer.from(p)))).rejects.toBeInstanceOf(BodyError)
    expect(Buffer.concat(got).length).toBe(0)
  })

  it('a damaged chunk in the second 1 MiB step: the first step arrives whole, nothing after it', async () => {
    const big = randomBytes(20 * CHUNK + 5)
    const bytes = await readFile(await sealed(big, 300_000))
    const path = await file(flip(bytes, chunkAt(17) + 3))
    const got: Buffer[] = []
    await expect(readBody(path, keys, BIND, (p) => void got.push(Buffer.from(p)))).rejects.toMatchObject({ problem: 'damaged' })
    expect(Buffer.concat(got).equals(big.subarray(0, 16 * CHUNK))).toBe(true)
  })

  it('chunks reordered', async () => {
    const c = (i: number) => body.subarray(chunkAt(i), i === 2 ? body.length : chunkAt(i + 1))
    const swapped = Buffer.concat([body.subarray(0, HEADER_BYTES), c(1), c(0), c(2)])
    expect(swapped.length).toBe(body.length)
    expect(await problemOf(read(await file(swapped)))).toBe('damaged')
    expect(await problemOf(read(await file(swapped), keys, BIND, plain.length))).toBe('damaged')
  })

  it('a body moved to another document or another client does not open (associated data)', async () => {
    const path = await file(body)
    expect(await problemOf(read(path, keys, { ...BIND, documentId: randomUUID() }))).toBe('damaged')
    expect(await problemOf(read(path, keys, { ...BIND, clientId: randomUUID() }))).toBe('damaged')
    expect(await problemOf(read(path, keys, { clientId: BIND.documentId, documentId: BIND.clientId }))).toBe('damaged')
    // control
    expect((await read(path)).plain.equals(plain)).toBe(true)
  })

  it('wrong vault key; unknown key version; missing body', async () => {
    const path = await file(body)
    expect(await problemOf(read(path, () => randomBytes(32)))).toBe('damaged')
    expect(await problemOf(read(path, (v) => (v === 2 ? KEY : undefined)))).toBe('unknown-key')
    expect(await problemOf(read(join(dir, 'no-such-body')))).toBe('missing')
    expect(await problemOf(readBodyToBuffer(join(dir, 'no-such-body'), keys, BIND))).toBe('missing')
    // a key version this client holds, sealed under another number, is the version the header names
    const v7 = await sealed(plain.subarray(0, 100), 100, BIND, KEY, 7)
    expect(await problemOf(read(v7))).toBe('unknown-key')
    expect((await read(v7, (v) => (v === 7 ? KEY : undefined))).keyVersion).toBe(7)
  })
})

describe('export and re-encryption', () => {
  it('export writes the exact plaintext; a damaged body leaves nothing at the destination', async () => {
    const plain = randomBytes(CHUNK + 77)
    const path = await sealed(plain)
    const out = await mkdtemp(join(dir, 'export-'))
    const dest = join(out, '发票.pdf')
    expect(await exportBody(path, keys, BIND, dest, plain.length)).toBe(sha(plain))
    expect((await readFile(dest)).equals(plain)).toBe(true)
    expect(await readdir(out)).toEqual(['发票.pdf'])

    const bad = await file(flip(await readFile(path), HEADER_BYTES + CHUNK + TAG + 5))
    const dest2 = join(out, 'damaged.pdf')
    expect(await problemOf(exportBody(bad, keys, BIND, dest2, plain.length))).toBe('damaged')
    expect(await readdir(out)).toEqual(['发票.pdf'])
  })

  it('re-encryption swaps the body for one under the new key, verified; a wrong hash keeps the old body', async () => {
    const plain = randomBytes(2 * CHUNK + 5)
    const path = await sealed(plain)
    const before = await readFile(path)
    const k2 = randomBytes(32)
    const both: VaultKeyLookup = (v) => (v === 1 ? KEY : v === 2 ? k2 : undefined)
    await expect(reencryptBody(path, both, BIND, k2, 2, sha(randomBytes(4)))).rejects.toThrow()
    expect((await readFile(path)).equals(before)).toBe(true)
    await reencryptBody(path, both, BIND, k2, 2, sha(plain))
    const after = await readFile(path)
    expect(after.equals(before)).toBe(false)
    expect(after.readUInt32BE(4)).toBe(2)
    const r = await read(path, (v) => (v === 2 ? k2 : undefined))
    expect(r.plain.equals(plain)).toBe(true)
    expect(r.keyVersion).toBe(2)
    expect(await problemOf(read(path))).toBe('unknown-key')
    // no temporary body is left beside it
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})
