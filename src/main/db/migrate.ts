// Migration runner: numbered migrations in an explicit list, tracked by PRAGMA user_version, all pending
// ones in one transaction, an encrypted copy of an existing file taken first, newer files refused.
import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { AppError } from '../../shared/ipc/result'
import type { Db, Queryable } from './connection'

export interface Migration {
  version: number
  name: string
  up(tx: Queryable): Promise<void>
}

export interface MigrateOptions {
  label: string
  /** The file must already have a schema (an existing database at version 0 is damaged, never filled anew). */
  existing?: boolean
  /** Folder for the encrypted pre-migration copy of an existing file. */
  backupDir: string
  now: () => Date
}

export interface MigrateOutcome {
  from: number
  to: number
  backupPath: string | null
}

export function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}: expected version ${i + 1}`)
  })
  return migrations.length
}

export async function schemaVersion(db: Queryable): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version')
  return row?.user_version ?? 0
}

/** Brings `db` to the newest schema. Errors: UNSUPPORTED_VERSION when the file is newer than this build. */
export async function migrate(db: Db, migrations: readonly Migration[], opts: MigrateOptions): Promise<MigrateOutcome> {
  const latest = latestVersion(migrations)
  const from = await schemaVersion(db)
  if (from > latest) {
    throw new AppError(
      'UNSUPPORTED_VERSION',
      `${opts.label} was written by a newer version of Zhangfang (schema ${from}; this version knows up to ${latest}). Install the newer version to open it.`,
      { details: { file: opts.label, fileVersion: from, knownVersion: latest } },
    )
  }
  if (from === 0 && opts.existing) {
    throw new AppError('CORRUPT_DATA', `${opts.label} has no schema: it is damaged or not a Zhangfang database. Nothing was changed. Restore it from a backup.`, {
      details: { file: opts.label },
    })
  }
  if (from === latest) return { from, to: latest, backupPath: null }
  let backupPath: string | null = null
  if (from > 0) {
    // the copy is as encrypted as the file itself: bytes are copied after a full checkpoint
    await db.get('PRAGMA wal_checkpoint(TRUNCATE)')
    await mkdir(opts.backupDir, { recursive: true })
    const stamp = opts.now().toISOString().replace(/[:.]/g, '-')
    backupPath = join(opts.backupDir, `${basename(db.path)}.pre-v${latest}.${stamp}`)
    await copyFile(db.path, backupPath)
  }
  await db.transaction(async (tx) => {
    for (const m of migrations.slice(from)) await m.up(tx)
    await tx.exec(`PRAGMA user_version = ${latest}`)
  })
  return { from, to: latest, backupPath }
}
