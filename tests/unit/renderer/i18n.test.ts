import { beforeAll, describe, expect, it } from 'vitest'
import i18n, { initI18n } from '../../../src/renderer/src/i18n'
import { en } from '../../../src/renderer/src/i18n/en'
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN'
import { errorText } from '../../../src/renderer/src/lib/errors'
import { generatePassword } from '../../../src/renderer/src/lib/password'
import { ERROR_CODES, type AppErrorData } from '../../../src/shared/ipc/result'
import { checkPassword } from '../../../src/shared/passwordPolicy'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`),
  )
}

beforeAll(() => {
  initI18n()
})

const text = async (lang: 'zh-CN' | 'en', error: AppErrorData) => {
  await i18n.changeLanguage(lang)
  return errorText(i18n.t, error)
}

describe('i18n', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('every error code has a message in both languages', async () => {
    for (const code of ERROR_CODES) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const { title } = await text(lang, { code, message: 'x' })
        expect(title, `${lang} ${code}`).not.toBe(`errors.${code}`)
        expect(title.length).toBeGreaterThan(2)
      }
    }
  })

  it('LOCKED_OUT shows the wait', async () => {
    const e: AppErrorData = { code: 'LOCKED_OUT', message: 'x', details: { retryAfterSeconds: 287 } }
    expect((await text('zh-CN', e)).title).toBe('尝试次数过多，请在 5 分钟后再试')
    expect((await text('en', e)).title).toBe('Too many attempts. Please try again in 5 minutes')
    expect((await text('en', { ...e, details: { retryAfterSeconds: 20 } })).title).toBe(
      'Too many attempts. Please try again in 20 seconds',
    )
    expect((await text('zh-CN', { code: 'LOCKED_OUT', message: 'x' })).title).toBe('尝试次数过多，请稍后再试')
  })

  it('PASSWORD_POLICY lists each problem in words and ignores unknown ones', async () => {
    const e: AppErrorData = { code: 'PASSWORD_POLICY', message: 'x', details: { problems: 'too-short,contains-username,bogus' } }
    expect((await text('zh-CN', e)).lines).toEqual(['至少需要 12 个字符', '不能包含用户名'])
    expect((await text('en', e)).lines).toEqual(['Use at least 12 characters', 'Must not contain the username'])
  })

  it('INVALID_INPUT lists the issues', async () => {
    const e: AppErrorData = { code: 'INVALID_INPUT', message: 'x', issues: [{ path: 'username', message: 'Too short' }] }
    expect((await text('zh-CN', e)).lines).toEqual(['username: Too short'])
  })
})

describe('temporary password generator', () => {
  it('makes grouped passwords that satisfy the policy, from an unambiguous alphabet', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 20; i++) {
      const pw = generatePassword()
      expect(pw).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{4}(-[A-HJ-NP-Za-km-np-z2-9]{4}){3}$/)
      seen.add(pw)
    }
    expect(seen.size).toBe(20)
    expect(checkPassword(generatePassword(), 'lixiao').ok).toBe(true)
  })

  it('rejects biased bytes instead of folding them', () => {
    // 255 is above the largest multiple of the alphabet size: it must be skipped, never mapped
    let calls = 0
    const pw = generatePassword(4, (buf) => {
      calls++
      buf.fill(calls === 1 ? 255 : 0)
      return buf
    })
    expect(pw).toBe('AAAA')
    expect(calls).toBe(2)
  })
})
