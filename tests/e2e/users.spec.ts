// The admin creates a bookkeeper, who must replace the temporary password at first unlock; a disabled
// user cannot unlock. Screens: users, forced password change, settings, account.
import { test, expect, screenshot } from './harness/fixtures'
import { firmViaCore } from './harness/setup'
import { ADMIN, ChangePasswordForm, FIRM, MainPage, UnlockPage } from './pages/pages'

const TEMP = 'Temporary-Pass-2026!'
const OWN = 'Abacus-River-Lantern-88'

test('admin creates a bookkeeper who must change the temporary password', async ({ page, harness }, testInfo) => {
  await firmViaCore(harness.core, ADMIN, FIRM)
  await harness.open()
  const unlock = new UnlockPage(page)
  await unlock.unlock(ADMIN.username, ADMIN.password)
  const main = new MainPage(page)
  await main.goto('users')
  await main.createUser({ username: 'li.kuaiji', displayName: '李会计', roleLabel: '记账会计', password: TEMP })
  await expect(page.getByTestId('user-row-li.kuaiji')).toContainText('李会计')
  await screenshot(page, testInfo, 'users')
  await main.goto('settings')
  await screenshot(page, testInfo, 'settings')
  await main.goto('account')
  await screenshot(page, testInfo, 'account')
  await main.lock()

  await unlock.unlock('li.kuaiji', TEMP)
  await expect(page.getByTestId('cp-submit')).toBeVisible()
  await screenshot(page, testInfo, 'forced-password-change')
  const form = new ChangePasswordForm(page)
  // the policy is explained: too short and containing the username
  await form.change(TEMP, 'li.kuaiji1')
  await expect(page.getByTestId('password-feedback')).toBeVisible()
  // main's refusal arrives (the submit button is busy until then) and names every rule broken
  const refusal = page.getByTestId('form-error')
  await expect(refusal).toContainText('密码不符合安全要求')
  await expect(refusal).toContainText('至少需要 12 个字符')
  await expect(refusal).toContainText('不能包含用户名')
  await expect(page.getByTestId('cp-submit')).not.toHaveClass(/ant-btn-loading/)
  await form.change(TEMP, OWN)
  await expect(refusal).toHaveCount(0)
  await expect(page.getByTestId('current-user')).toContainText('李会计')
  // a bookkeeper sees no admin pages
  await expect(page.getByTestId('nav-users')).toHaveCount(0)
  await expect(page.getByTestId('nav-settings')).toHaveCount(0)
  await main.lock()
  await unlock.unlock('li.kuaiji', TEMP)
  await expect(unlock.error()).toContainText('用户名或密码错误')
  await unlock.unlock('li.kuaiji', OWN)
  await expect(page.getByTestId('current-user')).toBeVisible()
})

test('a disabled user cannot unlock; the admin sets the idle lock', async ({ page, harness }) => {
  await firmViaCore(harness.core, ADMIN, FIRM)
  await harness.open()
  const unlock = new UnlockPage(page)
  await unlock.unlock(ADMIN.username, ADMIN.password)
  const main = new MainPage(page)
  await main.goto('users')
  await main.createUser({ username: 'zhao', displayName: '赵审计', roleLabel: '审计', password: TEMP })
  await page.getByTestId('user-disable-zhao').click()
  await page.getByRole('button', { name: /确\s*定/ }).click()
  await expect(page.getByTestId('user-row-zhao')).toContainText('已停用')
  await main.goto('settings')
  await page.getByTestId('settings-idle-minutes').fill('3')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
  harness.clock.advance(3 * 60_000 + 1000)
  await harness.core.tick()
  await expect(page.getByTestId('lock-reason')).toContainText('3 分钟')
  await unlock.unlock('zhao', TEMP)
  await expect(unlock.error()).toContainText('停用')
})

test('language switch to English and back, remembered across reloads', async ({ page, harness }, testInfo) => {
  await firmViaCore(harness.core, ADMIN, FIRM)
  await harness.open()
  await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password)
  await expect(page.getByTestId('nav-home')).toHaveText('首页')
  await page.getByTestId('lang-switch').click()
  await expect(page.getByTestId('nav-home')).toHaveText('Home')
  await expect(page.getByTestId('nav-users')).toHaveText('Users')
  await screenshot(page, testInfo, 'home-en')
  await page.reload()
  // a reload is not a lock: the session lives in main, the language in the window
  await expect(page.getByTestId('nav-home')).toHaveText('Home')
  await page.getByTestId('lang-switch').click()
  await expect(page.getByTestId('nav-home')).toHaveText('首页')
})
