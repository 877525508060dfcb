// Page objects for the bookkeeping screens (会计科目, 期初余额, 明细账, 总账, 序时账, 辅助核算) and a set-up of
// firm, staff and a client starting mid-year (2026-03) with no opening balances, straight through the core.
import { expect, type Locator, type Page } from '@playwright/test'
import type { Harness } from '../harness/fixtures'
import { ADMIN } from './pages'
import { CLIENT, must, STAFF } from './ledger'

export type BooksScreen = 'accounts' | 'opening' | 'detail-ledger' | 'general-ledger' | 'journal' | 'aux-balance'
const SCREEN_TESTID: Record<BooksScreen, string> = {
  accounts: 'accounts-page',
  opening: 'opening-page',
  'detail-ledger': 'detail-ledger',
  'general-ledger': 'general-ledger',
  journal: 'journal',
  'aux-balance': 'aux-balance',
}

/** A firm, 张主管 (supervisor) and 李会计 (bookkeeper) with their own passwords, and one client from 2026-03 assigned to both. Ends locked. */
export async function setUpBooks(harness: Harness): Promise<{ clientId: string }> {
  const kit = await must(harness, 'setup:begin', { firmName: '示例代账有限公司', adminUsername: ADMIN.username, adminDisplayName: ADMIN.displayName, password: ADMIN.password })
  await must(harness, 'setup:complete', { confirmation: kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1]) })
  const temp = 'Temporary-Pass-2026!'
  const ids: string[] = []
  for (const u of Object.values(STAFF)) ids.push((await must(harness, 'users:create', { username: u.username, displayName: u.displayName, role: u.role, temporaryPassword: temp })).id)
  const client = await must(harness, 'clients:create', { ...CLIENT, standard: 'small', firstPeriod: '2026-03', codingScheme: '4-2-2', voucherTypes: 'single' })
  for (const id of ids) await must(harness, 'clients:assign', { clientId: client.id, userId: id })
  for (const u of Object.values(STAFF)) {
    await must(harness, 'session:lock', {})
    await must(harness, 'session:unlock', { username: u.username, password: temp })
    await must(harness, 'session:changePassword', { currentPassword: temp, newPassword: u.password })
  }
  await must(harness, 'session:lock', {})
  return { clientId: client.id }
}

export class BooksPage {
  constructor(readonly page: Page) {}

  async go(screen: BooksScreen) {
    await this.page.getByTestId(`workspace-nav-${screen}`).click()
    await expect(this.page.getByTestId(SCREEN_TESTID[screen])).toBeVisible()
  }

  // ---- 会计科目
  accountRow(code: string): Locator {
    return this.page.getByTestId(`account-row-${code}`)
  }

  /** Selects `parent` (searching for it) and opens 新增下级科目. */
  async startChild(parent: string) {
    await this.page.getByTestId('accounts-search').locator('input').fill(parent)
    await this.accountRow(parent).click()
    await this.page.getByTestId('account-add-child').click()
    await expect(this.page.getByTestId('account-code')).toBeVisible()
  }

  async submitAccount(name: string) {
    await this.page.getByTestId('account-name').fill(name)
    await this.page.getByTestId('account-submit').click()
  }

  // ---- 期初余额
  async setOpening(code: string, field: 'input' | 'ytd-debit' | 'ytd-credit', amount: string) {
    const input = this.page.getByTestId(`opening-${field}-${code}`)
    await input.fill(amount)
    await input.press('Tab')
  }

  balanced(): Locator {
    return this.page.getByTestId('opening-balanced')
  }

  // ---- reports
  /** Chooses an account in a report's picker by typing its code. */
  async pickAccount(testId: 'dl-account' | 'gl-account' | 'ab-account', code: string) {
    const picker = this.page.getByTestId(testId)
    await picker.click()
    await picker.locator('input').fill(code)
    await this.page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${code} `) }).first().click()
    await expect(picker).toContainText(code)
    await this.page.keyboard.press('Tab')
  }

  dlRow(n: number): Locator {
    return this.page.getByTestId(`dl-row-${n}`)
  }
}
