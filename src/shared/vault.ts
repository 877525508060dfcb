// Document vault vocabulary shared by main and the renderer: accepted types, categories, sensitivity
// levels and the sensitivity each category defaults to. Pure data; no electron, node: or DOM imports.

export const DOCUMENT_TYPES = ['pdf', 'jpeg', 'png', 'tiff', 'ofd', 'xlsx', 'csv'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** Types the in-app viewer renders (PDF through pdf.js, TIFF through UTIF.js, images natively); the rest are stored and exported. */
export const PREVIEWABLE_TYPES: readonly DocumentType[] = ['pdf', 'tiff', 'jpeg', 'png']

/** 发票 invoice / 回单 bank slip / 对账单 statement / 合同 contract / 工资 payroll / 证件 ID / 其他 other */
export const DOCUMENT_CATEGORIES = ['invoice', 'bank-slip', 'statement', 'contract', 'payroll', 'id', 'other'] as const
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number]

/** 普通 normal / 敏感 sensitive / 机密 confidential */
export const SENSITIVITIES = ['normal', 'sensitive', 'confidential'] as const
export type Sensitivity = (typeof SENSITIVITIES)[number]

export const DEFAULT_SENSITIVITY: Record<DocumentCategory, Sensitivity> = {
  invoice: 'normal',
  'bank-slip': 'sensitive',
  statement: 'sensitive',
  contract: 'sensitive',
  payroll: 'confidential',
  id: 'confidential',
  other: 'normal',
}

/** Why one file of a batch was not stored. */
export const REFUSAL_REASONS = ['unsupported-type', 'empty', 'too-large', 'content-mismatch', 'unreadable'] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]

export const DEFAULT_MAX_FILE_MB = 50

const NAME_HINTS: [RegExp, DocumentCategory][] = [
  [/发票|invoice|fapiao/i, 'invoice'],
  [/回单|水单|receipt|slip/i, 'bank-slip'],
  [/对账单|流水|statement/i, 'statement'],
  [/合同|协议|contract|agreement/i, 'contract'],
  [/工资|薪|payroll|salary/i, 'payroll'],
  [/身份证|证件|营业执照|passport|\bid\b/i, 'id'],
]

/** The category a file's name suggests (扫描_发票_001.pdf → invoice), else 其他. */
export function guessCategory(name: string): DocumentCategory {
  for (const [re, c] of NAME_HINTS) if (re.test(name)) return c
  return 'other'
}
