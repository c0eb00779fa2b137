import { KeyFingerprints } from '../../domain/key-fingerprints.js'
import type { ImportKind, RecordByKind } from '../../domain/records.js'
import type { RecordTable } from './record-tables.js'

// records held back until the key index is built again; past this many, the bulk load ends early
// rather than hold a file full of repeats in memory
const MAX_HELD = 100_000

/**
 * A first import into an empty table, written without the key's unique index (see
 * `deferKeyIndexWhenEmpty`). Every record whose key was certainly never written goes straight in;
 * a record whose key may have been (a repeat, or a fingerprint collision) is held back, in file
 * order, and written through the ordinary path once the index is built, where it is classified
 * exactly as it would have been in place: a repeat of a key only ever follows its first record.
 */
export class BulkLoad<TKind extends ImportKind> {
  readonly #table: RecordTable<TKind>
  readonly #seen = new KeyFingerprints()
  #held: RecordByKind[TKind][] = []
  /** whether the reader marks repeats (see `admit`): fixed by the first batch */
  #told: boolean | null = null

  constructor(table: RecordTable<TKind>) {
    this.#table = table
  }

  /**
   * The records to write now; the rest are held. A repeat within the batch goes where its first
   * went, so a repeat of a record written now is settled against it in memory, line and all;
   * `distinct` says no key repeats among the records to write now. `maybeRepeats`, one per record,
   * is what the reader already knows: 0 when the record's key is certainly met for the first time
   * in the file, 1 when it may repeat an earlier one (the parse worker fingerprints the keys, off
   * the writer's thread). A load that is told must be told for every batch, and one that is not
   * must never be: a batch of the other kind has every record held, which is slow but safe.
   */
  admit(
    records: readonly RecordByKind[TKind][],
    maybeRepeats?: Uint8Array,
  ): {
    now: RecordByKind[TKind][]
    distinct: boolean
  } {
    const told = maybeRepeats !== undefined
    this.#told ??= told
    const trusted = this.#told === told
    const now: RecordByKind[TKind][] = []
    // where the first record of a key met again in this batch went (true: written now); built
    // only at the first "maybe seen", which most batches never meet
    let firstWentNow: Map<string, boolean> | null = null
    let distinct = true
    for (let index = 0; index < records.length; index += 1) {
      const record = records[index] as RecordByKind[TKind]
      const key = this.#table.keyOf(record)
      const maybeSeen = !trusted || (told ? maybeRepeats[index] !== 0 : this.#seen.add(key))
      if (!maybeSeen) {
        firstWentNow?.set(key, true)
        now.push(record)
        continue
      }
      firstWentNow ??= this.#firstsSoFar(now)
      if (firstWentNow.get(key) === true) {
        distinct = false
        now.push(record)
      } else {
        firstWentNow.set(key, false)
        this.#held.push(record)
      }
    }
    return { now, distinct }
  }

  /** the keys of the records written now so far in this batch */
  #firstsSoFar(now: readonly RecordByKind[TKind][]): Map<string, boolean> {
    const firsts = new Map<string, boolean>()
    for (const record of now) {
      firsts.set(this.#table.keyOf(record), true)
    }
    return firsts
  }

  /** True when the load should end now: too many records held, or too many keys to tell apart. */
  get saturated(): boolean {
    return this.#held.length >= MAX_HELD || this.#seen.full
  }

  /** The held records, in file order, handed over once; the fingerprints are freed. */
  release(): RecordByKind[TKind][] {
    const held = this.#held
    this.#held = []
    this.#seen.clear()
    return held
  }
}
