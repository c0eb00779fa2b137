import { KeyFingerprints } from '../../domain/key-fingerprints.js'
import { recordKey } from '../../domain/record-key.js'
import type { ImportKind, RecordByKind } from '../../domain/records.js'

/**
 * Marks each record of a file 0 when its key is certainly met for the first time, 1 when it may
 * repeat an earlier record's (a repeat, or rarely a fingerprint collision), so a first load into an
 * empty table can write without the key's unique index (see the store's `BulkLoad`). The parse
 * worker does this beside the writer, which is the busier thread on such a load (measured: 3.4 s
 * of its 51 s of CPU on 10M orders). Once the fingerprints are full every record is marked 1.
 * @example const marks = new RepeatMarks(); marks.mark(record) // 0, then 1 for the same key
 */
export class RepeatMarks {
  readonly #seen = new KeyFingerprints()

  mark(record: RecordByKind[ImportKind]): 0 | 1 {
    return this.#seen.full || this.#seen.add(recordKey(record)) ? 1 : 0
  }
}
