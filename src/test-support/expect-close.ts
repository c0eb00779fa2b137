import { expect } from 'vitest'

/**
 * Asserts |actual − expected| ≤ max(absTol, relTol·|expected|), naming both numbers on failure.
 * Defaults: relTol 1e-9, absTol 0.
 */
export function expectClose(
  actual: number,
  expected: number,
  tolerance: { relTol?: number; absTol?: number } = {},
): void {
  const allowed = Math.max(tolerance.absTol ?? 0, (tolerance.relTol ?? 1e-9) * Math.abs(expected))
  const difference = Math.abs(actual - expected)
  expect(
    difference <= allowed,
    `expected ${actual} to be within ${allowed} of ${expected} (off by ${difference})`,
  ).toBe(true)
}
