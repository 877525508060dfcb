// An unlocked session: the user, their secrets and derived keys, and the open firm database. Only main
// holds one; destroy() zero-fills every key buffer and closes every database.
import type { Role, SessionInfo } from '../../shared/ipc/contract'
import { ROLE_PERMISSIONS } from '../../shared/ipc/contract'
import type { Db } from '../db/connection'
import type { Identity } from '../keys/crypto'
import type { Keyring, UserSecrets } from '../keys/keyring'
import type { Signer } from '../audit/chain'

export interface SessionUser {
  id: string
  username: string
  displayName: string
  role: Role
  keyVersion: number
  mustChangePassword: boolean
}

export interface OpenClient {
  db: Db
  /** The client key (not the database key); zero-filled on lock. */
  key: Buffer
  keyVersion: number
}

export class Session {
  lastActivity: number
  /** Client databases opened in this session, closed and forgotten on lock. */
  readonly clients = new Map<string, OpenClient>()
  /** Opens under way, so two calls naming the same client share one connection. */
  readonly opening = new Map<string, Promise<OpenClient>>()
  private destroyed = false
  constructor(
    readonly user: SessionUser,
    private readonly secrets: UserSecrets,
    readonly identity: Identity,
    readonly firmDb: Db,
    readonly keyring: Keyring,
    readonly firm: { id: string; name: string },
    public idleLockMinutes: number,
    readonly previousUnlockAt: string | null,
    public failedAttemptsSinceLastUnlock: number,
    now: number,
  ) {
    this.lastActivity = now
  }

  get firmKey(): Buffer {
    if (this.destroyed) throw new Error('session destroyed')
    return this.secrets.firmKey
  }

  signer(): Signer {
    return { id: this.user.id, keyVersion: this.user.keyVersion, privateKey: this.identity.ed25519Private }
  }

  actor(): { actorId: string; actorName: string } {
    return { actorId: this.user.id, actorName: this.user.username }
  }

  info(): SessionInfo {
    return {
      userId: this.user.id,
      username: this.user.username,
      displayName: this.user.displayName,
      role: this.user.role,
      permissions: [...ROLE_PERMISSIONS[this.user.role]],
      mustChangePassword: this.user.mustChangePassword,
      firmName: this.firm.name,
      idleLockMinutes: this.idleLockMinutes,
      previousUnlockAt: this.previousUnlockAt,
      failedAttemptsSinceLastUnlock: this.failedAttemptsSinceLastUnlock,
    }
  }

  get isDestroyed(): boolean {
    return this.destroyed
  }

  /** Zero-fills the key buffers and closes the firm database. Idempotent. */
  async destroy(): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    this.secrets.firmKey.fill(0)
    this.secrets.identitySeed.fill(0)
    for (const c of this.clients.values()) {
      c.key.fill(0)
      await c.db.close()
    }
    this.clients.clear()
    await this.firmDb.close()
  }
}
