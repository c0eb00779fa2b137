import type { ImportKind } from '../../domain/records.js'
import type { Store } from '../store.js'
import type { RecordTable } from './record-tables.js'

// past this many ids the cache starts over: it only saves work, forgetting is always safe. A file
// whose customers outnumber it asks the database again for nearly every row (measured: 10M orders
// of 1.25M customers took 14.6 µs of CPU per row with 2^20, against 8.5 for 1M orders); about
// 50 bytes per id, so 4M ids stay under 200 MB
const MAX_CACHED_CUSTOMERS = 1 << 22

/**
 * The customers one import has already made sure of (created, found committed, or marked to take
 * over at publish), so a batch only asks the database about customers it has not met yet.
 */
export class KnownCustomers {
  #ids = new Set<string>()

  has(id: string): boolean {
    return this.#ids.has(id)
  }

  add(id: string): void {
    if (this.#ids.size >= MAX_CACHED_CUSTOMERS) {
      this.#ids = new Set<string>()
    }
    this.#ids.add(id)
  }

  /** The ids of `ids` not met yet. */
  unknown(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.#ids.has(id))
  }
}

/** Everything a batch of one import needs besides its records. */
export interface WriteContext<TKind extends ImportKind> {
  readonly store: Store
  readonly importId: number
  readonly table: RecordTable<TKind>
  readonly knownCustomers: KnownCustomers
  /** the resolved owner of an email, null when no user has it */
  readonly ownerIdOf: (email: string | null) => number | null
  /**
   * what earlier batches taught: whether keys already existed (a re-import), and whether the
   * first batch has decided about deferring the table's secondary indexes
   */
  readonly hints: {
    expectExistingKeys: boolean
    indexesDecided: boolean
    /** PostgreSQL: a batch met a customer that existed, so later ones skip the COPY attempt */
    expectExistingCustomers: boolean
    /** SQLite: this import dropped the key index for a bulk load, and knows every repeat itself */
    keyIndexDeferred: boolean
    /** SQLite: this bulk load creates the customers its rows name at its end (deferred-customers.ts) */
    customersDeferred: boolean
  }
}
