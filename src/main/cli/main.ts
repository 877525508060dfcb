// The zhangfang CLI for admins, auditors and scripts, over the same core and router as the window:
// it unlocks as a user, so permissions and audit are the same as in the UI. Electron-free.
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { createZhangfang, type Zhangfang } from '../app'
import type { CallInput, CallOutput, Channel } from '../../shared/ipc/contract'
import type { AppErrorData } from '../../shared/ipc/result'
import { checkPassword } from '../../shared/passwordPolicy'
import { readKeyring } from '../keys/keyring'
import { readUnlockState } from '../auth/unlockState'
import { defaultDataDir } from '../paths'
import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'

export const CLI_ORIGIN = 'cli://zhangfang'
const VERSION = '0.1.0'

export const EXIT = {
  OK: 0,
  FAILED: 1, // refused or failed for another reason (FORBIDDEN, CONFLICT, PASSWORD_POLICY …)
  USAGE: 2,
  VERIFY_FAILED: 3, // audit chain broken, ledger check found differences, trial balance unbalanced
  AUTH: 4, // WRONG_PASSWORD, LOCKED_OUT, USER_DISABLED, RECOVERY_INVALID
  DATA: 5, // NOT_SET_UP, CORRUPT_DATA, UNSUPPORTED_VERSION
} as const

export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }
  stdout: Writable
  stderr: Writable
  env: NodeJS.ProcessEnv
}

const HELP = `zhangfang — 账房 Zhangfang admin and auditor CLI

Usage: zhangfang [--data-dir DIR] COMMAND [options]

Commands:
  init                 create a firm in the data folder (prints the recovery kit once)
  status               what is in the data folder (no unlock needed)
  users list           list the firm's users (admin)
  verify-audit         verify the firm's audit chain (admin, auditor)
  change-password      change your own password
  clients list         the clients you may see (assigned; admins: all)
  trial-balance        科目余额表: --client CODE|ID --from YYYY-MM --to YYYY-MM [--format table|csv|json]
  ledger check         recompute a client's balances from its posted lines: --client CODE|ID
  vault verify         decrypt and check every document body of a client: --client CODE|ID
                       (lists bad or missing bodies and orphan files; admin, supervisor, auditor)

Options:
  --data-dir DIR       data folder (default: $ZHANGFANG_DATA_DIR, else the app's data folder)
  -u, --user NAME      the user to unlock as (commands that unlock)
  --password-stdin     read passwords from standard input, one per line, instead of a TTY prompt
                       (init: the admin password; change-password: current, then new)
  --firm-name NAME     init: the firm's name          --admin NAME      init: admin username
  --display-name NAME  init: admin's display name     --json            machine-readable output
  --client CODE|ID     a client by 统一社会信用代码 or id  --from/--to YYYY-MM  a period range
  --format FMT         table (default), csv or json     --level N         trial balance: account levels shown
  -h, --help           this help                      --version         print the version

Exit codes: 0 ok · 1 refused or failed · 2 usage error · 3 verification failed (audit chain, ledger check, vault)
            4 authentication failed (wrong password, locked out, disabled, wrong recovery kit)
            5 data folder problem (not set up, damaged file, newer version)
`

class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message)
  }
}

function exitFor(code: AppErrorData['code']): number {
  if (['WRONG_PASSWORD', 'LOCKED_OUT', 'USER_DISABLED', 'RECOVERY_INVALID'].includes(code)) return EXIT.AUTH
  if (['NOT_SET_UP', 'CORRUPT_DATA', 'UNSUPPORTED_VERSION'].includes(code)) return EXIT.DATA
  return EXIT.FAILED
}

interface Parsed {
  positional: string[]
  flags: Map<string, string | true>
}

const VALUED = new Set(['--data-dir', '--user', '--firm-name', '--admin', '--display-name', '--client', '--from', '--to', '--format', '--level'])
const ALIASES: Record<string, string> = { '-u': '--user', '-h': '--help' }
const BOOLEAN = new Set(['--password-stdin', '--json', '--help', '--version'])

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]
    let value: string | undefined
    if (a.startsWith('--') && a.includes('=')) {
      value = a.slice(a.indexOf('=') + 1)
      a = a.slice(0, a.indexOf('='))
    }
    a = ALIASES[a] ?? a
    if (VALUED.has(a)) {
      value ??= argv[++i]
      if (value === undefined) throw new CliError(EXIT.USAGE, `${a} needs a value`)
      flags.set(a, value)
    } else if (BOOLEAN.has(a)) {
      flags.set(a, true)
    } else if (a.startsWith('-')) {
      throw new CliError(EXIT.USAGE, `unknown option ${a}`)
    } else positional.push(a)
  }
  return { positional, flags }
}

/** Reads lines from a non-TTY stdin, one at a time. */
function lineReader(stdin: Readable): () => Promise<string | null> {
  const rl = createInterface({ input: stdin, crlfDelay: Infinity })
  const lines: string[] = []
  const waiters: ((l: string | null) => void)[] = []
  let ended = false
  rl.on('line', (l) => (waiters.length ? waiters.shift()!(l) : lines.push(l)))
  rl.on('close', () => {
    ended = true
    while (waiters.length) waiters.shift()!(null)
  })
  return () => (lines.length ? Promise.resolve(lines.shift()!) : ended ? Promise.resolve(null) : new Promise((r) => waiters.push(r)))
}

/** Prompts on the terminal without echoing what is typed. */
function promptHidden(io: CliIo, question: string): Promise<string> {
  const stdin = io.stdin
  if (!stdin.isTTY || !stdin.setRawMode) throw new CliError(EXIT.USAGE, 'no terminal to ask for a password: use --password-stdin')
  io.stderr.write(question)
  stdin.setRawMode(true)
  stdin.resume()
  return new Promise((resolve, reject) => {
    let buf = ''
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done()
          resolve(buf)
          return
        }
        if (ch === '\u0003') {
          done()
          reject(new CliError(EXIT.FAILED, 'cancelled'))
          return
        }
        if (ch === '\u007f' || ch === '\b') buf = [...buf].slice(0, -1).join('')
        else buf += ch
      }
    }
    const done = () => {
      stdin.off('data', onData)
      stdin.setRawMode!(false)
      stdin.pause()
      io.stderr.write('\n')
    }
    stdin.on('data', onData)
  })
}

function promptLine(io: CliIo, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: !!io.stdin.isTTY })
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close()
      resolve(answer)
    }),
  )
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout.write(s + '\n')
  let core: Zhangfang | null = null
  try {
    const { positional, flags } = parseArgs(argv)
    if (flags.has('--help') || positional.length === 0) {
      io.stdout.write(HELP)
      return positional.length === 0 && !flags.has('--help') ? EXIT.USAGE : EXIT.OK
    }
    if (flags.has('--version')) {
      out(VERSION)
      return EXIT.OK
    }
    const dataDir = (flags.get('--data-dir') as string | undefined) ?? defaultDataDir(io.env)
    const json = flags.has('--json')
    const fromStdin = flags.has('--password-stdin')
    const nextLine = fromStdin ? lineReader(io.stdin) : null
    const password = async (question: string): Promise<string> => {
      if (nextLine) {
        const l = await nextLine()
        if (l === null) throw new CliError(EXIT.USAGE, 'standard input ended before a password was read')
        return l
      }
      return promptHidden(io, question)
    }
    core = createZhangfang({ dataDir, allowedOrigins: [CLI_ORIGIN], kdf: 'calibrate' })
    const c = core
    const call = async <C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> => {
      const r = await c.handle({ origin: CLI_ORIGIN, isMainFrame: true }, channel, input)
      if (!r.ok) throw new CliError(exitFor(r.error.code), `${r.error.code}: ${r.error.message}`)
      return r.value as CallOutput<C>
    }
    let unlockedWith = ''
    const unlock = async () => {
      const user = flags.get('--user')
      if (typeof user !== 'string') throw new CliError(EXIT.USAGE, 'say which user to unlock as: --user NAME')
      unlockedWith = await password(`Password for ${user}: `)
      return call('session:unlock', { username: user, password: unlockedWith })
    }
    const [cmd, sub] = positional
    const command = sub && ['users', 'clients', 'ledger', 'vault'].includes(cmd) ? `${cmd} ${sub}` : cmd
    const findClient = async () => {
      const ref = flags.get('--client')
      if (typeof ref !== 'string') throw new CliError(EXIT.USAGE, 'say which client: --client 统一社会信用代码|id')
      const { clients } = await call('clients:list', {})
      const hit = clients.find((x) => x.id === ref || x.uscc === ref.trim().toUpperCase())
      if (!hit) throw new CliError(EXIT.FAILED, `FORBIDDEN: no client ${ref} that you may see`)
      return hit
    }
    const period = (flag: string) => {
      const v = flags.get(flag)
      if (typeof v !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new CliError(EXIT.USAGE, `${flag} needs a period YYYY-MM`)
      return v
    }
    const yuan = (fen: number) => (fen === 0 ? '' : (fen / 100).toFixed(2))

    switch (command) {
      case 'init': {
        const ask = async (flag: string, q: string) => (flags.get(flag) as string | undefined) ?? (nextLine ? undefined : await promptLine(io, q))
        const firmName = await ask('--firm-name', 'Firm name: ')
        const adminUsername = await ask('--admin', 'Admin username: ')
        const adminDisplayName = await ask('--display-name', 'Admin display name: ')
        if (!firmName || !adminUsername || !adminDisplayName) throw new CliError(EXIT.USAGE, 'init needs --firm-name, --admin and --display-name')
        const pw = await password('New admin password: ')
        if (!nextLine) {
          const check = checkPassword(pw, adminUsername, [adminDisplayName, firmName])
          if (!check.ok) throw new CliError(EXIT.FAILED, `PASSWORD_POLICY: ${check.problems.join(', ')}`)
          if ((await password('Repeat the password: ')) !== pw) throw new CliError(EXIT.FAILED, 'the passwords differ')
        }
        const kit = await call('setup:begin', { firmName, adminUsername, adminDisplayName, password: pw })
        io.stderr.write('\nRECOVERY KIT — shown once. Write it down and keep it locked away: it can unlock the firm\nand set a new admin password.\n\n')
        out(kit.recoveryGroups.map((g, i) => `${String(i + 1).padStart(2)}. ${g}`).join('\n'))
        io.stderr.write('\n')
        let confirmation: string[]
        if (nextLine) {
          confirmation = kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1])
          io.stderr.write('(--password-stdin: the kit was printed above; store it now.)\n')
        } else {
          confirmation = []
          for (const i of kit.confirmGroups) confirmation.push(await promptLine(io, `Type group ${i} of the recovery kit: `))
        }
        const s = await call('setup:complete', { confirmation })
        out(json ? JSON.stringify({ firmName: s.firmName, admin: s.username }) : `Firm “${s.firmName}” created; admin ${s.username}.`)
        return EXIT.OK
      }
      case 'status': {
        const setUp = await call('app:getState', {})
        if (!setUp.setUp) {
          out(json ? JSON.stringify({ dataDir, setUp: false }) : `Data folder: ${dataDir}\nNo firm is set up here.`)
          return EXIT.OK
        }
        const keyring = await readKeyring(dataDir).catch((e: { code?: string; message: string }) => {
          throw new CliError(EXIT.DATA, `${e.code ?? 'CORRUPT_DATA'}: ${e.message}`)
        })
        const state = await readUnlockState(dataDir).catch((e: { code?: string; message: string }) => {
          throw new CliError(EXIT.DATA, `${e.code ?? 'CORRUPT_DATA'}: ${e.message}`)
        })
        const now = Date.now()
        const lockedOut = Object.values(state.attempts).filter((a) => a.lockedUntil && Date.parse(a.lockedUntil) > now).length
        const size = async (f: string) => (await stat(join(dataDir, f)).catch(() => null))?.size ?? null
        const info = {
          dataDir,
          setUp: true,
          firmId: keyring.firmId,
          createdAt: keyring.createdAt,
          keySlots: keyring.slots.length,
          kdf: [...new Set(keyring.slots.map((s) => `argon2id m=${s.kdf.m}KiB t=${s.kdf.t} p=${s.kdf.p}`))],
          usernamesLockedOut: lockedOut,
          pendingAuditRecords: state.pending.length,
          firmDbBytes: await size('firm.db'),
        }
        if (json) out(JSON.stringify(info))
        else {
          out(`Data folder:            ${info.dataDir}`)
          out(`Firm id:                ${info.firmId} (created ${info.createdAt})`)
          out(`Key slots:              ${info.keySlots} user slot(s) + recovery slot`)
          out(`Key derivation:         ${info.kdf.join('; ')}`)
          out(`Usernames locked out:   ${info.usernamesLockedOut}`)
          out(`Pending audit records:  ${info.pendingAuditRecords} (moved into the chain at the next unlock)`)
          out(`firm.db:                ${info.firmDbBytes ?? 'missing'} bytes (encrypted)`)
        }
        return EXIT.OK
      }
      case 'users list': {
        await unlock()
        const { users } = await call('users:list', {})
        if (json) out(JSON.stringify(users))
        else {
          const rows = users.map((u) => [u.username, u.displayName, u.role, u.status + (u.mustChangePassword ? ' (temporary password)' : ''), u.lastUnlockAt ?? '—'])
          table(out, ['USERNAME', 'NAME', 'ROLE', 'STATUS', 'LAST UNLOCK'], rows)
        }
        return EXIT.OK
      }
      case 'verify-audit': {
        await unlock()
        const v = await call('audit:verifyFirm', {})
        if (json) out(JSON.stringify(v))
        else if (v.ok) out(`Firm audit chain OK: ${v.count} events, head ${v.head ?? '—'}`)
        else out(`Firm audit chain BROKEN at event ${v.firstBad!.seq} (${v.firstBad!.reason}): ${v.firstBad!.message}\n${v.count} events before it verified.`)
        return v.ok ? EXIT.OK : EXIT.VERIFY_FAILED
      }
      case 'change-password': {
        await unlock()
        // the password that just unlocked is the current one
        const current = unlockedWith
        const next = await password('New password: ')
        if (!nextLine && (await password('Repeat the new password: ')) !== next) throw new CliError(EXIT.FAILED, 'the passwords differ')
        await call('session:changePassword', { currentPassword: current, newPassword: next })
        out('Password changed.')
        return EXIT.OK
      }
      case 'clients list': {
        await unlock()
        const { clients } = await call('clients:list', {})
        if (json) out(JSON.stringify(clients))
        else
          table(
            out,
            ['NAME', '统一社会信用代码', 'STANDARD', 'CURRENT', 'LAST CLOSED', 'UNPOSTED', 'ID'],
            clients.map((x) => [x.name, x.uscc, x.standard === 'small' ? '小企业会计准则' : '企业会计准则', x.currentPeriod, x.lastClosedPeriod ?? '—', String(x.unpostedCount), x.id]),
          )
        return EXIT.OK
      }
      case 'trial-balance': {
        const format = (flags.get('--format') as string | undefined) ?? (json ? 'json' : 'table')
        if (!['table', 'csv', 'json'].includes(format)) throw new CliError(EXIT.USAGE, '--format is table, csv or json')
        const from = period('--from')
        const to = period('--to')
        const levelFlag = flags.get('--level')
        const level = typeof levelFlag === 'string' ? Number(levelFlag) : 5
        if (!Number.isInteger(level) || level < 1 || level > 5) throw new CliError(EXIT.USAGE, '--level is 1 to 5')
        await unlock()
        const client = await findClient()
        const tb = await call('reports:trialBalance', { clientId: client.id, from, to, level, showZero: false })
        const head = ['科目编码', '科目名称', '期初借方', '期初贷方', '本期借方', '本期贷方', '本年累计借方', '本年累计贷方', '期末借方', '期末贷方']
        const cells = (r: (typeof tb)['totals']) => [r.openingDebit, r.openingCredit, r.periodDebit, r.periodCredit, r.ytdDebit, r.ytdCredit, r.closingDebit, r.closingCredit].map(yuan)
        const rows = tb.rows.map((r) => [r.code, r.name, ...cells(r)])
        const total = ['', '合计', ...cells(tb.totals)]
        if (format === 'json') out(JSON.stringify({ client: { id: client.id, name: client.name, uscc: client.uscc }, ...tb }))
        else if (format === 'csv') {
          const esc = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)
          for (const r of [head, ...rows, total]) out(r.map(esc).join(','))
        } else {
          out(`${client.name}  科目余额表  ${tb.from} – ${tb.to}${tb.balanced ? '' : '  (NOT BALANCED)'}`)
          table(out, head, [...rows, total])
        }
        return tb.balanced ? EXIT.OK : EXIT.VERIFY_FAILED
      }
      case 'ledger check': {
        await unlock()
        const client = await findClient()
        const r = await call('ledger:check', { clientId: client.id })
        if (json) out(JSON.stringify(r))
        else if (r.ok) out(`${client.name}: balances match the posted lines.`)
        else {
          out(`${client.name}: ${r.differences.length} difference(s) between the balance table and the posted lines:`)
          table(out, ['ACCOUNT', 'PERIOD', 'AUX', 'TABLE', 'RECOMPUTED'], r.differences.map((d) => [d.accountCode, d.period, d.auxKey || '—', d.table, d.recomputed]))
        }
        return r.ok ? EXIT.OK : EXIT.VERIFY_FAILED
      }
      case 'vault verify': {
        await unlock()
        const client = await findClient()
        const r = await call('vault:verify', { clientId: client.id, jobId: randomUUID() })
        if (json) out(JSON.stringify(r))
        else {
          out(`${client.name}: ${r.checked} of ${r.total} document(s) checked; ${r.bad.length} bad or missing, ${r.orphans.length} orphan file(s).`)
          if (r.bad.length) table(out, ['DOCUMENT', 'NAME', 'PROBLEM'], r.bad.map((b) => [b.documentId, b.name, b.problem]))
          for (const o of r.orphans) out(`orphan: vault/${client.id}/${o}`)
        }
        return r.ok ? EXIT.OK : EXIT.VERIFY_FAILED
      }
      default:
        throw new CliError(EXIT.USAGE, `unknown command “${positional.join(' ')}”; see zhangfang --help`)
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`zhangfang: ${e.message}\n`)
      return e.exitCode
    }
    io.stderr.write(`zhangfang: INTERNAL: ${(e as Error).message}\n`)
    return EXIT.FAILED
  } finally {
    await core?.close()
  }
}

function table(out: (s: string) => void, head: string[], rows: string[][]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))))
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd()
  out(line(head))
  for (const r of rows) out(line(r))
}
