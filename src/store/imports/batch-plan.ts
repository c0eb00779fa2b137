import type { ImportKind, RecordByKind, RejectedRecord } from '../../domain/records.js'
import type { Cell } from './cells.js'
import { type Classification, type PendingAction, repeatOf } from './classify.js'
import type { RecordTable } from './record-tables.js'

/** One accepted record, turned into the key and cells its table stores. */
export interface PlannedRecord {
  readonly position: number
  readonly line: number
  readonly key: string
  readonly content: readonly Cell[]
  readonly canConflict: boolean
}

/**
 * A batch split by key: the first record of each key goes to the database; a later record with the
 * same key in the same batch is settled against the first in memory.
 */
export interface BatchPlan {
  readonly firsts: readonly PlannedRecord[]
  readonly repeats: readonly { readonly record: PlannedRecord; readonly first: number }[]
  /** the distinct customers the batch refers to, to create when unknown */
  readonly customerIds: readonly string[]
}

/** What a batch staged for publish, per key. */
export interface StagedRow {
  readonly key: string
  readonly action: PendingAction
  readonly content: readonly Cell[]
}

/** The counted result of one batch, before it is written to the import's row. */
export interface SettledBatch {
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly conflicts: readonly RejectedRecord[]
  readonly staged: readonly StagedRow[]
}

/**
 * The cells a new row is written with: key, content, then the insert-only columns, which are all
 * creation timestamps (`customers.created_at`).
 */
export function rowValues(record: PlannedRecord, insertOnlyCount: number, now: string): Cell[] {
  return [record.key, ...record.content, ...Array<Cell>(insertOnlyCount).fill(now)]
}

/** What the caller of `planBatch` already knows about the batch. */
export interface PlanOptions {
  /** the customers met before, left out of `customerIds` */
  readonly isKnownCustomer?: (id: string) => boolean
  /** no key repeats (a bulk load's admitted records): every record is a first */
  readonly distinctKeys?: boolean
  /** the customers to make sure of, as the reader worked them out: no record is looked at for them */
  readonly customerIds?: readonly string[]
}

/**
 * Splits `records` into first occurrences and repeats of a key, resolving owner emails on the way,
 * and lists the customers they name that are not known yet.
 * @example planBatch(RECORD_TABLES.orders, records, () => null)
 */
export function planBatch<TKind extends ImportKind>(
  table: RecordTable<TKind>,
  records: readonly RecordByKind[TKind][],
  ownerIdOf: (email: string | null) => number | null,
  options: PlanOptions = {},
): BatchPlan {
  const { isKnownCustomer = () => false, distinctKeys = false } = options
  const told = options.customerIds !== undefined
  const firsts: PlannedRecord[] = []
  const repeats: { record: PlannedRecord; first: number }[] = []
  const firstByKey = new Map<string, number>()
  const customerIds = new Set<string>()
  // a plain loop: this runs once per record of every import (STYLE: hot paths allocate little)
  for (let position = 0; position < records.length; position += 1) {
    const record = records[position] as RecordByKind[TKind]
    const planned: PlannedRecord = {
      position,
      line: record.line,
      key: table.keyOf(record),
      content: table.contentOf(record, ownerIdOf(table.ownerEmailOf(record))),
      canConflict: table.canConflict(record),
    }
    const customerId = told ? null : table.customerOf(record)
    // most customers of a long file are met before: asking the import's memo first keeps them
    // out of this batch's set (measured: 1.5 s of 7.6 s main-thread CPU per million orders)
    if (customerId !== null && !isKnownCustomer(customerId)) {
      customerIds.add(customerId)
    }
    if (distinctKeys) {
      firsts.push(planned)
      continue
    }
    const first = firstByKey.get(planned.key)
    if (first === undefined) {
      firstByKey.set(planned.key, firsts.length)
      firsts.push(planned)
    } else {
      repeats.push({ record: planned, first })
    }
  }
  return { firsts, repeats, customerIds: options.customerIds ?? [...customerIds] }
}

/**
 * `settleBatch` for a batch whose first occurrences were all inserted as they are, without a
 * classification per record: repeats compare with their first record.
 */
export function settleInserted<TKind extends ImportKind>(
  table: RecordTable<TKind>,
  records: readonly RecordByKind[TKind][],
  plan: BatchPlan,
): SettledBatch {
  const counts = { inserted: plan.firsts.length, updated: 0, unchanged: 0 }
  const conflicts: RejectedRecord[] = []
  for (const { record, first } of plan.repeats) {
    const firstRecord = plan.firsts[first]
    const outcome = repeatOf(record.content, firstRecord?.content ?? record.content)
    if (outcome.outcome === 'conflict') {
      conflicts.push(
        conflictOf(table, records[record.position], record.key, firstRecord?.line ?? null),
      )
    } else {
      counts.unchanged += 1
    }
  }
  return { ...counts, conflicts, staged: [] }
}

/**
 * Counts a batch once every first occurrence is classified (`classified[i]` for `plan.firsts[i]`):
 * repeats compare with the content kept for their key, conflicts become rejected records.
 */
export function settleBatch<TKind extends ImportKind>(
  table: RecordTable<TKind>,
  records: readonly RecordByKind[TKind][],
  plan: BatchPlan,
  classified: readonly Classification[],
): SettledBatch {
  const counts = { inserted: 0, updated: 0, unchanged: 0 }
  const conflicts: RejectedRecord[] = []
  const staged: StagedRow[] = []
  const count = (outcome: Classification, record: PlannedRecord, firstLine: number | null) => {
    if (outcome.outcome === 'conflict') {
      conflicts.push(conflictOf(table, records[record.position], record.key, firstLine))
    } else {
      counts[outcome.outcome] += 1
    }
  }
  plan.firsts.forEach((record, index) => {
    const outcome = classified[index] ?? repeatOf(record.content, record.content)
    count(outcome, record, null)
    if (outcome.stage !== null) {
      staged.push({ key: record.key, action: outcome.stage, content: record.content })
    }
  })
  for (const { record, first } of plan.repeats) {
    const kept = classified[first]?.kept ?? plan.firsts[first]?.content ?? record.content
    count(repeatOf(record.content, kept), record, plan.firsts[first]?.line ?? null)
  }
  return { ...counts, conflicts, staged }
}

/**
 * The rejected record for a repeat of `key` with other content (SPEC: the first is kept).
 * @example conflictOf(RECORD_TABLES.orders, record, 'id:A-1', 12).code // 'duplicate_key_conflict'
 */
export function conflictOf<TKind extends ImportKind>(
  table: RecordTable<TKind>,
  record: RecordByKind[TKind] | undefined,
  key: string,
  firstLine: number | null,
): RejectedRecord {
  const first = firstLine === null ? 'the first record with this key' : `line ${firstLine}`
  return {
    line: record?.line ?? 0,
    field: table.keyColumn,
    code: 'duplicate_key_conflict',
    message: `${table.keyColumn} ${key} appears again with other content; ${first} is kept`,
    raw: record === undefined ? '' : JSON.stringify(record),
  }
}
