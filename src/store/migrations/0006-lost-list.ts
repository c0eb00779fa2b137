import { type Kysely, sql } from 'kysely'
import type { StoreDialect, StoreMigration } from './store-migration.js'

// one partial index per sort of the lost list, each ending in the customer id: a page is a walk
// along the index of one run and one status, ties broken by id, with no sort step (issue 4: 1M
// customers). Indexing only the listed statuses keeps what analyze writes at a million customers
// to about 30 s more on SQLite; migration 0002's full (run, status, value) index goes, as the
// expected-value one here covers it.
const SCORE_SORT_INDEXES: readonly (readonly [name: string, column: string, nullable: boolean])[] =
  [
    ['customer_scores_sort_expected_ix', 'expected_value_minor', false],
    ['customer_scores_sort_value_ix', 'value_if_won_back_minor', false],
    ['customer_scores_sort_win_back_ix', 'win_back_probability', false],
    ['customer_scores_sort_overdue_ix', 'overdue_days', true],
    ['customer_scores_sort_lost_since_ix', 'lost_since', true],
  ]

/**
 * The condition of the partial sort indexes: only statuses the lost list shows are indexed, so an
 * analyze run writes little more than half the entries. A query must say it in these very words
 * (SQLite matches a partial index's condition by its terms).
 */
export const LISTED_STATUSES = "status <> 'active'"

/**
 * Indexes for the lost list at a million customers: one per sort of a run's scores, a covering
 * index that checks a customer's owner and segment without reading the row, and the deals' value
 * sort. Nullable sort columns sort nulls lowest on both dialects, as SQLite always does.
 */
export const migration0006LostList: StoreMigration = {
  async up(db, dialect) {
    await db.schema.dropIndex('customer_scores_run_status_value_ix').execute()
    for (const [name, column, nullable] of SCORE_SORT_INDEXES) {
      await createSortIndex(db, dialect, { name, column, nullable })
    }
    // the owner and segment checks of a page read only this index, never the customer's row
    await db.schema
      .createIndex('customers_scope_ix')
      .on('customers')
      .columns(['id', 'owner_id', 'segment', 'import_id'])
      .execute()
    await db.schema
      .createIndex('deal_scores_run_won_back_value_ix')
      .on('deal_scores')
      .columns(['run_id', 'value_if_won_back_minor'])
      .execute()
  },
}

async function createSortIndex(
  db: Kysely<unknown>,
  dialect: StoreDialect,
  index: { name: string; column: string; nullable: boolean },
): Promise<void> {
  // postgres puts nulls last by default; sqlite first: say nulls first so both walk alike
  const column =
    dialect === 'postgres' && index.nullable
      ? sql`${sql.ref(index.column)} nulls first`
      : sql.ref(index.column)
  await sql`create index ${sql.id(index.name)} on customer_scores (run_id, status, ${column}, customer_id) where ${sql.raw(LISTED_STATUSES)}`.execute(
    db,
  )
}
