// The CLI over the same core: commands, --password-stdin, output formats, and the documented exit codes.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EXIT } from '../../../src/main/cli/main'
import { runCliCaptured } from '../helpers/cli'
import { openEncrypted } from '../../../src/main/db/connection'
import { firmDbKey, openUserSlot, readKeyring, findSlot } from '../../../src/main/keys/keyring'
import { tempDir } from '../helpers/harness'
import { rm } from 'node:fs/promises'

const PW = 'Ledger-Horse-Battery-42'
let dir: string

const cli = (args: string[], stdin = '') => runCliCaptured(dir, args, stdin)

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('zhangfang CLI', () => {
  it('init, status, users list, verify-audit, change-password', async () => {
    dir = await tempDir('zf-cli-')
    expect((await cli(['status'])).out).toContain('No firm is set up here.')
    const init = await cli(['init', '--firm-name', '测试代账', '--admin', 'admin', '--display-name', '王主任', '--password-stdin'], `${PW}\n`)
    expect(init.code).toBe(EXIT.OK)
    expect(init.out.match(/^\s*\d+\. [0-9A-Z]{4}$/gm)).toHaveLength(10)
    expect(init.err).toContain('RECOVERY KIT')
    const status = await cli(['status', '--json'])
    expect(JSON.parse(status.out)).toMatchObject({ setUp: true, keySlots: 1, usernamesLockedOut: 0, pendingAuditRecords: 0 })

    const users = await cli(['users', 'list', '-u', 'admin', '--password-stdin'], `${PW}\n`)
    expect(users.code).toBe(EXIT.OK)
    expect(users.out).toMatch(/admin\s+王主任\s+admin\s+active/)

    const wrong = await cli(['verify-audit', '-u', 'admin', '--password-stdin'], 'nope\n')
    expect(wrong).toMatchObject({ code: EXIT.AUTH, out: '' })
    expect(wrong.err).toBe('zhangfang: WRONG_PASSWORD: The username or password is wrong.\n')
    const ok = await cli(['verify-audit', '-u', 'admin', '--password-stdin', '--json'], `${PW}\n`)
    expect(ok.code).toBe(EXIT.OK)
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, firstBad: null })

    const next = 'Granite-Meadow-Compass-73'
    expect((await cli(['change-password', '-u', 'admin', '--password-stdin'], `${PW}\n${next}\n`)).code).toBe(EXIT.OK)
    expect((await cli(['users', 'list', '-u', 'admin', '--password-stdin'], `${PW}\n`)).code).toBe(EXIT.AUTH)
    expect((await cli(['users', 'list', '-u', 'admin', '--password-stdin'], `${next}\n`)).code).toBe(EXIT.OK)
  })

  it('verify-audit exits 3 and names the first bad event when the chain was edited', async () => {
    dir = await tempDir('zf-cli-')
    await cli(['init', '--firm-name', '测试代账', '--admin', 'admin', '--display-name', '王主任', '--password-stdin'], `${PW}\n`)
    const keyring = await readKeyring(dir)
    const secrets = (await openUserSlot(keyring, findSlot(keyring, 'admin')!, PW))!
    const db = await openEncrypted(join(dir, 'firm.db'), firmDbKey(secrets.firmKey), { create: false, label: 'firm.db' })
    await db.exec("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET action = 'nothing.happened' WHERE seq = 2;")
    await db.close()
    const r = await cli(['verify-audit', '-u', 'admin', '--password-stdin'], `${PW}\n`)
    expect(r.code).toBe(EXIT.VERIFY_FAILED)
    expect(r.out).toContain('BROKEN at event 2 (edited)')
  })

  it('usage errors exit 2; a damaged keyring exits 5 naming the file', async () => {
    dir = await tempDir('zf-cli-')
    expect((await cli(['frobnicate'])).code).toBe(EXIT.USAGE)
    expect((await cli(['users', 'list'])).err).toContain('--user')
    expect((await cli(['--bogus'])).code).toBe(EXIT.USAGE)
    await cli(['init', '--firm-name', '测试代账', '--admin', 'admin', '--display-name', '王主任', '--password-stdin'], `${PW}\n`)
    await writeFile(join(dir, 'keyring.json'), '{"format": 1, "firmId": ')
    const r = await cli(['users', 'list', '-u', 'admin', '--password-stdin'], `${PW}\n`)
    expect(r.code).toBe(EXIT.DATA)
    expect(r.err).toMatch(/CORRUPT_DATA: keyring\.json is not valid JSON/)
  })

  it('clients list, trial-balance (table, csv, json) and ledger check for an assigned user', async () => {
    dir = await tempDir('zf-cli-')
    await cli(['init', '--firm-name', '测试代账', '--admin', 'admin', '--display-name', '王主任', '--password-stdin'], `${PW}\n`)
    // books set up through the core the CLI wraps
    const { createZhangfang, APP_ORIGIN } = await import('../../../src/main/app')
    const core = createZhangfang({ dataDir: dir })
    const call = async (c: string, i: unknown) => {
      const r = await core.handle({ origin: APP_ORIGIN, isMainFrame: true }, c, i)
      if (!r.ok) throw new Error(`${c}: ${r.error.code}`)
      return r.value as never
    }
    await call('session:unlock', { username: 'admin', password: PW })
    const sup = (await call('users:create', { username: 'zhang', displayName: '张主管', role: 'supervisor', temporaryPassword: 'Temporary-Pass-2026!' })) as { id: string }
    const client = (await call('clients:create', { name: '杭州示例科技有限公司', uscc: '91350100M000100Y43', standard: 'small', firstPeriod: '2026-01', codingScheme: '4-2-2', voucherTypes: 'single' })) as { id: string }
    await call('clients:assign', { clientId: client.id, userId: sup.id })
    await core.lock('manual')
    await call('session:unlock', { username: 'zhang', password: 'Temporary-Pass-2026!' })
    await call('session:changePassword', { currentPassword: 'Temporary-Pass-2026!', newPassword: PW })
    await call('opening:save', { clientId: client.id, rows: [{ accountCode: '1002', balance: 100_000, ytdDebit: 0, ytdCredit: 0 }, { accountCode: '3001', balance: 100_000, ytdDebit: 0, ytdCredit: 0 }] })
    await core.close()

    const list = await cli(['clients', 'list', '-u', 'zhang', '--password-stdin'], `${PW}\n`)
    expect(list.out).toMatch(/杭州示例科技有限公司\s+91350100M000100Y43\s+小企业会计准则\s+2026-01/)
    // the admin holds every client; a user who is not assigned sees none
    const tbArgs = ['trial-balance', '-u', 'zhang', '--password-stdin', '--client', '91350100M000100Y43', '--from', '2026-01', '--to', '2026-01', '--level', '1']
    const csv = await cli([...tbArgs, '--format', 'csv'], `${PW}\n`)
    expect(csv.code).toBe(EXIT.OK)
    const lines = csv.out.trim().split('\n')
    expect(lines[0]).toBe('科目编码,科目名称,期初借方,期初贷方,本期借方,本期贷方,本年累计借方,本年累计贷方,期末借方,期末贷方')
    expect(lines).toContain('1002,银行存款,1000.00,,,,,,1000.00,')
    expect(lines.at(-1)).toBe(',合计,1000.00,1000.00,,,,,1000.00,1000.00')
    const json = JSON.parse((await cli([...tbArgs, '--format', 'json'], `${PW}\n`)).out)
    expect(json).toMatchObject({ balanced: true, client: { uscc: '91350100M000100Y43' } })
    expect((await cli([...tbArgs], `${PW}\n`)).out).toContain('科目余额表  2026-01 – 2026-01')
    const check = await cli(['ledger', 'check', '-u', 'zhang', '--password-stdin', '--client', '91350100M000100Y43'], `${PW}\n`)
    expect(check).toMatchObject({ code: EXIT.OK })
    expect(check.out).toContain('balances match the posted lines')
    expect((await cli(['trial-balance', '-u', 'zhang', '--password-stdin', '--client', '91350100M000100Y43', '--from', '2026-13', '--to', '2026-01'], `${PW}\n`)).code).toBe(EXIT.USAGE)
    const other = await cli(['ledger', 'check', '-u', 'zhang', '--password-stdin', '--client', '914403001922038216'], `${PW}\n`)
    expect(other.code).toBe(EXIT.FAILED)
    expect(other.err).toContain('FORBIDDEN')
  })
})
