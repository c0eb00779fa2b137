/** One reliability bin: the cases whose predicted probability fell in [from, to). */
export interface ReliabilityBin {
  readonly from: number
  readonly to: number
  readonly count: number
  readonly meanPredicted: number
  /** share of the bin's cases that happened; null for an empty bin */
  readonly observed: number | null
}

/** How well predicted probabilities match what happened. */
export interface Calibration {
  readonly n: number
  /** mean squared error of the probabilities (Brier 1950); lower is better, 0.25 is a coin */
  readonly brier: number
  /** P(a random positive is ranked above a random negative); 0.5 is chance; null without both */
  readonly auc: number | null
  readonly bins: ReliabilityBin[]
}

/**
 * Calibration of predictions against outcomes (1 happened, 0 did not): Brier score, AUC, and a
 * reliability diagram of `binCount` equal-width bins (DeGroot & Fienberg 1983).
 * @example calibrationOf([0.9, 0.1], [1, 0]).auc // 1
 */
export function calibrationOf(
  predicted: readonly number[],
  outcomes: readonly number[],
  binCount = 10,
): Calibration {
  const n = predicted.length
  let brier = 0
  const sums = Array.from({ length: binCount }, () => ({ count: 0, predicted: 0, observed: 0 }))
  for (let i = 0; i < n; i += 1) {
    const p = predicted[i]!
    const y = outcomes[i]!
    brier += (p - y) ** 2
    const bin = sums[Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)))]!
    bin.count += 1
    bin.predicted += p
    bin.observed += y
  }
  return {
    n,
    brier: n === 0 ? 0 : brier / n,
    auc: areaUnderCurve(predicted, outcomes),
    bins: sums.map((bin, index) => ({
      from: index / binCount,
      to: (index + 1) / binCount,
      count: bin.count,
      meanPredicted: bin.count === 0 ? 0 : bin.predicted / bin.count,
      observed: bin.count === 0 ? null : bin.observed / bin.count,
    })),
  }
}

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the share of (positive, negative) pairs
 * the scores order rightly, ties counting half (Hanley & McNeil 1982). O(n log n).
 * @example areaUnderCurve([0.2, 0.8, 0.5], [0, 1, 0]) // 1
 */
export function areaUnderCurve(
  scores: readonly number[],
  outcomes: readonly number[],
): number | null {
  const order = scores.map((score, index) => ({ score, y: outcomes[index]! }))
  order.sort((left, right) => left.score - right.score)
  let positives = 0
  let rankSum = 0
  let i = 0
  while (i < order.length) {
    let j = i
    while (j < order.length && order[j]!.score === order[i]!.score) {
      j += 1
    }
    // tied scores share the mean of their ranks (1-based)
    const meanRank = (i + 1 + j) / 2
    for (let t = i; t < j; t += 1) {
      if (order[t]!.y === 1) {
        positives += 1
        rankSum += meanRank
      }
    }
    i = j
  }
  const negatives = order.length - positives
  if (positives === 0 || negatives === 0) {
    return null
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

/**
 * Out-of-fold predictions of k-fold cross-validation: each row is predicted by a model fitted
 * without its fold. Folds are assigned round-robin in a shuffled order (`shuffle` decides it,
 * seeded by the caller) so they are the same run after run.
 */
export function crossValidatedPredictions<TModel>(
  rows: readonly (readonly number[])[],
  outcomes: readonly number[],
  work: {
    readonly folds: number
    readonly order: readonly number[]
    readonly fit: (rows: (readonly number[])[], outcomes: number[]) => TModel
    readonly predict: (model: TModel, row: readonly number[]) => number
  },
): number[] {
  const fold = new Array<number>(rows.length)
  work.order.forEach((rowIndex, position) => {
    fold[rowIndex] = position % work.folds
  })
  const predictions = new Array<number>(rows.length).fill(0)
  for (let f = 0; f < work.folds; f += 1) {
    const trainRows: (readonly number[])[] = []
    const trainOutcomes: number[] = []
    for (let i = 0; i < rows.length; i += 1) {
      if (fold[i] !== f) {
        trainRows.push(rows[i]!)
        trainOutcomes.push(outcomes[i]!)
      }
    }
    const model = work.fit(trainRows, trainOutcomes)
    for (let i = 0; i < rows.length; i += 1) {
      if (fold[i] === f) {
        predictions[i] = work.predict(model, rows[i]!)
      }
    }
  }
  return predictions
}
