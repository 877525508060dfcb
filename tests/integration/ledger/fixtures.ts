// A firm with a supervisor, two bookkeepers and one client (assigned to the supervisor and the first
// bookkeeper), all passwords changed, for ledger tests through the router.
import { startWithFirm, type AppExtras, type TestApp, ADMIN } from '../helpers/harness'
import type { CallInput } from '../../../src/shared/ipc/contract'

export const PASSWORDS = { admin: ADMIN.password, zhang: 'Abacus-River-Lantern-99', li: 'Abacus-River-Lantern-88', wang: 'Abacus-River-Lantern-77' }
export type Who = keyof typeof PASSWORDS
export const USCC = '91350100M000100Y43'

export interface LedgerWorld {
  app: TestApp
  clientId: string
  users: Record<Who, string>
  as(who: Who): Promise<void>
}

export async function ledgerWorld(client: Partial<CallInput<'clients:create'>> = {}, extras: AppExtras = {}): Promise<LedgerWorld> {
  const { app, session } = await startWithFirm(extras)
  const temp = 'Temporary-Pass-2026!'
  const zhang = await app.must('users:create', { username: 'zhang', displayName: '张主管', role: 'supervisor', temporaryPassword: temp })
  const li = await app.must('users:create', { username: 'li', displayName: '李会计', role: 'bookkeeper', temporaryPassword: temp })
  const wang = await app.must('users:create', { username: 'wang', displayName: '王会计', role: 'bookkeeper', temporaryPassword: temp })
  const c = await app.must('clients:create', { name: '杭州示例科技有限公司', uscc: USCC, standard: 'small', firstPeriod: '2026-01', codingScheme: '4-2-2', voucherTypes: 'single', ...client })
  await app.must('clients:assign', { clientId: c.id, userId: zhang.id })
  await app.must('clients:assign', { clientId: c.id, userId: li.id })
  for (const who of ['zhang', 'li', 'wang'] as const) {
    await app.must('session:lock', {})
    await app.must('session:unlock', { username: who, password: temp })
    await app.must('session:changePassword', { currentPassword: temp, newPassword: PASSWORDS[who] })
  }
  let current: Who = 'wang'
  return {
    app,
    clientId: c.id,
    users: { admin: session.userId, zhang: zhang.id, li: li.id, wang: wang.id },
    as: async (who) => {
      if (who === current) return
      await app.must('session:lock', {})
      await app.must('session:unlock', { username: who, password: PASSWORDS[who] })
      current = who
    },
  }
}

export const line = (accountCode: string, debit: number, credit: number, summary = '业务') => ({ summary, accountCode, debit, credit })
