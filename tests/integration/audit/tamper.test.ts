// Tamper evidence on a real firm.db: someone holding the firm key drops the append-only triggers and
// edits, deletes, inserts or reorders events. Verification names the first bad row and why.
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { rowHash, verifyChain, type AuditRow } from '../../../src/main/audit/chain'
import type { Db } from '../../../src/main/db/connection'
import { identityFromSeed, signBytes } from '../../../src/main/keys/crypto'
import { firmSignerKeys } from '../../../src/main/ipc/handlers'
import { ADMIN, type TestApp } from '../helpers/harness'
import { auditRows, fromTemplate, makeTemplate, openFirmDb, type FirmTemplate } from '../helpers/firm'

let template: FirmTemplate
beforeAll(async () => {
  template = await makeTemplate({ bookkeeper: 'temporary', settingsUpdates: [15, 20, 25] })
})
afterAll(async () => template?.dispose())

let app: TestApp | undefined
let db: Db | undefined
afterEach(async () => {
  await db?.close()
  db = undefined
  await app?.dispose()
  app = undefined
})

const COLS = ['seq', 'at', 'actor_id', 'actor_name', 'action', 'target', 'outcome', 'details', 'signer_id', 'signer_key_version', 'prev_hash', 'hash', 'signature'] as const

/** A fresh copy of the firm, opened with the firm key, append-only triggers dropped. */
async function tamperable(): Promise<{ db: Db; rows: AuditRow[] }> {
  app = await fromTemplate(template)
  db = await openFirmDb(app.dataDir, template.firmKey)
  const rows = await auditRows(db)
  expect(rows.length).toBeGreaterThanOrEqual(8)
  expect(await verifyChain(db, firmSignerKeys(db))).toMatchObject({ ok: true, count: rows.length, head: rows.at(-1)!.hash, firstBad: null })
  await db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DROP TRIGGER audit_events_append_only;')
  return { db, rows }
}

async function insertRow(d: Db, r: AuditRow) {
  await d.run(`INSERT INTO audit_events (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`, COLS.map((c) => r[c]))
}

/** Moves rows seq ≥ from up by one, keeping their content (a forger making room). */
async function renumberFrom(d: Db, from: number) {
  await d.run('UPDATE audit_events SET seq = -(seq + 1) WHERE seq >= ?', [from])
  await d.run('UPDATE audit_events SET seq = -seq WHERE seq < 0')
}

const verify = (d: Db) => verifyChain(d, firmSignerKeys(d))

describe('the append-only triggers', () => {
  it('refuse UPDATE and DELETE of audit events, leaving them unchanged', async () => {
    app = await fromTemplate(template)
    db = await openFirmDb(app.dataDir, template.firmKey)
    const before = await auditRows(db)
    await expect(db.run(`UPDATE audit_events SET action = 'nothing.happened' WHERE seq = 3`)).rejects.toThrow(/audit events are append-only/)
    await expect(db.run(`UPDATE audit_events SET outcome = 'ok'`)).rejects.toThrow(/audit events are append-only/)
    await expect(db.run('DELETE FROM audit_events WHERE seq = 3')).rejects.toThrow(/audit events are append-only/)
    await expect(db.run('DELETE FROM audit_events')).rejects.toThrow(/audit events are append-only/)
    await expect(
      db.transaction(async (tx) => {
        await tx.run(`UPDATE audit_events SET details = '{}' WHERE seq = 1`)
      }),
    ).rejects.toThrow(/audit events are append-only/)
    expect(await auditRows(db)).toEqual(before)
  })

  it('refuse replacing an event through INSERT OR REPLACE', async () => {
    app = await fromTemplate(template)
    db = await openFirmDb(app.dataDir, template.firmKey)
    const before = await auditRows(db)
    const forged = { ...before[2], action: 'nothing.happened' }
    await expect(
      db.run(`INSERT OR REPLACE INTO audit_events (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`, COLS.map((c) => forged[c])),
    ).rejects.toThrow(/append-only|UNIQUE|constraint/i)
    expect(await auditRows(db)).toEqual(before)
  })
})

describe('verification names the first bad row', () => {
  it('an edited action → edited at that seq', async () => {
    const { db } = await tamperable()
    await db.run(`UPDATE audit_events SET action = 'settings.viewed' WHERE seq = 5`)
    expect(await verify(db)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, reason: 'edited', message: 'Event 5 was changed after it was written.' } })
  })

  it('an edited outcome, time, actor or details → edited', async () => {
    for (const sql of [
      `UPDATE audit_events SET outcome = 'denied' WHERE seq = 6`,
      `UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 6`,
      `UPDATE audit_events SET actor_name = 'somebody' WHERE seq = 6`,
      `UPDATE audit_events SET details = '{"from":15,"to":240}' WHERE seq = 6`,
      `UPDATE audit_events SET signer_key_version = 2 WHERE seq = 6`,
    ]) {
      const { db: d } = await tamperable()
      await d.run(sql)
      expect(await verify(d), sql).toMatchObject({ ok: false, firstBad: { seq: 6, reason: 'edited' } })
      await d.close()
      db = undefined
      await app!.dispose()
      app = undefined
    }
  })

  it('an edit with a recomputed hash (no signing key) → bad-signature at that seq', async () => {
    const { db, rows } = await tamperable()
    const r = { ...rows[4], action: 'settings.viewed' }
    await db.run('UPDATE audit_events SET action = ?, hash = ? WHERE seq = 5', [r.action, rowHash(r)])
    expect(await verify(db)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, reason: 'bad-signature' } })
  })

  it('a deleted middle row → deleted at the following seq', async () => {
    const { db } = await tamperable()
    await db.run('DELETE FROM audit_events WHERE seq = 5')
    expect(await verify(db)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 6, reason: 'deleted', message: 'Event 5 is missing before event 6.' } })
  })

  it('two deleted rows → deleted, naming the range', async () => {
    const { db } = await tamperable()
    await db.run('DELETE FROM audit_events WHERE seq IN (4, 5)')
    expect(await verify(db)).toMatchObject({ ok: false, firstBad: { seq: 6, reason: 'deleted', message: 'Event 4–5 is missing before event 6.' } })
  })

  it('deleted rows renumbered to close the gap → inserted-or-reordered at the first moved row', async () => {
    const { db } = await tamperable()
    await db.run('DELETE FROM audit_events WHERE seq = 5')
    await db.run('UPDATE audit_events SET seq = seq - 1 WHERE seq > 5')
    expect(await verify(db)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, reason: 'inserted-or-reordered' } })
  })

  it('a truncated tail verifies, but its head no longer matches the checkpoint', async () => {
    const { db, rows } = await tamperable()
    await db.run('DELETE FROM audit_events WHERE seq = ?', [rows.length])
    const v = await verify(db)
    expect(v).toMatchObject({ ok: true, count: rows.length - 1 })
    expect(v.head).toBe(rows.at(-2)!.hash)
    expect(v.head).not.toBe(rows.at(-1)!.hash)
  })

  it('a forged row inserted with the rest renumbered → detected at the inserted row', async () => {
    const forger = identityFromSeed(randomBytes(32))
    // (1) linked and hashed correctly, but signed with the forger's key under the admin's name
    {
      const { db: d, rows } = await tamperable()
      await renumberFrom(d, 5)
      const base = { ...rows[3], seq: 5, action: 'user.created', target: 'user:ghost', details: '{"role":"admin"}', prev_hash: rows[3].hash }
      const hash = rowHash(base)
      await insertRow(d, { ...base, hash, signature: signBytes(forger.ed25519Private, Buffer.from(hash, 'hex')).toString('base64') })
      expect(await verify(d)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, reason: 'bad-signature' } })
      await d.close()
      db = undefined
      await app!.dispose()
      app = undefined
    }
    // (2) signed by a signer the firm does not know
    {
      const { db: d, rows } = await tamperable()
      await renumberFrom(d, 5)
      const base = { ...rows[3], seq: 5, signer_id: randomUUID(), signer_key_version: 1, prev_hash: rows[3].hash }
      const hash = rowHash(base)
      await insertRow(d, { ...base, hash, signature: signBytes(forger.ed25519Private, Buffer.from(hash, 'hex')).toString('base64') })
      expect(await verify(d)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, reason: 'unknown-signer' } })
      await d.close()
      db = undefined
      await app!.dispose()
      app = undefined
    }
    // (3) a genuine event copied from elsewhere in the chain (a replay)
    {
      const { db: d, rows } = await tamperable()
      await renumberFrom(d, 5)
      await insertRow(d, { ...rows[1], seq: 5 })
      expect(await verify(d)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, reason: 'inserted-or-reordered' } })
    }
  })

  it('two rows swapped (reordered) → inserted-or-reordered at the first of them', async () => {
    const { db, rows } = await tamperable()
    const [a, b] = [rows[4], rows[5]] // seq 5 and 6
    await db.run('DELETE FROM audit_events WHERE seq IN (5, 6)')
    await insertRow(db, { ...b, seq: 5 })
    await insertRow(db, { ...a, seq: 6 })
    expect(await verify(db)).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, reason: 'inserted-or-reordered' } })
  })

  it('through the app: audit:verifyFirm reports the first bad row and audits the failed verification', async () => {
    const { db: d } = await tamperable()
    await d.run(`UPDATE audit_events SET target = 'user:nobody' WHERE seq = 7`)
    await d.close()
    db = undefined
    await app!.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    const v = await app!.must('audit:verifyFirm', {})
    expect(v).toEqual({ ok: false, count: 6, head: expect.stringMatching(/^[0-9a-f]{64}$/), firstBad: { seq: 7, reason: 'edited', message: 'Event 7 was changed after it was written.' } })
    await app!.must('session:lock', {})
    db = await openFirmDb(app!.dataDir, template.firmKey)
    const verified = (await auditRows(db)).filter((r) => r.action === 'audit.verified')
    expect(verified.map((r) => [r.outcome, JSON.parse(r.details)])).toEqual([['failed', { count: 6, firstBadSeq: 7 }]])
  })
})
