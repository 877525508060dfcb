// Walks zod v4 schemas (read-only use of `_zod.def`) for contract tests: every object reachable from a
// schema, every unbounded string/array/number, and a fast-check arbitrary of values a schema accepts.
import fc from 'fast-check'
import type { z } from 'zod'

interface Def {
  type: string
  shape?: Record<string, z.ZodType>
  catchall?: z.ZodType
  element?: z.ZodType
  innerType?: z.ZodType
  options?: z.ZodType[]
  in?: z.ZodType
  out?: z.ZodType
  valueType?: z.ZodType
  keyType?: z.ZodType
  entries?: Record<string, string | number>
  values?: unknown[]
  format?: string
  pattern?: RegExp
  checks?: { _zod: { def: Record<string, unknown> } }[]
  getter?: () => z.ZodType
}
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def
const checks = (s: z.ZodType) => (def(s).checks ?? []).map((c) => c._zod.def)

export interface Node {
  path: string
  schema: z.ZodType
  type: string
}

/** Every schema node reachable from `root`, with a dotted path (`[]` for array elements). */
export function nodes(root: z.ZodType, path = ''): Node[] {
  const out: Node[] = []
  const seen = new Set<z.ZodType>()
  const walk = (s: z.ZodType, p: string) => {
    if (seen.has(s)) return
    seen.add(s)
    const d = def(s)
    out.push({ path: p, schema: s, type: d.type })
    if (d.type === 'object') for (const [k, v] of Object.entries(d.shape ?? {})) walk(v, p ? `${p}.${k}` : k)
    if (d.type === 'array' && d.element) walk(d.element, `${p}[]`)
    if (d.innerType) walk(d.innerType, p)
    if (d.type === 'union') for (const o of d.options ?? []) walk(o, p)
    if (d.type === 'pipe') {
      if (d.in) walk(d.in, p)
      if (d.out) walk(d.out, p)
    }
    if (d.type === 'record' && d.valueType) walk(d.valueType, `${p}{}`)
    if (d.type === 'lazy' && d.getter) walk(d.getter(), p)
  }
  walk(root, path)
  return out
}

export const isStrictObject = (s: z.ZodType) => def(s).type === 'object' && def(s).catchall !== undefined && def(def(s).catchall!).type === 'never'

/** Why a reachable string, array or number has no bound, or null when it is bounded. */
export function unbounded(n: Node): string | null {
  const c = checks(n.schema)
  const d = def(n.schema)
  if (n.type === 'string') {
    const bounded =
      c.some((x) => x.check === 'max_length' || x.check === 'length_equals') ||
      (d.format !== undefined && d.format !== 'regex') ||
      c.some((x) => x.check === 'string_format' && x.format !== 'regex') ||
      c.some((x) => x.check === 'string_format' && x.format === 'regex' && isAnchoredFinite(x.pattern as RegExp))
    return bounded ? null : 'string without a maximum length'
  }
  if (n.type === 'array') return c.some((x) => x.check === 'max_length' || x.check === 'length_equals') ? null : 'array without a maximum size'
  if (n.type === 'number') {
    const hasMax = c.some((x) => x.check === 'less_than') || c.some((x) => x.check === 'number_format')
    return hasMax ? null : 'number without bounds'
  }
  if (n.type === 'record') return 'record (unbounded keys)'
  if (n.type === 'any' || n.type === 'unknown') return `${n.type} accepted`
  return null
}

/** A regex anchored at both ends with no unbounded repetition accepts strings of bounded length. */
function isAnchoredFinite(re: RegExp): boolean {
  const src = re.source
  return src.startsWith('^') && src.endsWith('$') && !/[*+]|\{\d+,\}/.test(src)
}

// ---- values a schema accepts ------------------------------------------------------------------

function stringArb(s: z.ZodType): fc.Arbitrary<string> {
  const c = checks(s)
  const d = def(s)
  const fmt = d.format ?? (c.find((x) => x.check === 'string_format')?.format as string | undefined)
  const exact = c.find((x) => x.check === 'length_equals')?.length as number | undefined
  const min = exact ?? Math.max(0, ...c.filter((x) => x.check === 'min_length').map((x) => x.minimum as number))
  const max = exact ?? Math.min(200, ...c.filter((x) => x.check === 'max_length').map((x) => x.maximum as number))
  if (fmt === 'uuid' || fmt === 'guid') return fc.uuid({ version: 4 })
  if (fmt === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10))
  if (fmt === 'datetime') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((x) => x.toISOString())
  if (fmt === 'regex') {
    const re = (c.find((x) => x.check === 'string_format' && x.format === 'regex')?.pattern ?? d.pattern) as RegExp
    return fc.stringMatching(re).filter((x) => x.length >= min && x.length <= Math.max(max, min))
  }
  return fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme-ascii' }).filter((x) => x.trim().length >= min)
}

function numberArb(s: z.ZodType): fc.Arbitrary<number> {
  const c = checks(s)
  const isInt = c.some((x) => x.check === 'number_format' && String(x.format).includes('int'))
  let min = -1e6
  let max = 1e6
  for (const x of c) {
    if (x.check === 'greater_than') min = Math.max(min, (x.value as number) + (x.inclusive ? 0 : isInt ? 1 : 1e-6))
    if (x.check === 'less_than') max = Math.min(max, (x.value as number) - (x.inclusive ? 0 : isInt ? 1 : 1e-6))
  }
  return isInt ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

/** Values the schema is likely to accept (callers filter with safeParse: refinements are not modelled). */
export function arbitraryFor(s: z.ZodType): fc.Arbitrary<unknown> {
  const d = def(s)
  switch (d.type) {
    case 'string':
      return stringArb(s)
    case 'number':
      return numberArb(s)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'literal':
      return fc.constantFrom(...(d.values ?? []))
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries ?? {}))
    case 'optional':
      return fc.option(arbitraryFor(d.innerType!), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryFor(d.innerType!), { nil: null })
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return arbitraryFor(d.innerType!)
    case 'array': {
      const c = checks(s)
      const min = Math.max(0, ...c.filter((x) => x.check === 'min_length').map((x) => x.minimum as number))
      const max = Math.min(min + 3, ...c.filter((x) => x.check === 'max_length').map((x) => x.maximum as number))
      return fc.array(arbitraryFor(d.element!), { minLength: min, maxLength: Math.max(min, max) })
    }
    case 'object': {
      const shape = d.shape ?? {}
      const required = Object.keys(shape).filter((k) => !['optional', 'default', 'prefault'].includes(def(shape[k]).type))
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, v] of Object.entries(shape)) model[k] = arbitraryFor(v)
      return fc.record(model, { requiredKeys: required })
    }
    case 'union':
      return fc.oneof(...(d.options ?? []).map(arbitraryFor))
    case 'pipe':
      return arbitraryFor(d.in!)
    case 'lazy':
      return arbitraryFor(d.getter!())
    default:
      return fc.anything()
  }
}

/** A value the schema accepts, found by sampling (bounded); null when sampling finds none. */
export function validExample(s: z.ZodType, seed = 42): Record<string, unknown> | null {
  const found = fc.sample(arbitraryFor(s), { numRuns: 300, seed }).find((x) => s.safeParse(x).success)
  return found === undefined ? null : (found as Record<string, unknown>)
}
