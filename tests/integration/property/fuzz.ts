// Shared machinery for the router fuzz properties: payload arbitraries per channel (anything, plus
// mutations of a valid example that make it malformed) and a fingerprint of everything the app could
// write (files in the data folder, keyring.json and unlock-state.json hashes, firm.db row counts and
// data_version through a side connection).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { z } from 'zod'
import type { Db } from '../../../src/main/db/connection'
import { CHANNELS, contract, type Channel } from '../../../src/shared/ipc/contract'
import { ERROR_CODES, type Result } from '../../../src/shared/ipc/result'
import { fromTemplate, makeTemplate, openFirmDb, type FirmTemplate } from '../helpers/firm'
import { ADMIN, MAIN, type TestApp } from '../helpers/harness'
import { validExample } from '../helpers/schema'

/** Calls that unlock, lock, set up or run Argon2 when their payload is valid: fuzz them with malformed payloads only. */
export const STATE_CHANGING = new Set<string>([
  'session:unlock',
  'session:recover',
  'session:changePassword',
  'session:lock',
  'setup:begin',
  'setup:complete',
  'users:create',
])

/** Marks strings the fuzzer injects, so a test can tell whether an error echoed them. */
export const SECRET = 'ZFSECRET'

type Json = Record<string, unknown>
type Path = (string | number)[]

function pathsOf(v: unknown, prefix: Path = [], out: { path: Path; value: unknown }[] = []) {
  if (prefix.length > 0) out.push({ path: prefix, value: v })
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out))
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out)
  return out
}

function setPath(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Json
  let node = copy as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1)
    else delete node[last]
  } else node[last] = value
  return copy
}

/** Own-property assignment, so `__proto__` becomes a key and not a prototype. */
function withKey(root: Json, key: string, value: unknown): Json {
  const copy = { ...root }
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true })
  return copy
}

const nasty = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'isAdmin', 'role', 'userId', 'sql', 'path', 'file', 'then')
const anythingWide = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withObjectString: true,
})

/** Malformed variants of a valid input: extra keys, wrong types, overlong strings, missing fields. */
export function mutations(schema: z.ZodType, example: Json): fc.Arbitrary<unknown> {
  const keys = Object.keys(example)
  const all = pathsOf(example)
  const strings = all.filter((p) => typeof p.value === 'string')
  const arrays = all.filter((p) => Array.isArray(p.value))
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.tuple(fc.oneof(nasty, fc.string({ minLength: 1, maxLength: 16 })), fc.anything()).map(([k, v]) => withKey(example, k, v)),
  ]
  if (keys.length > 0) {
    arbs.push(fc.tuple(fc.constantFrom(...keys), anythingWide).map(([k, v]) => ({ ...example, [k]: v })))
    arbs.push(fc.constantFrom(...keys).map((k) => setPath(example, [k], undefined, true)))
  }
  if (all.length > 0) {
    const deep = fc.constantFrom(...all.map((p) => p.path))
    arbs.push(fc.tuple(deep, fc.anything({ maxDepth: 1 })).map(([p, v]) => setPath(example, p, v)))
    arbs.push(deep.map((p) => setPath(example, p, undefined, true)))
    // a nested object gains a key
    arbs.push(fc.tuple(deep, fc.string({ minLength: 1, maxLength: 8 }), fc.anything({ maxDepth: 0 })).map(([p, k, v]) => {
      const target = p.reduce<unknown>((n, key) => (n as Record<string | number, unknown>)[key], example)
      return target && typeof target === 'object' && !Array.isArray(target) ? setPath(example, p, withKey(target as Json, k, v)) : withKey(example, k, v)
    }))
  }
  if (strings.length > 0) {
    arbs.push(
      fc
        .tuple(fc.constantFrom(...strings.map((p) => p.path)), fc.oneof(fc.integer({ min: 257, max: 1_100 }), fc.constant(70_000)), fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0')))
        .map(([p, n, h]) => setPath(example, p, `${SECRET}${h}`.padEnd(n, 'x'))),
    )
    arbs.push(fc.constantFrom(...strings.map((p) => p.path)).map((p) => setPath(example, p, `${SECRET}\u0000'; DROP TABLE users; --`)))
  }
  if (arrays.length > 0) {
    arbs.push(
      fc
        .tuple(fc.constantFrom(...arrays.map((p) => p.path)), fc.oneof(fc.constant(0), fc.integer({ min: 17, max: 600 }), fc.constant(10_001)))
        .map(([p, n]) => {
          const arr = p.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], example) as unknown[]
          return setPath(example, p, Array.from({ length: n }, (_, i) => arr[i % Math.max(1, arr.length)] ?? i))
        }),
    )
  }
  // non-objects and the example wrapped in an array
  arbs.push(fc.constantFrom<unknown>(null, undefined, 0, -1, '', 'x', true, [], [example], NaN, Infinity, 2 ** 53))
  return fc.oneof(...arbs).filter((p) => !schema.safeParse(p).success)
}

export function payloadArb(channel: Channel): { arb: fc.Arbitrary<unknown>; example: Json | null } {
  const schema = contract[channel].input as z.ZodType
  const example = validExample(schema)
  const random = fc.oneof(fc.anything(), anythingWide)
  const safeRandom = STATE_CHANGING.has(channel) ? random.filter((p) => !schema.safeParse(p).success) : random
  const arb = example ? fc.oneof({ weight: 1, arbitrary: safeRandom }, { weight: 2, arbitrary: mutations(schema, example) }) : safeRandom
  return { arb, example }
}

/** What is wrong with the envelope (a Result with a known code, a message, issues as path/message pairs), or null. */
export function resultShapeProblem(r: Result<unknown>): string | null {
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return 'not a Result'
  const keys = Object.keys(r).sort().join(',')
  if (r.ok) return keys === 'ok,value' ? null : `ok result with keys ${keys}`
  if (keys !== 'error,ok') return `error result with keys ${keys}`
  const e = r.error
  if (!(ERROR_CODES as readonly string[]).includes(e.code)) return `unknown code ${String(e.code)}`
  if (typeof e.message !== 'string' || e.message.length === 0) return 'no message'
  for (const k of Object.keys(e)) if (!['code', 'message', 'issues', 'details'].includes(k)) return `extra error field ${k}`
  if (e.issues !== undefined) {
    if (!Array.isArray(e.issues) || e.issues.length > 20) return 'issues not a short array'
    for (const i of e.issues) {
      if (Object.keys(i).sort().join(',') !== 'message,path' || typeof i.path !== 'string' || typeof i.message !== 'string') return `bad issue ${JSON.stringify(i)}`
    }
  }
  try {
    structuredClone(r) // it must cross IPC
  } catch {
    return 'not structured-cloneable'
  }
  return null
}

export interface Fingerprint {
  /** name → size:mtime:inode, for every file but the WAL index (-shm changes on reads). */
  files: Record<string, string>
  keyring: string | null
  unlockState: string | null
  db: { users: number; audit: number; settings: string; maxSeq: number | null; dataVersion: number; clients: number | null }
}

const hashIfExists = (p: string) => {
  try {
    return createHash('sha256').update(readFileSync(p)).digest('hex')
  } catch {
    return null
  }
}

/** Files under `dir` (relative paths), sorted; cheap enough to run after every call. */
function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? join(prefix, e.name) : e.name
    if (e.isDirectory()) out.push(`${rel}/`, ...listFiles(dir, rel))
    else out.push(rel)
  }
  return out.sort()
}

const hasClientsTable = new WeakMap<Db, boolean>()

export async function fingerprint(dataDir: string, side: Db): Promise<Fingerprint> {
  const files: Record<string, string> = {}
  for (const f of listFiles(dataDir)) {
    if (f.endsWith('/')) {
      files[f] = 'dir'
      continue
    }
    if (f.endsWith('-shm') || f === 'keyring.json' || f === 'unlock-state.json') continue
    try {
      const st = statSync(join(dataDir, f), { bigint: true })
      files[f] = `${st.size}:${st.mtimeNs}:${st.ino}`
    } catch {
      files[f] = 'vanished'
    }
  }
  if (!hasClientsTable.has(side)) hasClientsTable.set(side, !!(await side.get(`SELECT 1 AS x FROM sqlite_master WHERE name = 'clients'`)))
  const row = (await side.get<Fingerprint['db']>(
    `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM audit_events) AS audit,
            (SELECT group_concat(key || '=' || value, ';') FROM settings) AS settings, (SELECT max(seq) FROM audit_events) AS maxSeq,
            (SELECT data_version FROM pragma_data_version) AS dataVersion,
            ${hasClientsTable.get(side) ? '(SELECT count(*) FROM clients)' : 'NULL'} AS clients`,
  ))!
  return {
    files,
    keyring: hashIfExists(join(dataDir, 'keyring.json')),
    unlockState: hashIfExists(join(dataDir, 'unlock-state.json')),
    db: row,
  }
}

/**
 * Defines one property per channel: ≥ 1,000 random or malformed payloads through the router in the given
 * state. The router never throws, answers a well-formed Result with a known code (the exact one for a
 * malformed payload), never echoes injected strings, and writes nothing when it answers an error —
 * except what is written by design: a refused unlock or recovery attempt is recorded in
 * unlock-state.json, and a permission denial is audited.
 */
export function defineRouterFuzz(state: 'locked' | 'unlocked', numRuns = 1000) {
  let template: FirmTemplate
  let app: TestApp
  let side: Db

  beforeAll(async () => {
    template = await makeTemplate()
    app = await fromTemplate(template)
    if (state === 'unlocked') await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    side = await openFirmDb(app.dataDir, template.firmKey)
  })
  afterAll(async () => {
    await side?.close()
    await app?.dispose()
    await template?.dispose()
  })

  it.each(CHANNELS)(`%s (${state})`, async (channel) => {
    const current = (await app.must('app:getState', {})).session
    if (state === 'unlocked' && !current) await app.must('session:unlock', { username: ADMIN.username, password: ADMIN.password })
    if (state === 'locked') expect(current).toBeNull()

    const schema = contract[channel].input as z.ZodType
    const { arb } = payloadArb(channel)
    const expectedForMalformed = state === 'locked' && contract[channel].access !== 'public' ? 'LOCKED' : 'INVALID_INPUT'
    let before = await fingerprint(app.dataDir, side)
    let runs = 0
    await fc.assert(
      fc.asyncProperty(arb, async (payload) => {
        runs++
        let r: Result<unknown>
        try {
          r = await app.core.handle(MAIN, channel, payload)
        } catch (e) {
          throw new Error(`the router threw instead of answering a Result: ${String(e)}`)
        }
        const problem = resultShapeProblem(r)
        if (problem) expect.fail(`malformed Result (${problem}): ${JSON.stringify(r)}`)
        const valid = schema.safeParse(payload).success
        const got = r.ok ? 'ok' : r.error.code
        if (!valid && got !== expectedForMalformed) expect(got, 'malformed payload').toBe(expectedForMalformed)
        const after = await fingerprint(app.dataDir, side)
        if (!r.ok) {
          if (JSON.stringify(r.error).includes(SECRET)) expect.fail(`the error echoes an input value: ${JSON.stringify(r.error).slice(0, 300)}`)
          const code = r.error.code
          if ((channel === 'session:unlock' || channel === 'session:recover') && ['WRONG_PASSWORD', 'LOCKED_OUT', 'RECOVERY_INVALID'].includes(code)) {
            // recorded by design, sealed, in unlock-state.json only
            expect({ ...after, unlockState: null }).toEqual({ ...before, unlockState: null })
          } else if (code === 'FORBIDDEN' && state === 'unlocked') {
            // a permission denial is audited: one access.denied event, nothing else
            expect(after.db.audit).toBe(before.db.audit + 1)
            const last = await side.get<{ action: string; target: string }>('SELECT action, target FROM audit_events ORDER BY seq DESC LIMIT 1')
            expect(last).toEqual({ action: 'access.denied', target: `call:${channel}` })
            expect([after.keyring, after.unlockState, after.db.users, after.db.settings]).toEqual([before.keyring, before.unlockState, before.db.users, before.db.settings])
          } else if (JSON.stringify(after) !== JSON.stringify(before)) {
            expect(after, `${code} answered but something was written`).toEqual(before)
          }
        }
        before = after
      }),
      { numRuns },
    )
    expect(runs).toBeGreaterThanOrEqual(numRuns)
    // the session is in the state the property ran in
    expect((await app.must('app:getState', {})).session === null).toBe(state === 'locked')
  }, 300_000)
}
