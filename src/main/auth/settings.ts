// Firm settings kept in firm.db (idle auto-lock minutes, the vault's per-file size limit). Updates are
// audited in the same transaction.
import type { Settings } from '../../shared/ipc/contract'
import { DEFAULT_MAX_FILE_MB } from '../../shared/vault'
import { appendEvent } from '../audit/chain'
import type { Queryable } from '../db/connection'
import type { Session } from './session'

const DEFAULTS: Settings = { idleLockMinutes: 10, vaultMaxFileMb: DEFAULT_MAX_FILE_MB }
const KEYS = Object.keys(DEFAULTS) as (keyof Settings)[]

export async function readSettings(db: Queryable): Promise<Settings> {
  const rows = await db.all<{ key: string; value: string }>(`SELECT key, value FROM settings WHERE key IN (SELECT value FROM json_each(?))`, [JSON.stringify(KEYS)])
  const out = { ...DEFAULTS }
  for (const r of rows) out[r.key as keyof Settings] = Number(r.value)
  return out
}

export async function updateSettings(s: Session, change: Partial<Settings>, now: Date): Promise<Settings> {
  const result = await s.firmDb.transaction(async (tx) => {
    const before = await readSettings(tx)
    const next = { ...before, ...change }
    for (const key of KEYS) {
      if (before[key] === next[key]) continue
      await tx.run(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, [key, String(next[key])])
      await appendEvent(tx, s.signer(), {
        ...s.actor(),
        action: 'settings.updated',
        target: `settings:${key}`,
        outcome: 'ok',
        details: { from: before[key], to: next[key] },
        at: now,
      })
    }
    return readSettings(tx)
  })
  s.idleLockMinutes = result.idleLockMinutes
  return result
}
