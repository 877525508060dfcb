// Firm settings kept in firm.db (idle auto-lock minutes). Updates are audited in the same transaction.
import type { Settings } from '../../shared/ipc/contract'
import { appendEvent } from '../audit/chain'
import type { Queryable } from '../db/connection'
import type { Session } from './session'

export async function readSettings(db: Queryable): Promise<Settings> {
  const row = await db.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'idleLockMinutes'`)
  return { idleLockMinutes: Number(row?.value ?? 10) }
}

export async function updateSettings(s: Session, next: Settings, now: Date): Promise<Settings> {
  const result = await s.firmDb.transaction(async (tx) => {
    const before = await readSettings(tx)
    await tx.run(`INSERT INTO settings (key, value) VALUES ('idleLockMinutes', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, [
      String(next.idleLockMinutes),
    ])
    await appendEvent(tx, s.signer(), {
      ...s.actor(),
      action: 'settings.updated',
      target: 'settings:idleLockMinutes',
      outcome: 'ok',
      details: { from: before.idleLockMinutes, to: next.idleLockMinutes },
      at: now,
    })
    return readSettings(tx)
  })
  s.idleLockMinutes = result.idleLockMinutes
  return result
}
