import { describe, expect, it } from 'vitest'
import { createMulberry32 } from '../random/mulberry32.js'
import { sampleStandardNormal } from '../random/variates.js'
import { areaUnderCurve, calibrationOf, crossValidatedPredictions } from './calibration.js'
import { fitLogistic, predictLogistic } from './logistic-regression.js'

function simulate(n: number, truth: { intercept: number; weights: number[] }, seed: number) {
  const uniform = createMulberry32(seed)
  const rows: number[][] = []
  const outcomes: number[] = []
  for (let i = 0; i < n; i += 1) {
    const row = [sampleStandardNormal(uniform), uniform() < 0.3 ? 1 : 0, uniform() * 3]
    rows.push(row)
    outcomes.push(uniform() < predictLogistic(truth, row) ? 1 : 0)
  }
  return { rows, outcomes }
}

describe('L2-regularised logistic regression (IRLS)', () => {
  it('recovers known coefficients from simulated data', () => {
    const truth = { intercept: -0.8, weights: [0.7, 0.9, -0.4] }
    const { rows, outcomes } = simulate(20_000, truth, 7)
    const fit = fitLogistic(rows, outcomes, { l2: 1 })
    expect(fit.converged).toBe(true)
    expect(fit.intercept).toBeCloseTo(truth.intercept, 1)
    fit.weights.forEach((weight, j) => {
      expect(Math.abs(weight - (truth.weights[j] ?? 0))).toBeLessThan(0.08)
    })
  })

  it('shrinks weights toward 0 as the penalty grows, never the intercept', () => {
    const { rows, outcomes } = simulate(400, { intercept: 0.5, weights: [1, 1, 1] }, 3)
    const loose = fitLogistic(rows, outcomes, { l2: 0.01 })
    const tight = fitLogistic(rows, outcomes, { l2: 1000 })
    const size = (weights: readonly number[]) => weights.reduce((s, w) => s + w * w, 0)
    expect(size(tight.weights)).toBeLessThan(size(loose.weights) / 10)
    // with the weights near 0, the intercept is the log-odds of the base rate
    const rate = outcomes.reduce((s, y) => s + y, 0) / outcomes.length
    expect(tight.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 0)
  })

  it('converges on perfectly separable data thanks to the penalty', () => {
    const fit = fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], { l2: 0.1 })
    expect(fit.converged).toBe(true)
    expect(Number.isFinite(fit.weights[0])).toBe(true)
    expect(fit.weights[0]).toBeGreaterThan(0)
  })
})

describe('calibration', () => {
  it('AUC is 1 for a perfect ranking, 0.5 for ties, null without both classes', () => {
    expect(areaUnderCurve([0.1, 0.4, 0.8, 0.9], [0, 0, 1, 1])).toBe(1)
    expect(areaUnderCurve([0.5, 0.5], [0, 1])).toBe(0.5)
    expect(areaUnderCurve([0.2, 0.3], [1, 1])).toBeNull()
  })

  it('bins predictions and counts what happened in each, with the Brier score', () => {
    const result = calibrationOf([0.05, 0.05, 0.95, 0.95], [0, 1, 1, 1], 10)
    expect(result.bins[0]).toMatchObject({ count: 2, observed: 0.5 })
    expect(result.bins[9]).toMatchObject({ count: 2, observed: 1 })
    expect(result.bins[5]?.observed).toBeNull()
    expect(result.brier).toBeCloseTo((0.05 ** 2 + 0.95 ** 2 + 0.05 ** 2 + 0.05 ** 2) / 4, 12)
  })

  it('cross-validated predictions of a true model rank well out of sample', () => {
    const { rows, outcomes } = simulate(2000, { intercept: -0.5, weights: [1.2, 0.8, -0.6] }, 11)
    const predictions = crossValidatedPredictions(rows, outcomes, {
      folds: 5,
      order: rows.map((_, i) => i),
      fit: (train, ys) => fitLogistic(train, ys, { l2: 1 }),
      predict: predictLogistic,
    })
    const auc = areaUnderCurve(predictions, outcomes) ?? 0
    expect(auc).toBeGreaterThan(0.7)
    const shuffled = areaUnderCurve(predictions, [...outcomes].reverse()) ?? 1
    expect(auc).toBeGreaterThan(shuffled + 0.15)
  })
})
