// firm.db v1: the firm, users and their public keys, settings, the firm audit chain.
import type { Migration } from '../../migrate'
import { auditTableSql } from '../../../audit/chain'

export const m0001: Migration = {
  version: 1,
  name: '0001-initial',
  async up(tx) {
    await tx.exec(`
CREATE TABLE firm (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'bookkeeper', 'auditor')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password INTEGER NOT NULL DEFAULT 0,
  key_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  last_unlock_at TEXT
);
CREATE TABLE user_keys (
  user_id TEXT NOT NULL REFERENCES users(id),
  version INTEGER NOT NULL,
  x25519_public TEXT NOT NULL,
  ed25519_public TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, version)
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('idleLockMinutes', '10');
${auditTableSql('audit_events')}
`)
  },
}
