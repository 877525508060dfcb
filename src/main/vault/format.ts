// The vault body format: a versioned header, then the plaintext in 64 KiB chunks, each sealed with
// AES-256-GCM under a per-document key (HKDF of the client's vault key and a per-body salt). Nonces
// carry the chunk index and a final-chunk flag, and every chunk's associated data binds the header,
// the client id and the document id, so a body cannot be truncated, extended, reordered or swapped.
// Streams in and out: memory use does not depend on the size of the document.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { hkdf } from '../keys/crypto'

export const CHUNK = 64 * 1024
export const TAG = 16
/** Chunks read (and plaintext handed on) per step: 1 MiB. */
const BATCH = 16
export const MAGIC = Buffer.from('ZFV', 'ascii')
export const FORMAT_VERSION = 1
/** magic(3) version(1) keyVersion(4) salt(16) noncePrefix(7) */
export const HEADER_BYTES = 3 + 1 + 4 + 16 + 7

export interface BodyHeader {
  version: number
  keyVersion: number
  salt: Buffer
  noncePrefix: Buffer
  raw: Buffer
}

/** Why a body does not open. `truncated` and `damaged` are told apart where the sizes allow. */
export type BodyProblem = 'missing' | 'not-a-body' | 'unknown-version' | 'unknown-key' | 'truncated' | 'damaged'

export class BodyError extends Error {
  constructor(
    readonly problem: BodyProblem,
    message: string,
  ) {
    super(message)
    this.name = 'BodyError'
  }
}

export function makeHeader(keyVersion: number): BodyHeader {
  const salt = randomBytes(16)
  const noncePrefix = randomBytes(7)
  const raw = Buffer.alloc(HEADER_BYTES)
  MAGIC.copy(raw, 0)
  raw.writeUInt8(FORMAT_VERSION, 3)
  raw.writeUInt32BE(keyVersion, 4)
  salt.copy(raw, 8)
  noncePrefix.copy(raw, 24)
  return { version: FORMAT_VERSION, keyVersion, salt, noncePrefix, raw }
}

export function parseHeader(raw: Buffer): BodyHeader {
  if (raw.length < HEADER_BYTES || !raw.subarray(0, 3).equals(MAGIC)) throw new BodyError('not-a-body', 'not a Zhangfang vault body')
  const version = raw.readUInt8(3)
  if (version !== FORMAT_VERSION) throw new BodyError('unknown-version', `vault body format ${version} is not known to this version`)
  const h = Buffer.from(raw.subarray(0, HEADER_BYTES))
  return { version, keyVersion: h.readUInt32BE(4), salt: h.subarray(8, 24), noncePrefix: h.subarray(24, 31), raw: h }
}

/** The identity a body is bound to. */
export interface BodyBinding {
  clientId: string
  documentId: string
}

/** The per-document key: never the vault key itself, and different for every body. */
export function documentKey(vaultKey: Buffer, header: BodyHeader, b: BodyBinding): Buffer {
  return hkdf(vaultKey, header.salt, `zhangfang/vault/v1|${b.clientId}|${b.documentId}`)
}

function nonceFor(header: BodyHeader, index: number, final: boolean): Buffer {
  const n = Buffer.alloc(12)
  header.noncePrefix.copy(n, 0)
  n.writeUInt32BE(index, 7)
  n.writeUInt8(final ? 1 : 0, 11)
  return n
}

function aadFor(header: BodyHeader, b: BodyBinding): Buffer {
  return Buffer.concat([header.raw, Buffer.from(`|${b.clientId}|${b.documentId}`, 'utf8')])
}

/** Size of the body that holds `plainSize` bytes. */
export function bodySize(plainSize: number): number {
  const chunks = Math.max(1, Math.ceil(plainSize / CHUNK))
  return HEADER_BYTES + plainSize + chunks * TAG
}

/** Plaintext size of a body of `size` bytes, or null when no plaintext size gives that body size. */
export function plainSizeOf(size: number): number | null {
  const data = size - HEADER_BYTES
  if (data < TAG) return null
  const chunks = Math.ceil(data / (CHUNK + TAG))
  const plain = data - chunks * TAG
  return plain >= 0 && bodySize(plain) === size ? plain : null
}

/**
 * Incremental encryptor: push plaintext, get body bytes. Holds back at most one chunk, so the final flag
 * can go on the last one. `finish()` returns the last bytes and the plaintext's SHA-256 and size.
 */
export class BodyWriter {
  /** The held-back chunk (plaintext: zero-filled when the writer ends). */
  private readonly held = Buffer.alloc(CHUNK)
  private heldLen = 0
  private index = 0
  private readonly hash = createHash('sha256')
  private size = 0
  private readonly key: Buffer
  private readonly aad: Buffer
  private done = false
  constructor(
    vaultKey: Buffer,
    readonly header: BodyHeader,
    binding: BodyBinding,
  ) {
    this.key = documentKey(vaultKey, header, binding)
    this.aad = aadFor(header, binding)
  }

  /** The header: write it first. */
  start(): Buffer {
    return this.header.raw
  }

  /** Sealed bytes to write, in order (ciphertext and tag pieces, for one writev). */
  push(data: Buffer): Buffer[] {
    if (this.done) throw new Error('body already finished')
    this.hash.update(data)
    this.size += data.length
    const out: Buffer[] = []
    let off = 0
    if (this.heldLen > 0) {
      const take = Math.min(CHUNK - this.heldLen, data.length)
      data.copy(this.held, this.heldLen, 0, take)
      this.heldLen += take
      off = take
      // nothing after it yet: it may still be the final chunk
      if (off === data.length) return out
      this.seal(this.held, false, out)
      this.heldLen = 0
    }
    while (data.length - off > CHUNK) {
      this.seal(data.subarray(off, off + CHUNK), false, out)
      off += CHUNK
    }
    // the caller may reuse its buffer: keep a copy of the rest
    this.heldLen = data.copy(this.held, 0, off)
    return out
  }

  finish(): { tail: Buffer; sha256: string; size: number } {
    if (this.done) throw new Error('body already finished')
    const out: Buffer[] = []
    this.seal(this.held.subarray(0, this.heldLen), true, out)
    this.end()
    return { tail: Buffer.concat(out), sha256: this.hash.digest('hex'), size: this.size }
  }

  /** Drops the key and held plaintext without finishing (an aborted write). */
  abort(): void {
    this.end()
  }

  private end(): void {
    this.done = true
    this.key.fill(0)
    this.held.fill(0)
    this.heldLen = 0
  }

  private seal(plain: Buffer, final: boolean, out: Buffer[]): void {
    const c = createCipheriv('aes-256-gcm', this.key, nonceFor(this.header, this.index++, final))
    c.setAAD(this.aad)
    out.push(c.update(plain))
    c.final()
    out.push(c.getAuthTag())
  }
}

/** Opens one sealed chunk; throws BodyError('damaged') when its tag does not verify. */
export function openChunk(key: Buffer, header: BodyHeader, aad: Buffer, index: number, final: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG) throw new BodyError('truncated', `chunk ${index} is cut short`)
  try {
    const d = createDecipheriv('aes-256-gcm', key, nonceFor(header, index, final))
    d.setAAD(aad)
    d.setAuthTag(sealed.subarray(sealed.length - TAG))
    const plain = d.update(sealed.subarray(0, sealed.length - TAG))
    d.final()
    return plain
  } catch {
    throw new BodyError('damaged', `chunk ${index} does not verify`)
  }
}

export type VaultKeyLookup = (version: number) => Buffer | undefined

/**
 * Streams the plaintext of the body at `path` chunk by chunk to `sink` (which may be async). The sizes
 * decide which chunk is final, so a body cut at a chunk boundary fails on its new last chunk.
 * Throws BodyError naming the problem; nothing is passed to `sink` from a chunk that did not verify.
 */
export async function readBody(
  path: string,
  keys: VaultKeyLookup,
  binding: BodyBinding,
  sink: (plain: Buffer) => void | Promise<void>,
  signal?: AbortSignal,
  /** The plaintext size the index recorded: a body cut inside a chunk is then told from a damaged one. */
  expectedSize?: number,
): Promise<{ size: number; sha256: string; keyVersion: number }> {
  const st = await stat(path).catch(() => null)
  if (!st || !st.isFile()) throw new BodyError('missing', 'the encrypted body is missing')
  const fh = await open(path, 'r')
  try {
    const headRaw = Buffer.alloc(HEADER_BYTES)
    const { bytesRead } = await fh.read(headRaw, 0, HEADER_BYTES, 0)
    if (bytesRead < HEADER_BYTES) {
      // what is there still starts like a body: it was cut inside its header
      const n = Math.min(bytesRead, MAGIC.length)
      throw new BodyError(headRaw.subarray(0, n).equals(MAGIC.subarray(0, n)) ? 'truncated' : 'not-a-body', 'the body is shorter than its header')
    }
    const header = parseHeader(headRaw)
    const vaultKey = keys(header.keyVersion)
    if (!vaultKey) throw new BodyError('unknown-key', `the body is sealed with vault key version ${header.keyVersion}, which this client no longer holds`)
    if (expectedSize !== undefined) {
      const want = bodySize(expectedSize)
      if (st.size < want) throw new BodyError('truncated', 'the body is shorter than the document it holds')
      if (st.size > want) throw new BodyError('damaged', 'the body is longer than the document it holds')
    }
    const key = documentKey(vaultKey, header, binding)
    const aad = aadFor(header, binding)
    const hash = createHash('sha256')
    try {
      const data = st.size - HEADER_BYTES
      if (data < TAG) throw new BodyError('truncated', 'the body has no chunks')
      const span = CHUNK + TAG
      const chunks = Math.ceil(data / span)
      // one read of up to BATCH chunks at a time, the next one under way while this one is decrypted
      const stepBytes = Math.min(BATCH, chunks) * span
      const bufs = [Buffer.alloc(stepBytes), Buffer.alloc(chunks > BATCH ? stepBytes : 0)]
      const readStep = (first: number, buf: Buffer) => {
        const want = Math.min(Math.min(BATCH, chunks - first) * span, data - first * span)
        const p = fh.read(buf, 0, want, HEADER_BYTES + first * span).then((r) => ({ bytesRead: r.bytesRead, want }))
        p.catch(() => undefined)
        return p
      }
      let next: ReturnType<typeof readStep> | null = readStep(0, bufs[0])
      let size = 0
      try {
        for (let first = 0, step = 0; first < chunks; first += BATCH, step++) {
          if (signal?.aborted) throw new DOMException('cancelled', 'AbortError')
          const n = Math.min(BATCH, chunks - first)
          const buf = bufs[step % 2]
          const { bytesRead, want } = await (next as ReturnType<typeof readStep>)
          next = first + BATCH < chunks ? readStep(first + BATCH, bufs[(step + 1) % 2]) : null
          if (bytesRead !== want) throw new BodyError('truncated', `chunk ${first} is cut short`)
          const parts: Buffer[] = []
          for (let j = 0; j < n; j++) {
            const i = first + j
            const final = i === chunks - 1
            const sealed = buf.subarray(j * span, final ? want : (j + 1) * span)
            let plain: Buffer
            try {
              plain = openChunk(key, header, aad, i, final, sealed)
            } catch (e) {
              // a full-size last chunk that only verifies as a non-final one: the body was cut at a boundary
              if (final && sealed.length === span) {
                try {
                  openChunk(key, header, aad, i, false, sealed)
                  throw new BodyError('truncated', 'the body ends before its final chunk')
                } catch (e2) {
                  if (e2 instanceof BodyError && e2.problem === 'truncated') throw e2
                }
              }
              throw e
            }
            hash.update(plain)
            size += plain.length
            parts.push(plain)
          }
          // nothing of a batch reaches the sink unless every chunk of it verified
          await sink(parts.length === 1 ? parts[0] : Buffer.concat(parts))
        }
      } finally {
        // never close the file under a read still under way
        await next?.catch(() => undefined)
      }
      return { size, sha256: hash.digest('hex'), keyVersion: header.keyVersion }
    } finally {
      key.fill(0)
    }
  } finally {
    await fh.close()
  }
}

/** Streams a file's bytes, chunk by chunk. */
export async function* fileChunks(path: string, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: BATCH * CHUNK, signal })
  for await (const chunk of stream) yield chunk as Buffer
}
