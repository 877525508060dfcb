// firm.db v2: the client registry (账套) and per-user grants that carry each client's key sealed to the
// user's X25519 key; the recovery key's seal of every client key.
import type { Migration } from '../../migrate'

export const m0002: Migration = {
  version: 2,
  name: '0002-clients',
  async up(tx) {
    await tx.exec(`
CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  uscc TEXT NOT NULL UNIQUE,
  standard TEXT NOT NULL CHECK (standard IN ('small', 'general')),
  first_period TEXT NOT NULL,
  coding_scheme TEXT NOT NULL,
  voucher_types TEXT NOT NULL CHECK (voucher_types IN ('single', 'three')),
  key_version INTEGER NOT NULL,
  -- status cache for the client list (derived from the client's books after each change)
  last_closed_period TEXT,
  unposted_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id)
);
-- one row per user who holds the client key; kind: 'assigned' (may work on the books) or 'admin'
-- (holds the key so the client can be assigned; opening the books is still checked and audited)
CREATE TABLE client_grants (
  client_id TEXT NOT NULL REFERENCES clients(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('assigned', 'admin')),
  client_key_version INTEGER NOT NULL,
  user_key_version INTEGER NOT NULL,
  sealed TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (client_id, user_id, client_key_version)
);
CREATE INDEX client_grants_user ON client_grants(user_id);
CREATE TABLE client_recovery_seals (
  client_id TEXT NOT NULL REFERENCES clients(id),
  client_key_version INTEGER NOT NULL,
  sealed TEXT NOT NULL,
  PRIMARY KEY (client_id, client_key_version)
);
`)
  },
}
