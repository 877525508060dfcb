// Contract calls of the document vault → services. Every call naming a client opens its books through
// the assignment check; main opens the file dialogs; long calls run as jobs with progress and cancel.
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { isInside } from '../paths'
import type { VaultStatus } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import type { DocumentCategory } from '../../shared/vault'
import { ACCEPTED_EXTENSIONS } from './types'
import { appendEvent } from '../audit/chain'
import type { Session } from '../auth/session'
import { readSettings } from '../auth/settings'
import type { HandlerContext, Handlers } from '../ipc/router'
import type { Jobs } from '../jobs'
import { openLedger } from '../ledger/handlers'
import type { Ledger } from '../ledger/vouchers'
import type { Dialogs } from '../ports'
import type { DropTokens } from './drops'
import type { Inboxes } from './inbox'
import { listDocuments } from './queries'
import {
  allowExports,
  exportDocument,
  ingest,
  openDocument,
  purgeDocument,
  removeDocument,
  restoreDocument,
  rotateVaultKey,
  updateDocument,
  vaultStatus,
  verifyVault,
  type ExportPolicy,
  type SourceFile,
} from './service'

type VaultChannel = Extract<keyof Handlers, `vault:${string}` | 'jobs:cancel'>

export interface VaultDeps {
  dataDir: string
  now: () => Date
  dialogs: Dialogs
  jobs: Jobs
  drops: DropTokens
  inboxes: Inboxes
  exportPolicy?: ExportPolicy
}

function need(ctx: HandlerContext): Session {
  if (!ctx.session) throw new AppError('LOCKED', 'Zhangfang is locked.')
  return ctx.session
}

export async function maxBytesOf(s: Session): Promise<number> {
  return (await readSettings(s.firmDb)).vaultMaxFileMb * 1024 * 1024
}

const FILTERS = [{ name: 'PDF, 图片, OFD, Excel, CSV', extensions: ACCEPTED_EXTENSIONS }]

export function createVaultHandlers(deps: VaultDeps): Pick<Handlers, VaultChannel> {
  const withLedger = async <T>(ctx: HandlerContext, clientId: string, fn: (L: Ledger, s: Session) => Promise<T>): Promise<T> => {
    const s = need(ctx)
    return fn(await openLedger(s, deps.dataDir, clientId, deps.now()), s)
  }

  const store = async (ctx: HandlerContext, input: { clientId: string; jobId: string; category?: DocumentCategory }, files: () => Promise<SourceFile[] | null>, source: 'dialog' | 'drop') =>
    withLedger(ctx, input.clientId, async (L, s) => {
      const chosen = await files()
      if (!chosen || chosen.length === 0) return { dialogCancelled: true, cancelled: false, added: [], duplicates: [], refused: [] }
      const maxBytes = await maxBytesOf(s)
      return deps.jobs.run(s.user.id, input.jobId, async (job) => (await ingest(L, deps.dataDir, chosen, { source, category: input.category, maxBytes, job })).outcome)
    })

  const inboxStatus = async (s: Session, clientId: string): Promise<VaultStatus['inbox']> => {
    const row = await s.firmDb.get<{ path: string }>('SELECT path FROM client_inboxes WHERE client_id = ?', [clientId])
    if (!row) return null
    const manager = s.info().permissions.includes('vault:manage')
    return { path: manager ? row.path : null, watching: deps.inboxes.watching(clientId) }
  }
  const status = async (L: Ledger, s: Session) => vaultStatus(L, await inboxStatus(s, L.meta.clientId), (await readSettings(s.firmDb)).vaultMaxFileMb)

  return {
    'jobs:cancel': async (input, ctx) => ({ cancelled: deps.jobs.cancel(need(ctx).user.id, input.jobId) }),

    'vault:addDocuments': (input, ctx) =>
      store(ctx, input, async () => (await deps.dialogs.openFiles({ title: '添加单据 Add documents', filters: FILTERS })).map((path) => ({ path, name: path.split(/[\\/]/).pop() ?? path })), 'dialog'),
    // the client check comes first: a call naming a client you do not hold answers FORBIDDEN, whatever the token
    'vault:addDropped': (input, ctx) =>
      store(
        ctx,
        input,
        async () => {
          const files = deps.drops.take(need(ctx).user.id, input.token)
          if (!files) throw new AppError('NOT_FOUND', 'Those dropped files are no longer available: drop them again.', { details: { hint: 'drop-expired' } })
          return files
        },
        'drop',
      ),
    'vault:list': (input, ctx) => withLedger(ctx, input.clientId, (L) => listDocuments(L.db, input)),
    'vault:update': (input, ctx) => withLedger(ctx, input.clientId, (L) => updateDocument(L, input.documentId, input)),
    'vault:open': (input, ctx) => withLedger(ctx, input.clientId, (L) => openDocument(L, deps.dataDir, input.documentId)),
    'vault:export': (input, ctx) =>
      withLedger(ctx, input.clientId, (L) =>
        exportDocument(L, deps.dataDir, input.documentId, (defaultName) => deps.dialogs.saveFile({ title: '导出单据 Export document', defaultName }), deps.exportPolicy ?? allowExports),
      ),
    'vault:remove': (input, ctx) => withLedger(ctx, input.clientId, (L) => removeDocument(L, input.documentId)),
    'vault:restore': (input, ctx) => withLedger(ctx, input.clientId, (L) => restoreDocument(L, input.documentId)),
    'vault:purge': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L) => {
        await purgeDocument(L, deps.dataDir, input.documentId)
        return {}
      }),
    'vault:status': (input, ctx) => withLedger(ctx, input.clientId, (L, s) => status(L, s)),
    'vault:verify': (input, ctx) => withLedger(ctx, input.clientId, (L, s) => deps.jobs.run(s.user.id, input.jobId, (job) => verifyVault(L, deps.dataDir, job))),
    'vault:rotateKey': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L, s) => {
        const r = await deps.jobs.run(s.user.id, input.jobId, (job) => rotateVaultKey(L, deps.dataDir, job))
        if (r.failed.length) {
          throw new AppError('CORRUPT_DATA', `${r.failed.length} document(s) could not be re-encrypted and stay under the old key: ${r.failed.map((f) => f.name).join(', ')}. ${r.failed[0].message}`, {
            details: { failed: r.failed.length, remaining: r.remaining, documentId: r.failed[0].documentId },
          })
        }
        return { keyVersion: r.keyVersion, reencrypted: r.reencrypted, remaining: r.remaining, cancelled: r.cancelled }
      }),
    'vault:chooseInbox': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L, s) => {
        const path = await deps.dialogs.chooseFolder({ title: '选择扫描收件夹 Choose the scanner inbox folder' })
        if (!path) return status(L, s)
        const st = await stat(path).catch(() => null)
        if (!st?.isDirectory()) throw new AppError('NOT_FOUND', 'That folder does not exist.')
        if (isInside(deps.dataDir, path) || isInside(path, deps.dataDir)) throw new AppError('CONFLICT', "The inbox cannot be inside Zhangfang's data folder, nor contain it.", { details: { hint: 'inbox-in-data-folder' } })
        const taken = await s.firmDb.get<{ client_id: string }>('SELECT client_id FROM client_inboxes WHERE path = ? AND client_id != ?', [resolve(path), input.clientId])
        if (taken) throw new AppError('CONFLICT', "That folder is another client's inbox already.", { details: { hint: 'inbox-taken' } })
        await s.firmDb.transaction(async (tx) => {
          await tx.run(
            'INSERT INTO client_inboxes (client_id, path, set_by, set_at) VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET path = excluded.path, set_by = excluded.set_by, set_at = excluded.set_at',
            [input.clientId, resolve(path), s.user.id, deps.now().toISOString()],
          )
          await appendEvent(tx, s.signer(), { ...s.actor(), action: 'inbox.set', target: `client:${input.clientId}`, outcome: 'ok', details: {}, at: deps.now() })
        })
        await deps.inboxes.start(s)
        return status(L, s)
      }),
    'vault:clearInbox': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L, s) => {
        await s.firmDb.transaction(async (tx) => {
          const r = await tx.run('DELETE FROM client_inboxes WHERE client_id = ?', [input.clientId])
          if (r.changes) await appendEvent(tx, s.signer(), { ...s.actor(), action: 'inbox.cleared', target: `client:${input.clientId}`, outcome: 'ok', details: {}, at: deps.now() })
        })
        await deps.inboxes.start(s)
        return status(L, s)
      }),
  }
}
