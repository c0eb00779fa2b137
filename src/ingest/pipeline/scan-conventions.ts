import { closeSync, openSync, readSync } from 'node:fs'
import { type DecimalMark, decimalMarkEvidence } from '../fields/amounts.js'
import { type DateOrder, dateOrderEvidence } from '../fields/dates.js'
import { CsvRecordSplitter } from '../formats/csv-records.js'
import type { ConventionEvidence, ConventionScanner } from '../mapping/conventions.js'

const SCAN_CHUNK_BYTES = 1024 * 1024

/**
 * A scanner that reads the whole file again, synchronously (it runs in the parse worker, where
 * blocking is fine), and collects what one column's values prove about the file's conventions.
 */
export function scanConventions(path: string): ConventionScanner {
  return {
    dateOrder: (column) => scanColumn<DateOrder>(path, column, dateOrderEvidence),
    decimalMark: (column, exponent) =>
      scanColumn<DecimalMark>(path, column, (text) => decimalMarkEvidence(text, exponent)),
  }
}

function scanColumn<T>(
  path: string,
  column: number,
  evidenceOf: (text: string) => T | 'either' | null,
): ConventionEvidence<T> {
  const proven = new Set<T>()
  let undecided = false
  const splitter = new CsvRecordSplitter({
    header: () => undefined,
    record: (fields) => {
      const evidence = evidenceOf(fields[column] ?? '')
      if (evidence === 'either') {
        undecided = true
      } else if (evidence !== null) {
        proven.add(evidence)
      }
      return undefined
    },
    reject: () => undefined,
  })
  const file = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(SCAN_CHUNK_BYTES)
    for (;;) {
      const length = readSync(file, buffer, 0, buffer.length, null)
      if (length === 0) {
        break
      }
      splitter.push(Uint8Array.prototype.slice.call(buffer, 0, length))
    }
    splitter.end()
  } finally {
    closeSync(file)
  }
  return { proven, undecided }
}
