// The Db seam's per-connection lock: concurrent IPC calls share one asynchronous connection, so every
// transaction must run alone from BEGIN to COMMIT, a failing one must roll back without touching the
// others, and statements outside a transaction wait for it.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEncrypted, type Db, type Queryable } from '../../../src/main/db/connection'
import { AppError } from '../../../src/shared/ipc/result'

let dir: string
let db: Db
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zf-tx-'))
  db = await openEncrypted(join(dir, 'test.db'), randomBytes(32), { create: true, label: 'test.db' })
  await db.exec(`CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0);
                 CREATE TABLE log (seq INTEGER PRIMARY KEY, who INTEGER NOT NULL);`)
})
afterEach(async () => {
  await db.close()
  await rm(dir, { recursive: true, force: true })
})

const tick = () => new Promise<void>((r) => setImmediate(r))
const read = async (q: Queryable) => (await q.get<{ n: number }>('SELECT n FROM counter WHERE id = 1'))!.n

describe('db.transaction serialises concurrent callers', () => {
  it('50 concurrent read-await-write transactions lose no update', async () => {
    const N = 50
    const results = await Promise.all(
      Array.from({ length: N }, () =>
        db.transaction(async (tx) => {
          const n = await read(tx)
          await tick()
          await new Promise((r) => setTimeout(r, Math.random() * 2))
          await tx.run('UPDATE counter SET n = ? WHERE id = 1', [n + 1])
          return n
        }),
      ),
    )
    expect(await read(db)).toBe(N)
    // each saw the value the previous one wrote: 0, 1, …, 49 in order of submission
    expect(results).toEqual(Array.from({ length: N }, (_, i) => i))
  })

  it('no two transactions overlap: every begin is followed by its own end', async () => {
    const trace: string[] = []
    let inside = 0
    let maxInside = 0
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.transaction(async (tx) => {
          trace.push(`begin ${i}`)
          inside++
          maxInside = Math.max(maxInside, inside)
          await tx.run('INSERT INTO log (who) VALUES (?)', [i])
          await tick()
          await tx.get('SELECT count(*) AS n FROM log')
          await tick()
          inside--
          trace.push(`end ${i}`)
        }),
      ),
    )
    expect(maxInside).toBe(1)
    expect(trace).toHaveLength(60)
    for (let k = 0; k < trace.length; k += 2) {
      const i = trace[k].split(' ')[1]
      expect(trace[k]).toBe(`begin ${i}`)
      expect(trace[k + 1]).toBe(`end ${i}`)
    }
    // FIFO: transactions run in the order they were requested
    expect(trace.filter((t) => t.startsWith('begin'))).toEqual(Array.from({ length: 30 }, (_, i) => `begin ${i}`))
    const rows = await db.all<{ who: number }>('SELECT who FROM log ORDER BY seq')
    expect(rows.map((r) => r.who)).toEqual(Array.from({ length: 30 }, (_, i) => i))
  })

  it('a failing transaction rolls back alone; the others commit', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          const n = await read(tx)
          await tx.run('UPDATE counter SET n = ? WHERE id = 1', [n + 1])
          await tx.run('INSERT INTO log (who) VALUES (?)', [i])
          await tick()
          if (i % 4 === 3) throw new AppError('CONFLICT', `refused ${i}`)
          if (i === 10) await tx.run('INSERT INTO nowhere VALUES (1)') // an SQL error mid-transaction
          return i
        }),
      ),
    )
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []))
    expect(failed).toEqual([3, 7, 10, 11, 15, 19])
    for (const i of [3, 7, 11, 15, 19]) {
      const o = outcomes[i] as PromiseRejectedResult
      expect(o.reason).toBeInstanceOf(AppError)
      expect((o.reason as AppError).message).toBe(`refused ${i}`)
    }
    expect(String((outcomes[10] as PromiseRejectedResult).reason)).toMatch(/no such table: nowhere/)
    expect(await read(db)).toBe(20 - failed.length)
    const rows = await db.all<{ who: number }>('SELECT who FROM log ORDER BY seq')
    expect(rows.map((r) => r.who)).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => !failed.includes(i)))
  })

  it('statements outside a transaction wait until it ends, and never see its uncommitted writes', async () => {
    const seen: number[] = []
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const tx = db.transaction(async (t) => {
      await t.run('UPDATE counter SET n = 99 WHERE id = 1')
      await gate
      await t.run('UPDATE counter SET n = 7 WHERE id = 1')
    })
    const outside = read(db).then((n) => seen.push(n))
    const write = db.run('UPDATE counter SET n = n + 1 WHERE id = 1')
    for (let i = 0; i < 5; i++) await tick()
    expect(seen).toEqual([]) // still waiting behind the open transaction
    release()
    await Promise.all([tx, outside, write])
    expect(seen).toEqual([7])
    expect(await read(db)).toBe(8)
  })

  it('a leaked transaction handle refuses use after the transaction ended', async () => {
    let leaked: Queryable | null = null
    await db.transaction(async (tx) => {
      leaked = tx
    })
    await expect(leaked!.run('UPDATE counter SET n = 1000 WHERE id = 1')).rejects.toThrow(/after the transaction ended/)
    expect(await read(db)).toBe(0)
  })

  it('after close every use answers LOCKED', async () => {
    await db.close()
    const e = await db.get('SELECT 1').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('LOCKED')
    await expect(db.transaction(async () => 1)).rejects.toMatchObject({ code: 'LOCKED' })
    await db.close() // idempotent
    // a fresh connection for afterEach to close
    db = await openEncrypted(join(dir, 'fresh.db'), randomBytes(32), { create: true, label: 'fresh.db' })
  })
})
