// A fake of the preload api's ledger areas for store tests: vi.fn calls answering plausible Results from a
// tiny in-memory chart and voucher list. Tests override single answers with mockResolvedValueOnce.
import { vi } from 'vitest'
import type { Api } from '../../../../src/preload/api'
import type { LedgerApi } from '../../../../src/renderer/src/ledger/stores/ledgerApi'
import type { Account, AuxItem, ClientSummary, DocumentSummary, Voucher, VoucherInput, VoucherSummary } from '../../../../src/shared/ipc/contract'
import { ok } from '../fakeApi'

export const CLIENT: ClientSummary = {
  id: '00000000-0000-4000-8000-00000000c001',
  name: '杭州示例科技有限公司',
  uscc: '91350100M000100Y43',
  standard: 'small',
  firstPeriod: '2026-01',
  codingScheme: '4-2-2',
  voucherTypes: 'single',
  currentPeriod: '2026-01',
  lastClosedPeriod: null,
  unpostedCount: 0,
  assignedToMe: true,
}

export const acct = (code: string, name: string, initials: string, extra: Partial<Account> = {}): Account => ({
  code,
  name,
  parentCode: code.length > 4 ? code.slice(0, code.length - 2) : null,
  level: code.length === 4 ? 1 : (code.length - 4) / 2 + 1,
  category: 'asset',
  direction: 'debit',
  pnlKind: null,
  isLeaf: true,
  active: true,
  auxTypes: [],
  sensitive: false,
  initials,
  hasPostings: false,
  ...extra,
})

export const ACCOUNTS: Account[] = [
  acct('1001', '库存现金', 'kcxj'),
  acct('1002', '银行存款', 'yhck'),
  acct('1122', '应收账款', 'yszk', { auxTypes: ['customer'] }),
  acct('2221', '应交税费', 'yjsf', { isLeaf: false, category: 'liability', direction: 'credit' }),
  acct('222101', '应交增值税', 'yjzzs', { isLeaf: false, category: 'liability', direction: 'credit' }),
  acct('22210107', '销项税额', 'xxse', { category: 'liability', direction: 'credit' }),
  acct('22210102', '销项税额抵减', 'xxsedj', { category: 'liability' }),
  acct('5001', '主营业务收入', 'zyywsr', { category: 'pnl', direction: 'credit', pnlKind: 'income' }),
  acct('5602', '管理费用', 'glfy', { isLeaf: false, category: 'pnl', pnlKind: 'expense' }),
  acct('560207', '办公费', 'bgf', { category: 'pnl', pnlKind: 'expense' }),
  acct('560299', '其他', 'qt', { category: 'pnl', pnlKind: 'expense', active: false }),
]

export const AUX: AuxItem[] = [
  { id: 1, type: 'customer', code: 'C01', name: '宁波甲公司', initials: 'nbjgs', sensitive: false, active: true },
  { id: 2, type: 'customer', code: 'C02', name: '温州乙公司', initials: 'wzygs', sensitive: false, active: true },
  { id: 3, type: 'customer', code: 'C03', name: '停用客户', initials: 'tykh', sensitive: false, active: false },
  { id: 4, type: 'supplier', code: 'S01', name: '宁波供应商', initials: 'nbgys', sensitive: false, active: true },
]

/** A document summary as main answers it. */
export const doc = (n: number, extra: Partial<DocumentSummary> = {}): DocumentSummary => ({
  id: `00000000-0000-4000-8000-0000000d${String(n).padStart(4, '0')}`,
  name: `发票_${n}.pdf`,
  type: 'pdf',
  size: 1000 * n,
  pages: 1,
  category: 'invoice',
  sensitivity: 'normal',
  tags: [],
  notes: '',
  source: 'dialog',
  addedBy: '李会计',
  addedAt: '2026-11-23T09:00:00.000Z',
  status: 'active',
  removedBy: null,
  removedAt: null,
  vouchers: [],
  ...extra,
})

const noAdd = { dialogCancelled: false, cancelled: false, added: [], duplicates: [], refused: [] }
const vaultStatus = { documents: 2, removed: 0, bytes: 3000, keyVersion: 1, rotation: null, inbox: null, maxFileMb: 50 }

const name = (code: string) => ACCOUNTS.find((a) => a.code === code)?.name ?? ''

/** The voucher main would answer for `input`, numbered `number`. */
export function voucherOf(input: VoucherInput, id: number, number: number, extra: Partial<Voucher> = {}): Voucher {
  return {
    id,
    period: input.date.slice(0, 7),
    type: input.type,
    number,
    date: input.date,
    attachments: input.attachments,
    attachmentsAuto: input.attachmentsAuto ?? false,
    documents: [],
    status: 'draft',
    kind: 'normal',
    reversesId: null,
    reversedById: null,
    total: input.lines.reduce((s, l) => s + l.debit, 0),
    preparer: { id: 'u2', name: '李会计', at: '2026-11-23T09:00:00.000Z' },
    reviewer: null,
    poster: null,
    lines: input.lines.map((l, i) => ({
      lineNo: i + 1,
      summary: l.summary,
      accountCode: l.accountCode,
      accountName: name(l.accountCode),
      debit: l.debit,
      credit: l.credit,
      aux: Object.entries(l.aux ?? {}).map(([type, auxId]) => ({ type: type as 'customer', id: auxId as number, name: AUX.find((a) => a.id === auxId)?.name ?? '' })),
    })),
    ...extra,
  }
}

export const summaryOf = (v: Voucher): VoucherSummary => ({
  id: v.id,
  period: v.period,
  type: v.type,
  number: v.number,
  date: v.date,
  attachments: v.attachments,
  status: v.status,
  kind: v.kind,
  total: v.total,
  summary: v.lines[0]?.summary ?? '',
  preparerName: v.preparer?.name ?? '',
  reviewerName: v.reviewer?.name ?? null,
  posterName: v.poster?.name ?? null,
})

export function createFakeLedgerApi() {
  const saved = new Map<number, Voucher>()
  let nextId = 1
  const api = {
    clients: {
      list: vi.fn<Api['clients']['list']>(async () => ok({ clients: [CLIENT] })),
      create: vi.fn<Api['clients']['create']>(async (i) => ok({ ...CLIENT, id: '00000000-0000-4000-8000-00000000c002', name: i.name, uscc: i.uscc, firstPeriod: i.firstPeriod, currentPeriod: i.firstPeriod })),
      assignments: vi.fn<Api['clients']['assignments']>(async () =>
        ok({ users: [{ userId: '00000000-0000-4000-8000-000000000002', username: 'li', displayName: '李会计', role: 'bookkeeper' as const, assigned: false }] }),
      ),
      assign: vi.fn<Api['clients']['assign']>(async ({ userId }) => ok({ users: [{ userId, username: 'li', displayName: '李会计', role: 'bookkeeper' as const, assigned: true }] })),
      unassign: vi.fn<Api['clients']['unassign']>(async ({ userId }) => ok({ users: [{ userId, username: 'li', displayName: '李会计', role: 'bookkeeper' as const, assigned: false }] })),
    },
    accounts: {
      list: vi.fn<Api['accounts']['list']>(async () => ok({ accounts: ACCOUNTS })),
      create: vi.fn<Api['accounts']['create']>(),
      update: vi.fn<Api['accounts']['update']>(),
    },
    auxItems: {
      list: vi.fn<Api['auxItems']['list']>(async () => ok({ items: AUX })),
      create: vi.fn<Api['auxItems']['create']>(),
    },
    opening: {
      get: vi.fn<Api['opening']['get']>(),
      save: vi.fn<Api['opening']['save']>(),
    },
    vouchers: {
      save: vi.fn<Api['vouchers']['save']>(async (input) => {
        const id = input.id ?? nextId++
        const v = voucherOf(input, id, saved.get(id)?.number ?? id)
        saved.set(id, v)
        return ok(v)
      }),
      get: vi.fn<Api['vouchers']['get']>(async ({ id }) => {
        const v = saved.get(id)
        return v ? ok(v) : { ok: false, error: { code: 'NOT_FOUND', message: 'No such voucher.' } }
      }),
      list: vi.fn<Api['vouchers']['list']>(async () => ok({ vouchers: [...saved.values()].map(summaryOf), total: saved.size })),
      delete: vi.fn<Api['vouchers']['delete']>(async ({ id }) => {
        saved.delete(id)
        return ok({})
      }),
      review: vi.fn<Api['vouchers']['review']>(async ({ ids }) => ok({ done: ids, refused: [] })),
      unreview: vi.fn<Api['vouchers']['unreview']>(async ({ ids }) => ok({ done: ids, refused: [] })),
      post: vi.fn<Api['vouchers']['post']>(async ({ ids }) => ok({ done: ids, refused: [] })),
      reviewPeriod: vi.fn<Api['vouchers']['reviewPeriod']>(async () => ok({ done: [...saved.keys()], refused: [] })),
      postPeriod: vi.fn<Api['vouchers']['postPeriod']>(async () => ok({ done: [...saved.keys()], refused: [] })),
      reverse: vi.fn<Api['vouchers']['reverse']>(async ({ id, date }) => {
        const v = saved.get(id)!
        const r = voucherOf(
          { clientId: CLIENT.id, type: v.type, date, attachments: 0, lines: v.lines.map((l) => ({ summary: `冲销 记-000${v.number}号凭证`, accountCode: l.accountCode, debit: -l.debit, credit: -l.credit })) },
          nextId,
          nextId,
          { kind: 'reversal', reversesId: id },
        )
        saved.set(nextId++, r)
        return ok(r)
      }),
      renumber: vi.fn<Api['vouchers']['renumber']>(async () => ok({ renumbered: 2 })),
    },
    periods: {
      list: vi.fn<Api['periods']['list']>(async () => ok({ periods: [{ period: '2026-01', status: 'open' as const, draft: 1, reviewed: 0, posted: 0 }], currentPeriod: '2026-01', lastClosedPeriod: null })),
      carryForward: vi.fn<Api['periods']['carryForward']>(async ({ period }) =>
        ok(voucherOf({ clientId: CLIENT.id, type: '记', date: `${period}-31`, attachments: 0, lines: [{ summary: '结转本期损益', accountCode: '5001', debit: 100_00, credit: 0 }, { summary: '结转本期损益', accountCode: '3103', debit: 0, credit: 100_00 }] }, 90, 4, { kind: 'carry-forward' })),
      ),
      yearEnd: vi.fn<Api['periods']['yearEnd']>(async () => ok(null)),
      checkClose: vi.fn<Api['periods']['checkClose']>(async () => ok({ checks: [{ id: 'previous-closed' as const, ok: true, detail: '' }, { id: 'all-posted' as const, ok: false, detail: '1 voucher(s) are not posted.' }] })),
      close: vi.fn<Api['periods']['close']>(async () => ok({ checks: [{ id: 'all-posted' as const, ok: true, detail: '' }] })),
      reopen: vi.fn<Api['periods']['reopen']>(async () => ok({})),
    },
    reports: {
      trialBalance: vi.fn<Api['reports']['trialBalance']>(async ({ from, to }) =>
        ok({
          from,
          to: to,
          rows: [{ code: '1001', name: '库存现金', level: 1, isLeaf: true, category: 'asset' as const, openingDebit: 0, openingCredit: 0, periodDebit: 100, periodCredit: 0, ytdDebit: 100, ytdCredit: 0, closingDebit: 100, closingCredit: 0 }],
          totals: { openingDebit: 0, openingCredit: 0, periodDebit: 100, periodCredit: 100, ytdDebit: 100, ytdCredit: 100, closingDebit: 100, closingCredit: 100 },
          balanced: true,
        }),
      ),
      detailLedger: vi.fn<Api['reports']['detailLedger']>(),
      generalLedger: vi.fn<Api['reports']['generalLedger']>(),
      journal: vi.fn<Api['reports']['journal']>(),
      auxBalance: vi.fn<Api['reports']['auxBalance']>(),
    },
    vault: {
      addDocuments: vi.fn<Api['vault']['addDocuments']>(async () => ok({ ...noAdd, added: [doc(1), doc(2)] })),
      addDropped: vi.fn<Api['vault']['addDropped']>(async () => ok({ ...noAdd, added: [doc(3)] })),
      list: vi.fn<Api['vault']['list']>(async () => ok({ documents: [doc(1), doc(2)], total: 2 })),
      update: vi.fn<Api['vault']['update']>(async ({ documentId, ...change }) => ok({ ...doc(1), id: documentId, ...change })),
      open: vi.fn<Api['vault']['open']>(async ({ documentId }) => ok({ document: { ...doc(1), id: documentId }, mime: 'application/pdf', bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]) })),
      export: vi.fn<Api['vault']['export']>(async () => ok({ saved: true, fileName: '发票_1.pdf' })),
      remove: vi.fn<Api['vault']['remove']>(async ({ documentId }) => ok({ ...doc(1), id: documentId, status: 'removed' as const, removedAt: '2026-11-23T10:00:00.000Z', removedBy: '李会计' })),
      restore: vi.fn<Api['vault']['restore']>(async ({ documentId }) => ok({ ...doc(1), id: documentId })),
      purge: vi.fn<Api['vault']['purge']>(async () => ok({})),
      status: vi.fn<Api['vault']['status']>(async () => ok(vaultStatus)),
      verify: vi.fn<Api['vault']['verify']>(async () => ok({ ok: true, cancelled: false, checked: 2, total: 2, bad: [], orphans: [] })),
      rotateKey: vi.fn<Api['vault']['rotateKey']>(async () => ok({ keyVersion: 2, reencrypted: 2, remaining: 0, cancelled: false })),
      chooseInbox: vi.fn<Api['vault']['chooseInbox']>(async () => ok({ ...vaultStatus, inbox: { path: '/scans/c001', watching: true } })),
      clearInbox: vi.fn<Api['vault']['clearInbox']>(async () => ok(vaultStatus)),
    },
    jobs: {
      cancel: vi.fn<Api['jobs']['cancel']>(async () => ok({ cancelled: true })),
    },
  } satisfies LedgerApi
  return { api, saved }
}
