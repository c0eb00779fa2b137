/** The running counts of one import, as the main thread sees them. */
export interface ImportTally {
  read: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
}

/** An empty tally. */
export function newTally(): ImportTally {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 }
}

/** Adds one written batch's outcome; its conflicts count as rejected. */
export function tallyOutcome(
  tally: ImportTally,
  outcome: { inserted: number; updated: number; unchanged: number; conflicts: readonly unknown[] },
): void {
  tally.inserted += outcome.inserted
  tally.updated += outcome.updated
  tally.unchanged += outcome.unchanged
  tally.rejected += outcome.conflicts.length
}
