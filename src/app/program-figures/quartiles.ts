/** The median and quartiles of a list of numbers, null for an empty list. */
export interface Quartiles {
  readonly count: number
  readonly q1: number | null
  readonly median: number | null
  readonly q3: number | null
}

/**
 * Quartiles by linear interpolation between order statistics (Hyndman & Fan 1996, The American
 * Statistician 50:361, definition 7 — the default of R and of spreadsheets' QUARTILE).
 * @example quartilesOf([1, 2, 3, 4]) // { count: 4, q1: 1.75, median: 2.5, q3: 3.25 }
 */
export function quartilesOf(values: readonly number[]): Quartiles {
  if (values.length === 0) {
    return { count: 0, q1: null, median: null, q3: null }
  }
  const sorted = [...values].sort((left, right) => left - right)
  return {
    count: sorted.length,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
  }
}

function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p
  const below = Math.floor(position)
  const low = sorted[below] ?? 0
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low
  return low + (position - below) * (high - low)
}
