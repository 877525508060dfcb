// The bookkeeping screens end to end on real encrypted books: a bookkeeper enters vouchers with the
// keyboard only, a supervisor reviews and posts them in batch, the trial balance shows the right totals,
// month-end carry-forward and closing, and what a closed month and an unbalanced voucher are told.
import { screenshot, test, expect } from './harness/fixtures'
import { CLIENT, ClientsPage, must, PeriodsPage, setUpLedger, signIn, TrialBalancePage, VoucherEditorPage, VoucherListPage, WorkspacePage } from './pages/ledger'

test('a month of books: keyboard entry, batch review and posting, trial balance, carry-forward, closing', async ({ page, harness }, testInfo) => {
  // three people sign in several times (Argon2id at 64 MiB each) on a two-core machine
  test.setTimeout(300_000)
  await setUpLedger(harness)
  await harness.open(page)
  await signIn(page, 'li')

  const clients = new ClientsPage(page)
  const ws = new WorkspacePage(page)
  const editor = new VoucherEditorPage(page)
  const list = new VoucherListPage(page)
  await clients.goto()
  await expect(clients.row(CLIENT.uscc)).toContainText('2026年01月')
  await clients.open(CLIENT.uscc)
  await expect(ws.currentPeriod()).toHaveAttribute('data-period', '2026-01')

  // ---- 1: a sale, with pinyin account search and "=" balancing; the 摘要 is copied line to line
  await expect(page.getByTestId('voucher-editor')).toBeVisible()
  await expect(editor.number()).toHaveText('保存后编号')
  await editor.typeLines([
    { summary: '销售商品收到货款', account: 'yhck', debit: '11,300.00' },
    { account: '5001', credit: '10000' },
    { account: 'xxse', credit: '=' },
  ])
  await expect(editor.cell(2, 'summary')).toHaveValue('销售商品收到货款')
  await expect(editor.cell(1, 'account')).toHaveValue('1002 银行存款')
  await expect(editor.cell(3, 'account')).toHaveValue('22210107 应交税费—应交增值税—销项税额')
  await expect(editor.cell(3, 'credit')).toHaveValue('1,300.00')
  await expect(editor.cell(2, 'credit')).toHaveValue('10,000.00')
  await expect(page.getByTestId('voucher-total-debit')).toHaveText('11,300.00')
  await expect(page.getByTestId('voucher-total-credit')).toHaveText('11,300.00')
  await expect(page.getByTestId('voucher-total-words')).toContainText('壹万壹仟叁佰元整')
  await expect(page.getByTestId('voucher-unbalanced')).toHaveCount(0)
  await editor.save()
  await expect(editor.number()).toHaveText('0001')
  await expect(page.getByTestId('voucher-status')).toHaveAttribute('data-status', 'draft')
  await screenshot(page, testInfo, 'voucher-editor')

  // ---- 2 and 3: Ctrl+N starts the next one; the date stays in the period
  await editor.newVoucher()
  await editor.typeLines([
    { summary: '提取备用金', account: 'kcxj', debit: '2000' },
    { account: 'yhck', credit: '=' },
  ])
  await editor.save()
  await expect(editor.number()).toHaveText('0002')
  await editor.newVoucher()
  await editor.typeLines([
    { summary: '支付办公费', account: 'bgf', debit: '800' },
    { account: '1001', credit: '=' },
  ])
  await expect(editor.cell(1, 'account')).toHaveValue('560207 管理费用—办公费')
  await editor.save()
  await expect(editor.number()).toHaveText('0003')
  await expect(page.getByTestId('voucher-date')).toHaveValue('2026-01-31')

  // the bookkeeper sees no review buttons
  await ws.go('vouchers')
  await expect(list.row('记-0003')).toBeVisible()
  await expect(page.getByTestId('vouchers-review-all')).toHaveCount(0)

  // ---- the supervisor reviews and posts the period in two batches
  await signIn(page, 'zhang')
  await clients.goto()
  await clients.open(CLIENT.uscc)
  await ws.go('vouchers')
  await expect(list.row('记-0001')).toHaveAttribute('data-status', 'draft')
  let summary = await list.batchPeriod('review-all')
  await expect(summary).toHaveAttribute('data-done', '3')
  await expect(summary).toHaveAttribute('data-refused', '0')
  await list.closeSummary()
  summary = await list.batchPeriod('post-all')
  await expect(summary).toHaveAttribute('data-done', '3')
  await list.closeSummary()
  for (const label of ['记-0001', '记-0002', '记-0003']) await expect(list.row(label)).toHaveAttribute('data-status', 'posted')
  await screenshot(page, testInfo, 'voucher-list')

  // ---- the trial balance: exact amounts, balanced
  await ws.go('trial-balance')
  const tb = new TrialBalancePage(page)
  await expect(page.getByTestId('tb-balanced')).toHaveAttribute('data-balanced', 'true')
  await expect(tb.total('openingDebit')).toHaveText('50,000.00')
  await expect(tb.total('openingCredit')).toHaveText('50,000.00')
  await expect(tb.total('periodDebit')).toHaveText('14,100.00')
  await expect(tb.total('periodCredit')).toHaveText('14,100.00')
  await expect(tb.total('closingDebit')).toHaveText('61,300.00')
  await expect(tb.total('closingCredit')).toHaveText('61,300.00')
  expect(await tb.amounts('1002')).toEqual(['50,000.00', '', '11,300.00', '2,000.00', '11,300.00', '2,000.00', '59,300.00', ''])
  expect(await tb.amounts('1001')).toEqual(['', '', '2,000.00', '800.00', '2,000.00', '800.00', '1,200.00', ''])
  expect(await tb.amounts('5001')).toEqual(['', '', '', '10,000.00', '', '10,000.00', '', '10,000.00'])
  expect(await tb.amounts('22210107')).toEqual(['', '', '', '1,300.00', '', '1,300.00', '', '1,300.00'])
  await expect(tb.row('2221')).toHaveClass(/tb-level-1/)
  await screenshot(page, testInfo, 'trial-balance')

  // ---- month end: the bookkeeper carries profit and loss forward …
  await signIn(page, 'li')
  await clients.goto()
  await clients.open(CLIENT.uscc)
  await ws.go('periods')
  const periods = new PeriodsPage(page)
  await expect(page.getByTestId('period-close')).toHaveCount(0) // closing is the supervisor's
  const generated = await periods.carryForward()
  await expect(generated).toContainText('记-0004')
  await expect(generated).toContainText('10,800.00')
  await page.getByTestId('period-open-generated').click()
  await expect(editor.number()).toHaveText('0004')
  await expect(editor.cell(1, 'account')).toHaveValue('5001 主营业务收入')
  await expect(editor.cell(1, 'debit')).toHaveValue('10,000.00')
  await expect(page.getByTestId('voucher-preparer')).toHaveText('李会计')

  // … the supervisor reviews and posts it, checks and closes the month
  await signIn(page, 'zhang')
  await clients.goto()
  await clients.open(CLIENT.uscc)
  await ws.go('periods')
  let checks = await periods.check()
  await expect(checks.getByTestId('close-check-all-posted')).toHaveAttribute('data-ok', 'false')
  await expect(checks.getByTestId('close-check-all-posted')).toContainText('本期还有未记账的凭证')
  await ws.go('vouchers')
  await list.select('记-0004')
  summary = await list.batchSelected('review-selected')
  await expect(summary).toHaveAttribute('data-done', '1')
  await list.closeSummary()
  await list.select('记-0004')
  summary = await list.batchSelected('post-selected')
  await expect(summary).toHaveAttribute('data-done', '1')
  await list.closeSummary()
  await list.row('记-0004').dblclick()
  await expect(page.getByTestId('voucher-reviewer')).toHaveText('张主管')
  await expect(page.getByTestId('voucher-poster')).toHaveText('张主管')
  await expect(page.getByTestId('voucher-preparer')).toHaveText('李会计')

  await ws.go('periods')
  checks = await periods.check()
  await expect(checks).toHaveAttribute('data-ok', 'true')
  await screenshot(page, testInfo, 'periods')
  await periods.close()
  await expect(periods.row('2026-01')).toHaveAttribute('data-status', 'closed')
  await expect(ws.currentPeriod()).toHaveAttribute('data-period', '2026-02')

  // ---- a voucher dated in the closed month is refused, in words
  await ws.go('entry')
  await editor.newVoucher()
  await editor.setDate('2026-01-20')
  await expect(page.getByText('2026年01月 已结账，不能在该期间录入凭证')).toBeVisible()
  await editor.cell(1, 'summary').focus()
  await editor.typeLines([
    { summary: '补录', account: '1001', debit: '100' },
    { account: '1002', credit: '=' },
  ])
  await editor.save()
  await expect(editor.error()).toHaveAttribute('data-error-code', 'PERIOD_CLOSED')
  await expect(editor.error()).toContainText('2026-01 已结账，不能在该期间录入或修改凭证')
  await expect(editor.number()).toHaveText('保存后编号')
})

test('an unbalanced voucher shows the difference and main refuses it; nothing is saved', async ({ page, harness }, testInfo) => {
  await setUpLedger(harness)
  await harness.open(page)
  await signIn(page, 'li')
  const clients = new ClientsPage(page)
  const editor = new VoucherEditorPage(page)
  await clients.goto()
  await clients.open(CLIENT.uscc)

  await editor.typeLines([
    { summary: '收到货款', account: 'yhck', debit: '100' },
    { account: '5001', credit: '90' },
  ])
  await expect(page.getByTestId('voucher-unbalanced')).toHaveText('借贷不平 差额 10.00')
  await page.getByTestId('voucher-save').click()
  await expect(editor.error()).toHaveAttribute('data-error-code', 'UNBALANCED')
  await expect(editor.error()).toContainText('借贷不平衡：借方合计 100.00，贷方合计 90.00，差额 10.00')
  await expect(editor.number()).toHaveText('保存后编号')
  await screenshot(page, testInfo, 'voucher-unbalanced')

  await new WorkspacePage(page).go('vouchers')
  await expect(page.getByTestId('vouchers-count')).toHaveText('共 0 张')
  await expect(page.locator('[data-testid^="voucher-row-"]')).toHaveCount(0)
})

test('auxiliary items by keyboard, a posted voucher read-only, red reversal, printing, deleting a draft', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000)
  const w = await setUpLedger(harness)
  await w.as('li')
  await must(harness, 'auxItems:create', { clientId: w.clientId, type: 'customer', code: 'C01', name: '宁波甲贸易有限公司' })
  await must(harness, 'auxItems:create', { clientId: w.clientId, type: 'customer', code: 'C02', name: '温州乙商行' })
  const posted = await must(harness, 'vouchers:save', {
    clientId: w.clientId,
    type: '记',
    date: '2026-01-08',
    attachments: 2,
    lines: [
      { summary: '购买办公用品', accountCode: '560207', debit: 30_000, credit: 0 },
      { summary: '购买办公用品', accountCode: '1001', debit: 0, credit: 30_000 },
    ],
  })
  await w.as('zhang')
  await must(harness, 'vouchers:review', { clientId: w.clientId, ids: [posted.id] })
  await must(harness, 'vouchers:post', { clientId: w.clientId, ids: [posted.id] })
  await must(harness, 'session:lock', {})

  await harness.open(page)
  await signIn(page, 'li')
  const clients = new ClientsPage(page)
  const ws = new WorkspacePage(page)
  const editor = new VoucherEditorPage(page)
  await clients.goto()
  await clients.open(CLIENT.uscc)

  // 应收账款 takes a customer: Enter goes from the account to the customer cell, found by initials
  const kb = page.keyboard
  await expect(editor.cell(1, 'summary')).toBeFocused()
  await kb.type('赊销商品')
  await kb.press('Enter')
  await kb.type('yszk')
  await kb.press('Enter')
  const customer = page.getByTestId('line-1-aux-customer')
  await expect(customer).toBeFocused()
  await kb.type('wzy')
  await expect(page.getByRole('option', { name: /温州乙商行/ })).toBeVisible()
  await screenshot(page, testInfo, 'aux-suggest')
  await kb.press('Enter')
  await expect(customer).toHaveValue('C02 温州乙商行')
  await expect(editor.cell(1, 'debit')).toBeFocused()
  await kb.type('5,000')
  await kb.press('Enter')
  await kb.press('Enter')
  await expect(editor.cell(2, 'summary')).toBeFocused()
  await kb.press('Enter')
  await kb.type('zy')
  await expect(page.getByRole('option').first()).toContainText('5001')
  await screenshot(page, testInfo, 'account-suggest')
  await kb.press('Escape')
  await expect(editor.cell(2, 'account')).toHaveValue('')
  await kb.press('Shift+Enter')
  await editor.typeLines([{ account: '5001', credit: '=' }], 2)
  await editor.save()
  await expect(editor.number()).toHaveText('0002')
  await expect(customer).toHaveValue('C02 温州乙商行')

  // the posted voucher opens read-only with the reason; its red reversal opens next
  await ws.go('vouchers')
  const list = new VoucherListPage(page)
  // a row opens with Enter as well as with a double click
  await list.row('记-0001').focus()
  await page.keyboard.press('Enter')
  await expect(editor.number()).toHaveText('0001')
  await expect(page.getByTestId('voucher-readonly')).toContainText('该凭证已记账，不能修改或删除')
  await expect(editor.cell(1, 'summary')).toHaveAttribute('readonly', '')
  await expect(page.getByTestId('voucher-delete')).toHaveCount(0)
  await page.getByTestId('voucher-reverse').click()
  const reverseDate = page.getByTestId('voucher-reverse-date')
  await reverseDate.click()
  await reverseDate.fill('2026-01-28')
  await reverseDate.press('Enter')
  await page.getByTestId('voucher-reverse-submit').click()
  await expect(editor.number()).toHaveText('0003')
  await expect(editor.cell(1, 'summary')).toHaveValue('冲销 记-0001号凭证')
  await expect(editor.cell(1, 'debit')).toHaveValue('-300.00')
  await expect(editor.cell(1, 'debit')).toHaveClass(/amount-negative/)
  await expect(page.getByTestId('voucher-total-debit')).toHaveText('-300.00')

  // printing: the printable voucher is ordinary DOM, and window.print() is called
  await page.evaluate(() => {
    const w = window as unknown as { printed: number; print: () => void }
    w.printed = 0
    w.print = () => {
      w.printed++
    }
  })
  await page.getByTestId('voucher-print-button').click()
  const sheet = page.getByTestId('voucher-print')
  await expect(sheet).toBeVisible()
  await expect(sheet).toContainText('记账凭证')
  await expect(sheet.getByTestId('voucher-print-client')).toHaveText(CLIENT.name)
  await expect(sheet.getByTestId('voucher-print-number')).toHaveText('记 字第 0003 号')
  await expect(sheet.getByTestId('voucher-print-date')).toHaveText('2026年01月28日')
  await expect(sheet.getByTestId('voucher-print-words')).toHaveText('负叁佰元整')
  await expect(sheet.getByTestId('voucher-print-preparer')).toHaveText('李会计')
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
  await screenshot(page, testInfo, 'voucher-print')
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()

  // the draft can be deleted, after a confirmation
  await ws.go('vouchers')
  await list.row('记-0002').dblclick()
  await expect(editor.number()).toHaveText('0002')
  await page.getByTestId('voucher-delete').click()
  await page.getByTestId('voucher-delete-confirm').click()
  await expect(editor.number()).toHaveText('保存后编号')
  await ws.go('vouchers')
  await expect(list.row('记-0002')).toHaveCount(0)
  await expect(list.row('记-0003')).toBeVisible()

  // the same screens in English
  await page.getByTestId('lang-switch').click()
  await list.row('记-0003').dblclick()
  await expect(page.getByTestId('voucher-status')).toHaveText('Draft')
  await screenshot(page, testInfo, 'voucher-editor-en')
})

test('an admin creates books with a live 统一社会信用代码 check, assigns staff, and reads the books only', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000)
  await setUpLedger(harness)
  await harness.open(page)
  await signIn(page, 'admin')
  const clients = new ClientsPage(page)
  await clients.goto()
  await expect(clients.row(CLIENT.uscc)).toBeVisible()

  await clients.fillCreate({ name: '宁波新客户有限公司', uscc: '91330200MA2AB1234', firstPeriod: '2026-03', threeTypes: true })
  const usccItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('client-uscc') })
  await expect(usccItem).toContainText('应为 18 位（当前 17 位）')
  await page.getByTestId('client-uscc').fill('91330200MA2AB12340')
  await expect(usccItem).toContainText('校验位不正确')
  await page.getByTestId('client-uscc').fill('91330200MA2AB1234Y')
  await expect(usccItem).toContainText('校验位正确')
  await screenshot(page, testInfo, 'client-create')
  await clients.submitCreate()
  const created = clients.row('91330200MA2AB1234Y')
  await expect(created).toContainText('宁波新客户有限公司')
  await expect(created).toContainText('2026年03月')

  // search by name or code
  await clients.search('宁波')
  await expect(clients.row(CLIENT.uscc)).toBeHidden()
  await expect(created).toBeVisible()
  await clients.search('9135')
  await expect(clients.row(CLIENT.uscc)).toBeVisible()
  await expect(created).toBeHidden()
  await clients.search('')
  await expect(created).toBeVisible()

  // assignment: a switch per person; removing access warns about re-encryption first
  await page.getByTestId('client-assign-91330200MA2AB1234Y').click()
  const li = page.getByTestId('assign-switch-li')
  await expect(li).not.toBeChecked()
  await li.click()
  await expect(li).toBeChecked()
  await screenshot(page, testInfo, 'assign-drawer')
  await li.click()
  await expect(page.locator('.ant-modal-confirm')).toContainText('重新加密')
  await page.getByTestId('unassign-confirm').click()
  await expect(li).not.toBeChecked()
  await page.locator('.ant-drawer-close').click()
  await expect(li).toBeHidden()

  // admins read the books but do not write them
  await clients.open(CLIENT.uscc)
  await expect(page.getByTestId('voucher-readonly')).toHaveAttribute('data-reason', 'no-permission')
  await expect(page.getByTestId('voucher-save')).toHaveCount(0)
  await new WorkspacePage(page).go('vouchers')
  await expect(page.getByTestId('vouchers-review-all')).toHaveCount(0)
  await expect(page.getByTestId('vouchers-renumber')).toHaveCount(0)

  await page.getByTestId('lang-switch').click()
  await clients.goto()
  await expect(page.getByTestId('page-clients')).toContainText('Clients')
  await screenshot(page, testInfo, 'clients-en')
})
