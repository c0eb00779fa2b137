/** How long one `session.write` may hold the write lock, so readers never wait long (TESTPLAN T25). */
export const TARGET_WRITE_MS = 200

const MIN_WRITE_RECORDS = 1000
const MAX_WRITE_RECORDS = 65_536

/**
 * The number of records to pass to the next `session.write`: the size that would have taken
 * `targetMs` at the last write's pace, halfway from the last size (so one slow batch does not
 * swing it), between 1,000 and 65,536.
 * @example nextWriteSize(16_384, 800) // 10,240: 16,384 records took 800 ms, aim for 200 ms
 */
export function nextWriteSize(
  lastSize: number,
  lastMs: number,
  targetMs = TARGET_WRITE_MS,
): number {
  const atPace = (lastSize * targetMs) / Math.max(1, lastMs)
  const size = Math.round((lastSize + atPace) / 2)
  return Math.min(MAX_WRITE_RECORDS, Math.max(MIN_WRITE_RECORDS, size))
}
