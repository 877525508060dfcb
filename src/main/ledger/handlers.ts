// Contract calls of clients and their books → services. Every call naming a client goes through
// openClient (assignment check, audited refusal); reports are read and audited in one transaction.
import type { Session } from '../auth/session'
import type { Queryable } from '../db/connection'
import { AppError } from '../../shared/ipc/result'
import type { Handlers, HandlerContext } from '../ipc/router'
import { createAccount, getAccount, listAccounts, listAuxItems, createAuxItem, updateAccount } from './chart'
import { openClient } from './clientKeys'
import { assignClient, assignments, clientSummary, createClient, listClients, refreshClientStatus, unassignClient } from './clients'
import { readOpening, saveOpening } from './opening'
import { carryForward, closeChecks, closePeriod, listPeriods, reopenPeriod, yearEnd } from './periods'
import { auxBalance, checkBalances, detailLedger, generalLedger, journal, trialBalance } from './reports'
import {
  audit,
  deleteVoucher,
  getVoucher,
  listVouchers,
  periodIds,
  postVouchers,
  readMeta,
  renumberPeriod,
  reverseVoucher,
  reviewVouchers,
  saveVoucher,
  unreviewVouchers,
  type Ledger,
} from './vouchers'

type LedgerChannel = Extract<keyof Handlers, `clients:${string}` | `accounts:${string}` | `auxItems:${string}` | `opening:${string}` | `vouchers:${string}` | `periods:${string}` | `reports:${string}` | `ledger:${string}`>

export interface LedgerDeps {
  dataDir: string
  now: () => Date
}

function need(ctx: HandlerContext): Session {
  if (!ctx.session) throw new AppError('LOCKED', 'Zhangfang is locked.')
  return ctx.session
}

/** The client's books for one call of this session, after the assignment check. Errors: FORBIDDEN (audited), CORRUPT_DATA. */
export async function openLedger(s: Session, dataDir: string, clientId: string, now: Date): Promise<Ledger> {
  const open = await openClient(s, dataDir, clientId, now)
  return { db: open.db, meta: await readMeta(open.db), s, now }
}

export function createLedgerHandlers(deps: LedgerDeps): Pick<Handlers, LedgerChannel> {
  /** Opens the client's books for this call; `write` refreshes the client list's status afterwards. */
  const withLedger = async <T>(ctx: HandlerContext, clientId: string, fn: (L: Ledger) => Promise<T>, write = false): Promise<T> => {
    const s = need(ctx)
    const L = await openLedger(s, deps.dataDir, clientId, deps.now())
    const result = await fn(L)
    if (write) await refreshClientStatus(s, clientId, L.db)
    return result
  }
  /** A sensitive read: the report and its audit event in one transaction. */
  const report = <T>(ctx: HandlerContext, clientId: string, action: string, details: Record<string, string | number | boolean | null>, read: (L: Ledger, tx: Queryable) => Promise<T>) =>
    withLedger(ctx, clientId, (L) =>
      L.db.transaction(async (tx) => {
        const r = await read(L, tx)
        await audit(tx, L, action, `client:${clientId}`, details)
        return r
      }),
    )

  return {
    'clients:list': async (input, ctx) => ({ clients: await listClients(need(ctx), input.query) }),
    'clients:create': (input, ctx) => createClient(need(ctx), deps.dataDir, input, deps.now()),
    'clients:assignments': async (input, ctx) => {
      await clientSummary(need(ctx), input.clientId)
      return assignments(need(ctx), input.clientId)
    },
    'clients:assign': (input, ctx) => assignClient(need(ctx), input.clientId, input.userId, deps.now()),
    'clients:unassign': (input, ctx) => unassignClient(need(ctx), deps.dataDir, input.clientId, input.userId, deps.now()),

    'accounts:list': (input, ctx) => withLedger(ctx, input.clientId, async (L) => ({ accounts: await listAccounts(L.db) })),
    'accounts:create': (input, ctx) =>
      withLedger(ctx, input.clientId, (L) =>
        L.db.transaction(async (tx) => {
          const a = await createAccount(tx, L.meta.codingScheme, input, L.now)
          await audit(tx, L, 'account.created', `account:${a.code}`, { parent: input.parentCode, sensitive: a.sensitive })
          return a
        }),
      ),
    'accounts:update': (input, ctx) =>
      withLedger(ctx, input.clientId, (L) =>
        L.db.transaction(async (tx) => {
          const { before, after } = await updateAccount(tx, input)
          await audit(tx, L, 'account.changed', `account:${after.code}`, {
            renamed: before.name !== after.name,
            active: after.active,
            auxTypes: after.auxTypes.join(','),
            sensitive: after.sensitive,
          })
          return getAccount(tx, after.code)
        }),
      ),
    'auxItems:list': (input, ctx) => withLedger(ctx, input.clientId, async (L) => ({ items: await listAuxItems(L.db, input.type) })),
    'auxItems:create': (input, ctx) =>
      withLedger(ctx, input.clientId, (L) =>
        L.db.transaction(async (tx) => {
          const item = await createAuxItem(tx, input)
          await audit(tx, L, 'aux-item.created', `aux:${item.type}:${item.id}`, { sensitive: item.sensitive })
          return item
        }),
      ),
    'opening:get': (input, ctx) => withLedger(ctx, input.clientId, (L) => readOpening(L.db)),
    'opening:save': (input, ctx) => withLedger(ctx, input.clientId, (L) => saveOpening(L, input.rows), true),

    'vouchers:save': (input, ctx) => withLedger(ctx, input.clientId, (L) => saveVoucher(L, input), true),
    'vouchers:get': (input, ctx) => withLedger(ctx, input.clientId, (L) => getVoucher(L.db, input.id)),
    'vouchers:list': (input, ctx) => withLedger(ctx, input.clientId, (L) => listVouchers(L.db, input)),
    'vouchers:delete': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L) => {
        await deleteVoucher(L, input.id)
        return {}
      }, true),
    'vouchers:review': (input, ctx) => withLedger(ctx, input.clientId, (L) => reviewVouchers(L, input.ids), true),
    'vouchers:unreview': (input, ctx) => withLedger(ctx, input.clientId, (L) => unreviewVouchers(L, input.ids), true),
    'vouchers:post': (input, ctx) => withLedger(ctx, input.clientId, (L) => postVouchers(L, input.ids), true),
    'vouchers:reviewPeriod': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L) => {
        const ids = await periodIds(L.db, input.period, 'draft')
        return ids.length ? reviewVouchers(L, ids) : { done: [], refused: [] }
      }, true),
    'vouchers:postPeriod': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L) => {
        const ids = await periodIds(L.db, input.period, 'reviewed')
        return ids.length ? postVouchers(L, ids) : { done: [], refused: [] }
      }, true),
    'vouchers:reverse': (input, ctx) => withLedger(ctx, input.clientId, (L) => reverseVoucher(L, input.id, input.date), true),
    'vouchers:renumber': (input, ctx) => withLedger(ctx, input.clientId, async (L) => ({ renumbered: await renumberPeriod(L, input.period) }), true),

    'periods:list': (input, ctx) => withLedger(ctx, input.clientId, (L) => listPeriods(L.db, L.meta.firstPeriod)),
    'periods:carryForward': (input, ctx) => withLedger(ctx, input.clientId, (L) => carryForward(L, input.period), true),
    'periods:yearEnd': (input, ctx) => withLedger(ctx, input.clientId, (L) => yearEnd(L, input.period), true),
    'periods:checkClose': (input, ctx) => withLedger(ctx, input.clientId, async (L) => ({ checks: await closeChecks(L.db, L.meta.firstPeriod, input.period) })),
    'periods:close': (input, ctx) => withLedger(ctx, input.clientId, async (L) => ({ checks: await closePeriod(L, input.period) }), true),
    'periods:reopen': (input, ctx) =>
      withLedger(ctx, input.clientId, async (L) => {
        await reopenPeriod(L, input.period, input.reason)
        return {}
      }, true),

    'reports:trialBalance': (input, ctx) =>
      report(ctx, input.clientId, 'report.trial-balance', { from: input.from, to: input.to }, (L, tx) => trialBalance(tx, L.meta.firstPeriod, input)),
    'reports:detailLedger': (input, ctx) =>
      report(ctx, input.clientId, 'report.detail-ledger', { account: input.accountCode, from: input.from, to: input.to, offset: input.offset }, (L, tx) => detailLedger(tx, L.meta.firstPeriod, input)),
    'reports:generalLedger': (input, ctx) =>
      report(ctx, input.clientId, 'report.general-ledger', { account: input.accountCode, from: input.from, to: input.to }, (L, tx) => generalLedger(tx, L.meta.firstPeriod, input)),
    'reports:journal': (input, ctx) => report(ctx, input.clientId, 'report.journal', { from: input.from, to: input.to, offset: input.offset }, (_L, tx) => journal(tx, input)),
    'reports:auxBalance': (input, ctx) =>
      report(ctx, input.clientId, 'report.aux-balance', { account: input.accountCode, type: input.type, from: input.from, to: input.to }, (L, tx) => auxBalance(tx, L.meta.firstPeriod, input)),
    'ledger:check': (input, ctx) => report(ctx, input.clientId, 'ledger.checked', {}, (_L, tx) => checkBalances(tx)),
  }
}
