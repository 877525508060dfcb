// The slice of the preload api the ledger stores use, and a stand-in answering INTERNAL for areas a
// caller did not provide (createStores stays usable with an api that predates the ledger screens).
import type { Api } from '../../lib/api'
import type { ClientSummary } from '../../../../shared/ipc/contract'
import type { Result } from '../../../../shared/ipc/result'
import type { IndexedAccount } from '../accounts'

export const LEDGER_AREAS = ['clients', 'accounts', 'auxItems', 'vouchers', 'periods', 'reports', 'opening', 'vault', 'jobs'] as const
export type LedgerArea = (typeof LEDGER_AREAS)[number]
export type LedgerApi = Pick<Api, LedgerArea>

/** Identifies the open client for every call a ledger store makes. */
export interface LedgerContext {
  /** The client whose workspace is open, or null. */
  client(): ClientSummary | null
  /** An account of the open client's chart. */
  account(code: string): IndexedAccount | undefined
  /** Something in the books changed (a voucher saved, posted, a period closed): refresh shared views. */
  changed(): void
}

function unavailableArea<A>(area: string): A {
  const answer = async (): Promise<Result<never>> => ({ ok: false, error: { code: 'INTERNAL', message: `The ${area} api is not available.` } })
  return new Proxy({}, { get: () => answer }) as A
}

/** The ledger api from a possibly partial api object. */
export function ledgerApiOf(api: Partial<LedgerApi>): LedgerApi {
  const out = {} as Record<LedgerArea, unknown>
  for (const area of LEDGER_AREAS) out[area] = api[area] ?? unavailableArea(area)
  return out as LedgerApi
}

/** The INVALID_STATE answer of a store action called while no client is open. */
export const NO_CLIENT = { code: 'INVALID_STATE', message: 'No client is open.' } as const
