// The explicit, ordered list of client database migrations. Append only.
import type { Migration } from '../../migrate'
import { c0001 } from './0001-ledger'
import { c0002 } from './0002-vault'

export const clientMigrations: readonly Migration[] = [c0001, c0002]
