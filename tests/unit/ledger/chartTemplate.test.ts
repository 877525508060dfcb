import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  accountLevel,
  parentCode,
  parseChartTemplate,
  validateChartTemplate,
  type ChartAccount,
  type ChartProblemKind,
  type ChartTemplate,
} from '../../../src/shared/ledger/chartTemplate'

const CHARTS = fileURLToPath(new URL('../../../resources/charts', import.meta.url))

function load(file: string): ChartTemplate {
  const parsed = parseChartTemplate(JSON.parse(readFileSync(join(CHARTS, file), 'utf8')))
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join('; ')}`)
  return parsed.template
}
const small = load('small-enterprise.json')
const general = load('general-enterprise.json')

const byCode = (t: ChartTemplate) => new Map(t.accounts.map((a) => [a.code, a]))
const childrenOf = (t: ChartTemplate, code: string) =>
  t.accounts.filter((a) => parentCode(a.code, t.codingScheme) === code).map((a) => a.name)
const descendantsOf = (t: ChartTemplate, code: string) => t.accounts.filter((a) => a.code !== code && a.code.startsWith(code))
const childNamed = (t: ChartTemplate, parent: string, name: string) =>
  t.accounts.find((a) => parentCode(a.code, t.codingScheme) === parent && a.name === name)

// DOMAIN.md: 小企业会计准则 first-level accounts (财会〔2011〕17号; 5403 renamed by 财会〔2016〕22号)
const SMALL_LEVEL1: Record<string, [string, ChartAccount['category']]> = {
  '1001': ['库存现金', 'asset'], '1002': ['银行存款', 'asset'], '1012': ['其他货币资金', 'asset'], '1101': ['短期投资', 'asset'],
  '1121': ['应收票据', 'asset'], '1122': ['应收账款', 'asset'], '1123': ['预付账款', 'asset'], '1131': ['应收股利', 'asset'],
  '1132': ['应收利息', 'asset'], '1221': ['其他应收款', 'asset'], '1401': ['材料采购', 'asset'], '1402': ['在途物资', 'asset'],
  '1403': ['原材料', 'asset'], '1404': ['材料成本差异', 'asset'], '1405': ['库存商品', 'asset'], '1407': ['商品进销差价', 'asset'],
  '1408': ['委托加工物资', 'asset'], '1411': ['周转材料', 'asset'], '1421': ['消耗性生物资产', 'asset'], '1501': ['长期债券投资', 'asset'],
  '1511': ['长期股权投资', 'asset'], '1601': ['固定资产', 'asset'], '1602': ['累计折旧', 'asset'], '1604': ['在建工程', 'asset'],
  '1605': ['工程物资', 'asset'], '1606': ['固定资产清理', 'asset'], '1621': ['生产性生物资产', 'asset'],
  '1622': ['生产性生物资产累计折旧', 'asset'], '1701': ['无形资产', 'asset'], '1702': ['累计摊销', 'asset'],
  '1801': ['长期待摊费用', 'asset'], '1901': ['待处理财产损溢', 'asset'],
  '2001': ['短期借款', 'liability'], '2201': ['应付票据', 'liability'], '2202': ['应付账款', 'liability'], '2203': ['预收账款', 'liability'],
  '2211': ['应付职工薪酬', 'liability'], '2221': ['应交税费', 'liability'], '2231': ['应付利息', 'liability'], '2232': ['应付利润', 'liability'],
  '2241': ['其他应付款', 'liability'], '2401': ['递延收益', 'liability'], '2501': ['长期借款', 'liability'], '2701': ['长期应付款', 'liability'],
  '3001': ['实收资本', 'equity'], '3002': ['资本公积', 'equity'], '3101': ['盈余公积', 'equity'], '3103': ['本年利润', 'equity'],
  '3104': ['利润分配', 'equity'],
  '4001': ['生产成本', 'cost'], '4101': ['制造费用', 'cost'], '4301': ['研发支出', 'cost'], '4401': ['工程施工', 'cost'], '4403': ['机械作业', 'cost'],
  '5001': ['主营业务收入', 'pnl'], '5051': ['其他业务收入', 'pnl'], '5111': ['投资收益', 'pnl'], '5301': ['营业外收入', 'pnl'],
  '5401': ['主营业务成本', 'pnl'], '5402': ['其他业务成本', 'pnl'], '5403': ['税金及附加', 'pnl'], '5601': ['销售费用', 'pnl'],
  '5602': ['管理费用', 'pnl'], '5603': ['财务费用', 'pnl'], '5711': ['营业外支出', 'pnl'], '5801': ['所得税费用', 'pnl'],
}

// The brief's 企业会计准则 list (财会〔2006〕3号 appendix and later amendments)
const GENERAL_LEVEL1: Record<string, [string, ChartAccount['category']]> = {
  '1001': ['库存现金', 'asset'], '1002': ['银行存款', 'asset'], '1012': ['其他货币资金', 'asset'], '1101': ['交易性金融资产', 'asset'],
  '1121': ['应收票据', 'asset'], '1122': ['应收账款', 'asset'], '1123': ['预付账款', 'asset'], '1131': ['应收股利', 'asset'],
  '1132': ['应收利息', 'asset'], '1221': ['其他应收款', 'asset'], '1231': ['坏账准备', 'asset'], '1401': ['材料采购', 'asset'],
  '1402': ['在途物资', 'asset'], '1403': ['原材料', 'asset'], '1404': ['材料成本差异', 'asset'], '1405': ['库存商品', 'asset'],
  '1406': ['发出商品', 'asset'], '1407': ['商品进销差价', 'asset'], '1408': ['委托加工物资', 'asset'], '1411': ['周转材料', 'asset'],
  '1471': ['存货跌价准备', 'asset'], '1501': ['债权投资', 'asset'], '1511': ['长期股权投资', 'asset'], '1521': ['投资性房地产', 'asset'],
  '1601': ['固定资产', 'asset'], '1602': ['累计折旧', 'asset'], '1603': ['固定资产减值准备', 'asset'], '1604': ['在建工程', 'asset'],
  '1605': ['工程物资', 'asset'], '1606': ['固定资产清理', 'asset'], '1701': ['无形资产', 'asset'], '1702': ['累计摊销', 'asset'],
  '1703': ['无形资产减值准备', 'asset'], '1711': ['商誉', 'asset'], '1801': ['长期待摊费用', 'asset'], '1811': ['递延所得税资产', 'asset'],
  '1901': ['待处理财产损溢', 'asset'],
  '2001': ['短期借款', 'liability'], '2201': ['应付票据', 'liability'], '2202': ['应付账款', 'liability'], '2203': ['预收账款', 'liability'],
  '2211': ['应付职工薪酬', 'liability'], '2221': ['应交税费', 'liability'], '2231': ['应付利息', 'liability'], '2232': ['应付股利', 'liability'],
  '2241': ['其他应付款', 'liability'], '2501': ['长期借款', 'liability'], '2502': ['应付债券', 'liability'], '2701': ['长期应付款', 'liability'],
  '2801': ['预计负债', 'liability'], '2901': ['递延所得税负债', 'liability'],
  '3101': ['衍生工具', 'common'], '3201': ['套期工具', 'common'], '3202': ['被套期项目', 'common'],
  '4001': ['实收资本', 'equity'], '4002': ['资本公积', 'equity'], '4101': ['盈余公积', 'equity'], '4103': ['本年利润', 'equity'],
  '4104': ['利润分配', 'equity'], '4201': ['库存股', 'equity'],
  '5001': ['生产成本', 'cost'], '5101': ['制造费用', 'cost'], '5201': ['劳务成本', 'cost'], '5301': ['研发支出', 'cost'],
  '6001': ['主营业务收入', 'pnl'], '6051': ['其他业务收入', 'pnl'], '6101': ['公允价值变动损益', 'pnl'], '6111': ['投资收益', 'pnl'],
  '6301': ['营业外收入', 'pnl'], '6401': ['主营业务成本', 'pnl'], '6402': ['其他业务成本', 'pnl'], '6403': ['税金及附加', 'pnl'],
  '6601': ['销售费用', 'pnl'], '6602': ['管理费用', 'pnl'], '6603': ['财务费用', 'pnl'], '6701': ['资产减值损失', 'pnl'],
  '6702': ['信用减值损失', 'pnl'], '6711': ['营业外支出', 'pnl'], '6801': ['所得税费用', 'pnl'], '6901': ['以前年度损益调整', 'pnl'],
}

// 会小企03表 direct-method items, in statement order
const CASH_FLOW_ITEMS: [string, 'in' | 'out', 'operating' | 'investing' | 'financing'][] = [
  ['销售产成品、商品、提供劳务收到的现金', 'in', 'operating'],
  ['收到其他与经营活动有关的现金', 'in', 'operating'],
  ['购买原材料、商品、接受劳务支付的现金', 'out', 'operating'],
  ['支付的职工薪酬', 'out', 'operating'],
  ['支付的税费', 'out', 'operating'],
  ['支付其他与经营活动有关的现金', 'out', 'operating'],
  ['收回短期投资、长期债券投资和长期股权投资收到的现金', 'in', 'investing'],
  ['取得投资收益收到的现金', 'in', 'investing'],
  ['处置固定资产、无形资产和其他非流动资产收回的现金净额', 'in', 'investing'],
  ['短期投资、长期债券投资和长期股权投资支付的现金', 'out', 'investing'],
  ['购建固定资产、无形资产和其他非流动资产支付的现金', 'out', 'investing'],
  ['取得借款收到的现金', 'in', 'financing'],
  ['吸收投资者投资收到的现金', 'in', 'financing'],
  ['偿还借款本金支付的现金', 'out', 'financing'],
  ['偿还借款利息支付的现金', 'out', 'financing'],
  ['分配利润支付的现金', 'out', 'financing'],
]

describe('coding scheme arithmetic', () => {
  it('gives levels for 4-2-2 and 4-2-2-2-2 codes, null for codes that do not fit', () => {
    expect(accountLevel('1002', [4, 2, 2])).toBe(1)
    expect(accountLevel('100201', [4, 2, 2])).toBe(2)
    expect(accountLevel('10020101', [4, 2, 2])).toBe(3)
    expect(accountLevel('1002010101', [4, 2, 2])).toBeNull()
    expect(accountLevel('1002010101', [4, 2, 2, 2, 2])).toBe(4)
    expect(accountLevel('100201010101', [4, 2, 2, 2, 2])).toBe(5)
    expect(accountLevel('10020', [4, 2, 2])).toBeNull()
    expect(accountLevel('10a2', [4, 2, 2])).toBeNull()
    expect(accountLevel('', [4, 2, 2])).toBeNull()
    expect(accountLevel('10020101', [4, 3, 1])).toBe(3)
  })

  it('finds the parent code one level up', () => {
    expect(parentCode('1002', [4, 2, 2])).toBeNull()
    expect(parentCode('100201', [4, 2, 2])).toBe('1002')
    expect(parentCode('22210101', [4, 2, 2])).toBe('222101')
    expect(parentCode('100201010101', [4, 2, 2, 2, 2])).toBe('1002010101')
    expect(parentCode('1002013', [4, 3])).toBe('1002')
    expect(parentCode('10020', [4, 2, 2])).toBeNull()
  })
})

describe.each([
  ['small-enterprise.json', small],
  ['general-enterprise.json', general],
])('%s', (_file, t) => {
  it('parses strictly and validates with zero problems', () => {
    expect(validateChartTemplate(t)).toEqual([])
    expect(t.codingScheme).toEqual([4, 2, 2])
  })

  it('keeps 1002 银行存款 without sub-accounts (banks are added per client)', () => {
    expect(descendantsOf(t, '1002')).toEqual([])
  })

  it('marks 2211 应付职工薪酬 and every sub-account sensitive', () => {
    const all = [byCode(t).get('2211')!, ...descendantsOf(t, '2211')]
    expect(all.length).toBeGreaterThan(5)
    expect(all.every((a) => a.sensitive === true)).toBe(true)
    // Employee advances carry personal data and need the employee on every line
    expect(childNamed(t, '1221', '备用金')).toMatchObject({ sensitive: true, aux: ['employee'] })
  })

  it('requires customers on receivables and advance receipts, suppliers on payables and prepayments', () => {
    const m = byCode(t)
    expect(m.get('1122')!.aux).toEqual(['customer'])
    expect(m.get('2203')!.aux).toEqual(['customer'])
    expect(m.get('2202')!.aux).toEqual(['supplier'])
    expect(m.get('1123')!.aux).toEqual(['supplier'])
    expect(Object.keys(t.auxTypes).sort()).toEqual(['cashflow', 'customer', 'department', 'employee', 'project', 'supplier'])
  })

  it('has the usual 应交税费 sub-accounts, with the VAT columns under 应交增值税', () => {
    const vat = childNamed(t, '2221', '应交增值税')!
    expect(vat.code).toBe('222101')
    expect(childrenOf(t, '222101')).toEqual(expect.arrayContaining(['进项税额', '销项税额', '进项税额转出', '转出未交增值税', '已交税金']))
    expect(childNamed(t, '222101', '进项税额')!.direction).toBe('debit')
    expect(childNamed(t, '222101', '销项税额')!.direction).toBe('credit')
    expect(childNamed(t, '2221', '未交增值税')!.code).toBe('222102')
    expect(childrenOf(t, '2221')).toEqual(
      expect.arrayContaining(['应交所得税', '应交城市维护建设税', '应交个人所得税', '教育费附加', '地方教育附加']),
    )
  })

  it('lists the 会小企03表 cash-flow items in statement order', () => {
    expect(t.cashFlowItems.map((c) => [c.name, c.direction, c.activity])).toEqual(CASH_FLOW_ITEMS)
    expect(new Set(t.cashFlowItems.map((c) => c.code)).size).toBe(CASH_FLOW_ITEMS.length)
  })

  it('gives every 损益 account the kind its direction implies', () => {
    for (const a of t.accounts.filter((x) => x.category === 'pnl')) {
      expect(a.pnlKind, a.code).toBe(a.direction === 'credit' ? 'income' : 'expense')
    }
  })

  it('sorts accounts by code so the template reads like the printed chart', () => {
    const codes = t.accounts.map((a) => a.code)
    expect(codes).toEqual([...codes].sort())
  })
})

describe('小企业会计准则 template', () => {
  it('contains exactly the DOMAIN.md first-level accounts with their names and categories', () => {
    const level1 = small.accounts.filter((a) => accountLevel(a.code, small.codingScheme) === 1)
    expect(Object.fromEntries(level1.map((a) => [a.code, [a.name, a.category]]))).toEqual(SMALL_LEVEL1)
    expect(level1).toHaveLength(66)
  })

  it('does not use the 2010 draft numbering', () => {
    const m = byCode(small)
    expect(m.has('1201')).toBe(false) // draft 应收票据
    expect(m.has('3102')).toBe(false) // draft 本年利润
    expect(m.has('5101')).toBe(false) // draft 投资收益
    expect(m.get('1121')!.name).toBe('应收票据')
    expect(m.get('3103')!.name).toBe('本年利润')
    expect(m.get('5111')!.name).toBe('投资收益')
    expect(small.accounts.some((a) => a.category === 'common')).toBe(false)
  })

  it('has the sub-accounts the 利润表 其中 rows read', () => {
    expect(childrenOf(small, '5403')).toEqual(
      expect.arrayContaining(['消费税', '营业税', '城市维护建设税', '资源税', '土地增值税', '城镇土地使用税', '房产税', '车船税', '印花税', '教育费附加', '矿产资源补偿费', '排污费']),
    )
    expect(childrenOf(small, '5601')).toEqual(expect.arrayContaining(['商品维修费', '广告费和业务宣传费']))
    expect(childrenOf(small, '5602')).toEqual(expect.arrayContaining(['开办费', '业务招待费', '研究费用']))
    expect(childrenOf(small, '5603')).toEqual(expect.arrayContaining(['利息费用']))
    expect(childrenOf(small, '5301')).toEqual(expect.arrayContaining(['政府补助']))
    expect(childrenOf(small, '5711')).toEqual(
      expect.arrayContaining(['坏账损失', '无法收回的长期债券投资损失', '无法收回的长期股权投资损失', '自然灾害等不可抗力因素造成的损失', '税收滞纳金']),
    )
  })

  it('has 3104 利润分配—未分配利润 as the year-end transfer target', () => {
    expect(childNamed(small, '3104', '未分配利润')).toMatchObject({ category: 'equity', direction: 'credit' })
  })

  it('carries income accounts on the credit side and everything else in 损益 on the debit side', () => {
    const income = small.accounts.filter((a) => a.pnlKind === 'income' && a.code.length === 4).map((a) => a.code)
    expect(income).toEqual(['5001', '5051', '5111', '5301'])
  })

  it('makes contra accounts credit-normal', () => {
    const m = byCode(small)
    for (const code of ['1602', '1622', '1702', '1407']) expect(m.get(code)!.direction, code).toBe('credit')
  })
})

describe('企业会计准则 template', () => {
  it('contains the listed first-level accounts with their names and categories', () => {
    const m = byCode(general)
    for (const [code, [name, category]] of Object.entries(GENERAL_LEVEL1)) {
      expect(m.get(code), code).toMatchObject({ name, category })
    }
  })

  it('has 4104 利润分配—未分配利润 and makes contra accounts credit-normal', () => {
    expect(childNamed(general, '4104', '未分配利润')).toMatchObject({ category: 'equity', direction: 'credit' })
    const m = byCode(general)
    for (const code of ['1231', '1471', '1602', '1603', '1702', '1703', '1512']) expect(m.get(code)!.direction, code).toBe('credit')
  })

  it('classes 6101/6111/6301 as income and 6701/6702/6711/6801 as expense', () => {
    const m = byCode(general)
    for (const code of ['6001', '6051', '6101', '6111', '6301']) expect(m.get(code)!.pnlKind, code).toBe('income')
    for (const code of ['6401', '6402', '6403', '6601', '6602', '6603', '6701', '6702', '6711', '6801']) {
      expect(m.get(code)!.pnlKind, code).toBe('expense')
    }
  })
})

// ---- the validator on crafted bad templates -------------------------------------------------

function base(): ChartTemplate {
  return {
    standard: 'small',
    name: 'test',
    source: 'test',
    codingScheme: [4, 2, 2],
    accounts: [
      { code: '1001', name: '库存现金', category: 'asset', direction: 'debit' },
      { code: '1122', name: '应收账款', category: 'asset', direction: 'debit', aux: ['customer'] },
      { code: '2211', name: '应付职工薪酬', category: 'liability', direction: 'credit', sensitive: true },
      { code: '221101', name: '职工工资', category: 'liability', direction: 'credit', sensitive: true },
      { code: '3104', name: '利润分配', category: 'equity', direction: 'credit' },
      { code: '5001', name: '主营业务收入', category: 'pnl', direction: 'credit', pnlKind: 'income' },
      { code: '5602', name: '管理费用', category: 'pnl', direction: 'debit', pnlKind: 'expense' },
      { code: '560201', name: '开办费', category: 'pnl', direction: 'debit', pnlKind: 'expense' },
    ],
    auxTypes: { customer: '客户' },
    cashFlowItems: [{ code: '01', name: '销售产成品、商品、提供劳务收到的现金', direction: 'in', activity: 'operating' }],
  }
}
const withAccounts = (...extra: ChartAccount[]): ChartTemplate => {
  const t = base()
  t.accounts.push(...extra)
  return t
}
const kinds = (t: ChartTemplate): [ChartProblemKind, string | undefined][] => validateChartTemplate(t).map((p) => [p.kind, p.code])

describe('validateChartTemplate', () => {
  it('accepts the minimal base template', () => {
    expect(validateChartTemplate(base())).toEqual([])
  })

  it('reports a duplicate code', () => {
    expect(kinds(withAccounts({ code: '1001', name: '现金', category: 'asset', direction: 'debit' }))).toEqual([['duplicate-code', '1001']])
  })

  it('reports codes that do not fit the coding scheme', () => {
    expect(kinds(withAccounts({ code: '10011', name: 'x', category: 'asset', direction: 'debit' }))).toEqual([['code-length', '10011']])
    expect(kinds(withAccounts({ code: '1001010101', name: 'x', category: 'asset', direction: 'debit' }))).toEqual([['code-length', '1001010101']])
    // …which a 4-2-2-2-2 scheme accepts once the parents exist
    const deep = withAccounts(
      { code: '100101', name: 'a', category: 'asset', direction: 'debit' },
      { code: '10010101', name: 'b', category: 'asset', direction: 'debit' },
      { code: '1001010101', name: 'c', category: 'asset', direction: 'debit' },
      { code: '100101010101', name: 'd', category: 'asset', direction: 'debit' },
    )
    deep.codingScheme = [4, 2, 2, 2, 2]
    expect(kinds(deep)).toEqual([])
  })

  it('reports a sub-account whose parent is missing', () => {
    expect(kinds(withAccounts({ code: '10020101', name: '工行', category: 'asset', direction: 'debit' }))).toEqual([['missing-parent', '10020101']])
  })

  it('reports a child whose category differs from its parent', () => {
    expect(kinds(withAccounts({ code: '100101', name: 'x', category: 'liability', direction: 'credit' }))).toEqual([['category-mismatch', '100101']])
  })

  it('reports a first-level code numbered outside its category, and 共同类 in a small-enterprise chart', () => {
    expect(kinds(withAccounts({ code: '2001', name: '短期借款', category: 'asset', direction: 'debit' }))).toEqual([['category-code-mismatch', '2001']])
    expect(kinds(withAccounts({ code: '3101', name: '衍生工具', category: 'common', direction: 'debit' }))).toEqual([['category-code-mismatch', '3101']])
    const g = withAccounts()
    g.standard = 'general'
    // the same codes mean other things in the general chart: 3104 is common there, 5xxx cost
    expect(kinds(g).map(([k]) => k)).toEqual(['category-code-mismatch', 'category-code-mismatch', 'category-code-mismatch'])
  })

  it('reports 损益 accounts without pnlKind, pnlKind elsewhere, and kinds that contradict the direction or parent', () => {
    expect(kinds(withAccounts({ code: '5111', name: '投资收益', category: 'pnl', direction: 'credit' }))).toEqual([['missing-pnl-kind', '5111']])
    expect(kinds(withAccounts({ code: '1002', name: '银行存款', category: 'asset', direction: 'debit', pnlKind: 'income' }))).toEqual([
      ['unexpected-pnl-kind', '1002'],
    ])
    expect(kinds(withAccounts({ code: '5111', name: '投资收益', category: 'pnl', direction: 'debit', pnlKind: 'income' }))).toEqual([
      ['pnl-direction-mismatch', '5111'],
    ])
    expect(kinds(withAccounts({ code: '560202', name: 'x', category: 'pnl', direction: 'credit', pnlKind: 'income' }))).toEqual([
      ['pnl-kind-mismatch', '560202'],
    ])
  })

  it('reports auxiliary types that are undeclared, unknown to the application, or repeated', () => {
    expect(kinds(withAccounts({ code: '2202', name: '应付账款', category: 'liability', direction: 'credit', aux: ['supplier'] }))).toEqual([
      ['unknown-aux-type', '2202'],
    ])
    const t = withAccounts({ code: '2202', name: '应付账款', category: 'liability', direction: 'credit', aux: ['vendor'] })
    t.auxTypes.vendor = '供货商'
    expect(kinds(t)).toEqual([
      ['unknown-aux-type', undefined],
      ['unknown-aux-type', '2202'],
    ])
    expect(kinds(withAccounts({ code: '1123', name: '预付账款', category: 'asset', direction: 'debit', aux: ['customer', 'customer'] }))).toEqual([
      ['duplicate-aux-type', '1123'],
    ])
  })

  it('reports a sub-account of a sensitive account that is not itself sensitive', () => {
    expect(kinds(withAccounts({ code: '221102', name: '职工福利费', category: 'liability', direction: 'credit' }))).toEqual([
      ['sensitivity-not-inherited', '221102'],
    ])
  })

  it('reports duplicate cash-flow item codes and an over-long coding scheme', () => {
    const t = base()
    t.cashFlowItems.push({ code: '01', name: '收到其他与经营活动有关的现金', direction: 'in', activity: 'operating' })
    expect(kinds(t)).toEqual([['duplicate-cash-flow-item', '01']])
    const long = base()
    long.codingScheme = [4, 2, 2, 4, 4, 6] // 22 digits at level 6; the existing codes still fit
    expect(kinds(long)).toEqual([['bad-coding-scheme', undefined]])
  })

  it('lists several problems at once with a readable detail', () => {
    const problems = validateChartTemplate(
      withAccounts(
        { code: '1001', name: '现金', category: 'asset', direction: 'debit' },
        { code: '99010101', name: 'x', category: 'asset', direction: 'debit' },
      ),
    )
    expect(problems.map((p) => p.kind)).toEqual(['duplicate-code', 'missing-parent'])
    expect(problems[1].detail).toContain('990101')
  })
})

describe('parseChartTemplate', () => {
  it('rejects unknown fields, categories and directions as schema errors without throwing', () => {
    const extra = { ...base(), version: 2 }
    expect(parseChartTemplate(extra).ok).toBe(false)
    const badAccount = base() as unknown as { accounts: Record<string, unknown>[] }
    badAccount.accounts[0] = { ...badAccount.accounts[0], category: 'income' }
    const r = parseChartTemplate(badAccount)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatch(/^accounts\.0\.category/)
    const badField = base() as unknown as { accounts: Record<string, unknown>[] }
    badField.accounts[0] = { ...badField.accounts[0], balance: 0 }
    expect(parseChartTemplate(badField).ok).toBe(false)
    expect(parseChartTemplate(null).ok).toBe(false)
    expect(parseChartTemplate({ ...base(), accounts: [{ ...base().accounts[0], code: '10-01' }] }).ok).toBe(false)
  })
})
