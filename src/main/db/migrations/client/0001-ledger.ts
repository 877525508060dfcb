// client.db v1: one client's books — chart, auxiliary items, periods, vouchers and lines, the posted
// balance table, opening balances, and that client's audit chain. Posted vouchers are made permanent by
// triggers as well as by the services.
import type { Migration } from '../../migrate'
import { auditTableSql } from '../../../audit/chain'

export const c0001: Migration = {
  version: 1,
  name: '0001-ledger',
  async up(tx) {
    await tx.exec(`
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE accounts (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_code TEXT REFERENCES accounts(code),
  level INTEGER NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('asset', 'liability', 'common', 'equity', 'cost', 'pnl')),
  direction TEXT NOT NULL CHECK (direction IN ('debit', 'credit')),
  pnl_kind TEXT CHECK (pnl_kind IN ('income', 'expense')),
  is_leaf INTEGER NOT NULL DEFAULT 1,
  active INTEGER NOT NULL DEFAULT 1,
  aux_types TEXT NOT NULL DEFAULT '[]',
  sensitive INTEGER NOT NULL DEFAULT 0,
  initials TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX accounts_parent ON accounts(parent_code);
CREATE TABLE aux_items (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('customer', 'supplier', 'department', 'project', 'employee', 'cashflow')),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  initials TEXT NOT NULL DEFAULT '',
  sensitive INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (type, code)
);
CREATE TABLE periods (
  period TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('closed')),
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL
);
CREATE TABLE vouchers (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('记', '收', '付', '转')),
  number INTEGER NOT NULL,
  date TEXT NOT NULL,
  attachments INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed', 'posted')),
  kind TEXT NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'reversal', 'carry-forward', 'year-end')),
  reverses_id INTEGER REFERENCES vouchers(id),
  total INTEGER NOT NULL,
  preparer_id TEXT NOT NULL,
  preparer_name TEXT NOT NULL,
  reviewer_id TEXT,
  reviewer_name TEXT,
  reviewed_at TEXT,
  poster_id TEXT,
  poster_name TEXT,
  posted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (period, type, number)
);
CREATE INDEX vouchers_period_status ON vouchers(period, status);
CREATE TABLE voucher_lines (
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  summary TEXT NOT NULL,
  account_code TEXT NOT NULL REFERENCES accounts(code),
  debit INTEGER NOT NULL DEFAULT 0,
  credit INTEGER NOT NULL DEFAULT 0,
  aux_key TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (voucher_id, line_no)
);
CREATE INDEX voucher_lines_account ON voucher_lines(account_code, voucher_id);
-- posted movements per leaf account, period and auxiliary combination ('' = the account as a whole)
CREATE TABLE balances (
  account_code TEXT NOT NULL,
  period TEXT NOT NULL,
  aux_key TEXT NOT NULL,
  debit INTEGER NOT NULL DEFAULT 0,
  credit INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_code, period, aux_key)
);
-- the posted journal: one row per posted line, ordered for ledgers (index range scans, no sorting)
CREATE TABLE postings (
  account_code TEXT NOT NULL,
  date TEXT NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  line_no INTEGER NOT NULL,
  period TEXT NOT NULL,
  label TEXT NOT NULL,
  summary TEXT NOT NULL,
  debit INTEGER NOT NULL,
  credit INTEGER NOT NULL,
  aux_key TEXT NOT NULL,
  PRIMARY KEY (account_code, date, voucher_id, line_no)
) WITHOUT ROWID;
CREATE TRIGGER postings_append_only_u BEFORE UPDATE ON postings BEGIN SELECT RAISE(ABORT, 'postings are permanent'); END;
CREATE TRIGGER postings_append_only_d BEFORE DELETE ON postings BEGIN SELECT RAISE(ABORT, 'postings are permanent'); END;
-- balance at the start of the first period (debit positive) and the year-to-date totals before it
CREATE TABLE opening_balances (
  account_code TEXT NOT NULL REFERENCES accounts(code),
  aux_key TEXT NOT NULL DEFAULT '',
  balance INTEGER NOT NULL DEFAULT 0,
  ytd_debit INTEGER NOT NULL DEFAULT 0,
  ytd_credit INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_code, aux_key)
);
CREATE TRIGGER vouchers_posted_permanent_u BEFORE UPDATE ON vouchers WHEN OLD.status = 'posted'
  BEGIN SELECT RAISE(ABORT, 'posted vouchers are permanent'); END;
CREATE TRIGGER vouchers_posted_permanent_d BEFORE DELETE ON vouchers WHEN OLD.status = 'posted'
  BEGIN SELECT RAISE(ABORT, 'posted vouchers are permanent'); END;
-- (no INSERT trigger on lines: bulk posting writes lines of vouchers inserted as posted; a line added to
-- a posted voucher later would show as a difference in the ledger check against the postings journal)
CREATE TRIGGER lines_posted_permanent_u BEFORE UPDATE ON voucher_lines
  WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) = 'posted'
  BEGIN SELECT RAISE(ABORT, 'posted vouchers are permanent'); END;
CREATE TRIGGER lines_posted_permanent_d BEFORE DELETE ON voucher_lines
  WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) = 'posted'
  BEGIN SELECT RAISE(ABORT, 'posted vouchers are permanent'); END;
${auditTableSql('audit_events')}
`)
  },
}
