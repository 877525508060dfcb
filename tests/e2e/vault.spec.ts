// The document vault end to end on real encrypted books: a bookkeeper attaches two scanned receipts to a
// voucher with the add button (main's file dialog, driven by the test), previews them, sees 附单据数 = 2,
// and after posting is refused when removing one; the document list with a drop, search, tags, export,
// removal and restore; an admin verifies the vault and changes its key.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { screenshot, test, expect } from './harness/fixtures'
import { makeCjkPdf, makeG4Tiff, makePdf, makePng, makeTiff, writeFiles } from './harness/files'
import { CLIENT, ClientsPage, must, setUpLedger, signIn, VoucherEditorPage } from './pages/ledger'
import { MainPage } from './pages/pages'

test('two scanned receipts attached by the add button, previewed, 附单据数 = 2; removing one from the posted voucher is refused', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000)
  const w = await setUpLedger(harness)
  const [png, pdf, docx] = await writeFiles(harness.filesDir, {
    '收据_办公用品.png': makePng(360, 220, 0),
    '发票_20260108.pdf': makePdf(2),
    '说明.docx': 'PK not really a word file',
  })

  await harness.open(page)
  await signIn(page, 'li')
  const clients = new ClientsPage(page)
  const editor = new VoucherEditorPage(page)
  await clients.goto()
  await clients.open(CLIENT.uscc)
  await expect(page.getByTestId('voucher-documents')).toContainText('尚未关联单据')

  await editor.typeLines([
    { summary: '购买办公用品', account: '560207', debit: '300' },
    { account: '1001', credit: '=' },
  ])

  // the add button: main opens its dialog (the test answers it); a .docx in the batch is refused by name
  harness.dialogs.answerOpen([png, pdf, docx])
  await page.getByTestId('attach-add').click()
  const outcome = page.getByTestId('vault-outcome')
  await expect(outcome).toBeVisible()
  await expect(outcome.getByTestId('vault-refused')).toHaveAttribute('data-reason', 'unsupported-type')
  await expect(outcome).toContainText('说明.docx')
  await expect(outcome).toContainText('不支持的文件类型')
  await expect(outcome).toContainText('已加密保存 2 份')
  await page.getByTestId('vault-outcome-ok').click()
  expect(harness.dialogs.asked).toEqual(['open'])

  await expect(page.getByTestId('attachment')).toHaveCount(2)
  await expect(page.getByTestId('voucher-attachments')).toHaveValue('2')
  await editor.save()
  await expect(editor.number()).toHaveText('0001')
  await expect(page.getByTestId('voucher-attachments')).toHaveValue('2')
  await screenshot(page, testInfo, 'voucher-with-attachments')

  // preview: the image, then → the PDF rendered by pdf.js; nothing but the viewer holds the bytes
  await page.getByTestId('attachment-open').first().click()
  const viewer = page.getByTestId('doc-viewer')
  await expect(viewer).toBeVisible()
  await expect(page.getByTestId('viewer-name')).toHaveText('收据_办公用品.png')
  await expect(page.getByTestId('viewer-image')).toBeVisible()
  const src = await page.getByTestId('viewer-image').getAttribute('src')
  expect(src).toMatch(/^blob:/)
  await page.getByTestId('viewer-rotate').click()
  await expect(page.getByTestId('viewer-image')).toHaveAttribute('style', /rotate\(90deg\)/)
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('viewer-name')).toHaveText('发票_20260108.pdf')
  await expect(page.getByTestId('viewer-pdf')).toHaveAttribute('data-rendered-page', '1')
  await expect(page.getByTestId('viewer-page')).toHaveText('第 1 / 2 页')
  await page.getByTestId('viewer-next-page').click()
  await expect(page.getByTestId('viewer-pdf')).toHaveAttribute('data-rendered-page', '2')
  await page.getByTestId('viewer-zoom-in').click()
  await expect(page.getByTestId('viewer-zoom')).toHaveText('125%')
  await screenshot(page, testInfo, 'document-viewer')
  // the image's blob URL was revoked when the viewer moved on
  expect(await page.evaluate((u) => fetch(u!).then(() => 'readable', () => 'revoked'), src)).toBe('revoked')
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()

  // a supervisor reviews and posts it (through the core, as in the ledger specs' set-up)
  const voucherId = (await must(harness, 'vouchers:list', { clientId: w.clientId })).vouchers[0].id
  await w.as('zhang')
  await must(harness, 'vouchers:review', { clientId: w.clientId, ids: [voucherId] })
  await must(harness, 'vouchers:post', { clientId: w.clientId, ids: [voucherId] })
  await must(harness, 'session:lock', {})
  await page.reload()

  await signIn(page, 'li')
  await clients.openDocuments(CLIENT.uscc)
  const rows = page.getByTestId('doc-row')
  await expect(rows).toHaveCount(2)
  await expect(page.getByTestId('docs-table')).toContainText('记-0001')
  await screenshot(page, testInfo, 'document-list')
  await rows.filter({ hasText: '收据_办公用品.png' }).getByTestId('doc-remove').click()
  await page.getByTestId('doc-remove-confirm').click()
  const err = page.getByTestId('docs-error')
  await expect(err).toHaveAttribute('data-error-code', 'INVALID_STATE')
  await expect(err).toContainText('已记账凭证 记-0001，属于会计档案，不能移除')
  // nothing changed: both documents still listed and attached
  await expect(rows).toHaveCount(2)
  await page.getByTestId('workspace-nav-vouchers').click()
  await page.getByTestId('voucher-row-记-0001').dblclick()
  await expect(page.getByTestId('attachment')).toHaveCount(2)
  await expect(page.getByTestId('attachment-detach')).toHaveCount(0)
  await expect(page.getByTestId('attach-add')).toHaveCount(0)
})

test('the document list: a dropped file, search and tags, export a copy, remove and restore; an admin verifies the vault, changes its key, finds a damaged body and sets the scanner inbox', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000)
  const w = await setUpLedger(harness)
  const slip = makePng(300, 180, 1)
  await writeFiles(harness.filesDir, { '工行回单_0315.png': slip, '合同_租赁.pdf': makePdf(1, 'LEASE') })

  await harness.open(page)
  await signIn(page, 'li')
  const clients = new ClientsPage(page)
  await clients.openDocuments(CLIENT.uscc)
  await expect(page.getByTestId('documents-page')).toBeVisible()

  // drag and drop: the page hands main a one-use token, never a path (the harness plays the OS part)
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer()
    d.items.add(new File([new Uint8Array([1, 2, 3])], '工行回单_0315.png', { type: 'image/png' }))
    return d
  })
  await page.dispatchEvent('[data-testid="documents-page"]', 'dragover', { dataTransfer: dt })
  await expect(page.getByTestId('drop-overlay')).toBeVisible()
  await page.dispatchEvent('[data-testid="documents-page"]', 'drop', { dataTransfer: dt })
  const rows = page.getByTestId('doc-row')
  await expect(rows).toHaveCount(1)
  // the category follows the name (回单 → 银行回单) and with it the sensitivity (敏感)
  await expect(rows.first()).toContainText('银行回单')
  await expect(rows.first()).toContainText('敏感')

  // the add button with the page's category filter unset: a contract
  harness.dialogs.answerOpen([join(harness.filesDir, '合同_租赁.pdf')])
  await page.getByTestId('docs-add').click()
  await expect(rows).toHaveCount(2)

  // tags and notes, then search by the amount written in the notes
  await rows.filter({ hasText: '工行回单_0315.png' }).getByTestId('doc-edit').click()
  await page.locator('[data-testid="doc-edit-tags"] input').fill('三月')
  await page.keyboard.press('Enter')
  await page.getByTestId('doc-edit-notes').fill('房租 12,500.00 元')
  await page.getByTestId('doc-edit-save').click()
  await expect(rows.filter({ hasText: '工行回单_0315.png' })).toContainText('三月')
  const search = page.locator('input[data-testid="docs-search"], [data-testid="docs-search"] input').first()
  await search.fill('12500')
  await search.press('Enter')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('工行回单_0315.png')

  // export a copy through main's save dialog: the exact bytes, outside the data folder
  const dest = join(harness.filesDir, '导出_回单.png')
  harness.dialogs.answerSave(dest)
  await rows.first().getByTestId('doc-export').click()
  await expect(page.getByText('已导出为 导出_回单.png')).toBeVisible()
  expect((await readFile(dest)).equals(slip)).toBe(true)
  // …and into the data folder it is refused, with the reason
  harness.dialogs.answerSave(join(harness.dataDir, 'copy.png'))
  await rows.first().getByTestId('doc-export').click()
  await expect(page.getByTestId('docs-error')).toContainText('不能导出到账房的数据文件夹中')

  // remove (soft) and restore
  await search.fill('')
  await search.press('Enter')
  await expect(rows).toHaveCount(2)
  await rows.filter({ hasText: '合同_租赁.pdf' }).getByTestId('doc-remove').click()
  await page.getByTestId('doc-remove-confirm').click()
  await expect(rows).toHaveCount(1)
  await page.getByTestId('docs-status').getByText('已移除').click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toHaveAttribute('data-status', 'removed')
  await rows.first().getByTestId('doc-restore').click()
  await expect(rows).toHaveCount(0)
  await page.getByTestId('docs-status').getByText('正常').click()
  await expect(rows).toHaveCount(2)
  await expect(page.getByTestId('vault-admin')).toHaveCount(0)

  // an admin: verify every body, then change the vault key (bodies re-encrypted, still readable)
  await signIn(page, 'admin')
  await clients.openDocuments(CLIENT.uscc)
  await expect(page.getByTestId('vault-status')).toContainText('单据 2 份')
  await expect(page.getByTestId('vault-key-version')).toHaveAttribute('data-version', '1')
  await page.getByTestId('vault-verify').click()
  await expect(page.getByTestId('vault-verification')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('vault-verification')).toContainText('校验通过：2 份单据完整')
  await page.getByTestId('vault-rotate').click()
  await page.getByTestId('vault-rotate-confirm').click()
  await expect(page.getByText('单据密钥已更换为第 2 版')).toBeVisible()
  await expect(page.getByTestId('vault-key-version')).toHaveAttribute('data-version', '2')
  await rows.filter({ hasText: '合同_租赁.pdf' }).getByTestId('doc-open').click()
  await expect(page.getByTestId('viewer-pdf')).toHaveAttribute('data-rendered-page', '1')
  await page.keyboard.press('Escape')

  // one bit flipped in a body on disk: verify names it, and opening it says what is wrong with which document
  const slipDoc = (await must(harness, 'vault:list', { clientId: w.clientId, text: '工行回单' })).documents[0]
  const bodyFile = join(harness.dataDir, 'vault', w.clientId, slipDoc.id)
  const body = await readFile(bodyFile)
  body[body.length - 40] ^= 0x01
  await writeFile(bodyFile, body)
  await page.getByTestId('vault-verify').click()
  const verification = page.getByTestId('vault-verification')
  await expect(verification).toHaveAttribute('data-ok', 'false')
  await expect(verification.getByTestId('vault-bad')).toContainText('工行回单_0315.png：文件被修改或损坏')
  await rows.filter({ hasText: '工行回单_0315.png' }).getByTestId('doc-open').click()
  await expect(page.getByTestId('viewer-error')).toHaveAttribute('data-error-code', 'CORRUPT_DATA')
  await expect(page.getByTestId('viewer-error')).toContainText('单据“工行回单_0315.png”无法打开：文件被修改或损坏')
  await page.keyboard.press('Escape')

  // the scanner inbox: main asks for the folder; a file the scanner saves there is encrypted in and its original deleted
  const inbox = join(harness.filesDir, 'scanner')
  await mkdir(inbox)
  harness.dialogs.answerFolder(inbox)
  await page.getByTestId('vault-inbox-choose').click()
  await expect(page.getByTestId('vault-inbox-path')).toContainText(inbox)
  await expect(page.getByTestId('vault-inbox')).toContainText('正在监视')
  await screenshot(page, testInfo, 'vault-admin')
  await writeFile(join(inbox, '扫描_发票_0042.pdf'), makePdf(1, 'SCAN'))
  await expect(rows.filter({ hasText: '扫描_发票_0042.pdf' })).toHaveCount(1, { timeout: 20_000 })
  await expect(rows.filter({ hasText: '扫描_发票_0042.pdf' })).toContainText('发票')
  await expect.poll(() => readdir(inbox)).toEqual([])
})

test('the size limit an admin sets refuses a large file by name; a duplicate is linked instead of stored; documents are picked from the vault; an admin purges a removed one', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000)
  const w = await setUpLedger(harness)
  const receipt = makePng(320, 200, 2)
  const [big, first, copy, spare] = await writeFiles(harness.filesDir, {
    '对账单_全年.pdf': Buffer.concat([makePdf(1), Buffer.from(`%${'x'.repeat(1_200_000)}\n`)]),
    '收据_0001.png': receipt,
    '收据_0001_副本.png': receipt,
    '作废_草稿.png': makePng(120, 80, 3),
  })

  // the admin lowers the vault's per-file limit in the settings
  await harness.open(page)
  await signIn(page, 'admin')
  const main = new MainPage(page)
  await main.goto('settings')
  await page.getByTestId('settings-vault-max').fill('1')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()

  await signIn(page, 'li')
  const clients = new ClientsPage(page)
  const editor = new VoucherEditorPage(page)
  await clients.openDocuments(CLIENT.uscc)
  harness.dialogs.answerOpen([first, spare])
  await page.getByTestId('docs-add').click()
  const rows = page.getByTestId('doc-row')
  await expect(rows).toHaveCount(2)

  // in the editor: the copy is the same content (offered to link), the year's statement is over the limit
  await page.getByTestId('workspace-nav-entry').click()
  await editor.typeLines([
    { summary: '报销差旅费', account: '560208', debit: '80' },
    { account: '1001', credit: '=' },
  ])
  harness.dialogs.answerOpen([copy, big])
  await page.getByTestId('attach-add').click()
  const outcome = page.getByTestId('vault-outcome')
  await expect(outcome.getByTestId('vault-refused')).toHaveAttribute('data-reason', 'too-large')
  await expect(outcome.getByTestId('vault-refused')).toContainText('对账单_全年.pdf')
  await expect(outcome.getByTestId('vault-refused')).toContainText('文件超过大小上限（1 MB）')
  await expect(outcome.getByTestId('vault-duplicate')).toContainText('与“收据_0001.png”相同')
  await screenshot(page, testInfo, 'add-outcome')
  await outcome.getByTestId('vault-duplicate-link').click()
  await expect(outcome.getByTestId('vault-duplicate')).toContainText('已关联')
  await page.getByTestId('vault-outcome-ok').click()
  await expect(page.getByTestId('attachment')).toHaveCount(1)
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-name', '收据_0001.png')
  await expect(page.getByTestId('voucher-attachments')).toHaveValue('1')

  // detach, then pick it again from the vault's unattached documents
  await page.getByTestId('attachment-detach').click()
  await expect(page.getByTestId('attachment')).toHaveCount(0)
  await expect(page.getByTestId('voucher-attachments')).toHaveValue('0')
  await page.getByTestId('attach-pick').click()
  const items = page.getByTestId('attach-pick-item')
  await expect(items).toHaveCount(2)
  await items.filter({ hasText: '收据_0001.png' }).locator('input[type="checkbox"]').check()
  await page.getByTestId('attach-pick-ok').click()
  await expect(page.getByTestId('attachment')).toHaveAttribute('data-name', '收据_0001.png')
  await editor.save()
  await expect(editor.number()).toHaveText('0001')
  await expect(page.getByTestId('voucher-attachments')).toHaveValue('1')
  // nothing of the refused or duplicate files was stored: still two documents
  expect((await must(harness, 'vault:list', { clientId: w.clientId })).total).toBe(2)

  // the unattached spare is removed by the bookkeeper and purged by the admin; its encrypted body goes
  await page.getByTestId('workspace-nav-documents').click()
  await rows.filter({ hasText: '作废_草稿.png' }).getByTestId('doc-remove').click()
  await page.getByTestId('doc-remove-confirm').click()
  await expect(rows).toHaveCount(1)
  await expect(page.getByTestId('doc-purge')).toHaveCount(0)
  const spareId = (await must(harness, 'vault:list', { clientId: w.clientId, status: 'removed' })).documents[0].id
  const spareBody = join(harness.dataDir, 'vault', w.clientId, spareId)
  await readFile(spareBody)

  await signIn(page, 'admin')
  await clients.openDocuments(CLIENT.uscc)
  await page.getByTestId('docs-status').getByText('已移除').click()
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('作废_草稿.png')
  await page.getByTestId('doc-purge').click()
  await page.getByTestId('doc-purge-confirm').click()
  await expect(rows).toHaveCount(0)
  await expect(readFile(spareBody)).rejects.toMatchObject({ code: 'ENOENT' })
})

test('the viewer shows what e-invoicing and scanners produce: an e-invoice whose Chinese font is not embedded (CMaps from the bundle, not the network), and a two-page G4 TIFF scan page by page', async ({ page, harness }, testInfo) => {
  test.setTimeout(180_000)
  await setUpLedger(harness)
  const [einvoice, scan, cut] = await writeFiles(harness.filesDir, {
    '电子发票_增值税普通发票.pdf': makeCjkPdf('增值税电子普通发票'),
    '扫描_银行回单.tif': makeG4Tiff(),
    // the scanner stopped mid-page: the directory is whole, the strip is not
    '扫描_中断.tif': makeTiff(1, 300, 200).subarray(0, 400),
  })
  const refused: string[] = []
  page.on('console', (m) => /CMap|Unable to load|Content Security Policy/i.test(m.text()) && refused.push(m.text()))

  await harness.open(page)
  await signIn(page, 'li')
  const clients = new ClientsPage(page)
  await clients.openDocuments(CLIENT.uscc)
  harness.dialogs.answerOpen([einvoice, scan, cut])
  await page.getByTestId('docs-add').click()
  const rows = page.getByTestId('doc-row')
  await expect(rows).toHaveCount(3)
  await rows.filter({ hasText: '电子发票_增值税普通发票.pdf' }).getByTestId('doc-open').click()
  await expect(page.getByTestId('viewer-name')).toHaveText('电子发票_增值税普通发票.pdf')
  const canvas = page.getByTestId('viewer-pdf')
  await expect(canvas).toHaveAttribute('data-rendered-page', '1')
  // the text line (40 pt at the top of the page) is drawn: ink where the characters are, nothing else on the page
  const ink = await canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
    let dark = 0
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] < 128 && data[i + 1] < 128 && data[i + 2] < 128) dark++
    return dark / (c.width * c.height)
  })
  expect(ink).toBeGreaterThan(0.005)
  expect(refused).toEqual([])
  await screenshot(page, testInfo, 'viewer-cjk-einvoice')

  // the scan: page 1 has a black bar at the top, page 2 at the bottom (darkness of the top and bottom bands)
  await page.keyboard.press('Escape')
  await rows.filter({ hasText: '扫描_银行回单.tif' }).getByTestId('doc-open').click()
  await expect(page.getByTestId('viewer-name')).toHaveText('扫描_银行回单.tif')
  const tiff = page.getByTestId('viewer-tiff')
  await expect(tiff).toHaveAttribute('data-rendered-page', '1')
  await expect(page.getByTestId('viewer-page')).toHaveText('第 1 / 2 页')
  const bands = () =>
    tiff.evaluate((c: HTMLCanvasElement) => {
      const dark = (y0: number, y1: number) => {
        const { data } = c.getContext('2d')!.getImageData(0, y0, c.width, y1 - y0)
        let n = 0
        for (let i = 0; i < data.length; i += 4) if (data[i] < 128) n++
        return n / (data.length / 4)
      }
      return { width: c.width, top: dark(60, 140), bottom: dark(260, 340) }
    })
  const first = await bands()
  expect(first.width).toBe(600)
  expect(first.top).toBeGreaterThan(0.7)
  await screenshot(page, testInfo, 'viewer-tiff-page-1')
  await page.getByTestId('viewer-next-page').click()
  await expect(tiff).toHaveAttribute('data-rendered-page', '2')
  const second = await bands()
  expect(second.top).toBe(0)
  expect(second.bottom).toBeGreaterThan(0.7)
  await page.getByTestId('viewer-rotate').click()
  await expect(tiff).toHaveAttribute('style', /rotate\(90deg\)/)
  await expect(page.getByTestId('viewer-no-preview')).toHaveCount(0)

  // a scan cut short is not drawn as noise: the viewer says why and offers the copy
  await page.keyboard.press('Escape')
  await rows.filter({ hasText: '扫描_中断.tif' }).getByTestId('doc-open').click()
  await expect(page.getByTestId('viewer-render-error')).toHaveText('无法显示此 TIFF：文件不完整（扫描可能中途停止）。可以导出副本后用其他程序打开。')
  await expect(page.getByTestId('viewer-tiff')).toHaveCount(0)
  await expect(page.getByTestId('viewer-export')).toBeVisible()
})
