// Encrypted document bodies on disk: `vault/<clientId>/<docId>`. Sealing a source file into a temporary
// body beside its final name, committing it with a rename, reading a body into memory for the viewer,
// decrypting to a chosen export file, and re-encrypting under a new vault key. Plaintext is only ever in
// memory here, except in the export file the user asked for.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { BodyError, BodyWriter, fileChunks, HEADER_BYTES, makeHeader, plainSizeOf, readBody, type BodyBinding, type VaultKeyLookup } from './format'

export const VAULT_DIR = 'vault'
const TMP_SUFFIX = '.tmp'

export function clientVaultDir(dataDir: string, clientId: string): string {
  return join(dataDir, VAULT_DIR, clientId)
}
export function bodyPath(dataDir: string, clientId: string, documentId: string): string {
  return join(clientVaultDir(dataDir, clientId), documentId)
}
export const isTempBody = (name: string) => name.startsWith('.') && name.endsWith(TMP_SUFFIX)

export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch {
    /* directory fsync unsupported on this platform */
  }
}

export interface SealedTemp {
  tmpPath: string
  sha256: string
  size: number
}

/** Feeds plaintext to `push`, chunk by chunk (a source file, or another body being decrypted). */
export type PlainFeed = (push: (plain: Buffer) => Promise<void>) => Promise<void>

/**
 * Encrypts what `feed` pushes into a temporary body beside `finalPath` (fsynced, unless `sync` is false:
 * then the caller fsyncs it with `syncFile` before anything refers to it). `onChunk` sees each plaintext
 * chunk (page counting, progress). The caller commits or discards it. A failure leaves no temporary file.
 */
export async function sealToTemp(
  finalPath: string,
  feed: PlainFeed,
  vaultKey: Buffer,
  keyVersion: number,
  binding: BodyBinding,
  onChunk?: (plain: Buffer) => void,
  sync = true,
): Promise<SealedTemp> {
  await mkdir(dirname(finalPath), { recursive: true, mode: 0o700 })
  const tmpPath = join(dirname(finalPath), `.${basename(finalPath)}.${randomBytes(4).toString('hex')}${TMP_SUFFIX}`)
  const writer = new BodyWriter(vaultKey, makeHeader(keyVersion), binding)
  let fh: FileHandle | null = await open(tmpPath, 'wx', 0o600)
  try {
    const out = fh
    await out.write(writer.start())
    // one write in flight while the next step is read and sealed
    let inflight: Promise<unknown> = Promise.resolve()
    await feed(async (chunk) => {
      onChunk?.(chunk)
      const sealed = writer.push(chunk)
      if (!sealed.length) return
      await inflight
      inflight = out.writev(sealed)
      inflight.catch(() => undefined)
    })
    await inflight
    const { tail, sha256, size } = writer.finish()
    await fh.write(tail)
    if (sync) await fh.sync()
    await fh.close()
    fh = null
    return { tmpPath, sha256, size }
  } catch (e) {
    writer.abort()
    if (fh) await fh.close().catch(() => undefined)
    await rm(tmpPath, { force: true })
    throw e
  }
}

/** Puts a sealed temporary body under its final name, durably (or leaves the folder's sync to the caller, for a batch). */
export async function commitBody(tmpPath: string, finalPath: string, sync = true): Promise<void> {
  await rename(tmpPath, finalPath)
  if (sync) await syncDir(dirname(finalPath))
}

export async function discard(path: string): Promise<void> {
  await rm(path, { force: true })
}

/** Seals a source file on disk (the add button, a drop, the inbox). */
export function sealFile(
  srcPath: string,
  finalPath: string,
  vaultKey: Buffer,
  keyVersion: number,
  binding: BodyBinding,
  onChunk?: (plain: Buffer) => void,
  signal?: AbortSignal,
  sync = true,
) {
  const feed: PlainFeed = async (push) => {
    for await (const chunk of fileChunks(srcPath, signal)) await push(chunk)
  }
  return sealToTemp(finalPath, feed, vaultKey, keyVersion, binding, onChunk, sync)
}

/** Makes a written file durable (a batch fsyncs its bodies together, then their folder once). */
export async function syncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}

/**
 * The whole plaintext in memory, for the viewer (bounded by the vault's size limit), in a buffer of its
 * own: a view into a shared pool would carry other bytes across IPC with it.
 */
export async function readBodyToBuffer(path: string, keys: VaultKeyLookup, binding: BodyBinding, expectedSize?: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: string }> {
  const size = await fileSize(path)
  // a size no body can have fails inside readBody with the problem it shows (cut short, not a body …)
  const plain = size === null ? null : (plainSizeOf(size) ?? Math.max(0, size - HEADER_BYTES))
  // with the index's size, a body of any other size fails before a byte is decrypted
  const bytes = new Uint8Array(new ArrayBuffer(expectedSize ?? plain ?? 0))
  let at = 0
  const r = await readBody(
    path,
    keys,
    binding,
    (p) => {
      if (at + p.length > bytes.length) throw new BodyError('damaged', 'the body size does not fit its format')
      bytes.set(p, at)
      at += p.length
    },
    undefined,
    expectedSize,
  )
  if (at !== bytes.length) throw new BodyError('damaged', 'the body size does not fit its format')
  return { bytes, sha256: r.sha256 }
}

/**
 * Decrypts to `dest` through a partial file that is renamed only once every chunk verified, so a damaged
 * body leaves nothing at the destination. Answers the plaintext's SHA-256.
 */
export async function exportBody(path: string, keys: VaultKeyLookup, binding: BodyBinding, dest: string, expectedSize?: number): Promise<string> {
  const part = `${dest}.${randomBytes(4).toString('hex')}.part`
  const fh = await open(part, 'wx', 0o600)
  let closed = false
  try {
    const r = await readBody(
      path,
      keys,
      binding,
      async (p) => {
        await fh.write(p)
      },
      undefined,
      expectedSize,
    )
    await fh.sync()
    await fh.close()
    closed = true
    await rename(part, dest)
    return r.sha256
  } catch (e) {
    if (!closed) await fh.close().catch(() => undefined)
    await rm(part, { force: true })
    throw e
  }
}

/**
 * Re-encrypts a body under another vault key version, verifying the new body before it replaces the
 * old one with an atomic rename: at every instant the final name holds a complete, readable body.
 */
export async function reencryptBody(
  path: string,
  keys: VaultKeyLookup,
  binding: BodyBinding,
  newKey: Buffer,
  newVersion: number,
  expectSha: string,
  signal?: AbortSignal,
): Promise<void> {
  const feed: PlainFeed = async (push) => {
    await readBody(path, keys, binding, push, signal)
  }
  const sealed = await sealToTemp(path, feed, newKey, newVersion, binding)
  try {
    if (sealed.sha256 !== expectSha) throw new Error('re-encrypted content differs from the index')
    const check = await readBody(sealed.tmpPath, keys, binding, () => undefined)
    if (check.sha256 !== expectSha || check.keyVersion !== newVersion) throw new Error('re-encrypted body does not verify')
  } catch (e) {
    await discard(sealed.tmpPath)
    throw e
  }
  await commitBody(sealed.tmpPath, path)
}

/** Names of every file in the client's vault folder. */
export async function listBodyFiles(dataDir: string, clientId: string): Promise<string[]> {
  try {
    return await readdir(clientVaultDir(dataDir, clientId))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
}

export async function fileSize(path: string): Promise<number | null> {
  return stat(path).then(
    (s) => (s.isFile() ? s.size : null),
    () => null,
  )
}
