// Unlock errors as a user sees them: wrong password, lockout after five failures (surviving a restart).
import { test, expect, screenshot } from './harness/fixtures'
import { firmViaCore } from './harness/setup'
import { ADMIN, FIRM, UnlockPage } from './pages/pages'

test('wrong password, then lockout that survives a restart', async ({ page, harness }, testInfo) => {
  await firmViaCore(harness.core, ADMIN, FIRM)
  await harness.open()
  const unlock = new UnlockPage(page)
  await unlock.expectShown()
  await unlock.unlock(ADMIN.username, 'not-the-password-at-all')
  await expect(unlock.error()).toHaveText(/用户名或密码错误/)
  await screenshot(page, testInfo, 'wrong-password')
  for (let i = 0; i < 4; i++) {
    await unlock.unlock(ADMIN.username, `wrong-${i}`)
    await expect(unlock.error()).toBeVisible()
  }
  await expect(unlock.error()).toContainText('尝试次数过多，请在 1 分钟后再试')
  await screenshot(page, testInfo, 'locked-out')
  // even the right password is refused while locked out, and after a restart
  await harness.restart(page)
  await unlock.unlock(ADMIN.username, ADMIN.password)
  await expect(unlock.error()).toContainText('尝试次数过多')
  harness.clock.advance(61_000)
  await unlock.unlock(ADMIN.username, ADMIN.password)
  await expect(page.getByTestId('current-user')).toBeVisible()
  // the home page tells the admin about the failed attempts
  await expect(page.getByTestId('failed-attempts-warning')).toBeVisible()
})
