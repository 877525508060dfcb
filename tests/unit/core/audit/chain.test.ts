// Audit chain primitives on an in-memory SQLCipher database: each event links to the previous hash, its
// hash covers a canonical encoding (key order of details does not matter), and its signature verifies.
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GENESIS_HASH, appendEvent, auditTableSql, canonicalDetails, rowHash, verifyChain, type AuditInput, type Signer } from '../../../../src/main/audit/chain'
import { openEncrypted, type Db } from '../../../../src/main/db/connection'
import { identityFromSeed, verifyBytes } from '../../../../src/main/keys/crypto'

const alice = identityFromSeed(randomBytes(32))
const bob = identityFromSeed(randomBytes(32))
const signers: Record<string, Signer> = {
  alice: { id: 'alice-id', keyVersion: 1, privateKey: alice.ed25519Private },
  bob: { id: 'bob-id', keyVersion: 1, privateKey: bob.ed25519Private },
}
const keys = async (id: string, v: number) => (v !== 1 ? undefined : id === 'alice-id' ? alice.ed25519Public : id === 'bob-id' ? bob.ed25519Public : undefined)

let db: Db
beforeEach(async () => {
  db = await openEncrypted(':memory:', randomBytes(32), { create: true, label: 'memory' })
  await db.exec(auditTableSql('audit_events') + auditTableSql('client_audit'))
})
afterEach(async () => db.close())

const ev = (i: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  actorId: 'alice-id',
  actorName: 'alice',
  action: `test.action${i}`,
  target: `thing:${i}`,
  outcome: 'ok',
  details: { i, note: '凭证' },
  at: new Date(Date.UTC(2026, 10, 23, 9, 0, i)),
  ...extra,
})

describe('canonicalDetails', () => {
  it('is independent of key order and normalises undefined to null', () => {
    expect(canonicalDetails({ b: 1, a: 'x', c: true })).toBe(canonicalDetails({ c: true, a: 'x', b: 1 }))
    expect(canonicalDetails({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}')
    expect(canonicalDetails({ a: undefined as unknown as null })).toBe('{"a":null}')
    expect(canonicalDetails()).toBe('{}')
    expect(canonicalDetails({ a: 1 })).not.toBe(canonicalDetails({ a: '1' }))
  })
})

describe('appendEvent', () => {
  it('links every event to the previous hash, starting from the genesis hash', async () => {
    const rows = []
    for (let i = 1; i <= 5; i++) rows.push(await db.transaction((tx) => appendEvent(tx, signers[i % 2 ? 'alice' : 'bob'], ev(i))))
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5])
    expect(rows[0].prev_hash).toBe(GENESIS_HASH)
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash)
    for (const r of rows) {
      const { hash, signature, ...rest } = r
      expect(rowHash(rest)).toBe(hash)
      const pub = r.signer_id === 'alice-id' ? alice.ed25519Public : bob.ed25519Public
      expect(verifyBytes(pub, Buffer.from(hash, 'hex'), Buffer.from(signature, 'base64'))).toBe(true)
    }
    // what was returned is what was stored
    expect(await db.all('SELECT * FROM audit_events ORDER BY seq')).toEqual(rows)
    expect(await verifyChain(db, keys)).toEqual({ ok: true, count: 5, head: rows[4].hash, firstBad: null })
  })

  it('hashes the same event identically whatever the key order of its details', async () => {
    const a = await db.transaction((tx) => appendEvent(tx, signers.alice, ev(1, { details: { b: 2, a: 1 } })))
    const b = await db.transaction((tx) => appendEvent(tx, signers.alice, ev(1, { details: { a: 1, b: 2 } }), 'client_audit'))
    expect(a.details).toBe(b.details)
    expect(a.hash).toBe(b.hash)
  })

  it('the hash covers every field: changing any one changes it', async () => {
    const r = await db.transaction((tx) => appendEvent(tx, signers.alice, ev(1)))
    const { hash, signature: _s, ...base } = r
    const variants: Partial<typeof base>[] = [
      { seq: 2 },
      { at: '2026-11-23T09:00:02.000Z' },
      { actor_id: null },
      { actor_name: 'bob' },
      { action: 'x' },
      { target: 'y' },
      { outcome: 'denied' },
      { details: '{}' },
      { signer_id: 'bob-id' },
      { signer_key_version: 2 },
      { prev_hash: 'f'.repeat(64) },
    ]
    for (const v of variants) expect(rowHash({ ...base, ...v }), JSON.stringify(v)).not.toBe(hash)
  })

  it('keeps separate chains per table', async () => {
    await db.transaction((tx) => appendEvent(tx, signers.alice, ev(1)))
    await db.transaction((tx) => appendEvent(tx, signers.alice, ev(2)))
    const c = await db.transaction((tx) => appendEvent(tx, signers.bob, ev(3), 'client_audit'))
    expect(c).toMatchObject({ seq: 1, prev_hash: GENESIS_HASH })
    expect(await verifyChain(db, keys, 'client_audit')).toMatchObject({ ok: true, count: 1 })
  })

  it('an event appended in a transaction that fails is not in the chain', async () => {
    await db.transaction((tx) => appendEvent(tx, signers.alice, ev(1)))
    await expect(
      db.transaction(async (tx) => {
        await appendEvent(tx, signers.alice, ev(2))
        throw new Error('the change it recorded failed')
      }),
    ).rejects.toThrow('the change it recorded failed')
    const next = await db.transaction((tx) => appendEvent(tx, signers.alice, ev(3)))
    expect(next.seq).toBe(2)
    expect(await verifyChain(db, keys)).toMatchObject({ ok: true, count: 2 })
  })

  it('concurrent appends on one connection still form one valid chain', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.transaction((tx) => appendEvent(tx, signers[i % 2 ? 'alice' : 'bob'], ev(i)))))
    expect(await verifyChain(db, keys)).toMatchObject({ ok: true, count: 40 })
  })
})

describe('verifyChain', () => {
  it('an empty chain is valid with no head', async () => {
    expect(await verifyChain(db, keys)).toEqual({ ok: true, count: 0, head: null, firstBad: null })
  })

  it('names an unknown signer and a signature by the wrong key', async () => {
    await db.transaction((tx) => appendEvent(tx, signers.alice, ev(1)))
    await db.transaction((tx) => appendEvent(tx, { id: 'mallory-id', keyVersion: 1, privateKey: identityFromSeed(randomBytes(32)).ed25519Private }, ev(2)))
    expect(await verifyChain(db, keys)).toMatchObject({ ok: false, count: 1, firstBad: { seq: 2, reason: 'unknown-signer' } })
    // claims to be alice but signed by bob
    await db.exec('DELETE FROM client_audit')
    await db.transaction((tx) => appendEvent(tx, { ...signers.bob, id: 'alice-id' }, ev(1), 'client_audit'))
    expect(await verifyChain(db, keys, 'client_audit')).toMatchObject({ ok: false, count: 0, head: null, firstBad: { seq: 1, reason: 'bad-signature' } })
  })

  it('walks chains longer than one page and reports progress', async () => {
    await db.transaction(async (tx) => {
      for (let i = 0; i < 2100; i++) await appendEvent(tx, signers.alice, ev(i % 59))
    })
    const progress: number[] = []
    const v = await verifyChain(db, keys, 'audit_events', (n) => progress.push(n))
    expect(v).toMatchObject({ ok: true, count: 2100 })
    expect(progress).toEqual([2000, 2100])
  }, 60_000)
})
