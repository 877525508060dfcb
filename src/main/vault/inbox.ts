// Watched scanner folders (收件夹): while someone who holds a client and may add documents (or an admin) is
// unlocked, new files in that client's inbox folder are encrypted into its vault, the encrypted copy is
// verified, and only then is the plaintext original deleted. A file refused (type, size, content) moves to `rejected/` beside it; one that
// could not be read stays for the next scan.
// Crash-safe by order: original → verified encrypted copy + index → original deleted. A rescan that finds an
// original whose content is already stored verifies that copy and deletes the original.
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises'
import { extname, join, basename } from 'node:path'
import { ROLE_PERMISSIONS } from '../../shared/ipc/contract'
import type { Logger } from '../auth/service'
import type { Session } from '../auth/session'
import { canAccess } from '../ledger/clientKeys'
import { audit, type Ledger } from '../ledger/vouchers'
import type { FolderWatcher } from '../ports'
import { bodyPath } from './bodies'
import { readBody } from './format'
import { loadVaultKeys } from './queries'
import { ingest, type SourceFile } from './service'

export const REJECTED_DIR = 'rejected'

export interface InboxDeps {
  dataDir: string
  watcher: FolderWatcher
  log: Logger
  openLedger(s: Session, clientId: string): Promise<Ledger>
  maxBytes(s: Session): Promise<number>
  onChanged(clientId: string, added: number, refused: number): void
  /** How long a file's size and time must stay still before it counts as completely written. */
  settleMs: number
  /** Test seam: runs just before an original is deleted (a crash there must lose nothing). */
  beforeDeleteOriginal?: (path: string) => void | Promise<void>
}

export interface ScanResult {
  added: number
  duplicates: number
  refused: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const skipped = (name: string) => name.startsWith('.') || name.startsWith('~$') || /\.(part|tmp|crdownload|download)$/i.test(name)

export class Inboxes {
  private session: Session | null = null
  private readonly watchers = new Map<string, { close(): void }>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly scans = new Map<string, Promise<ScanResult>>()
  private readonly again = new Set<string>()

  constructor(private readonly deps: InboxDeps) {}

  /** Starts watching the inboxes of every client the session holds, and scans each once. */
  async start(s: Session): Promise<void> {
    await this.stop()
    // documents come in under the session's name: only someone who may add them (or an admin) takes them in
    if (s.user.role !== 'admin' && !ROLE_PERMISSIONS[s.user.role].includes('ledger:write')) return
    this.session = s
    const rows = await s.firmDb.all<{ client_id: string; path: string }>('SELECT client_id, path FROM client_inboxes')
    for (const r of rows) {
      if (!(await canAccess(s.firmDb, s.user.id, s.user.role, r.client_id))) continue
      try {
        this.watchers.set(r.client_id, this.deps.watcher(r.path, () => this.schedule(r.client_id)))
        this.schedule(r.client_id)
      } catch (e) {
        this.deps.log.warn('an inbox folder cannot be watched', { client: r.client_id, error: (e as Error).message })
      }
    }
  }

  /** Stops watching and waits for scans under way. */
  async stop(): Promise<void> {
    this.session = null
    for (const w of this.watchers.values()) w.close()
    this.watchers.clear()
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    await Promise.allSettled([...this.scans.values()])
  }

  watching(clientId: string): boolean {
    return this.watchers.has(clientId)
  }

  private schedule(clientId: string): void {
    if (!this.session || this.timers.has(clientId)) return
    this.timers.set(
      clientId,
      setTimeout(() => {
        this.timers.delete(clientId)
        void this.scan(clientId).catch((e: unknown) => this.deps.log.warn('inbox scan failed', { client: clientId, error: String(e) }))
      }, 50),
    )
  }

  /** Scans a client's inbox now (serialised per client; a change during a scan triggers one more). */
  scan(clientId: string): Promise<ScanResult> {
    const running = this.scans.get(clientId)
    if (running) {
      this.again.add(clientId)
      return running
    }
    const p = this.scanOnce(clientId).finally(() => {
      this.scans.delete(clientId)
      if (this.again.delete(clientId)) this.schedule(clientId)
    })
    this.scans.set(clientId, p)
    return p
  }

  private async scanOnce(clientId: string): Promise<ScanResult> {
    const result: ScanResult = { added: 0, duplicates: 0, refused: 0 }
    const s = this.session
    if (!s || s.isDestroyed) return result
    const row = await s.firmDb.get<{ path: string }>('SELECT path FROM client_inboxes WHERE client_id = ?', [clientId])
    if (!row) return result
    const entries = await readdir(row.path, { withFileTypes: true }).catch(() => [])
    const candidates = entries.filter((e) => e.isFile() && !skipped(e.name)).map((e) => join(row.path, e.name))
    if (candidates.length === 0) return result
    const first = new Map(await Promise.all(candidates.map(async (p) => [p, await stat(p).catch(() => null)] as const)))
    if (this.deps.settleMs > 0) await sleep(this.deps.settleMs)
    const files: SourceFile[] = []
    for (const p of candidates) {
      const a = first.get(p)
      const b = await stat(p).catch(() => null)
      // still being written by the scanner: the next change event brings it back
      if (a && b && a.size === b.size && a.mtimeMs === b.mtimeMs) files.push({ path: p, name: basename(p) })
    }
    if (files.length === 0 || this.session !== s) return result
    const L = await this.deps.openLedger(s, clientId)
    const { files: outcomes } = await ingest(L, this.deps.dataDir, files, { source: 'inbox', maxBytes: await this.deps.maxBytes(s), verify: true })
    for (const o of outcomes) {
      if (o.kind === 'added') {
        await this.deleteOriginal(o.file.path)
        result.added++
      } else if (o.kind === 'duplicate') {
        // stored before (perhaps by a scan that stopped before deleting): delete only after checking that copy
        if (await this.verified(L, o.existing.id)) await this.deleteOriginal(o.file.path)
        result.duplicates++
      } else if (o.reason === 'unreadable') {
        // it may still be being written, or was moved meanwhile: left where it is for the next scan
        result.refused++
      } else {
        await this.reject(row.path, o.file.path)
        await L.db.transaction((tx) => audit(tx, L, 'document.refused', `inbox:${clientId}`, { reason: o.reason, source: 'inbox', type: extname(o.file.name).slice(1, 10).toLowerCase() }, 'denied'))
        result.refused++
      }
    }
    if (result.added || result.refused) this.deps.onChanged(clientId, result.added, result.refused)
    return result
  }

  private async verified(L: Ledger, documentId: string): Promise<boolean> {
    const row = await L.db.get<{ sha256: string }>('SELECT sha256 FROM documents WHERE id = ?', [documentId])
    if (!row) return false
    const keys = await loadVaultKeys(L.db)
    try {
      const r = await readBody(bodyPath(this.deps.dataDir, L.meta.clientId, documentId), keys.lookup, { clientId: L.meta.clientId, documentId }, () => undefined)
      return r.sha256 === row.sha256
    } catch {
      return false
    } finally {
      keys.dispose()
    }
  }

  private async deleteOriginal(path: string): Promise<void> {
    await this.deps.beforeDeleteOriginal?.(path)
    await unlink(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e
    })
  }

  private async reject(inbox: string, path: string): Promise<void> {
    const dir = join(inbox, REJECTED_DIR)
    await mkdir(dir, { recursive: true })
    const name = basename(path)
    let dest = join(dir, name)
    for (let i = 1; await stat(dest).then(() => true, () => false); i++) {
      const ext = extname(name)
      dest = join(dir, `${name.slice(0, name.length - ext.length)} (${i})${ext}`)
    }
    await rename(path, dest)
  }
}
