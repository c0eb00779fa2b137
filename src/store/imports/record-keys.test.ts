import { expect, it } from 'vitest'
import { recordKey } from '../../domain/record-key.js'
import { IMPORT_KINDS, type ImportKind, type RecordByKind } from '../../domain/records.js'
import { RECORD_TABLES } from './record-tables.js'

// the parse worker marks repeats by `recordKey`; the store settles them by its tables' `keyOf`: a
// kind on which they differed would write a repeat as new on a bulk load
it('each table keys a record as the parse worker does', () => {
  for (const kind of IMPORT_KINDS) {
    const record = (
      kind === 'customers'
        ? {
            line: 2,
            customerId: 'C-7',
            name: null,
            segment: null,
            territory: null,
            ownerEmail: null,
          }
        : { line: 2, key: `${kind}:K-7`, customerId: 'C-7' }
    ) as RecordByKind[ImportKind]
    const table = RECORD_TABLES[kind] as { keyOf(record: RecordByKind[ImportKind]): string }
    expect([kind, table.keyOf(record)]).toEqual([kind, recordKey(record)])
    expect(recordKey(record)).toBe(kind === 'customers' ? 'C-7' : `${kind}:K-7`)
  }
})
