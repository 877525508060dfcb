// Ledger benchmark: a deterministic synthetic book (seeded; ~150 leaf accounts; 12 months; 10k, 100k and
// 250k vouchers ≈ 1M lines). Bulk posting vs plain SQLite, the interactive save → review → post cycle
// through the router, trial balances, the first page of a 100k-line detail ledger; hledger/ledger-cli
// when installed. Checks the trial balance against an independent sum of the generated data.
import Database from 'better-sqlite3'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_ORIGIN, createZhangfang, type Zhangfang } from '../src/main/app'
import { clientMigrations } from '../src/main/db/migrations/client'
import type { Queryable } from '../src/main/db/connection'
import { bulkPostVouchers, type BulkVoucher } from '../src/main/ledger/bulk'
import { openClient } from '../src/main/ledger/clientKeys'
import { readMeta, type Ledger } from '../src/main/ledger/vouchers'
import { median, percentile, printTable, sample, time } from './lib'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,250000').split(',').map(Number)
const YEAR = 2025
const PW = 'Ledger-Horse-Battery-42'
const sender = { origin: APP_ORIGIN, isMainFrame: true }

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Deterministic vouchers: 2–6 lines, balanced; 1002 银行存款 in ~40 % of them. */
export function generate(n: number, leaves: string[], seed = 42): BulkVoucher[] {
  const r = rng(seed)
  const pick = () => leaves[Math.floor(r() * leaves.length)]
  const out: BulkVoucher[] = []
  for (let i = 0; i < n; i++) {
    const month = 1 + Math.floor((i * 12) / n)
    const day = 1 + Math.floor(r() * 28)
    const date = `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const count = 2 + Math.floor(r() * 5)
    const debits = Math.max(1, Math.floor(count / 2))
    const lines: BulkVoucher['lines'] = []
    let total = 0
    for (let j = 0; j < debits; j++) {
      const amount = 100 + Math.floor(r() * 5_000_000)
      total += amount
      lines.push({ summary: `业务${i}`, accountCode: j === 0 && r() < 0.4 ? '1002' : pick(), debit: amount, credit: 0 })
    }
    const credits = count - debits
    let left = total
    for (let j = 0; j < credits; j++) {
      const amount = j === credits - 1 ? left : Math.max(1, Math.floor(left / (credits - j)))
      left -= amount
      lines.push({ summary: `业务${i}`, accountCode: pick(), debit: 0, credit: amount })
    }
    out.push({ type: '记', date, attachments: 0, lines: lines.filter((l) => l.debit !== 0 || l.credit !== 0) })
  }
  return out
}

/** hledger's `bal -O csv` ("account","balance" with amounts like "-12.50 CNY") against the leaf rows' net movement. */
export function hledgerMatches(csv: string, rows: { code: string; isLeaf: boolean; periodDebit: number; periodCredit: number }[]): boolean {
  const theirs = new Map<string, number>()
  for (const line of csv.trim().split('\n').slice(1)) {
    const m = /^"([^"]+)","(-?[\d,]*\.?\d*) CNY"$/.exec(line.trim())
    if (!m) {
      if (/^"[^"]+","0"$/.test(line.trim())) continue
      return false
    }
    theirs.set(m[1], Math.round(Number(m[2].replace(/,/g, '')) * 100))
  }
  const ours = rows.filter((r) => r.isLeaf && r.periodDebit - r.periodCredit !== 0)
  return ours.length === theirs.size && ours.every((r) => theirs.get(r.code) === r.periodDebit - r.periodCredit)
}

async function call(core: Zhangfang, channel: string, input: unknown) {
  const r = await core.handle(sender, channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value as never
}

/** The client schema as plain SQL, for the better-sqlite3 baseline (triggers left out). */
async function plainSchema(): Promise<string> {
  const sql: string[] = []
  const rec: Queryable = { exec: async (s) => void sql.push(s), run: async () => ({ changes: 0, lastID: 0 }), get: async () => undefined, all: async () => [] }
  for (const m of clientMigrations) await m.up(rec)
  return sql.join('\n').replace(/CREATE TRIGGER[\s\S]*?END;/g, '')
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'zf-bench-ledger-'))
  const core = createZhangfang({ dataDir: dir })
  try {
    const kit = (await call(core, 'setup:begin', { firmName: 'Bench 代账', adminUsername: 'admin', adminDisplayName: 'Admin', password: PW })) as { recoveryGroups: string[]; confirmGroups: number[] }
    await call(core, 'setup:complete', { confirmation: kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1]) })
    const sup = (await call(core, 'users:create', { username: 'sup', displayName: '主管', role: 'supervisor', temporaryPassword: PW + 'x' })) as { id: string }
    const bk = (await call(core, 'users:create', { username: 'bk', displayName: '会计', role: 'bookkeeper', temporaryPassword: PW + 'x' })) as { id: string }
    const usccs = ['91350100M000100Y43', '914403001922038216', '91110108551385082Q', '91330100799655058B']
    const clients: string[] = []
    for (const [i, size] of [...SIZES, 0].entries()) {
      const c = (await call(core, 'clients:create', { name: `客户${i}`, uscc: usccs[i], standard: 'small', firstPeriod: `${YEAR}-01`, codingScheme: '4-2-2', voucherTypes: 'single' })) as { id: string }
      clients.push(c.id)
      for (const u of [sup.id, bk.id]) await call(core, 'clients:assign', { clientId: c.id, userId: u })
      void size
    }
    for (const u of ['sup', 'bk']) {
      await core.lock('manual')
      await call(core, 'session:unlock', { username: u, password: PW + 'x' })
      await call(core, 'session:changePassword', { currentPassword: PW + 'x', newPassword: PW })
    }
    await core.lock('manual')
    await call(core, 'session:unlock', { username: 'sup', password: PW })
    const s = core.internals.auth.current!
    const accounts = (await call(core, 'accounts:list', { clientId: clients[0] })) as { accounts: { code: string; isLeaf: boolean; auxTypes: string[] }[] }
    const leaves = accounts.accounts.filter((a) => a.isLeaf && a.auxTypes.length === 0).map((a) => a.code)
    console.log(`ledger benchmark: ${leaves.length} leaf accounts, ${YEAR}, sizes ${SIZES.join(', ')} vouchers`)

    // 1. bulk posting through the core vs plain SQLite
    const bulkRows: (string | number)[][] = []
    let big: BulkVoucher[] = []
    const schema = await plainSchema()
    for (const [i, size] of SIZES.entries()) {
      const data = generate(size, leaves, 42 + i)
      const lines = data.reduce((n, v) => n + v.lines.length, 0)
      const open = await openClient(s, dir, clients[i], new Date())
      const L: Ledger = { db: open.db, meta: await readMeta(open.db), s, now: new Date() }
      const enc = await time(() => bulkPostVouchers(L, data))
      const plain = new Database(join(dir, `plain-${size}.db`))
      plain.pragma('journal_mode = WAL')
      plain.pragma('synchronous = FULL')
      plain.exec(schema)
      const pa = plain.prepare("INSERT INTO accounts (code, name, level, category, direction, created_at) VALUES (?, ?, 1, 'asset', 'debit', 'now')")
      for (const code of new Set(['1001', '1002', ...leaves])) pa.run(code, code)
      const pv = plain.prepare(
        "INSERT INTO vouchers (id, period, type, number, date, attachments, status, kind, total, preparer_id, preparer_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 'posted', 'normal', ?, 'u', 'u', 'now', 'now')",
      )
      const pl = plain.prepare('INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, aux_key) VALUES (?, ?, ?, ?, ?, ?, ?)')
      const pp = plain.prepare('INSERT INTO postings (account_code, date, voucher_id, line_no, period, label, summary, debit, credit, aux_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      const plainMs = await time(async () => {
        plain.transaction(() => {
          data.forEach((v, k) => {
            const total = v.lines.reduce((t, l) => t + l.debit, 0)
            pv.run(k + 1, v.date.slice(0, 7), v.type, k + 1, v.date, total)
            v.lines.forEach((l, j) => {
              pl.run(k + 1, j + 1, l.summary, l.accountCode, l.debit, l.credit, '')
              pp.run(l.accountCode, v.date, k + 1, j + 1, v.date.slice(0, 7), 'x', l.summary, l.debit, l.credit, '')
            })
          })
        })()
      })
      plain.close()
      bulkRows.push([`${size.toLocaleString('en')} vouchers / ${lines.toLocaleString('en')} lines`, enc, Math.round(lines / (enc / 1000)), plainMs, Math.round(lines / (plainMs / 1000)), (enc / plainMs).toFixed(2)])
      big = data
    }
    printTable('Bulk posting (vouchers + lines + postings journal + balances + audit, one transaction)', ['book', 'Zhangfang ms', 'lines/s', 'plain SQLite ms', 'lines/s', 'ratio'], bulkRows)

    // 2. interactive save → review → post through the router, with audit signing
    const N = Number(process.env.BENCH_INTERACTIVE ?? 200)
    const small = clients[SIZES.length]
    await core.lock('manual')
    await call(core, 'session:unlock', { username: 'bk', password: PW })
    const ids: number[] = []
    const saves = await sample(N, async () => {
      const v = (await call(core, 'vouchers:save', {
        clientId: small,
        type: '记',
        date: `${YEAR}-03-15`,
        attachments: 1,
        lines: [
          { summary: '收到货款', accountCode: '1002', debit: 113000, credit: 0 },
          { summary: '收到货款', accountCode: '1001', debit: 1000, credit: 0 },
          { summary: '收到货款', accountCode: '5001', debit: 0, credit: 100000 },
          { summary: '收到货款', accountCode: '22210102', debit: 0, credit: 14000 },
        ],
      })) as { id: number }
      ids.push(v.id)
    }, 0)
    await core.lock('manual')
    await call(core, 'session:unlock', { username: 'sup', password: PW })
    let k = 0
    const reviews = await sample(N, () => call(core, 'vouchers:review', { clientId: small, ids: [ids[k++]] }), 0)
    k = 0
    const posts = await sample(N, () => call(core, 'vouchers:post', { clientId: small, ids: [ids[k++]] }), 0)
    const cycle = saves.map((x, i) => x + reviews[i] + posts[i])
    printTable(`Interactive voucher, 4 lines, through the router (${N} vouchers)`, ['step', 'median ms', 'p95 ms'], [
      ['save (制单)', median(saves), percentile(saves, 95)],
      ['review (审核)', median(reviews), percentile(reviews, 95)],
      ['post (记账)', median(posts), percentile(posts, 95)],
      ['save → review → post', median(cycle), percentile(cycle, 95)],
    ])

    // 3. reports on the largest book
    const largest = clients[SIZES.length - 1]
    const tbYear = await sample(9, () => call(core, 'reports:trialBalance', { clientId: largest, from: `${YEAR}-01`, to: `${YEAR}-12` }))
    const tbMonth = await sample(9, () => call(core, 'reports:trialBalance', { clientId: largest, from: `${YEAR}-06`, to: `${YEAR}-06` }))
    const detail = await sample(9, () => call(core, 'reports:detailLedger', { clientId: largest, accountCode: '1002', from: `${YEAR}-01`, to: `${YEAR}-12`, offset: 0, limit: 100 }))
    const dl = (await call(core, 'reports:detailLedger', { clientId: largest, accountCode: '1002', from: `${YEAR}-01`, to: `${YEAR}-12`, offset: 0, limit: 1 })) as { total: number }
    const reportRows: (string | number)[][] = [
      ['trial balance, year', median(tbYear), percentile(tbYear, 95), ''],
      ['trial balance, one month', median(tbMonth), percentile(tbMonth, 95), ''],
      [`detail ledger 1002, first page (${dl.total.toLocaleString('en')} lines)`, median(detail), percentile(detail, 95), ''],
    ]

    // correctness: the year's trial balance against an independent sum of the generated data
    const tb = (await call(core, 'reports:trialBalance', { clientId: largest, from: `${YEAR}-01`, to: `${YEAR}-12` })) as { rows: { code: string; isLeaf: boolean; periodDebit: number; periodCredit: number }[]; balanced: boolean }
    const expect = new Map<string, [number, number]>()
    for (const v of big) for (const l of v.lines) {
      const e = expect.get(l.accountCode) ?? [0, 0]
      e[0] += l.debit
      e[1] += l.credit
      expect.set(l.accountCode, e)
    }
    const wrong = tb.rows.filter((r) => r.isLeaf && (expect.get(r.code)?.[0] ?? 0) !== r.periodDebit).length + tb.rows.filter((r) => r.isLeaf && (expect.get(r.code)?.[1] ?? 0) !== r.periodCredit).length
    const correct = wrong === 0 && tb.balanced && [...expect.keys()].every((c) => tb.rows.some((r) => r.code === c))

    // ledger-cli / hledger on the same book, when installed; hledger's balances are compared account by account
    let hledgerAgrees: boolean | null = null
    for (const tool of ['ledger', 'hledger']) {
      if (spawnSync('which', [tool]).status !== 0) {
        reportRows.push([`${tool} bal (not installed: apt-get install ${tool})`, '—', '—', '—'])
        continue
      }
      const file = join(dir, `${tool}.journal`)
      const text = big.map((v) => `${v.date} ${v.lines[0].summary}\n${v.lines.map((l) => `    ${l.accountCode}  ${((l.debit - l.credit) / 100).toFixed(2)} CNY`).join('\n')}\n`).join('\n')
      await writeFile(file, text)
      const t = await sample(3, async () => void execFileSync(tool, ['-f', file, 'bal'], { maxBuffer: 64 * 1024 * 1024 }), 0)
      reportRows.push([`${tool} -f journal bal (year)`, median(t), percentile(t, 95), `${(median(t) / median(tbYear)).toFixed(0)}× slower than Zhangfang`])
      if (tool === 'hledger') hledgerAgrees = hledgerMatches(execFileSync(tool, ['-f', file, 'bal', '-O', 'csv', '-N', '--flat'], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }), tb.rows)
    }
    printTable(`Reports on the ${SIZES[SIZES.length - 1].toLocaleString('en')}-voucher book (posted lines only)`, ['report', 'median ms', 'p95 ms', 'comparison'], reportRows)
    console.log(`\ncorrectness: trial balance ${correct ? 'MATCHES' : 'DOES NOT MATCH'} the generated data (${expect.size} accounts, balanced: ${tb.balanced})`)
    if (hledgerAgrees !== null) console.log(`correctness: trial balance ${hledgerAgrees ? 'MATCHES' : 'DOES NOT MATCH'} hledger's balances of the same journal`)
    if (!correct || hledgerAgrees === false) process.exitCode = 1
  } finally {
    await core.close()
    await rm(dir, { recursive: true, force: true })
  }
}
