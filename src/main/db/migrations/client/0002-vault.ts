// client.db v2: the document vault's index — vault keys (the bodies' key material, never the database
// key, so a database rekey leaves bodies alone), documents and their links to vouchers — and 附单据数
// that follows the attached count. Attachments of posted vouchers are archives: triggers keep them.
import { randomBytes } from 'node:crypto'
import type { Migration } from '../../migrate'

export const c0002: Migration = {
  version: 2,
  name: '0002-vault',
  async up(tx) {
    await tx.exec(`
CREATE TABLE vault_keys (
  version INTEGER PRIMARY KEY,
  key BLOB NOT NULL CHECK (length(key) = 32),
  created_at TEXT NOT NULL
);
-- one row: the version new bodies are sealed with, and a rotation under way (bodies below it remain)
CREATE TABLE vault_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  current_version INTEGER NOT NULL REFERENCES vault_keys(version),
  rotating INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('pdf', 'jpeg', 'png', 'tiff', 'ofd', 'xlsx', 'csv')),
  size INTEGER NOT NULL CHECK (size > 0),
  pages INTEGER,
  sha256 TEXT NOT NULL,
  key_version INTEGER NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('invoice', 'bank-slip', 'statement', 'contract', 'payroll', 'id', 'other')),
  sensitivity TEXT NOT NULL CHECK (sensitivity IN ('normal', 'sensitive', 'confidential')),
  tags TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('dialog', 'drop', 'inbox')),
  added_by_id TEXT NOT NULL,
  added_by_name TEXT NOT NULL,
  added_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed', 'purged')),
  removed_by_name TEXT,
  removed_at TEXT,
  purged_at TEXT
);
CREATE INDEX documents_sha ON documents(sha256);
CREATE INDEX documents_added ON documents(status, added_at);
CREATE TABLE voucher_documents (
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id) ON DELETE CASCADE,
  document_id TEXT NOT NULL REFERENCES documents(id),
  position INTEGER NOT NULL,
  attached_at TEXT NOT NULL,
  attached_by TEXT NOT NULL,
  PRIMARY KEY (voucher_id, document_id)
);
CREATE INDEX voucher_documents_doc ON voucher_documents(document_id);
CREATE TRIGGER voucher_documents_posted_i BEFORE INSERT ON voucher_documents
  WHEN (SELECT status FROM vouchers WHERE id = NEW.voucher_id) = 'posted'
  BEGIN SELECT RAISE(ABORT, 'attachments of posted vouchers are permanent'); END;
CREATE TRIGGER voucher_documents_posted_d BEFORE DELETE ON voucher_documents
  WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) = 'posted'
  BEGIN SELECT RAISE(ABORT, 'attachments of posted vouchers are permanent'); END;
CREATE TRIGGER voucher_documents_no_update BEFORE UPDATE ON voucher_documents
  WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) = 'posted'
  BEGIN SELECT RAISE(ABORT, 'attachments of posted vouchers are permanent'); END;
CREATE TRIGGER documents_archived BEFORE UPDATE OF status ON documents
  WHEN NEW.status != 'active' AND EXISTS (SELECT 1 FROM voucher_documents vd JOIN vouchers v ON v.id = vd.voucher_id WHERE vd.document_id = OLD.id AND v.status = 'posted')
  BEGIN SELECT RAISE(ABORT, 'documents of posted vouchers are accounting archives'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
  BEGIN SELECT RAISE(ABORT, 'document index rows are kept (purge marks them)'); END;
-- existing vouchers keep their typed 附单据数; new ones follow their attachments unless typed
ALTER TABLE vouchers ADD COLUMN attachments_auto INTEGER NOT NULL DEFAULT 0;
`)
    await tx.run('INSERT INTO vault_keys (version, key, created_at) VALUES (1, ?, ?)', [randomBytes(32), new Date().toISOString()])
    await tx.run('INSERT INTO vault_state (id, current_version) VALUES (1, 1)')
  },
}
