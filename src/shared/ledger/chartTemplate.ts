// Chart-of-accounts templates (resources/charts/*.json): their strict schema, the coding-scheme arithmetic
// and a validator that lists every structural problem. Pure: no node:, electron or DOM imports, no I/O.
import { z } from 'zod'

export const ACCOUNTING_STANDARDS = ['small', 'general'] as const
export type AccountingStandard = (typeof ACCOUNTING_STANDARDS)[number]

/** 资产 / 负债 / 共同 / 所有者权益 / 成本 / 损益. 共同类 exists only in 企业会计准则. */
export const ACCOUNT_CATEGORIES = ['asset', 'liability', 'common', 'equity', 'cost', 'pnl'] as const
export type AccountCategory = (typeof ACCOUNT_CATEGORIES)[number]

/** The normal balance side (余额方向). */
export const BALANCE_DIRECTIONS = ['debit', 'credit'] as const
export type BalanceDirection = (typeof BALANCE_DIRECTIONS)[number]

/** For 损益 accounts: income accounts are credit-normal, expense accounts debit-normal. */
export const PNL_KINDS = ['income', 'expense'] as const
export type PnlKind = (typeof PNL_KINDS)[number]

/** Auxiliary dimensions (辅助核算) the application knows how to keep. */
export const AUX_TYPES = ['customer', 'supplier', 'department', 'project', 'employee', 'cashflow'] as const
export type AuxType = (typeof AUX_TYPES)[number]

export const CASH_FLOW_ACTIVITIES = ['operating', 'investing', 'financing'] as const
export type CashFlowActivity = (typeof CASH_FLOW_ACTIVITIES)[number]

/** Longest scheme allowed: 4-2-2-2-2 is the product's documented maximum; leave a little room. */
const MAX_LEVELS = 6
const MAX_CODE_LENGTH = 20

/** First digit of a level-1 code → category, per standard (the national charts number this way). */
const CATEGORY_BY_FIRST_DIGIT: Record<AccountingStandard, Record<string, AccountCategory>> = {
  small: { '1': 'asset', '2': 'liability', '3': 'equity', '4': 'cost', '5': 'pnl' },
  general: { '1': 'asset', '2': 'liability', '3': 'common', '4': 'equity', '5': 'cost', '6': 'pnl' },
}

export const chartAccountSchema = z.strictObject({
  code: z.string().regex(/^[0-9]{1,20}$/, 'digits only'),
  name: z.string().trim().min(1).max(60),
  category: z.enum(ACCOUNT_CATEGORIES),
  direction: z.enum(BALANCE_DIRECTIONS),
  /** Auxiliary types required on every voucher line posting to this account. */
  aux: z.array(z.string().min(1).max(30)).min(1).max(AUX_TYPES.length).optional(),
  /** Personal or payroll data: reading it needs the stronger protection of sensitive data. */
  sensitive: z.boolean().optional(),
  pnlKind: z.enum(PNL_KINDS).optional(),
})
export type ChartAccount = z.infer<typeof chartAccountSchema>

export const cashFlowItemSchema = z.strictObject({
  code: z.string().regex(/^[0-9]{2,4}$/, '2–4 digits'),
  name: z.string().trim().min(1).max(60),
  direction: z.enum(['in', 'out']),
  activity: z.enum(CASH_FLOW_ACTIVITIES),
})
export type CashFlowItem = z.infer<typeof cashFlowItemSchema>

export const chartTemplateSchema = z.strictObject({
  standard: z.enum(ACCOUNTING_STANDARDS),
  name: z.string().trim().min(1).max(100),
  source: z.string().trim().min(1).max(500),
  codingScheme: z.array(z.number().int().min(1).max(6)).min(1).max(MAX_LEVELS),
  accounts: z.array(chartAccountSchema).min(1).max(5000),
  auxTypes: z.record(z.string().regex(/^[a-z][a-zA-Z]{0,29}$/), z.string().trim().min(1).max(20)),
  cashFlowItems: z.array(cashFlowItemSchema).max(200),
})
export type ChartTemplate = z.infer<typeof chartTemplateSchema>

export type ChartProblemKind =
  | 'bad-coding-scheme'
  | 'duplicate-code'
  | 'code-length'
  | 'missing-parent'
  | 'category-mismatch'
  | 'category-code-mismatch'
  | 'missing-pnl-kind'
  | 'unexpected-pnl-kind'
  | 'pnl-kind-mismatch'
  | 'pnl-direction-mismatch'
  | 'unknown-aux-type'
  | 'duplicate-aux-type'
  | 'sensitivity-not-inherited'
  | 'duplicate-cash-flow-item'

export interface ChartProblem {
  kind: ChartProblemKind
  /** The account (or cash-flow item) code concerned, when there is one. */
  code?: string
  /** A short English explanation for logs and developer tools. */
  detail: string
}

/** Cumulative code lengths of a scheme: [4, 2, 2] → [4, 6, 8]. */
export function codeLengths(scheme: readonly number[]): number[] {
  const out: number[] = []
  let total = 0
  for (const seg of scheme) {
    total += seg
    out.push(total)
  }
  return out
}

/** The 1-based level of `code` under `scheme` (4-2-2: "1002" → 1, "100201" → 2), or null if it does not fit. */
export function accountLevel(code: string, scheme: readonly number[]): number | null {
  if (!/^[0-9]+$/.test(code)) return null
  const index = codeLengths(scheme).indexOf(code.length)
  return index < 0 ? null : index + 1
}

/** The code of the parent account ("10020101" → "100201"), or null for a level-1 code or one that does not fit. */
export function parentCode(code: string, scheme: readonly number[]): string | null {
  const level = accountLevel(code, scheme)
  if (level === null || level === 1) return null
  return code.slice(0, codeLengths(scheme)[level - 2])
}

/** Parses raw JSON into a template; schema failures come back as strings (path: message), never thrown. */
export function parseChartTemplate(raw: unknown): { ok: true; template: ChartTemplate } | { ok: false; errors: string[] } {
  const parsed = chartTemplateSchema.safeParse(raw)
  if (parsed.success) return { ok: true, template: parsed.data }
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) }
}

/**
 * Lists every structural problem of a (schema-valid) template; empty means usable. Checks: coding scheme,
 * duplicate codes, code lengths, parents, category inheritance and numbering, 损益 kinds and directions,
 * auxiliary types, sensitivity inheritance, duplicate cash-flow items.
 */
export function validateChartTemplate(t: ChartTemplate): ChartProblem[] {
  const problems: ChartProblem[] = []
  const lengths = codeLengths(t.codingScheme)
  if (lengths[lengths.length - 1] > MAX_CODE_LENGTH) {
    problems.push({ kind: 'bad-coding-scheme', detail: `codes would be longer than ${MAX_CODE_LENGTH} digits` })
  }

  const byCode = new Map<string, ChartAccount>()
  for (const a of t.accounts) {
    if (byCode.has(a.code)) problems.push({ kind: 'duplicate-code', code: a.code, detail: `code ${a.code} appears more than once` })
    else byCode.set(a.code, a)
  }

  const declaredAux = new Set(Object.keys(t.auxTypes))
  for (const key of declaredAux) {
    if (!(AUX_TYPES as readonly string[]).includes(key)) {
      problems.push({ kind: 'unknown-aux-type', detail: `auxTypes declares "${key}", which the application does not know` })
    }
  }

  for (const a of t.accounts) {
    const level = accountLevel(a.code, t.codingScheme)
    if (level === null) {
      problems.push({ kind: 'code-length', code: a.code, detail: `length ${a.code.length} is not one of ${lengths.join(', ')}` })
    } else if (level === 1) {
      const expected = CATEGORY_BY_FIRST_DIGIT[t.standard][a.code[0]]
      if (expected !== a.category) {
        problems.push({
          kind: 'category-code-mismatch',
          code: a.code,
          detail: `${t.standard} charts number ${expected ?? 'no category'} accounts from ${a.code[0]}, not ${a.category}`,
        })
      }
    } else {
      const pc = parentCode(a.code, t.codingScheme) as string
      const parent = byCode.get(pc)
      if (!parent) {
        problems.push({ kind: 'missing-parent', code: a.code, detail: `parent ${pc} does not exist` })
      } else {
        if (parent.category !== a.category) {
          problems.push({ kind: 'category-mismatch', code: a.code, detail: `category ${a.category} differs from parent ${pc} (${parent.category})` })
        } else if (a.category === 'pnl' && parent.pnlKind && a.pnlKind && parent.pnlKind !== a.pnlKind) {
          problems.push({ kind: 'pnl-kind-mismatch', code: a.code, detail: `pnlKind ${a.pnlKind} differs from parent ${pc} (${parent.pnlKind})` })
        }
        if (parent.sensitive && !a.sensitive) {
          problems.push({ kind: 'sensitivity-not-inherited', code: a.code, detail: `parent ${pc} is sensitive, this sub-account is not` })
        }
      }
    }

    if (a.category === 'pnl') {
      if (!a.pnlKind) {
        problems.push({ kind: 'missing-pnl-kind', code: a.code, detail: '损益 account without pnlKind: cannot carry it forward' })
      } else if ((a.pnlKind === 'income') !== (a.direction === 'credit')) {
        problems.push({ kind: 'pnl-direction-mismatch', code: a.code, detail: `${a.pnlKind} accounts are ${a.pnlKind === 'income' ? 'credit' : 'debit'}-normal` })
      }
    } else if (a.pnlKind) {
      problems.push({ kind: 'unexpected-pnl-kind', code: a.code, detail: `pnlKind on a ${a.category} account` })
    }

    const seenAux = new Set<string>()
    for (const aux of a.aux ?? []) {
      if (seenAux.has(aux)) problems.push({ kind: 'duplicate-aux-type', code: a.code, detail: `aux "${aux}" listed twice` })
      seenAux.add(aux)
      if (!declaredAux.has(aux) || !(AUX_TYPES as readonly string[]).includes(aux)) {
        problems.push({ kind: 'unknown-aux-type', code: a.code, detail: `aux "${aux}" is not a declared auxiliary type` })
      }
    }
  }

  const cashCodes = new Set<string>()
  for (const item of t.cashFlowItems) {
    if (cashCodes.has(item.code)) {
      problems.push({ kind: 'duplicate-cash-flow-item', code: item.code, detail: `cash-flow item ${item.code} appears more than once` })
    }
    cashCodes.add(item.code)
  }
  return problems
}
