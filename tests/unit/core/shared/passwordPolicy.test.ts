// The password policy shared by main and the forms: ≥ 12 characters, zxcvbn score ≥ 3, and never the
// username inside it. Every problem is listed so the form can explain all of them at once.
import { describe, expect, it } from 'vitest'
import { PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE, checkPassword } from '../../../../src/shared/passwordPolicy'
import { AppError } from '../../../../src/shared/ipc/result'
import { assertPasswordPolicy } from '../../../../src/main/auth/service'

// zxcvbn loads its dictionaries on first use: slow on a busy machine
describe('checkPassword', { timeout: 30_000 }, () => {
  it('accepts a strong passphrase', () => {
    const r = checkPassword('Ledger-Horse-Battery-42', 'admin')
    expect(r).toEqual({ ok: true, score: expect.any(Number), problems: [] })
    expect(r.score).toBeGreaterThanOrEqual(PASSWORD_MIN_SCORE)
  })

  it('refuses fewer than 12 characters, counted as characters not bytes or UTF-16 units', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12)
    const r = checkPassword('Xq7#vL2!pZ', 'admin')
    expect(r.ok).toBe(false)
    expect(r.problems).toContain('too-short')
    // 11 characters of Chinese are 33 UTF-8 bytes but still too short
    expect(checkPassword('账房先生记账会计主管审', 'admin').problems).toContain('too-short')
    // 11 emoji are 22 UTF-16 units but 11 characters: too short; 12 are enough
    const emoji = '😀🐎🔋📒🧾🏦💴🔐🧮📈🀄🎋'
    expect([...emoji]).toHaveLength(12)
    expect(checkPassword([...emoji].slice(0, 11).join(''), 'admin').problems).toContain('too-short')
    expect(checkPassword(emoji, 'admin').problems).not.toContain('too-short')
  })

  it('refuses weak passwords of sufficient length', () => {
    for (const weak of ['password1234', 'qwertyuiop12', '123456789012', 'aaaaaaaaaaaa', 'Password2026']) {
      const r = checkPassword(weak, 'admin')
      expect(r.ok, weak).toBe(false)
      expect(r.problems, weak).toEqual(['too-weak'])
      expect(r.score, weak).toBeLessThan(PASSWORD_MIN_SCORE)
    }
  })

  it('refuses a password containing the username, case-insensitively', () => {
    for (const [pw, user] of [
      ['Li.Kuaiji-Horse-Battery-42', 'li.kuaiji'],
      ['horse-battery-LI.KUAIJI-42', 'Li.Kuaiji'],
      ['Ledger-Horse-wangzhu-Battery', '  WangZhu '],
    ] as const) {
      const r = checkPassword(pw, user)
      expect(r.ok, pw).toBe(false)
      expect(r.problems, pw).toContain('contains-username')
    }
    // another user's name is fine
    expect(checkPassword('Li.Kuaiji-Horse-Battery-42', 'zhang.san').problems).not.toContain('contains-username')
  })

  it('lists every problem at once', () => {
    const r = checkPassword('admin', 'admin')
    expect(r.ok).toBe(false)
    expect([...r.problems].sort()).toEqual(['contains-username', 'too-short', 'too-weak'])
  })

  it('counts the display name and firm name against the score', () => {
    const pw = 'Shanghai-Hengtong-Caiwu'
    const plain = checkPassword(pw, 'admin')
    const withWords = checkPassword(pw, 'admin', ['Shanghai Hengtong Caiwu', 'hengtong'])
    expect(withWords.score).toBeLessThanOrEqual(plain.score)
  })

  it('stays fast and correct on very long input', () => {
    const long = 'Ledger-Horse-Battery-42'.repeat(11) // 253 characters
    expect(checkPassword(long, 'admin').ok).toBe(true)
    expect(checkPassword(long + 'admin', 'admin').problems).toContain('contains-username')
  })
})

describe('assertPasswordPolicy (what main answers)', () => {
  it('throws PASSWORD_POLICY listing the problems in details, never the password', () => {
    let caught: unknown
    try {
      assertPasswordPolicy('password1234', 'admin')
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(AppError)
    const e = caught as AppError
    expect(e.code).toBe('PASSWORD_POLICY')
    expect(e.details).toMatchObject({ problems: 'too-weak' })
    expect(JSON.stringify(e.toData())).not.toContain('password1234')
    expect(() => assertPasswordPolicy('Ledger-Horse-Battery-42', 'admin')).not.toThrow()
  })
})
