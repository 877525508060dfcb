// Unlock benchmark: Argon2id alone (floor and calibrated), the whole unlock through the router
// (KDF + open firm.db + key check + migrations check + audit), and opening the database alone,
// encrypted vs plain SQLite (better-sqlite3) as the same-run baseline.
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_ORIGIN, createZhangfang } from '../src/main/app'
import { openEncrypted } from '../src/main/db/connection'
import { calibrateKdf, deriveKek, KDF_FLOOR, type KdfCost } from '../src/main/keys/kdf'
import { median, percentile, printTable, sample } from './lib'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const PASSWORD = 'Ledger-Horse-Battery-42'

async function unlockTimes(cost: KdfCost): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'zf-bench-'))
  const core = createZhangfang({ dataDir: dir, kdf: cost })
  const sender = { origin: APP_ORIGIN, isMainFrame: true }
  try {
    const kit = await core.handle(sender, 'setup:begin', { firmName: 'Bench 代账', adminUsername: 'admin', adminDisplayName: 'Admin', password: PASSWORD })
    if (!kit.ok) throw new Error(kit.error.message)
    const v = kit.value as { recoveryGroups: string[]; confirmGroups: number[] }
    const done = await core.handle(sender, 'setup:complete', { confirmation: v.confirmGroups.map((i) => v.recoveryGroups[i - 1]) })
    if (!done.ok) throw new Error(done.error.message)
    return await sample(RUNS, async () => {
      await core.lock('manual')
      const r = await core.handle(sender, 'session:unlock', { username: 'admin', password: PASSWORD })
      if (!r.ok) throw new Error(r.error.message)
    })
  } finally {
    await core.close()
    await rm(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  console.log(`unlock benchmark: ${RUNS} runs each, medians in ms (p95 beside)`)
  const calibrated = await calibrateKdf()
  const salt = randomBytes(16).toString('base64')
  const kdfFloor = await sample(RUNS, () => deriveKek(PASSWORD, { alg: 'argon2id', ...KDF_FLOOR, salt }))
  const kdfCal = await sample(RUNS, () => deriveKek(PASSWORD, { alg: 'argon2id', ...calibrated, salt }))
  const unlockFloor = await unlockTimes({ ...KDF_FLOOR })
  const unlockCal = await unlockTimes(calibrated)

  // opening a database alone: SQLCipher with key check vs plain SQLite
  const dir = await mkdtemp(join(tmpdir(), 'zf-bench-'))
  const key = randomBytes(32)
  const enc = await openEncrypted(join(dir, 'enc.db'), key, { create: true, label: 'enc.db' })
  await enc.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);')
  await enc.close()
  const plain = new Database(join(dir, 'plain.db'))
  plain.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);')
  plain.close()
  const openEnc = await sample(RUNS * 3, async () => {
    const db = await openEncrypted(join(dir, 'enc.db'), key, { create: false, label: 'enc.db' })
    await db.get('SELECT x FROM t')
    await db.close()
  })
  const openPlain = await sample(RUNS * 3, async () => {
    const db = new Database(join(dir, 'plain.db'))
    db.pragma('journal_mode = WAL')
    db.prepare('SELECT x FROM t').get()
    db.close()
  })
  await rm(dir, { recursive: true, force: true })

  const m = (xs: number[]) => median(xs)
  printTable(
    'Argon2id and unlock',
    ['what', 'median ms', 'p95 ms', 'ratio to its KDF'],
    [
      [`Argon2id floor (m=${KDF_FLOOR.m / 1024} MiB, t=${KDF_FLOOR.t}, p=${KDF_FLOOR.p})`, m(kdfFloor), percentile(kdfFloor, 95), '1.00'],
      [`Argon2id calibrated (m=${calibrated.m / 1024} MiB, t=${calibrated.t}, p=${calibrated.p})`, m(kdfCal), percentile(kdfCal, 95), '1.00'],
      ['whole unlock, floor KDF', m(unlockFloor), percentile(unlockFloor, 95), (m(unlockFloor) / m(kdfFloor)).toFixed(2)],
      ['whole unlock, calibrated KDF', m(unlockCal), percentile(unlockCal, 95), (m(unlockCal) / m(kdfCal)).toFixed(2)],
    ],
  )
  printTable(
    'Opening a database (no KDF)',
    ['what', 'median ms', 'p95 ms', 'ratio to plain'],
    [
      ['SQLCipher open + key check + pragmas + read', m(openEnc), percentile(openEnc, 95), (m(openEnc) / m(openPlain)).toFixed(2)],
      ['plain SQLite (better-sqlite3) open + read', m(openPlain), percentile(openPlain, 95), '1.00'],
    ],
  )
  console.log(`\nunlock overhead beyond the KDF (floor): ${(m(unlockFloor) - m(kdfFloor)).toFixed(1)} ms`)
}
