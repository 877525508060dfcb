// First run: the wizard creates the firm and shows the recovery kit once; then unlock, idle auto-lock
// with the injected clock, unlock again; recovery with the kit.
import { test, expect, screenshot } from './harness/fixtures'
import { ADMIN, FIRM, MainPage, SetupPage, UnlockPage } from './pages/pages'

test('wizard with recovery kit → home → idle auto-lock → unlock', async ({ page, harness }, testInfo) => {
  await harness.open()
  const setup = new SetupPage(page)
  await expect(page.getByTestId('setup-firm-name')).toBeVisible()
  await screenshot(page, testInfo, 'setup-wizard')
  await setup.fillFirm()
  const kit = await setup.readKit()
  expect(kit).toHaveLength(10)
  for (const g of kit) expect(g).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/)
  await screenshot(page, testInfo, 'recovery-kit')
  // a wrong group is refused and nothing is created
  await page.getByTestId('recovery-saved').click()
  const inputs = page.locator('[data-testid^="recovery-confirm-"]')
  await expect(inputs).toHaveCount(2)
  await inputs.nth(0).fill('ZZZZ')
  await inputs.nth(1).fill('ZZZZ')
  await page.getByTestId('setup-finish').click()
  await expect(page.getByTestId('form-error')).toContainText('恢复码不正确')
  const state = await harness.core.handle({ origin: 'https://zhangfang.test', isMainFrame: true }, 'app:getState', {})
  expect(state).toEqual({ ok: true, value: { setUp: false, session: null } })
  // the right groups finish the setup
  for (let k = 0; k < 2; k++) {
    const id = await inputs.nth(k).getAttribute('data-testid')
    await inputs.nth(k).fill(kit[Number(id!.replace('recovery-confirm-', '')) - 1])
  }
  await page.getByTestId('setup-finish').click()
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName)
  await expect(page.getByTestId('page-home')).toContainText(FIRM)
  await screenshot(page, testInfo, 'home')

  // idle auto-lock: the injected clock moves past the default 10 minutes
  harness.clock.advance(10 * 60_000 + 1000)
  await harness.core.tick()
  const unlock = new UnlockPage(page)
  await unlock.expectShown()
  await expect(page.getByTestId('lock-reason')).toContainText('10 分钟无操作已自动锁定')
  await screenshot(page, testInfo, 'unlock-after-idle')
  await unlock.unlock(ADMIN.username, ADMIN.password)
  await expect(page.getByTestId('current-user')).toBeVisible()

  // Ctrl+L locks too
  await page.keyboard.press('Control+l')
  await unlock.expectShown()
  await expect(page.getByTestId('lock-reason')).toContainText('已手动锁定')
})

test('the recovery kit sets a new admin password', async ({ page, harness }) => {
  await harness.open()
  const setup = new SetupPage(page)
  const kit = await setup.createFirm()
  await new MainPage(page).lock()
  await page.getByTestId('unlock-use-recovery').click()
  await page.getByTestId('recover-username').fill(ADMIN.username)
  await page.getByTestId('recover-secret').fill('0000-1111-2222-3333-4444-5555-6666-7777-8888-9999')
  const fresh = 'Granite-Meadow-Compass-73'
  await page.getByTestId('recover-new-password').fill(fresh)
  await page.getByTestId('recover-new-password-confirm').fill(fresh)
  await page.getByTestId('recover-submit').click()
  await expect(page.getByTestId('unlock-error')).toContainText('恢复码不正确')
  await page.getByTestId('recover-secret').fill(kit.join(' ').toLowerCase())
  await page.getByTestId('recover-submit').click()
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName)
  await new MainPage(page).lock()
  const unlock = new UnlockPage(page)
  await unlock.unlock(ADMIN.username, ADMIN.password)
  await expect(unlock.error()).toContainText('用户名或密码错误')
  await unlock.unlock(ADMIN.username, fresh)
  await expect(page.getByTestId('current-user')).toBeVisible()
})
