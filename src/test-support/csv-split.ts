import type { RejectedRecord } from '../domain/records.js'
import { CsvRecordSplitter } from '../ingest/formats/csv-records.js'

/** What the fast splitter found in a file, collected for comparison in tests. */
export interface SplitResult {
  header: string[]
  records: { line: number; fields: string[] }[]
  rejects: RejectedRecord[]
}

/** Runs the splitter over `bytes` cut at `cuts` (byte offsets), refusing what `accept` refuses. */
export function splitBytes(
  bytes: Uint8Array,
  cuts: readonly number[] = [],
  accept: (fields: string[], line: number) => boolean = () => true,
): SplitResult {
  const result: SplitResult = { header: [], records: [], rejects: [] }
  const splitter = new CsvRecordSplitter({
    header: (names) => {
      result.header = names
    },
    record: (fields, line) => {
      if (!accept(fields, line)) {
        return { field: null, code: 'bad_value', message: 'refused' }
      }
      result.records.push({ line, fields })
      return undefined
    },
    reject: (rejected) => {
      result.rejects.push(rejected)
    },
  })
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(from, Math.max(from, cut)))
    from = Math.max(from, cut)
  }
  splitter.push(bytes.subarray(from))
  splitter.end()
  return result
}
