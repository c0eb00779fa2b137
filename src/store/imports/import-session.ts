import { ConflictError } from '../../domain/errors.js'
import type {
  ImportCounts,
  ImportKind,
  RecordByKind,
  RejectedRecord,
} from '../../domain/records.js'
import type { Store } from '../store.js'
import { planBatch } from './batch-plan.js'
import { addCountsQuery, rejectQueries } from './bookkeeping.js'
import { BulkLoad } from './bulk-load.js'
import { deleteImportRows, deletePending } from './cleanup.js'
import { createNamedCustomers } from './deferred-customers.js'
import {
  deferIndexesWhenEmpty,
  deferPostgresIndexesWhenEmpty,
  restoreDeferredIndexes,
} from './deferred-indexes.js'
import { deferKeyIndexWhenEmpty, deferPostgresKeyIndexWhenEmpty } from './key-index.js'
import { OwnerEmails } from './owner-emails.js'
import { writePostgresBatch } from './postgres-batch.js'
import { publishImport } from './publish.js'
import {
  postgresRun,
  sqliteRun,
  withPostgresTransaction,
  withRetriedPostgresTransaction,
  withSqliteHandle,
} from './raw-query.js'
import { RECORD_TABLES } from './record-tables.js'
import { type WrittenBatch, writeSqliteBatch } from './sqlite-batch.js'
import { forgetSeen } from './sqlite-seen.js'
import { KnownCustomers, type WriteContext } from './write-context.js'

/** What one `write` call did with its records; conflicts are already stored and counted. */
export interface BatchOutcome {
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  /** repeats of a key with other content (`duplicate_key_conflict`): already in `rejected_rows` */
  readonly conflicts: readonly RejectedRecord[]
}

/** What the reader of a file already knows about a batch, so the session need not work it out. */
export interface WriteOptions {
  /**
   * The customers these records name that no earlier `write` of this import named (an id told
   * again is harmless). Once one write says, every write must: the session then creates these and
   * no longer looks each record's customer up itself.
   */
  readonly newCustomerIds?: readonly string[]
  /**
   * One per record: 0 when its key is certainly met for the first time in this import, 1 when it
   * may repeat an earlier record's (see `BulkLoad.admit`). Once one write says, every write must.
   */
  readonly maybeRepeats?: Uint8Array
}

/**
 * One running import: its rows are written in place under its id and stay invisible until
 * `publish`. Calls are queued, so they never overlap; after `publish` or `fail` every call throws.
 */
export interface ImportSession<TKind extends ImportKind = ImportKind> {
  readonly id: number
  readonly kind: TKind
  /**
   * Writes accepted records in one short transaction and renews the heartbeat. Pass batches of
   * about 10,000–100,000 records: each holds the write lock for its whole transaction.
   * @throws ConflictError when the import is no longer running
   */
  write(records: readonly RecordByKind[TKind][], options?: WriteOptions): Promise<BatchOutcome>
  /**
   * Writes what `write` held back — on a first load into an empty table, the records whose
   * key may repeat an earlier one, settled once the key index is built again — and returns their
   * outcome. Call it once after the last `write`; `publish` does it too, uncounted.
   */
  finishWriting(): Promise<BatchOutcome>
  /** Stores records the caller rejected (bad values, bad CSV) in `rejected_rows` and counts them. */
  reject(rows: readonly RejectedRecord[]): Promise<void>
  /**
   * Makes every row of the import visible and applies its updates, in one short transaction.
   * @throws ConflictError when the import is no longer running
   */
  publish(): Promise<ImportCounts>
  /** Marks the import failed with `message` and deletes its rows; rejected rows stay as its report. */
  fail(message: string): Promise<void>
}

/**
 * The session behind `beginImport`: one import's caches (customers met, owner emails) and a queue
 * that runs its calls one after another.
 */
export class StoreImportSession<TKind extends ImportKind> implements ImportSession<TKind> {
  readonly id: number
  readonly kind: TKind
  readonly #store: Store
  readonly #owners: OwnerEmails
  readonly #context: WriteContext<TKind>
  #queue: Promise<unknown> = Promise.resolve()
  #closed = false
  /** set while a first load into an empty table runs without the key index */
  #bulk: BulkLoad<TKind> | null = null
  /** the customers the reader named that no written batch has made sure of yet; null: not told */
  #toEnsure: string[] | null = null

  constructor(store: Store, id: number, kind: TKind) {
    this.id = id
    this.kind = kind
    this.#store = store
    this.#owners = new OwnerEmails(store)
    this.#context = {
      store,
      importId: id,
      table: RECORD_TABLES[kind],
      knownCustomers: new KnownCustomers(),
      ownerIdOf: (email) => this.#owners.idOf(email),
      hints: {
        expectExistingKeys: false,
        indexesDecided: false,
        expectExistingCustomers: false,
        keyIndexDeferred: false,
        customersDeferred: false,
      },
    }
  }

  write(
    records: readonly RecordByKind[TKind][],
    options: WriteOptions = {},
  ): Promise<BatchOutcome> {
    return this.#enqueue(() => {
      if (options.newCustomerIds !== undefined) {
        this.#toEnsure = [...(this.#toEnsure ?? []), ...options.newCustomerIds]
      }
      return this.#write(records, options.maybeRepeats)
    })
  }

  finishWriting(): Promise<BatchOutcome> {
    return this.#enqueue(() => this.#endBulkLoad())
  }

  reject(rows: readonly RejectedRecord[]): Promise<void> {
    return this.#enqueue(() => this.#reject(rows))
  }

  publish(): Promise<ImportCounts> {
    return this.#enqueue(async () => {
      await this.#endBulkLoad()
      // built while the rows are still invisible, so publishing stays one short transaction
      await restoreDeferredIndexes(this.#store)
      const counts = await publishImport(this.#store, this.id, this.#context.table)
      this.#closed = true
      // the staged rows are spent once published; whatever stops this cleanup (a crash, a closed
      // store) must not make a committed import look failed: recoverImports finishes it
      await deletePending(this.#store, this.id).catch(() => undefined)
      await forgetSeen(this.#store, this.id)
      return counts
    })
  }

  fail(message: string): Promise<void> {
    return this.#enqueue(async () => {
      this.#bulk?.release()
      this.#bulk = null
      await forgetSeen(this.#store, this.id)
      await failImport(this.#store, this.id, message)
      this.#closed = true
    })
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => {
      if (this.#closed) {
        throw new ConflictError(`import ${this.id} is finished`)
      }
      return work()
    })
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #write(
    records: readonly RecordByKind[TKind][],
    maybeRepeats: Uint8Array | undefined,
  ): Promise<BatchOutcome> {
    if (!this.#context.hints.indexesDecided) {
      await this.#deferIndexes()
    }
    const bulk = this.#bulk
    if (bulk === null) {
      return this.#writeRecords(records)
    }
    const { now, distinct } = bulk.admit(records, maybeRepeats)
    const outcome = await this.#writeRecords(now, distinct)
    // ended early: too many held, or another import built the key index again to write beside it
    const ended = bulk.saturated || !this.#context.hints.keyIndexDeferred
    return ended ? sumOutcomes(outcome, await this.#endBulkLoad()) : outcome
  }

  /**
   * Before the first batch: a table with no row at all loses its secondary indexes until publish,
   * and its key index too (a bulk load), in one short transaction with their notes.
   */
  async #deferIndexes(): Promise<void> {
    const { table, keyColumn } = this.#context.table
    const bulk =
      this.#store.dialect === 'sqlite'
        ? await withSqliteHandle(this.#store, (handle) =>
            handle
              .transaction(() => {
                deferIndexesWhenEmpty(handle, table)
                return deferKeyIndexWhenEmpty(handle, table, keyColumn)
              })
              .immediate(),
          )
        : await withPostgresTransaction(this.#store, async (client) => {
            await deferPostgresIndexesWhenEmpty(client, table)
            return deferPostgresKeyIndexWhenEmpty(client, table, keyColumn)
          })
    this.#context.hints.indexesDecided = true
    this.#context.hints.keyIndexDeferred = bulk
    this.#context.hints.customersDeferred =
      bulk && this.#store.dialect === 'sqlite' && table !== 'customers'
    this.#bulk = bulk ? new BulkLoad(this.#context.table) : null
  }

  /** Ends a bulk load: builds the deferred indexes again, then writes the held records in order. */
  async #endBulkLoad(): Promise<BatchOutcome> {
    const bulk = this.#bulk
    if (bulk === null) {
      return NOTHING_WRITTEN
    }
    this.#bulk = null
    const customersCreated = await this.#createDeferredCustomers()
    await restoreDeferredIndexes(this.#store)
    this.#context.hints.keyIndexDeferred = false
    const held = bulk.release()
    if (customersCreated) {
      // their customers are not in the table for the step above to find: planning each held
      // slice finds them from its records, as it does for a reader that tells none (every id
      // still told belongs to a held record)
      this.#toEnsure = null
    }
    // held records repeat a key, as a rule: look them up rather than try inserting first
    this.#context.hints.expectExistingKeys = held.length > 0
    let outcome = NOTHING_WRITTEN
    for (let start = 0; start < held.length; start += HELD_PER_WRITE) {
      const slice = held.slice(start, start + HELD_PER_WRITE)
      outcome = sumOutcomes(outcome, await this.#writeRecords(slice))
    }
    return outcome
  }

  /**
   * Ends deferring customers (see deferred-customers.ts): builds the table's own indexes, then
   * creates in one transaction the customers its rows name, before the customers' indexes are built
   * again, so they are filled from sorted ids.
   */
  async #createDeferredCustomers(): Promise<boolean> {
    const { table } = this.#context.table
    if (!this.#context.hints.customersDeferred || table === 'customers') {
      return false
    }
    this.#context.hints.customersDeferred = false
    await restoreDeferredIndexes(this.#store, table)
    const now = new Date().toISOString()
    await withSqliteHandle(this.#store, (handle) =>
      handle.transaction(() => createNamedCustomers(handle, table, this.id, now)).immediate(),
    )
    return true
  }

  async #writeRecords(
    records: readonly RecordByKind[TKind][],
    distinctKeys = false,
  ): Promise<BatchOutcome> {
    if (records.length === 0) {
      return NOTHING_WRITTEN
    }
    const { table } = this.#context
    await this.#owners.load(records.map((record) => table.ownerEmailOf(record)))
    const { knownCustomers } = this.#context
    // told by the reader: this batch makes sure of every customer named so far and not yet made sure of
    const told = this.#toEnsure
    if (told !== null) {
      this.#toEnsure = []
    }
    const plan = planBatch(table, records, this.#context.ownerIdOf, {
      isKnownCustomer: (id) => knownCustomers.has(id),
      distinctKeys,
      ...(told === null ? {} : { customerIds: told }),
    })
    const written = await this.#writePlanned(records, plan)
    // the first committed batch has decided whether the table's indexes wait for publish
    this.#context.hints.indexesDecided = true
    // ids the reader tells are never asked about again: remembering them would only cost memory
    for (const id of told === null ? written.ensuredCustomers : []) {
      this.#context.knownCustomers.add(id)
    }
    const { inserted, updated, unchanged, conflicts } = written.settled
    return { inserted, updated, unchanged, conflicts }
  }

  #writePlanned(
    records: readonly RecordByKind[TKind][],
    plan: ReturnType<typeof planBatch>,
  ): Promise<WrittenBatch> {
    if (this.#store.dialect === 'sqlite') {
      return withSqliteHandle(this.#store, (handle) =>
        writeSqliteBatch(handle, this.#context, records, plan),
      )
    }
    return withRetriedPostgresTransaction(this.#store, (client) =>
      writePostgresBatch(client, this.#context, records, plan),
    )
  }

  async #reject(rows: readonly RejectedRecord[]): Promise<void> {
    if (rows.length === 0) {
      return
    }
    const db = this.#store.db
    const queries = [
      ...rejectQueries(db, this.id, rows),
      addCountsQuery(db, this.id, { inserted: 0, updated: 0, unchanged: 0, rejected: rows.length }),
    ]
    if (this.#store.dialect === 'sqlite') {
      await withSqliteHandle(this.#store, (handle) =>
        handle
          .transaction(() => {
            for (const query of queries) {
              sqliteRun(handle, query)
            }
          })
          .immediate(),
      )
      return
    }
    await withPostgresTransaction(this.#store, async (client) => {
      for (const query of queries) {
        await postgresRun(client, query)
      }
    })
  }
}

// the held records of a bulk load are written in slices of this many, each its own transaction
const HELD_PER_WRITE = 16_384

const NOTHING_WRITTEN: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, conflicts: [] }

function sumOutcomes(left: BatchOutcome, right: BatchOutcome): BatchOutcome {
  return {
    inserted: left.inserted + right.inserted,
    updated: left.updated + right.updated,
    unchanged: left.unchanged + right.unchanged,
    conflicts: [...left.conflicts, ...right.conflicts],
  }
}

/**
 * Marks an import failed with `message` and deletes the rows it wrote (see `deleteImportRows`).
 * Failing a failed import again only finishes the cleanup.
 * @throws ConflictError when the import is committed
 */
export async function failImport(store: Store, importId: number, message: string): Promise<void> {
  const now = new Date().toISOString()
  await store.db
    .updateTable('imports')
    .set({ status: 'failed', error: message, finished_at: now })
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .execute()
  const row = await store.db
    .selectFrom('imports')
    .select('status')
    .where('id', '=', importId)
    .executeTakeFirst()
  if (row?.status === 'committed') {
    throw new ConflictError(`import ${importId} is committed: it cannot fail`)
  }
  await deleteImportRows(store, importId)
}
