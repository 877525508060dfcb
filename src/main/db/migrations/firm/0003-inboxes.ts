// firm.db v3: each client's watched scanner folder (收件夹), set by an admin. Only the folder's path is
// kept here; files found in it are encrypted into that client's vault and the originals deleted.
import type { Migration } from '../../migrate'

export const m0003: Migration = {
  version: 3,
  name: '0003-inboxes',
  async up(tx) {
    await tx.exec(`
CREATE TABLE client_inboxes (
  client_id TEXT PRIMARY KEY REFERENCES clients(id),
  path TEXT NOT NULL UNIQUE,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
`)
  },
}
