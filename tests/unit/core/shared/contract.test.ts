// The IPC contract: strict inputs with bounds, `area:verbNoun` names, a doc for every entry, and an
// error union the renderer can localise exhaustively. Generic over CHANNELS, so new calls are covered.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  CHANNELS,
  EVENT_NAMES,
  PERMISSIONS,
  ROLES,
  ROLE_PERMISSIONS,
  contract,
  events,
  splitChannel,
  type CallSpec,
  type Channel,
} from '../../../../src/shared/ipc/contract'
import { AppError, ERROR_CODES, err, isErrorCode, ok } from '../../../../src/shared/ipc/result'
import { isStrictObject, nodes, unbounded, validExample } from '../../../integration/helpers/schema'

const UUID = '3f0c9a4e-2b7d-4c1e-9f6a-8d5b7e2a1c90'

/** Valid inputs of the core calls (setup, session, users, settings, audit). */
const CORE: Record<string, Record<string, unknown>> = {
  'app:getState': {},
  'setup:begin': { firmName: '示例代账有限公司', adminUsername: 'admin', adminDisplayName: '王主任', password: 'Ledger-Horse-Battery-42' },
  'setup:complete': { confirmation: ['ABCD', 'EFGH'] },
  'session:unlock': { username: 'admin', password: 'x' },
  'session:recover': { username: 'admin', recoverySecret: 'ABCD-EFGH', newPassword: 'Ledger-Horse-Battery-43' },
  'session:lock': {},
  'session:touch': {},
  'session:changePassword': { currentPassword: 'a', newPassword: 'b' },
  'users:list': {},
  'users:create': { username: 'li.kuaiji', displayName: '李会计', role: 'bookkeeper', temporaryPassword: 'Temporary-Pass-2026!' },
  'users:disable': { userId: UUID },
  'users:enable': { userId: UUID },
  'settings:get': {},
  'settings:update': { idleLockMinutes: 10 },
  'audit:verifyFirm': {},
}

const input = (c: Channel) => contract[c].input as z.ZodType
const parses = (c: Channel, v: unknown) => input(c).safeParse(v).success
/** A valid input for any channel: the core example, or one sampled from the schema. */
const example = (c: Channel) => CORE[c] ?? validExample(input(c))
const NAME = /^[a-z]+(?:[A-Z][a-z]*)*:[a-z]+(?:[A-Z][a-z]*)*$/

describe('contract shape', () => {
  it('lists every channel once, each named area:verbNoun in lower camel case, core calls present', () => {
    expect(CHANNELS).toEqual(Object.keys(contract))
    for (const c of Object.keys(CORE)) expect(CHANNELS).toContain(c)
    for (const c of CHANNELS) {
      expect(c, c).toMatch(NAME)
      const [area, name] = splitChannel(c)
      expect(`${area}:${name}`).toBe(c)
    }
    for (const e of EVENT_NAMES) expect(e).toMatch(NAME)
  })

  it('documents every entry and declares a known access level and permission', () => {
    for (const c of CHANNELS) {
      const spec = contract[c] as CallSpec
      expect(typeof spec.doc, c).toBe('string')
      expect(spec.doc.trim().length, c).toBeGreaterThan(10)
      expect(['public', 'session', 'session-any'], c).toContain(spec.access)
      if (spec.permission !== undefined) {
        expect(PERMISSIONS, c).toContain(spec.permission)
        // a permission only makes sense once a user is known
        expect(spec.access, c).toBe('session')
      }
    }
  })

  it('keeps public calls to the ones needed before unlock', () => {
    const pub = CHANNELS.filter((c) => contract[c].access === 'public').sort()
    expect(pub).toEqual(['app:getState', 'session:recover', 'session:unlock', 'setup:begin', 'setup:complete'])
    const any = CHANNELS.filter((c) => contract[c].access === 'session-any').sort()
    expect(any).toEqual(['session:changePassword', 'session:lock', 'session:touch'])
  })

  it('gives every role a subset of the known permissions; only admins manage users and settings', () => {
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p)
    for (const r of ROLES) {
      expect(ROLE_PERMISSIONS[r].includes('users:manage'), r).toBe(r === 'admin')
      expect(ROLE_PERMISSIONS[r].includes('settings:manage'), r).toBe(r === 'admin')
    }
    expect(contract['users:create'].permission).toBe('users:manage')
    expect(contract['settings:update'].permission).toBe('settings:manage')
    expect(contract['audit:verifyFirm'].permission).toBe('audit:verify')
  })
})

describe('input schemas', () => {
  it('accept a valid example of every channel', () => {
    for (const c of CHANNELS) {
      const v = example(c)
      expect(v, `no valid example found for ${c}`).not.toBeNull()
      expect(parses(c, v), c).toBe(true)
    }
  })

  it('are strict objects all the way down', () => {
    for (const c of CHANNELS) {
      expect(nodes(input(c))[0].type, c).toBe('object')
      for (const n of nodes(input(c))) if (n.type === 'object') expect(isStrictObject(n.schema), `${c} ${n.path || '(root)'}`).toBe(true)
    }
  })

  it('refuse an extra field, a non-object, or a missing required field', () => {
    for (const c of CHANNELS) {
      const v = example(c)!
      expect(parses(c, { ...v, extra: 1 }), `${c} extra`).toBe(false)
      expect(parses(c, { ...v, isAdmin: true }), `${c} isAdmin`).toBe(false)
      expect(parses(c, JSON.parse(JSON.stringify({ ...v, userRole: 'admin' }))), `${c} userRole`).toBe(false)
      for (const bad of [null, undefined, 0, 'x', [], [v], true]) expect(parses(c, bad), `${c} ${JSON.stringify(bad)}`).toBe(false)
      const shape = (input(c) as z.ZodObject).shape as Record<string, z.ZodType>
      for (const k of Object.keys(v)) {
        const { [k]: _drop, ...rest } = v
        if (!shape[k].safeParse(undefined).success) expect(parses(c, rest), `${c} without ${k}`).toBe(false)
      }
    }
  })

  it('bound every string, array and number a renderer can send', () => {
    const problems: string[] = []
    for (const c of CHANNELS) for (const n of nodes(input(c))) {
      const why = unbounded(n)
      if (why) problems.push(`${c} ${n.path}: ${why}`)
    }
    expect(problems).toEqual([])
  })

  it('enforce string bounds', () => {
    const base = CORE['setup:begin']
    const b = (patch: Partial<typeof base>) => parses('setup:begin', { ...base, ...patch })
    expect(b({ firmName: 'x'.repeat(100) })).toBe(true)
    expect(b({ firmName: 'x'.repeat(101) })).toBe(false)
    expect(b({ firmName: '   ' })).toBe(false)
    expect(b({ adminUsername: 'ab' })).toBe(true)
    expect(b({ adminUsername: 'a' })).toBe(false)
    expect(b({ adminUsername: 'a'.repeat(32) })).toBe(true)
    expect(b({ adminUsername: 'a'.repeat(33) })).toBe(false)
    expect(b({ adminUsername: '王会计' })).toBe(true)
    expect(b({ adminUsername: 'li.kuai_ji-2' })).toBe(true)
    for (const u of ['li kuaiji', 'li/kuaiji', "li'--", 'a@b', 'x;DROP', 'ab\u0000']) expect(b({ adminUsername: u }), u).toBe(false)
    expect(b({ adminDisplayName: 'x'.repeat(50) })).toBe(true)
    expect(b({ adminDisplayName: 'x'.repeat(51) })).toBe(false)
    expect(b({ adminDisplayName: '' })).toBe(false)
    expect(b({ password: 'x'.repeat(256) })).toBe(true)
    expect(b({ password: 'x'.repeat(257) })).toBe(false)
    expect(b({ password: '' })).toBe(false)

    expect(parses('session:unlock', { username: 'x'.repeat(64), password: 'p' })).toBe(true)
    expect(parses('session:unlock', { username: 'x'.repeat(65), password: 'p' })).toBe(false)
    expect(parses('session:recover', { ...CORE['session:recover'], recoverySecret: 'x'.repeat(200) })).toBe(true)
    expect(parses('session:recover', { ...CORE['session:recover'], recoverySecret: 'x'.repeat(201) })).toBe(false)
    expect(parses('session:recover', { ...CORE['session:recover'], recoverySecret: '' })).toBe(false)
  })

  it('enforce array bounds, enums, uuids and integer ranges', () => {
    expect(parses('setup:complete', { confirmation: [] })).toBe(false)
    expect(parses('setup:complete', { confirmation: Array(16).fill('ABCD') })).toBe(true)
    expect(parses('setup:complete', { confirmation: Array(17).fill('ABCD') })).toBe(false)
    expect(parses('setup:complete', { confirmation: ['x'.repeat(65)] })).toBe(false)
    expect(parses('setup:complete', { confirmation: [1] })).toBe(false)
    const create = CORE['users:create']
    for (const role of ROLES) expect(parses('users:create', { ...create, role })).toBe(true)
    expect(parses('users:create', { ...create, role: 'root' })).toBe(false)
    expect(parses('users:create', { ...create, role: 'Admin' })).toBe(false)
    expect(parses('users:disable', { userId: 'not-a-uuid' })).toBe(false)
    expect(parses('users:disable', { userId: UUID.toUpperCase() })).toBe(true)
    for (const n of [1, 240]) expect(parses('settings:update', { idleLockMinutes: n })).toBe(true)
    for (const n of [0, -1, 241, 1.5, NaN, Infinity, '10', null]) expect(parses('settings:update', { idleLockMinutes: n }), String(n)).toBe(false)
  })
})

describe('output schemas and events', () => {
  it('are strict objects too, so a handler cannot leak an extra field', () => {
    for (const c of CHANNELS) {
      for (const n of nodes(contract[c].output as z.ZodType)) if (n.type === 'object') expect(isStrictObject(n.schema), `${c} output ${n.path || '(root)'}`).toBe(true)
    }
    expect(contract['settings:get'].output.safeParse({ idleLockMinutes: 5, extra: 1 }).success).toBe(false)
    expect(events['session:locked'].safeParse({ reason: 'idle' }).success).toBe(true)
    expect(events['session:locked'].safeParse({ reason: 'idle', user: 'x' }).success).toBe(false)
    expect(events['session:locked'].safeParse({ reason: 'sleepy' }).success).toBe(false)
  })
})

describe('Result envelope', () => {
  it('has a closed union of distinct upper-case codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
    for (const c of ERROR_CODES) expect(c).toMatch(/^[A-Z][A-Z_]+$/)
    expect(isErrorCode('LOCKED')).toBe(true)
    expect(isErrorCode('locked')).toBe(false)
    expect(isErrorCode(undefined)).toBe(false)
  })

  it('builds ok and err results and turns AppError into data without the stack', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 })
    expect(err('LOCKED', 'm')).toEqual({ ok: false, error: { code: 'LOCKED', message: 'm' } })
    const e = new AppError('LOCKED_OUT', 'wait', { details: { retryAfterSeconds: 60 } })
    expect(e.toData()).toEqual({ code: 'LOCKED_OUT', message: 'wait', details: { retryAfterSeconds: 60 } })
    expect(JSON.stringify(e.toData())).not.toMatch(/stack|at /)
  })
})
