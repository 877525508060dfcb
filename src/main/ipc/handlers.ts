// Contract call → service or query. The only file that knows both the contract and the services.
import { AppError } from '../../shared/ipc/result'
import { verifyChain } from '../audit/chain'
import type { AuthService } from '../auth/service'
import type { Session } from '../auth/session'
import { readSettings, updateSettings } from '../auth/settings'
import { createUser, listUsers, setUserStatus, type UsersDeps } from '../auth/users'
import type { Queryable } from '../db/connection'
import type { Handlers } from './router'
import { createLedgerHandlers } from '../ledger/handlers'
import { createVaultHandlers, type VaultDeps } from '../vault/handlers'

function need(s: Session | null): Session {
  if (!s) throw new AppError('LOCKED', 'Zhangfang is locked.')
  return s
}

/** Raw Ed25519 public key of a signer at a key version, from firm.db. */
export function firmSignerKeys(db: Queryable) {
  return async (signerId: string, version: number): Promise<Buffer | undefined> => {
    const row = await db.get<{ ed25519_public: string }>('SELECT ed25519_public FROM user_keys WHERE user_id = ? AND version = ?', [signerId, version])
    return row ? Buffer.from(row.ed25519_public, 'base64') : undefined
  }
}

export function createHandlers(auth: AuthService, deps: UsersDeps, vault: Omit<VaultDeps, 'dataDir' | 'now'>): Handlers {
  return {
    ...createLedgerHandlers(deps),
    ...createVaultHandlers({ ...vault, dataDir: deps.dataDir, now: deps.now }),
    'app:getState': async (_input, { session }) => ({
      setUp: await auth.isSetUp(),
      session: session ? session.info() : null,
    }),
    'setup:begin': (input) => auth.setupBegin(input),
    'setup:complete': (input) => auth.setupComplete(input.confirmation),
    'session:unlock': (input) => auth.unlock(input.username, input.password),
    'session:recover': (input) => auth.recover(input.username, input.recoverySecret, input.newPassword),
    'session:lock': async () => {
      await auth.lock('manual')
      return {}
    },
    'session:touch': async () => ({}),
    'session:changePassword': (input) => auth.changePassword(input.currentPassword, input.newPassword),
    'users:list': async (_input, { session }) => ({ users: await listUsers(need(session).firmDb) }),
    'users:create': (input, { session }) => createUser(deps, need(session), input),
    'users:disable': (input, { session }) => setUserStatus(deps, need(session), input.userId, 'disabled'),
    'users:enable': (input, { session }) => setUserStatus(deps, need(session), input.userId, 'active'),
    'settings:get': async (_input, { session }) => readSettings(need(session).firmDb),
    'settings:update': (input, { session }) => updateSettings(need(session), input, deps.now()),
    'audit:verifyFirm': async (_input, { session }) => {
      const s = need(session)
      const result = await verifyChain(s.firmDb, firmSignerKeys(s.firmDb))
      await auth.audit(s, {
        action: 'audit.verified',
        target: 'chain:firm',
        outcome: result.ok ? 'ok' : 'failed',
        details: { count: result.count, firstBadSeq: result.firstBad?.seq ?? null },
      })
      return result
    },
  }
}
