// Helpers for the vault's integration tests: scripted file dialogs (queues of answers), a fake folder
// watcher, one ledger world per file with extra clients (so tests share the Argon2 cost but not their
// documents), sample files on disk outside the data folder, and looks at the vault folder and the
// client's audit chain from outside the router.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { AppExtras } from '../helpers/harness'
import type { Dialogs, FolderWatcher } from '../../../src/main/ports'
import { USCC_CHARSET, usccCheckChar } from '../../../src/shared/ledger/uscc'
import { ledgerWorld, PASSWORDS, type LedgerWorld, type Who } from '../ledger/fixtures'

/** File dialogs that answer from queues; a dialog opened with nothing queued fails the call. */
export class ScriptedDialogs implements Dialogs {
  readonly files: string[][] = []
  readonly saves: (string | null)[] = []
  readonly folders: (string | null)[] = []
  async openFiles(): Promise<string[]> {
    const a = this.files.shift()
    if (a === undefined) throw new Error('test: an open dialog nobody expected')
    return a
  }
  async saveFile(): Promise<string | null> {
    if (this.saves.length === 0) throw new Error('test: a save dialog nobody expected')
    return this.saves.shift()!
  }
  async chooseFolder(): Promise<string | null> {
    if (this.folders.length === 0) throw new Error('test: a folder dialog nobody expected')
    return this.folders.shift()!
  }
  /** Answers not yet used (a refused call must not have opened its dialog). */
  get pending(): number {
    return this.files.length + this.saves.length + this.folders.length
  }
}

/** Records the folders the core watches; a test fires `changed(dir)` itself. */
export class FakeWatcher {
  readonly watched = new Map<string, () => void>()
  readonly watcher: FolderWatcher = (dir, onChange) => {
    this.watched.set(dir, onChange)
    return { close: () => void this.watched.delete(dir) }
  }
}

/** A valid 统一社会信用代码 that no other test uses. */
export function newUscc(): string {
  let body = '9133010'
  for (const b of randomBytes(10)) body += USCC_CHARSET[b % 10]
  return body + usccCheckChar(body)!
}

export interface VaultWorld extends LedgerWorld {
  dialogs: ScriptedDialogs
  watcher: FakeWatcher
  /** Clients created for this file besides the fixture's, each assigned to zhang and li. */
  extra: string[]
  /** Folder outside the data folder for source files, exports and inboxes. */
  scratch: string
  /** Switches to a world user, or to any username and password (e.g. an auditor made by a test). */
  login(who: Who | { username: string; password: string }): Promise<void>
  /** Writes a source file into a fresh folder of the scratch area; answers its absolute path. */
  put(name: string, bytes: Buffer): Promise<string>
  dispose(): Promise<void>
}

export async function vaultWorld(clients: number, extras: AppExtras = {}): Promise<VaultWorld> {
  const dialogs = new ScriptedDialogs()
  const watcher = new FakeWatcher()
  const w = await ledgerWorld({}, { dialogs, watcher: watcher.watcher, inboxSettleMs: 0, ...extras })
  const scratch = await mkdtemp(join(tmpdir(), 'zf-vault-src-'))
  let current = 'wang'
  const login: VaultWorld['login'] = async (who) => {
    const cred = typeof who === 'string' ? { username: who, password: PASSWORDS[who] } : who
    if (cred.username === current) return
    await w.app.must('session:lock', {})
    await w.app.must('session:unlock', cred)
    current = cred.username
  }
  await login('admin')
  const extra: string[] = []
  for (let i = 0; i < clients; i++) {
    const c = await w.app.must('clients:create', { name: `测试客户${i + 1}有限公司`, uscc: newUscc(), standard: 'small', firstPeriod: '2026-01', codingScheme: '4-2-2', voucherTypes: 'single' })
    await w.app.must('clients:assign', { clientId: c.id, userId: w.users.zhang })
    await w.app.must('clients:assign', { clientId: c.id, userId: w.users.li })
    extra.push(c.id)
  }
  return {
    ...w,
    as: (who) => login(who),
    login,
    dialogs,
    watcher,
    extra,
    scratch,
    put: async (name, bytes) => {
      const d = join(scratch, randomUUID())
      await mkdir(d)
      const p = join(d, name)
      await writeFile(p, bytes)
      return p
    },
    dispose: async () => {
      await w.app.dispose()
      await rm(scratch, { recursive: true, force: true })
    },
  }
}

export const jobId = () => randomUUID()

/** Names of the files in the client's vault folder (bodies, and any temporary or orphan file). */
export async function vaultFiles(dataDir: string, clientId: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'vault', clientId)).catch(() => [] as string[])).sort()
}

/** The client's audit chain, read through the session's open connection (the client must be open). */
export async function clientEvents(w: VaultWorld, clientId: string): Promise<{ action: string; target: string; outcome: string; details: string }[]> {
  // the first use of a client in a session opens (and audits) it: do that before reading
  if (!w.app.core.internals.auth.current?.clients.get(clientId)) await w.app.must('vault:status', { clientId })
  const open = w.app.core.internals.auth.current?.clients.get(clientId)
  expect(open, 'the client is open in this session').toBeDefined()
  return open!.db.all('SELECT action, target, outcome, details FROM audit_events ORDER BY seq')
}

/** Documents of a client, through the router (active ones unless asked). */
export async function docs(w: VaultWorld, clientId: string, status: 'active' | 'removed' = 'active') {
  return (await w.app.must('vault:list', { clientId, status })).documents
}
