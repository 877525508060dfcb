// The bookkeeping screens end to end on real encrypted books: a bookkeeper adds 100201 工商银行 under 1002
// and an auxiliary customer, enters mid-year opening balances that first do not balance then do, saves;
// a voucher is posted; 明细账 and 总账 show the opening row and the running balance; saving opening
// balances after posting is refused in words and the screen turns read only.
import { screenshot, test, expect } from './harness/fixtures'
import { CLIENT, ClientsPage, must, signIn } from './pages/ledger'
import { BooksPage, setUpBooks } from './pages/books'

test('chart, opening balances, 明细账 and 总账 on a client starting mid-year', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000)
  const { clientId } = await setUpBooks(harness)
  await harness.open(page)
  await signIn(page, 'li')
  const clients = new ClientsPage(page)
  const books = new BooksPage(page)
  await clients.goto()
  await clients.open(CLIENT.uscc)

  // ---- 会计科目: 100201 工商银行 under 1002, the code suggested by the coding scheme 4-2-2
  await books.go('accounts')
  await expect(books.accountRow('1002')).toBeVisible()
  await books.startChild('1002')
  await expect(page.getByTestId('account-code')).toHaveValue('100201')
  await books.submitAccount('工商银行')
  await page.getByTestId('accounts-search').locator('input').fill('')
  await expect(books.accountRow('100201')).toBeVisible()
  await expect(books.accountRow('100201')).toContainText('工商银行')
  // 1002 is no longer a leaf; the search finds the new account by pinyin initials
  await page.getByTestId('accounts-search').locator('input').fill('gsyh')
  await expect(books.accountRow('100201')).toBeVisible()
  await expect(books.accountRow('1001')).toHaveCount(0)
  // a taken code is refused in words
  await books.startChild('1002')
  await expect(page.getByTestId('account-code')).toHaveValue('100202')
  await page.getByTestId('account-code').fill('100201')
  await books.submitAccount('重复')
  await expect(page.getByTestId('account-form-error')).toContainText('科目编码 100201 已被使用')
  await page.keyboard.press('Escape')
  await page.getByTestId('accounts-search').locator('input').fill('')
  await books.accountRow('1002').click()
  await screenshot(page, testInfo, 'accounts')

  // an auxiliary customer
  await page.getByTestId('accounts-tab-aux').click()
  await page.getByTestId('aux-tab-customer').click()
  await page.getByTestId('aux-add').click()
  await page.getByTestId('aux-code').fill('C01')
  await page.getByTestId('aux-name').fill('杭州甲贸易有限公司')
  await page.getByTestId('aux-submit').click()
  await expect(page.getByTestId('aux-row-C01')).toContainText('杭州甲贸易有限公司')
  await screenshot(page, testInfo, 'aux-items')

  // ---- 期初余额: the books start in March, so year-to-date totals are asked for too
  await books.go('opening')
  await expect(page.getByTestId('opening-input-1002')).toHaveCount(0) // no longer a leaf
  await books.setOpening('100201', 'input', '50000')
  await books.setOpening('3001', 'input', '40,000')
  await books.setOpening('100201', 'ytd-debit', '12000')
  await books.setOpening('100201', 'ytd-credit', '2000')
  await books.setOpening('3001', 'ytd-credit', '10000')
  await expect(page.getByTestId('opening-input-100201')).toHaveValue('50,000.00')
  await expect(page.getByTestId('opening-total-debit')).toHaveText('50,000.00')
  await expect(page.getByTestId('opening-total-credit')).toHaveText('40,000.00')
  await expect(books.balanced()).toHaveAttribute('data-balanced', 'false')
  await expect(books.balanced()).toContainText('差额 10,000.00')
  await screenshot(page, testInfo, 'opening-unbalanced')
  await books.setOpening('3001', 'input', '50000')
  await expect(books.balanced()).toHaveAttribute('data-balanced', 'true')
  await expect(books.balanced()).toHaveText('试算平衡')
  await page.getByTestId('opening-save').click()
  await expect(page.getByTestId('opening-saved-check')).toHaveAttribute('data-balanced', 'true')
  const saved = await must(harness, 'opening:get', { clientId })
  expect(saved.rows).toEqual([
    { accountCode: '100201', balance: 5_000_000, ytdDebit: 1_200_000, ytdCredit: 200_000 },
    { accountCode: '3001', balance: 5_000_000, ytdDebit: 0, ytdCredit: 1_000_000 },
  ])
  await screenshot(page, testInfo, 'opening-balanced')

  // ---- a voucher by the bookkeeper (through the core, signed in as 李会计) …
  const v = await must(harness, 'vouchers:save', {
    clientId,
    type: '记',
    date: '2026-03-15',
    attachments: 1,
    lines: [
      { summary: '收到投资款', accountCode: '100201', debit: 1_000_000, credit: 0 },
      { summary: '收到投资款', accountCode: '3001', debit: 0, credit: 1_000_000 },
    ],
  })
  // … reviewed and posted by the supervisor while the opening screen is open and about to be changed
  await signIn(page, 'zhang')
  await clients.goto()
  await clients.open(CLIENT.uscc)
  await books.go('opening')
  await expect(page.getByTestId('opening-input-100201')).toHaveValue('50,000.00')
  await must(harness, 'vouchers:review', { clientId, ids: [v.id] })
  await must(harness, 'vouchers:post', { clientId, ids: [v.id] })

  // ---- error path: the opening balances can no longer change, said in words, and nothing was written
  await books.setOpening('100201', 'input', '60000')
  await books.setOpening('3001', 'input', '60000')
  await page.getByTestId('opening-save').click()
  await expect(page.getByTestId('opening-error')).toHaveAttribute('data-error-code', 'INVALID_STATE')
  await expect(page.getByTestId('opening-error')).toContainText('已有凭证记账，期初余额不能再修改')
  await expect(page.getByTestId('opening-locked')).toBeVisible()
  await expect(page.getByTestId('opening-save')).toHaveCount(0)
  await expect(page.getByTestId('opening-input-100201')).toHaveValue('50,000.00')
  expect((await must(harness, 'opening:get', { clientId })).rows.find((r) => r.accountCode === '100201')?.balance).toBe(5_000_000)
  await screenshot(page, testInfo, 'opening-refused')

  // ---- 明细账 of 100201: 期初余额 first, then the posted line with its running balance
  await books.go('detail-ledger')
  await books.pickAccount('dl-account', '100201')
  await expect(page.getByTestId('dl-opening')).toContainText('期初余额')
  await expect(page.getByTestId('dl-balance-0')).toHaveText('50,000.00')
  await expect(page.getByTestId('dl-side-0')).toHaveText('借')
  await expect(books.dlRow(1)).toContainText('记-0001')
  await expect(books.dlRow(1)).toContainText('收到投资款')
  await expect(page.getByTestId('dl-balance-1')).toHaveText('60,000.00')
  await expect(page.getByTestId('dl-more')).toHaveCount(0)
  await expect(page.getByTestId('dl-more-count')).toHaveAttribute('data-total', '1')
  await screenshot(page, testInfo, 'detail-ledger')
  // the voucher label opens the voucher in the editor
  await page.getByTestId('open-voucher-记-0001').click()
  await expect(page.getByTestId('voucher-editor')).toBeVisible()
  await expect(page.getByTestId('voucher-status')).toHaveAttribute('data-status', 'posted')

  // ---- 总账 of 1002 (the parent sums its sub-account): opening, March total, year to date
  await books.go('general-ledger')
  await books.pickAccount('gl-account', '1002')
  await expect(page.getByTestId('gl-balance-2026-01-opening').or(page.getByTestId('gl-balance-2026-03-opening'))).toHaveText('50,000.00')
  await expect(page.getByTestId('gl-row-2026-03-period')).toContainText('10,000.00')
  await expect(page.getByTestId('gl-balance-2026-03-ytd')).toHaveText('60,000.00')
  await screenshot(page, testInfo, 'general-ledger')

  // ---- 序时账 and 辅助核算 render
  await books.go('journal')
  await expect(page.getByTestId('journal-row-记-0001-1')).toHaveAttribute('data-status', 'posted')
  await screenshot(page, testInfo, 'journal')
  await books.go('aux-balance')
  await screenshot(page, testInfo, 'aux-balance')

  // the 科目余额表 row opens the account's 明细账 with its range
  await page.getByTestId('workspace-nav-trial-balance').click()
  await page.getByTestId('tb-row-100201').click()
  await expect(page.getByTestId('detail-ledger')).toBeVisible()
  await expect(page.getByTestId('dl-balance-1')).toHaveText('60,000.00')
})
