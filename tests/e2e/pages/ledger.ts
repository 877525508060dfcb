// Page objects for the bookkeeping screens (clients, workspace, voucher entry and list, month end, trial
// balance), plus a fast set-up of firm, staff and client straight through the core. Select by data-testid.
import { expect, type Locator, type Page } from '@playwright/test'
import type { Harness } from '../harness/fixtures'
import { ORIGIN } from '../harness/fixtures'
import type { CallInput, CallOutput, Channel } from '../../../src/shared/ipc/contract'
import { ADMIN, UnlockPage } from './pages'

export const STAFF = {
  zhang: { username: 'zhang', displayName: '张主管', role: 'supervisor', password: 'Abacus-River-Lantern-99' },
  li: { username: 'li', displayName: '李会计', role: 'bookkeeper', password: 'Abacus-River-Lantern-88' },
} as const
export type Who = keyof typeof STAFF | 'admin'
export const CLIENT = { name: '杭州示例科技有限公司', uscc: '91350100M000100Y43' }

/** Calls the core as the app window would, failing the test with the error when refused. */
export async function must<C extends Channel>(harness: Harness, channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
  const r = await harness.core.handle({ origin: ORIGIN, isMainFrame: true }, channel, input)
  if (!r.ok) throw new Error(`${channel} refused: ${r.error.code} ${r.error.message}`)
  return r.value as CallOutput<C>
}

export interface LedgerWorld {
  clientId: string
  /** Unlocks the core as someone (the page then needs a reload to see it). */
  as(who: Who): Promise<void>
}

/**
 * A firm, a supervisor (张主管) and a bookkeeper (李会计) with their own passwords, and one client (小企业会计准则,
 * from 2026-01, 记 vouchers) assigned to both, with opening balances 1002 银行存款 / 3001 实收资本 50,000.00.
 * Ends locked, so the page opens on the unlock screen.
 */
export async function setUpLedger(harness: Harness, opts: { voucherTypes?: 'single' | 'three' } = {}): Promise<LedgerWorld> {
  const kit = await must(harness, 'setup:begin', { firmName: '示例代账有限公司', adminUsername: ADMIN.username, adminDisplayName: ADMIN.displayName, password: ADMIN.password })
  await must(harness, 'setup:complete', { confirmation: kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1]) })
  const temp = 'Temporary-Pass-2026!'
  const ids: Record<string, string> = {}
  for (const u of Object.values(STAFF)) {
    ids[u.username] = (await must(harness, 'users:create', { username: u.username, displayName: u.displayName, role: u.role, temporaryPassword: temp })).id
  }
  const client = await must(harness, 'clients:create', { ...CLIENT, standard: 'small', firstPeriod: '2026-01', codingScheme: '4-2-2', voucherTypes: opts.voucherTypes ?? 'single' })
  for (const id of Object.values(ids)) await must(harness, 'clients:assign', { clientId: client.id, userId: id })
  for (const u of Object.values(STAFF)) {
    await must(harness, 'session:lock', {})
    await must(harness, 'session:unlock', { username: u.username, password: temp })
    await must(harness, 'session:changePassword', { currentPassword: temp, newPassword: u.password })
  }
  await must(harness, 'opening:save', {
    clientId: client.id,
    rows: [
      { accountCode: '1002', balance: 5_000_000, ytdDebit: 0, ytdCredit: 0 },
      { accountCode: '3001', balance: 5_000_000, ytdDebit: 0, ytdCredit: 0 },
    ],
  })
  await must(harness, 'session:lock', {})
  return {
    clientId: client.id,
    as: async (who) => {
      // answers LOCKED when no one is signed in: either way the core ends locked
      await harness.core.handle({ origin: ORIGIN, isMainFrame: true }, 'session:lock', {})
      const password = who === 'admin' ? ADMIN.password : STAFF[who].password
      await must(harness, 'session:unlock', { username: who === 'admin' ? ADMIN.username : STAFF[who].username, password })
    },
  }
}

/** Signs in through the unlock screen (locking first when someone is signed in). */
export async function signIn(page: Page, who: Who): Promise<void> {
  const lock = page.getByTestId('lock-button')
  if (await lock.isVisible().catch(() => false)) await lock.click()
  const unlock = new UnlockPage(page)
  await unlock.expectShown()
  const u = who === 'admin' ? ADMIN : STAFF[who]
  await unlock.unlock(u.username, u.password)
  await expect(page.getByTestId('current-user')).toContainText(u.displayName)
}

export class ClientsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.getByTestId('nav-clients').click()
    await expect(this.page.getByTestId('page-clients')).toBeVisible()
  }

  row(uscc: string): Locator {
    return this.page.getByTestId(`client-row-${uscc}`)
  }

  async search(text: string) {
    // antd puts the test id on the <input> itself or on its wrapper, depending on the version
    await this.page.locator('input[data-testid="clients-search"], [data-testid="clients-search"] input').first().fill(text)
  }

  async open(uscc: string) {
    await this.page.getByTestId(`client-open-${uscc}`).click()
    await expect(this.page.getByTestId('workspace')).toBeVisible()
  }

  /** From anywhere: the client list, the client's books, then its 单据 screen. */
  async openDocuments(uscc: string) {
    await this.goto()
    await this.open(uscc)
    await this.page.getByTestId('workspace-nav-documents').click()
  }

  /** Fills the 新建账套 form; the USCC live check can be read before submitting. */
  async fillCreate(c: { name: string; uscc: string; standardLabel?: string; firstPeriod?: string; threeTypes?: boolean }) {
    const p = this.page
    await p.getByTestId('clients-create').click()
    await p.getByTestId('client-name').fill(c.name)
    await p.getByTestId('client-uscc').fill(c.uscc)
    if (c.standardLabel) await p.getByTestId('client-standard').getByText(c.standardLabel, { exact: true }).click()
    if (c.firstPeriod) {
      const input = p.getByTestId('client-first-period')
      await input.click()
      await input.fill(c.firstPeriod)
      await input.press('Enter')
    }
    if (c.threeTypes) await p.getByTestId('client-voucher-types').locator('input[value="three"]').check()
  }

  async submitCreate() {
    await this.page.getByTestId('client-create-submit').click()
  }
}

export class WorkspacePage {
  constructor(readonly page: Page) {}

  async go(screen: 'entry' | 'vouchers' | 'periods' | 'trial-balance') {
    await this.page.getByTestId(`workspace-nav-${screen}`).click()
    const testId = { entry: 'voucher-editor', vouchers: 'voucher-list', periods: 'periods-page', 'trial-balance': 'trial-balance' }[screen]
    await expect(this.page.getByTestId(testId)).toBeVisible()
  }

  currentPeriod(): Locator {
    return this.page.getByTestId('workspace-current-period')
  }
}

export interface KeyLine {
  /** Typed into 摘要; undefined keeps what is there (the copied 摘要 of the line above). */
  summary?: string
  /** Typed into 会计科目: code, name or pinyin initials; the first match is taken with Enter. */
  account: string
  /** Typed into 借方 / 贷方; '=' asks for the balancing amount. */
  debit?: string
  credit?: string
}

export class VoucherEditorPage {
  constructor(readonly page: Page) {}

  cell(line: number, col: 'summary' | 'account' | 'debit' | 'credit'): Locator {
    return this.page.getByTestId(`line-${line}-${col}`)
  }

  /**
   * Types lines with the keyboard only, starting with the cursor in `from`'s 摘要: each cell's text, then
   * Enter, which walks 摘要 → 科目 → 借方 → 贷方 → next line. Checks the cursor lands where it should.
   */
  async typeLines(lines: KeyLine[], from = 1) {
    const kb = this.page.keyboard
    for (let i = 0; i < lines.length; i++) {
      const n = from + i
      const l = lines[i]
      await expect(this.cell(n, 'summary')).toBeFocused()
      if (l.summary !== undefined) await kb.type(l.summary)
      await kb.press('Enter')
      await expect(this.cell(n, 'account')).toBeFocused()
      await kb.type(l.account)
      await expect(this.page.getByRole('option').first()).toBeVisible()
      await kb.press('Enter')
      await expect(this.cell(n, 'debit')).toBeFocused()
      if (l.debit) await kb.type(l.debit)
      await kb.press('Enter')
      await expect(this.cell(n, 'credit')).toBeFocused()
      if (l.credit) await kb.type(l.credit)
      await kb.press('Enter')
    }
    await expect(this.cell(from + lines.length, 'summary')).toBeFocused()
  }

  async save() {
    await this.page.keyboard.press('Control+s')
  }

  async newVoucher() {
    await this.page.keyboard.press('Control+n')
    await expect(this.page.getByTestId('voucher-number')).toHaveText(/保存后编号|Numbered on save/)
    await expect(this.cell(1, 'summary')).toBeFocused()
  }

  number(): Locator {
    return this.page.getByTestId('voucher-number')
  }

  error(): Locator {
    return this.page.getByTestId('voucher-error')
  }

  async setDate(date: string) {
    const input = this.page.getByTestId('voucher-date')
    await input.click()
    await input.fill(date)
    await input.press('Enter')
  }
}

export class VoucherListPage {
  constructor(readonly page: Page) {}

  row(label: string): Locator {
    return this.page.getByTestId(`voucher-row-${label}`)
  }

  async select(label: string) {
    await this.row(label).locator('input[type="checkbox"]').check()
  }

  /** Runs a period-wide batch (全部审核 / 全部记账) and answers the summary dialog. */
  async batchPeriod(which: 'review-all' | 'post-all'): Promise<Locator> {
    await this.page.getByTestId(`vouchers-${which}`).click()
    await this.page.getByTestId('batch-confirm').click()
    const summary = this.page.getByTestId('batch-summary')
    await expect(summary).toBeVisible()
    return summary
  }

  async batchSelected(which: 'review-selected' | 'post-selected' | 'unreview-selected'): Promise<Locator> {
    await this.page.getByTestId(`vouchers-${which}`).click()
    const summary = this.page.getByTestId('batch-summary')
    await expect(summary).toBeVisible()
    // the harness asks for reduced motion and the app follows it: the dialog is not zooming in under the click
    await expect(this.page.locator('.ant-zoom-appear, .ant-zoom-enter'), 'no dialog animation under reduced motion').toHaveCount(0, { timeout: 100 })
    return summary
  }

  async closeSummary() {
    await this.page.getByTestId('batch-summary-close').click()
    await expect(this.page.getByTestId('batch-summary')).toBeHidden()
  }
}

export class PeriodsPage {
  constructor(readonly page: Page) {}

  row(period: string): Locator {
    return this.page.getByTestId(`period-row-${period}`)
  }

  async carryForward(): Promise<Locator> {
    await this.page.getByTestId('period-carry-forward').click()
    const done = this.page.getByTestId('period-generated')
    await expect(done).toBeVisible()
    return done
  }

  async check(): Promise<Locator> {
    await this.page.getByTestId('period-check').click()
    const checks = this.page.getByTestId('close-checks')
    await expect(checks).toBeVisible()
    return checks
  }

  async close() {
    await this.page.getByTestId('period-close').click()
    await this.page.getByTestId('period-close-confirm').click()
  }
}

export class TrialBalancePage {
  constructor(readonly page: Page) {}

  row(code: string): Locator {
    return this.page.getByTestId(`tb-row-${code}`)
  }

  /** The amounts of a row as shown (blank cells as ''), in column order: opening D/C, period D/C, ytd D/C, closing D/C. */
  async amounts(code: string): Promise<string[]> {
    const cells = this.row(code).locator('td')
    const texts = await cells.allInnerTexts()
    return texts.slice(2).map((s) => s.trim())
  }

  total(key: 'openingDebit' | 'openingCredit' | 'periodDebit' | 'periodCredit' | 'ytdDebit' | 'ytdCredit' | 'closingDebit' | 'closingCredit'): Locator {
    return this.page.getByTestId(`tb-total-${key}`)
  }
}
