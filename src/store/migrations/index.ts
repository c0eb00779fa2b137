import { migration0004ImportKeys } from '../imports/import-keys-migration.js'
import { migration0001Core } from './0001-core.js'
import { migration0002Analysis } from './0002-analysis.js'
import { migration0003Auth } from './0003-auth.js'
import { migration0005Cases } from './0005-cases.js'
import { migration0006LostList } from './0006-lost-list.js'
import type { StoreMigration } from './store-migration.js'

/**
 * Every schema step, in order; the key is the migration's name in `kysely_migration`. Add one line
 * per new file (`'0002-…': migration0002…`), never rename or reorder an existing one.
 */
export const MIGRATIONS: Readonly<Record<string, StoreMigration>> = {
  '0001-core': migration0001Core,
  '0002-analysis': migration0002Analysis,
  '0003-auth': migration0003Auth,
  '0004-import-keys': migration0004ImportKeys,
  '0005-cases': migration0005Cases,
  '0006-lost-list': migration0006LostList,
}
