// The async Db seam over @journeyapps/sqlcipher (SQLCipher 4). Owns opening with a raw key, the
// pragmas every connection needs, and the per-connection lock that keeps transactions from interleaving.
// It must not know any table: capabilities bring their own SQL.
import sqlcipher from '@journeyapps/sqlcipher'
import { stat } from 'node:fs/promises'
import { AppError } from '../../shared/ipc/result'

export type SqlValue = string | number | bigint | null | Buffer | Uint8Array
export type Params = SqlValue[] | Record<string, SqlValue>

export interface RunResult {
  changes: number
  lastID: number
}

/** Statements usable inside a transaction (and on the Db itself, each taking the lock). */
export interface Queryable {
  run(sql: string, params?: Params): Promise<RunResult>
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>
  exec(sql: string): Promise<void>
}

export interface Db extends Queryable {
  readonly path: string
  /** Runs `fn` inside BEGIN IMMEDIATE…COMMIT; every other use of this connection waits until it ends. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** A FIFO mutex: `lock.run(fn)` starts fn after every earlier fn has settled. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve()
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn)
    this.tail = next.catch(() => undefined)
    return next
  }
}

type Raw = InstanceType<typeof sqlcipher.Database>

/** SQLite's own words for a damaged file become CORRUPT_DATA naming the file, at any statement. */
function mapError(e: Error, label: string): Error {
  const code = (e as Error & { code?: string }).code
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new AppError('CORRUPT_DATA', `${label} is damaged (${e.message}). Restore it from a backup.`, { details: { file: label } })
  }
  return e
}

function rawQueryable(raw: Raw, label: string): Queryable {
  const q = rawQueryableUnmapped(raw)
  const wrapErr = <T>(p: Promise<T>) => p.catch((e: Error) => Promise.reject(mapError(e, label)))
  return {
    run: (sql, params) => wrapErr(q.run(sql, params)),
    get: (sql, params) => wrapErr(q.get(sql, params)),
    all: (sql, params) => wrapErr(q.all(sql, params)),
    exec: (sql) => wrapErr(q.exec(sql)),
  }
}

function rawQueryableUnmapped(raw: Raw): Queryable {
  return {
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        raw.run(sql, params, function (this: { changes: number; lastID: number }, e: Error | null) {
          if (e) reject(e)
          else resolve({ changes: this.changes, lastID: this.lastID })
        })
      }),
    get: <T>(sql: string, params: Params = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        raw.get(sql, params, (e: Error | null, row: T | undefined) => (e ? reject(e) : resolve(row)))
      }),
    all: <T>(sql: string, params: Params = []) =>
      new Promise<T[]>((resolve, reject) => {
        raw.all(sql, params, (e: Error | null, rows: T[]) => (e ? reject(e) : resolve(rows)))
      }),
    exec: (sql) =>
      new Promise<void>((resolve, reject) => {
        raw.exec(sql, (e: Error | null) => (e ? reject(e) : resolve()))
      }),
  }
}

export interface OpenOptions {
  /** Create the file when missing; otherwise a missing file is an error. */
  create: boolean
  /** Human name of the file for error messages, e.g. "firm.db". */
  label: string
  /** Page cache in KiB (negative pragma form is applied). Default 64 MiB. */
  cacheKiB?: number
}

/** Opens an encrypted database with a raw 32-byte key and checks the key and that SQLCipher is present. */
export async function openEncrypted(path: string, key: Buffer, opts: OpenOptions): Promise<Db> {
  if (key.length !== 32) throw new Error('database keys are raw 32-byte keys')
  if (!opts.create) {
    // an existing database is never empty: an empty file would silently become a new database
    const size = await stat(path).then((st) => st.size, () => -1)
    if (size === 0) throw new AppError('CORRUPT_DATA', `${opts.label} is empty (truncated). Nothing was changed. Restore it from a backup.`, { details: { file: opts.label } })
    if (size < 0) throw new AppError('CORRUPT_DATA', `${opts.label} is missing. Restore it from a backup.`, { details: { file: opts.label } })
  }
  const mode = sqlcipher.OPEN_READWRITE | (opts.create ? sqlcipher.OPEN_CREATE : 0)
  const raw = await new Promise<Raw>((resolve, reject) => {
    const db: Raw = new sqlcipher.Database(path, mode, (e: Error | null) => (e ? reject(e) : resolve(db)))
  }).catch((e: Error) => {
    throw new AppError('CORRUPT_DATA', `${opts.label} cannot be opened (${e.message}).`, {
      details: { file: opts.label },
    })
  })
  const q = rawQueryable(raw, opts.label)
  const closeRaw = () => new Promise<void>((resolve) => raw.close(() => resolve()))
  try {
    // key before any other statement: SQLCipher derives the page key on first page access
    const hex = key.toString('hex')
    await q.exec(`PRAGMA key = "x'${hex}'";`)
    const version = await q.get<{ cipher_version?: string }>('PRAGMA cipher_version')
    if (!version?.cipher_version) {
      throw new AppError('INTERNAL', 'The database driver is plain SQLite without SQLCipher: refusing to run.')
    }
    try {
      await q.get('SELECT count(*) AS n FROM sqlite_master')
    } catch (e) {
      throw new AppError(
        'CORRUPT_DATA',
        `${opts.label} cannot be read: it is damaged, or not encrypted with this firm's key (${(e as Error).message}). Restore it from a backup, or unlock with the recovery kit.`,
        { details: { file: opts.label } },
      )
    }
    await q.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA recursive_triggers = ON; PRAGMA cache_size = -${opts.cacheKiB ?? 65536}; PRAGMA busy_timeout = 5000;`,
    )
  } catch (e) {
    await closeRaw()
    throw e
  }
  return wrap(path, q, closeRaw)
}

function wrap(path: string, q: Queryable, closeRaw: () => Promise<void>): Db {
  const lock = new Mutex()
  let closed = false
  const guard = <T>(fn: () => Promise<T>): Promise<T> =>
    lock.run(async () => {
      if (closed) throw new AppError('LOCKED', 'The database is closed (the session was locked).')
      return fn()
    })
  return {
    path,
    run: (sql, params) => guard(() => q.run(sql, params)),
    get: (sql, params) => guard(() => q.get(sql, params)),
    all: (sql, params) => guard(() => q.all(sql, params)),
    exec: (sql) => guard(() => q.exec(sql)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      guard(async () => {
        await q.exec('BEGIN IMMEDIATE')
        let active = true
        // the tx handle refuses use after the transaction ended (a leaked handle would run unlocked)
        const check = () => {
          if (!active) throw new Error('transaction handle used after the transaction ended')
        }
        const tx: Queryable = {
          run: async (s, p) => (check(), q.run(s, p)),
          get: async (s, p) => (check(), q.get(s, p)),
          all: async (s, p) => (check(), q.all(s, p)),
          exec: async (s) => (check(), q.exec(s)),
        }
        try {
          const result = await fn(tx)
          await q.exec('COMMIT')
          return result
        } catch (e) {
          await q.exec('ROLLBACK').catch(() => undefined)
          throw e
        } finally {
          active = false
        }
      }),
    close: () =>
      lock.run(async () => {
        if (closed) return
        closed = true
        await closeRaw()
      }),
  }
}
