import type { ImportKind } from '../../domain/records.js'
import type { PlannedRecord } from './batch-plan.js'
import { cellsFromJson, cellsOf } from './cells.js'
import {
  type Classification,
  classifyStored,
  type ImportContext,
  type StoredState,
} from './classify.js'
import type { RecordTable } from './record-tables.js'
import { pendingName } from './sql-text.js'

/** A row of `sqliteSelectStored` / `postgresSelectStored`: a key, its stored row, what was staged. */
export interface StoredRow {
  readonly row_key: string
  /** boolean on PostgreSQL, 0 or 1 on SQLite */
  readonly row_found: boolean | number
  readonly import_id: number | null
  readonly pending_table: string | null
  readonly pending_json: string | null
  readonly [column: string]: unknown
}

/**
 * The stored state of each key of `rows`, keyed by key.
 * @example storedStates(RECORD_TABLES.orders, rows).get('id:A-1')
 */
export function storedStates(
  table: RecordTable<ImportKind>,
  rows: readonly StoredRow[],
): Map<string, StoredState> {
  const states = new Map<string, StoredState>()
  for (const row of rows) {
    const json = row.pending_json
    states.set(row.row_key, {
      row:
        row.row_found === true || row.row_found === 1
          ? { importId: row.import_id, content: cellsOf(row, table.contentColumns) }
          : null,
      pending:
        json === null
          ? null
          : {
              action: row.pending_table === pendingName.seen(table) ? 'seen' : 'upsert',
              content: cellsFromJson(table.contentColumns, json),
            },
    })
  }
  return states
}

/** The classification of each first occurrence, and which of them to insert now. */
export interface ClassifiedFirsts {
  readonly classified: Classification[]
  readonly toInsert: PlannedRecord[]
}

/**
 * Classifies first occurrences against what is stored under their keys. A key with no row and
 * nothing staged is inserted now; every other key goes through `classifyStored`.
 */
export function classifyFirsts(
  firsts: readonly PlannedRecord[],
  states: ReadonlyMap<string, StoredState>,
  context: ImportContext,
): ClassifiedFirsts {
  const classified: Classification[] = []
  const toInsert: PlannedRecord[] = []
  for (const record of firsts) {
    const state = states.get(record.key)
    if (state === undefined || (state.row === null && state.pending === null)) {
      toInsert.push(record)
      classified.push({ outcome: 'inserted', stage: null, kept: record.content })
    } else {
      classified.push(classifyStored(record.content, state, context, record.canConflict))
    }
  }
  return { classified, toInsert }
}
