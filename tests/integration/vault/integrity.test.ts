// The vault's bodies over time: damage on disk is named (open answers CORRUPT_DATA, verify lists the
// problem, orphans included), a database rekey leaves bodies alone, key rotation re-encrypts every body
// and survives a crash and a cancel with every document readable, and the scanner inbox never loses a
// file: the original goes only once its encrypted copy is stored and verified. One firm for the file.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openLedger } from '../../../src/main/ledger/handlers'
import { ingest, rotateVaultKey } from '../../../src/main/vault/service'
import type { Db } from '../../../src/main/db/connection'
import type { Ledger } from '../../../src/main/ledger/vouchers'
import { CHUNK, HEADER_BYTES, TAG } from '../../../src/main/vault/format'
import { exists, refused } from '../helpers/firm'
import { csvUtf8, docx, jpeg, pdf, png } from '../../unit/vault/samples'
import { clientEvents, docs, jobId, vaultFiles, vaultWorld, type VaultWorld } from './helpers'
import { PASSWORDS } from '../ledger/fixtures'

let w: VaultWorld
/** The inbox test's seam: runs before an original is deleted. */
let beforeDelete: ((path: string) => void | Promise<void>) | null = null
beforeAll(async () => {
  w = await vaultWorld(9, { inboxBeforeDelete: (p) => beforeDelete?.(p) })
}, 180_000)
afterAll(async () => {
  await w?.dispose()
})

const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex')
const bodyOf = (clientId: string, id: string) => join(w.app.dataDir, 'vault', clientId, id)
async function hashes(clientId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const f of await vaultFiles(w.app.dataDir, clientId)) out[f] = sha(await readFile(bodyOf(clientId, f)))
  return out
}

/** Adds files through the scripted open dialog as the current user; answers the documents with their contents. */
async function add(clientId: string, files: [string, Buffer][]) {
  w.dialogs.files.push(await Promise.all(files.map(([n, b]) => w.put(n, b))))
  const out = await w.app.must('vault:addDocuments', { clientId, jobId: jobId() })
  expect(out.added).toHaveLength(files.length)
  return out.added.map((d, i) => ({ ...d, content: files[i][1] }))
}

/** A bookkeeper adds a PDF, a PNG and a CSV; then the admin is signed in (for a key rotation). */
async function threeDocumentsForAdmin(clientId: string) {
  await w.login('li')
  const documents = await add(clientId, [
    ['a.pdf', pdf(1)],
    ['b.png', png()],
    ['c.csv', csvUtf8()],
  ])
  await w.login('admin')
  return documents
}

/** Every document opens with its exact bytes. */
async function allOpen(clientId: string, documents: { id: string; content: Buffer }[]) {
  for (const d of documents) {
    const o = await w.app.must('vault:open', { clientId, documentId: d.id })
    expect(Buffer.from(o.bytes).equals(d.content), d.id).toBe(true)
  }
}

const keyVersionOnDisk = async (clientId: string, id: string) => (await readFile(bodyOf(clientId, id))).readUInt32BE(4)

describe('damage on disk', () => {
  it('open answers CORRUPT_DATA naming the document; verify lists truncated, damaged, missing and orphans', async () => {
    const clientId = w.extra[0]
    await w.login('li')
    const big = Buffer.concat([pdf(1), randomBytes(150 * 1024)])
    const [cut, flipped, gone, good] = await add(clientId, [
      ['被截断的发票.pdf', big],
      ['被改动的回单.png', png()],
      ['丢失的合同.pdf', pdf(1)],
      ['完好.csv', csvUtf8()],
    ])
    await truncate(bodyOf(clientId, cut.id), HEADER_BYTES + CHUNK + TAG + 1000)
    const f = await readFile(bodyOf(clientId, flipped.id))
    f[HEADER_BYTES + 20] ^= 0x10
    await writeFile(bodyOf(clientId, flipped.id), f)
    await rm(bodyOf(clientId, gone.id))
    const orphan = randomUUID()
    await writeFile(bodyOf(clientId, orphan), randomBytes(100))
    const leftover = `.${randomUUID()}.0a1b2c3d.tmp`
    await writeFile(bodyOf(clientId, leftover), randomBytes(10))

    for (const [d, problem] of [
      [cut, 'truncated'],
      [flipped, 'damaged'],
      [gone, 'missing'],
    ] as const) {
      const e = await refused(w.app, 'vault:open', { clientId, documentId: d.id }, 'CORRUPT_DATA')
      expect(e.message).toContain(d.name)
      expect(e.details).toMatchObject({ documentId: d.id, problem })
    }
    await allOpen(clientId, [good])
    const opened = (await clientEvents(w, clientId)).filter((e) => e.action === 'document.opened')
    expect(opened.map((e) => [e.target, e.outcome, JSON.parse(e.details).problem ?? null])).toEqual([
      [`document:${cut.id}`, 'failed', 'truncated'],
      [`document:${flipped.id}`, 'failed', 'damaged'],
      [`document:${gone.id}`, 'failed', 'missing'],
      [`document:${good.id}`, 'ok', null],
    ])

    // an export of a damaged body writes nothing where the user pointed
    const out = await mkdtemp(join(w.scratch, 'export-'))
    w.dialogs.saves.push(join(out, 'copy.png'))
    const ex = await refused(w.app, 'vault:export', { clientId, documentId: flipped.id }, 'CORRUPT_DATA')
    expect(ex.message).toContain(flipped.name)
    expect(await readdir(out)).toEqual([])

    // bookkeepers do not run verification; supervisors do
    await refused(w.app, 'vault:verify', { clientId, jobId: jobId() }, 'FORBIDDEN')
    await w.login('zhang')
    const v = await w.app.must('vault:verify', { clientId, jobId: jobId() })
    expect(v).toMatchObject({ ok: false, cancelled: false, checked: 4, total: 4 })
    expect(v.bad.map((b) => [b.documentId, b.name, b.problem])).toEqual([
      [cut.id, cut.name, 'truncated'],
      [flipped.id, flipped.name, 'damaged'],
      [gone.id, gone.name, 'missing'],
    ])
    for (const b of v.bad) expect(b.message).toContain(b.name)
    expect(v.orphans).toEqual([orphan, leftover].sort())
    const verified = (await clientEvents(w, clientId)).filter((e) => e.action === 'vault.verified')
    expect(verified.map((e) => [e.outcome, JSON.parse(e.details)])).toEqual([['failed', { checked: 4, total: 4, bad: 3, orphans: 2, cancelled: false }]])

    // a rotation re-encrypts what it can, names what it cannot, and keeps the old key for those
    await w.login('admin')
    const r = await refused(w.app, 'vault:rotateKey', { clientId, jobId: jobId() }, 'CORRUPT_DATA')
    for (const d of [cut, flipped, gone]) expect(r.message).toContain(d.name)
    expect(r.details).toMatchObject({ failed: 3, remaining: 3 })
    expect(await keyVersionOnDisk(clientId, good.id)).toBe(2)
    expect(await w.app.must('vault:status', { clientId })).toMatchObject({ keyVersion: 2, rotation: { targetVersion: 2, remaining: 3 } })
    await allOpen(clientId, [good])
  })
})

describe('the vault key is not the database key', () => {
  it('unassigning a user rekeys the client database; every body stays as it is and still opens', async () => {
    const clientId = w.extra[1]
    await w.login('li')
    const documents = await add(clientId, [
      ['a.pdf', pdf(2)],
      ['b.jpg', jpeg()],
      ['c.csv', csvUtf8()],
    ])
    const before = await hashes(clientId)
    expect(Object.keys(before)).toHaveLength(3)
    await w.login('admin')
    await w.app.must('clients:unassign', { clientId, userId: w.users.li })
    expect((await clientEvents(w, clientId)).filter((e) => e.action === 'books.rekeyed')).toHaveLength(1)
    await allOpen(clientId, documents)
    expect(await hashes(clientId)).toEqual(before)
    await w.login('zhang')
    await allOpen(clientId, documents)
    // and new documents are stored under the same vault key
    const [d] = await add(clientId, [['after.png', png()]])
    expect(await keyVersionOnDisk(clientId, d.id)).toBe(1)
    expect(await hashes(clientId)).toMatchObject(before)
  })
})

describe('vault key rotation', () => {
  it('re-encrypts every body (removed ones too) under a new key and drops the old one', async () => {
    const clientId = w.extra[2]
    await w.login('li')
    const documents = await add(clientId, [
      ['big.pdf', Buffer.concat([pdf(1), randomBytes(3 * CHUNK)])],
      ['b.png', png()],
      ['c.csv', csvUtf8()],
    ])
    await w.app.must('vault:remove', { clientId, documentId: documents[2].id })
    const before = await hashes(clientId)
    await w.login('admin')
    const job = jobId()
    const r = await w.app.must('vault:rotateKey', { clientId, jobId: job })
    expect(r).toEqual({ keyVersion: 2, reencrypted: 3, remaining: 0, cancelled: false })
    const after = await hashes(clientId)
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    for (const id of Object.keys(before)) {
      expect(after[id], id).not.toBe(before[id])
      expect(await keyVersionOnDisk(clientId, id)).toBe(2)
    }
    await allOpen(clientId, documents)
    expect(await w.app.must('vault:status', { clientId })).toMatchObject({ keyVersion: 2, rotation: null, documents: 2, removed: 1 })
    const db = w.app.core.internals.auth.current!.clients.get(clientId)!.db
    expect(await db.all('SELECT version FROM vault_keys')).toEqual([{ version: 2 }])
    const progress = w.app.events.filter((e) => e.event === 'jobs:progress' && (e.payload as { jobId: string }).jobId === job).map((e) => e.payload)
    expect(progress[0]).toEqual({ jobId: job, phase: 'rotate', done: 0, total: 3 })
    expect(progress.at(-1)).toEqual({ jobId: job, phase: 'rotate', done: 3, total: 3 })
    const actions = (await clientEvents(w, clientId)).map((e) => e.action)
    expect(actions.filter((a) => a.startsWith('vault.'))).toEqual(['vault.rotation-started', 'vault.key-rotated'])

    // again: version 3; the removed document restores and opens
    expect(await w.app.must('vault:rotateKey', { clientId, jobId: jobId() })).toMatchObject({ keyVersion: 3, reencrypted: 3, remaining: 0 })
    expect(await db.all('SELECT version FROM vault_keys')).toEqual([{ version: 3 }])
    await w.login('li')
    await w.app.must('vault:restore', { clientId, documentId: documents[2].id })
    await allOpen(clientId, documents)
    // bookkeepers do not rotate keys
    await refused(w.app, 'vault:rotateKey', { clientId, jobId: jobId() }, 'FORBIDDEN')
  })

  it('a crash after the first body leaves every document readable; running it again finishes', async () => {
    const clientId = w.extra[3]
    const documents = await threeDocumentsForAdmin(clientId)
    const s = w.app.core.internals.auth.current!
    const L = await openLedger(s, w.app.dataDir, clientId, w.app.core.internals.now())
    let commits = 0
    await expect(
      rotateVaultKey(L, w.app.dataDir, undefined, {
        afterCommit: () => {
          commits++
          throw new Error('power cut')
        },
      }),
    ).rejects.toThrow('power cut')
    expect(commits).toBe(1)
    // one body is under the new key already, the others under the old one; both keys are held
    const versions = await Promise.all(documents.map((d) => keyVersionOnDisk(clientId, d.id)))
    expect(versions.sort()).toEqual([1, 1, 2])
    await allOpen(clientId, documents)
    expect(await w.app.must('vault:status', { clientId })).toMatchObject({ keyVersion: 2, rotation: { targetVersion: 2, remaining: 3 } })
    // no temporary body is left behind
    expect((await vaultFiles(w.app.dataDir, clientId)).sort()).toEqual(documents.map((d) => d.id).sort())

    // the rotation is continued, not restarted: still version 2
    expect(await w.app.must('vault:rotateKey', { clientId, jobId: jobId() })).toEqual({ keyVersion: 2, reencrypted: 3, remaining: 0, cancelled: false })
    expect(await w.app.must('vault:status', { clientId })).toMatchObject({ keyVersion: 2, rotation: null })
    expect(await L.db.all('SELECT version FROM vault_keys')).toEqual([{ version: 2 }])
    for (const d of documents) expect(await keyVersionOnDisk(clientId, d.id)).toBe(2)
    await allOpen(clientId, documents)
  })

  it('jobs:cancel stops a rotation between documents; every document opens; it continues later', async () => {
    const clientId = w.extra[4]
    const documents = await threeDocumentsForAdmin(clientId)
    const job = jobId()
    const cancels: boolean[] = []
    const off = w.app.core.onEvent((event, payload) => {
      if (event !== 'jobs:progress') return
      const p = payload as { jobId: string; done: number }
      if (p.jobId !== job) return
      // progress is throttled by the clock: move it on so every step reports
      w.app.clock.advance(1000)
      if (p.done === 1 && cancels.length === 0) {
        cancels.push(false)
        void w.app.call('jobs:cancel', { jobId: job }).then((r) => (cancels[0] = r.ok && r.value.cancelled))
      }
    })
    try {
      const r = await w.app.must('vault:rotateKey', { clientId, jobId: job })
      expect(r).toEqual({ keyVersion: 2, reencrypted: 1, remaining: 2, cancelled: true })
    } finally {
      off()
    }
    expect(cancels).toEqual([true])
    // a job that is not running any more is not cancelled
    expect(await w.app.must('jobs:cancel', { jobId: job })).toEqual({ cancelled: false })
    await allOpen(clientId, documents)
    expect(await w.app.must('vault:status', { clientId })).toMatchObject({ rotation: { targetVersion: 2, remaining: 2 } })
    expect((await clientEvents(w, clientId)).filter((e) => e.action === 'vault.rotation-paused').map((e) => JSON.parse(e.details))).toEqual([
      { keyVersion: 2, reencrypted: 1, remaining: 2, failed: 0, cancelled: true },
    ])
    expect(await w.app.must('vault:rotateKey', { clientId, jobId: jobId() })).toMatchObject({ keyVersion: 2, reencrypted: 2, remaining: 0, cancelled: false })
    await allOpen(clientId, documents)
  })

  it('jobs:cancel stops a batch of files; what is stored is whole and nothing else is left', async () => {
    const clientId = w.extra[5]
    await w.login('li')
    const job = jobId()
    const off = w.app.core.onEvent((event, payload) => {
      if (event === 'jobs:progress' && (payload as { jobId: string }).jobId === job) void w.app.call('jobs:cancel', { jobId: job })
    })
    w.dialogs.files.push(await Promise.all([pdf(1), png(), csvUtf8()].map((b, i) => w.put(`f${i}.${['pdf', 'png', 'csv'][i]}`, b))))
    let out
    try {
      out = await w.app.must('vault:addDocuments', { clientId, jobId: job })
    } finally {
      off()
    }
    expect(out.cancelled).toBe(true)
    expect(out.added.length).toBeLessThan(3)
    expect(await vaultFiles(w.app.dataDir, clientId)).toEqual(out.added.map((d) => d.id).sort())
    expect((await docs(w, clientId)).length).toBe(out.added.length)
  })
})

/** The same books with one statement (or transaction) held back until `before` has run. */
function gated(L: Ledger, when: { sql?: RegExp; transaction?: number }, before: () => Promise<void>): Ledger {
  let transactions = 0
  const db: Db = {
    path: L.db.path,
    run: (sql, p) => L.db.run(sql, p),
    all: (sql, p) => L.db.all(sql, p),
    exec: (sql) => L.db.exec(sql),
    close: () => L.db.close(),
    get: async (sql, p) => {
      if (when.sql?.test(sql)) await before()
      return L.db.get(sql, p)
    },
    transaction: async (fn) => {
      if (++transactions === when.transaction) await before()
      return L.db.transaction(fn)
    },
  }
  return { ...L, db }
}

describe('storing while the key rotates', () => {
  const open = async (clientId: string) => {
    const s = w.app.core.internals.auth.current!
    return openLedger(s, w.app.dataDir, clientId, w.app.core.internals.now())
  }

  it('a file sealed under the old key while a rotation finishes is not indexed under a key that is gone', async () => {
    const clientId = w.extra[7]
    await w.login('admin')
    const L = await open(clientId)
    const content = pdf(1)
    const src = await w.put('late.pdf', content)
    let rotated: Awaited<ReturnType<typeof rotateVaultKey>> | null = null
    // the batch loaded the key and sealed the body; before it looks for duplicates the rotation runs to its end
    const slow = gated(L, { sql: /sha256 = \?/ }, async () => {
      rotated ??= await rotateVaultKey(L, w.app.dataDir)
    })
    const { outcome } = await ingest(slow, w.app.dataDir, [{ path: src, name: 'late.pdf' }], { source: 'dialog', maxBytes: 1024 * 1024 })
    expect(rotated).toMatchObject({ keyVersion: 2, remaining: 0 })
    expect(await L.db.all('SELECT version FROM vault_keys')).toEqual([{ version: 2 }])
    // refused (add it again), never an index row whose body no key opens
    expect(outcome.added).toEqual([])
    expect(outcome.refused.map((r) => [r.name, r.reason])).toEqual([['late.pdf', 'unreadable']])
    expect(await vaultFiles(w.app.dataDir, clientId)).toEqual([])
    const again = await ingest(L, w.app.dataDir, [{ path: src, name: 'late.pdf' }], { source: 'dialog', maxBytes: 1024 * 1024 })
    expect(again.outcome.added).toHaveLength(1)
    await allOpen(clientId, [{ id: again.outcome.added[0].id, content }])
  })

  it('a document indexed under the old key just before a rotation ends keeps that key alive', async () => {
    const clientId = w.extra[8]
    await w.login('admin')
    const L = await open(clientId)
    const content = png()
    const src = await w.put('late.png', content)
    let release!: () => void
    const reached = new Promise<void>((r) => (release = r))
    let resume!: () => void
    const gate = new Promise<void>((r) => (resume = r))
    // the batch holds before its duplicate check (key version 1 loaded, body sealed) …
    const slow = gated(L, { sql: /sha256 = \?/ }, async () => {
      release()
      await gate
    })
    const storing = ingest(slow, w.app.dataDir, [{ path: src, name: 'late.png' }], { source: 'dialog', maxBytes: 1024 * 1024 })
    await reached
    // … and finishes just before the rotation's last transaction
    const rot = gated(L, { transaction: 2 }, async () => {
      resume()
      await storing
    })
    const r = await rotateVaultKey(rot, w.app.dataDir)
    const { outcome } = await storing
    expect(outcome.added).toHaveLength(1)
    expect(r).toMatchObject({ keyVersion: 2, reencrypted: 0, remaining: 1 })
    expect(await L.db.all('SELECT version FROM vault_keys ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }])
    const doc = { id: outcome.added[0].id, content }
    await allOpen(clientId, [doc])
    expect(await w.app.must('vault:status', { clientId })).toMatchObject({ rotation: { targetVersion: 2, remaining: 1 } })
    expect(await w.app.must('vault:rotateKey', { clientId, jobId: jobId() })).toMatchObject({ keyVersion: 2, reencrypted: 1, remaining: 0 })
    await allOpen(clientId, [doc])
  })
})

describe('the scanner inbox', () => {
  /** Waits until no inbox scan is scheduled or running (the watcher's start schedules one). */
  const quiet = () =>
    vi.waitFor(
      () => {
        const i = w.app.core.internals.inboxes as unknown as { timers: Map<string, unknown>; scans: Map<string, unknown> }
        expect(i.timers.size + i.scans.size).toBe(0)
      },
      { timeout: 10_000, interval: 20 },
    )

  it('stores new files, deletes originals only once stored and verified, rejects bad ones; a crash before the delete loses nothing', async () => {
    const clientId = w.extra[6]
    const inbox = await mkdtemp(join(w.scratch, 'inbox-'))
    await w.login('admin')
    // not inside the data folder, nor around it, nor a folder that is not there
    for (const [folder, code] of [
      [join(w.app.dataDir, 'vault'), 'CONFLICT'],
      [w.app.dataDir, 'CONFLICT'],
      [dirname(w.app.dataDir), 'CONFLICT'],
      [join(w.scratch, 'no-such-folder'), 'NOT_FOUND'],
    ] as const) {
      w.dialogs.folders.push(folder)
      await refused(w.app, 'vault:chooseInbox', { clientId }, code)
    }
    expect((await w.app.must('vault:status', { clientId })).inbox).toBeNull()

    w.dialogs.folders.push(inbox)
    const st = await w.app.must('vault:chooseInbox', { clientId })
    expect(st.inbox).toEqual({ path: inbox, watching: true })
    expect(w.watcher.watched.has(inbox)).toBe(true)
    // another client cannot take the same folder
    w.dialogs.folders.push(inbox)
    await refused(w.app, 'vault:chooseInbox', { clientId: w.extra[5] }, 'CONFLICT')
    await quiet()

    const scanned = [await writeIn(inbox, 'scan_发票_001.pdf', pdf(1)), await writeIn(inbox, 'scan_002.png', png())]
    const rejected = await writeIn(inbox, 'letter.docx', docx())
    const partial = await writeIn(inbox, 'scan_003.pdf.part', pdf(1))
    const hidden = await writeIn(inbox, '.scan_004.pdf', pdf(1))
    const seen: { path: string; stored: string[] }[] = []
    beforeDelete = async (path) => {
      seen.push({ path, stored: (await docs(w, clientId)).map((d) => d.name) })
    }
    const events = w.app.events.length
    expect(await w.app.core.internals.inboxes.scan(clientId)).toEqual({ added: 2, duplicates: 0, refused: 1 })
    // each original went only after its document was stored
    expect(seen.map((s) => [s.path, s.stored.includes(s.path.split('/').pop()!)]).sort()).toEqual(scanned.map((p) => [p, true]).sort())
    for (const p of scanned) expect(await exists(p)).toBe(false)
    expect(await exists(rejected)).toBe(false)
    expect(await readdir(join(inbox, 'rejected'))).toEqual(['letter.docx'])
    // files still being written and hidden files are left alone
    expect(await exists(partial)).toBe(true)
    expect(await exists(hidden)).toBe(true)
    const stored = await docs(w, clientId)
    expect(stored.map((d) => [d.name, d.source]).sort()).toEqual([
      ['scan_002.png', 'inbox'],
      ['scan_发票_001.pdf', 'inbox'],
    ])
    expect(w.app.events.slice(events)).toContainEqual({ event: 'vault:changed', payload: { clientId, added: 2, refused: 1 } })
    expect((await clientEvents(w, clientId)).filter((e) => e.action === 'document.refused').map((e) => [e.outcome, JSON.parse(e.details).reason])).toEqual([['denied', 'unsupported-type']])

    // a crash between storing and deleting: the original is still there AND the document is stored
    const receipt = await writeIn(inbox, 'receipt.pdf', pdf(1))
    beforeDelete = () => {
      beforeDelete = null
      throw new Error('power cut')
    }
    await expect(w.app.core.internals.inboxes.scan(clientId)).rejects.toThrow('power cut')
    expect(await exists(receipt)).toBe(true)
    const afterCrash = await docs(w, clientId)
    expect(afterCrash.map((d) => d.name)).toContain('receipt.pdf')
    expect(afterCrash).toHaveLength(3)
    const files = await vaultFiles(w.app.dataDir, clientId)
    expect(files).toHaveLength(3)
    // the rescan finds the stored copy, checks it, deletes the original, stores nothing again
    expect(await w.app.core.internals.inboxes.scan(clientId)).toEqual({ added: 0, duplicates: 1, refused: 0 })
    expect(await exists(receipt)).toBe(false)
    expect(await docs(w, clientId)).toHaveLength(3)
    expect(await vaultFiles(w.app.dataDir, clientId)).toEqual(files)

    // a second refused file of the same name does not overwrite the first
    await writeIn(inbox, 'letter.docx', docx())
    expect(await w.app.core.internals.inboxes.scan(clientId)).toEqual({ added: 0, duplicates: 0, refused: 1 })
    expect((await readdir(join(inbox, 'rejected'))).sort()).toEqual(['letter (1).docx', 'letter.docx'])

    // the watcher's change event brings a scan by itself
    const next = await writeIn(inbox, 'scan_005.pdf', pdf(1))
    w.watcher.watched.get(inbox)!()
    await vi.waitFor(async () => expect(await exists(next)).toBe(false), { timeout: 10_000, interval: 20 })
    await quiet()
    expect(await docs(w, clientId)).toHaveLength(4)
    // while locked nothing is watched or taken; the next unlock takes what arrived meanwhile
    await w.app.must('session:lock', {})
    expect(w.watcher.watched.size).toBe(0)
    const whileLocked = await writeIn(inbox, 'scan_006.pdf', pdf(1))
    expect(await w.app.core.internals.inboxes.scan(clientId)).toEqual({ added: 0, duplicates: 0, refused: 0 })
    expect(await exists(whileLocked)).toBe(true)
    await w.app.must('session:unlock', { username: 'admin', password: PASSWORDS.admin })
    await vi.waitFor(async () => expect(await exists(whileLocked)).toBe(false), { timeout: 10_000, interval: 20 })
    await quiet()
    expect((await docs(w, clientId)).map((d) => d.name)).toContain('scan_006.pdf')

    const cleared = await w.app.must('vault:clearInbox', { clientId })
    expect(cleared.inbox).toBeNull()
    expect(w.watcher.watched.has(inbox)).toBe(false)
    await quiet()
  })
})

async function writeIn(dir: string, name: string, bytes: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true })
  const p = join(dir, name)
  await writeFile(p, bytes)
  expect((await stat(p)).size).toBe(bytes.length)
  return p
}
