// `zhangfang vault verify`: decrypts and checks every document body of a client; exits 0 on a good
// vault and 3 (verification failed) once a body is damaged, naming the document and the problem.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EXIT } from '../../../src/main/cli/main'
import { runCliCaptured } from '../helpers/cli'
import { openLedger } from '../../../src/main/ledger/handlers'
import { ingest } from '../../../src/main/vault/service'
import { HEADER_BYTES } from '../../../src/main/vault/format'
import { ADMIN, startWithFirm, type TestApp } from '../helpers/harness'
import { csvUtf8, pdf } from '../../unit/vault/samples'
import { newUscc } from '../vault/helpers'

let app: TestApp | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const cli = runCliCaptured

describe('zhangfang vault verify', () => {
  it('exits 0 on a good vault and 3 after a body is damaged, naming it', async () => {
    const started = await startWithFirm()
    app = started.app
    const uscc = newUscc()
    const client = await app.must('clients:create', { name: '命令行客户有限公司', uscc, standard: 'small', firstPeriod: '2026-01', codingScheme: '4-2-2', voucherTypes: 'single' })
    // store two documents straight through the service (admins do not write books through the router)
    const srcDir = join(app.dataDir, '..', `zf-cli-src-${client.id}`)
    const files = [
      { path: `${srcDir}-发票.pdf`, name: '发票.pdf', bytes: pdf(1) },
      { path: `${srcDir}-流水.csv`, name: '流水.csv', bytes: csvUtf8() },
    ]
    for (const f of files) await writeFile(f.path, f.bytes)
    try {
      const s = app.core.internals.auth.current!
      const L = await openLedger(s, app.dataDir, client.id, app.core.internals.now())
      const { outcome } = await ingest(L, app.dataDir, files, { source: 'dialog', maxBytes: 1024 * 1024 })
      expect(outcome.added).toHaveLength(2)
      await app.core.close()

      const args = ['vault', 'verify', '--client', uscc, '-u', ADMIN.username, '--password-stdin']
      const good = await cli(app.dataDir, args, `${ADMIN.password}\n`)
      expect(good.code).toBe(EXIT.OK)
      expect(good.out).toContain('2 of 2 document(s) checked; 0 bad or missing, 0 orphan file(s).')

      const id = outcome.added[1].id
      const body = join(app.dataDir, 'vault', client.id, id)
      const b = await readFile(body)
      b[HEADER_BYTES + 3] ^= 0x01
      await writeFile(body, b)
      const bad = await cli(app.dataDir, args, `${ADMIN.password}\n`)
      expect(bad.code).toBe(EXIT.VERIFY_FAILED)
      expect(bad.out).toContain('1 bad or missing')
      expect(bad.out).toMatch(new RegExp(`${id}\\s+流水\\.csv\\s+damaged`))

      const json = await cli(app.dataDir, [...args, '--json'], `${ADMIN.password}\n`)
      expect(json.code).toBe(EXIT.VERIFY_FAILED)
      expect(JSON.parse(json.out)).toMatchObject({ ok: false, checked: 2, total: 2, bad: [{ documentId: id, name: '流水.csv', problem: 'damaged' }], orphans: [] })
    } finally {
      for (const f of files) await rm(f.path, { force: true })
    }
  })
})
