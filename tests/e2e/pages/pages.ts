// Page objects for the e2e specs: they speak in user intents and select by data-testid.
import { expect, type Page } from '@playwright/test'

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'Ledger-Horse-Battery-42' }
export const FIRM = '示例代账有限公司'

export class SetupPage {
  constructor(readonly page: Page) {}

  async fillFirm(firm = FIRM, admin = ADMIN) {
    const p = this.page
    await p.getByTestId('setup-firm-name').fill(firm)
    await p.getByTestId('setup-username').fill(admin.username)
    await p.getByTestId('setup-display-name').fill(admin.displayName)
    await p.getByTestId('setup-password').fill(admin.password)
    await p.getByTestId('setup-password-confirm').fill(admin.password)
    await p.getByTestId('setup-next').click()
  }

  /** Reads the recovery kit off the screen, group by group. */
  async readKit(): Promise<string[]> {
    await expect(this.page.getByTestId('recovery-kit')).toBeVisible()
    const groups: string[] = []
    for (let i = 1; i <= 10; i++) groups.push((await this.page.getByTestId(`recovery-group-${i}`).innerText()).trim())
    return groups
  }

  async confirmKit(groups: string[]) {
    const p = this.page
    await p.getByTestId('recovery-saved').click()
    const inputs = p.locator('[data-testid^="recovery-confirm-"]')
    await expect(inputs.first()).toBeVisible()
    const count = await inputs.count()
    for (let k = 0; k < count; k++) {
      const id = await inputs.nth(k).getAttribute('data-testid')
      const n = Number(id!.replace('recovery-confirm-', ''))
      await inputs.nth(k).fill(groups[n - 1])
    }
    await p.getByTestId('setup-finish').click()
  }

  /** The whole wizard; answers the recovery kit groups. */
  async createFirm(): Promise<string[]> {
    await this.fillFirm()
    const kit = await this.readKit()
    await this.confirmKit(kit)
    await expect(this.page.getByTestId('current-user')).toBeVisible()
    return kit
  }
}

export class UnlockPage {
  constructor(readonly page: Page) {}

  async unlock(username: string, password: string) {
    await this.page.getByTestId('unlock-username').fill(username)
    await this.page.getByTestId('unlock-password').fill(password)
    await this.page.getByTestId('unlock-submit').click()
  }

  error() {
    return this.page.getByTestId('unlock-error')
  }

  async expectShown() {
    await expect(this.page.getByTestId('unlock-submit')).toBeVisible()
  }
}

export class MainPage {
  constructor(readonly page: Page) {}

  async goto(section: 'home' | 'users' | 'settings' | 'account') {
    await this.page.getByTestId(`nav-${section}`).click()
    await expect(this.page.getByTestId(`page-${section}`)).toBeVisible()
  }

  async lock() {
    await this.page.getByTestId('lock-button').click()
  }

  async createUser(u: { username: string; displayName: string; roleLabel: string; password: string }) {
    const p = this.page
    await p.getByTestId('users-create').click()
    await p.getByTestId('user-username').fill(u.username)
    await p.getByTestId('user-display-name').fill(u.displayName)
    await p.getByTestId('user-role').click()
    await p.locator('.ant-select-dropdown:visible').getByText(u.roleLabel, { exact: true }).click()
    await p.getByTestId('user-temp-password').fill(u.password)
    await p.getByTestId('user-create-submit').click()
    await expect(p.getByTestId(`user-row-${u.username}`)).toBeVisible()
  }
}

export class ChangePasswordForm {
  constructor(readonly page: Page) {}

  async change(current: string, next: string) {
    await this.page.getByTestId('cp-current').fill(current)
    await this.page.getByTestId('cp-new').fill(next)
    await this.page.getByTestId('cp-confirm').fill(next)
    await this.page.getByTestId('cp-submit').click()
  }
}
