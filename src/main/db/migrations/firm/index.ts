// The explicit, ordered list of firm.db migrations. Append only; never edit a released migration.
import type { Migration } from '../../migrate'
import { m0001 } from './0001-initial'
import { m0002 } from './0002-clients'
import { m0003 } from './0003-inboxes'

export const firmMigrations: readonly Migration[] = [m0001, m0002, m0003]
