// Property: after any sequence of saves, reviews, posts, unreviews, deletions and reversals by two people,
// the balance table equals a recomputation from the posted lines, and the trial balance balances.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type TestApp } from '../helpers/harness'
import { line, ledgerWorld, PASSWORDS, type LedgerWorld } from './fixtures'

let w: LedgerWorld
let sup: TestApp
beforeAll(async () => {
  w = await ledgerWorld()
  await w.as('li')
  // a second app on the same data folder, unlocked by the supervisor: two people at two windows
  sup = await startApp(w.app.dataDir)
  await sup.must('session:unlock', { username: 'zhang', password: PASSWORDS.zhang })
}, 120_000)
afterAll(async () => {
  await sup?.core.close()
  await w?.app.dispose()
})

const ACCOUNTS = ['1001', '1002', '5001', '560201', '22210102', '1403']
type Op =
  | { kind: 'save'; day: number; debit: string; credit: string; amount: number }
  | { kind: 'review' | 'post' | 'unreview' | 'delete' | 'reverse'; pick: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('save' as const), day: fc.integer({ min: 1, max: 28 }), debit: fc.constantFrom(...ACCOUNTS), credit: fc.constantFrom(...ACCOUNTS), amount: fc.integer({ min: -50_000, max: 5_000_000 }).filter((x) => x !== 0) }),
  fc.record({ kind: fc.constantFrom('review' as const, 'post' as const, 'unreview' as const, 'delete' as const, 'reverse' as const), pick: fc.nat(50) }),
)

describe('balance table consistency', () => {
  it('equals a recomputation from posted lines after random operation sequences', async () => {
    const clientId = w.clientId
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const ids = (await w.app.must('vouchers:list', { clientId, limit: 1000 })).vouchers
          const pickOf = (status: string, n: number) => {
            const c = ids.filter((v) => v.status === status)
            return c.length ? c[n % c.length].id : null
          }
          if (o.kind === 'save') {
            await w.app.must('vouchers:save', { clientId, type: '记', date: `2026-01-${String(o.day).padStart(2, '0')}`, attachments: 0, lines: [line(o.debit, o.amount, 0), line(o.credit, 0, o.amount)] })
          } else if (o.kind === 'delete') {
            const id = pickOf('draft', o.pick)
            if (id) await w.app.must('vouchers:delete', { clientId, id })
          } else if (o.kind === 'reverse') {
            const id = pickOf('posted', o.pick)
            if (id) await w.app.call('vouchers:reverse', { clientId, id, date: '2026-01-28' })
          } else {
            const id = pickOf(o.kind === 'review' ? 'draft' : 'reviewed', o.pick)
            if (id) await sup.must(o.kind === 'review' ? 'vouchers:review' : o.kind === 'post' ? 'vouchers:post' : 'vouchers:unreview', { clientId, ids: [id] })
          }
        }
        const check = await sup.must('ledger:check', { clientId })
        expect(check).toEqual({ ok: true, differences: [] })
        const tb = await sup.must('reports:trialBalance', { clientId, from: '2026-01', to: '2026-01' })
        expect(tb.balanced).toBe(true)
      }),
      { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 25) },
    )
    // the sequences really exercised the workflow
    const all = (await sup.must('vouchers:list', { clientId, limit: 1000 })).vouchers
    expect(all.filter((v) => v.status === 'posted').length).toBeGreaterThan(0)
    expect(all.some((v) => v.kind === 'reversal')).toBe(true)
  }, 300_000)
})
