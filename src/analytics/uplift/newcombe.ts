import { AnalyticsInputError } from '../errors.js'

/** A proportion's successes out of trials. */
export interface Proportion {
  readonly successes: number
  readonly trials: number
}

/** An estimate with its two-sided confidence interval. */
export interface Interval {
  readonly estimate: number
  readonly lower: number
  readonly upper: number
}

// the two-sided 95 % normal quantile, Φ⁻¹(0.975)
const Z_95 = 1.959963984540054

function checked({ successes, trials }: Proportion, label: string): void {
  const whole = Number.isInteger(successes) && Number.isInteger(trials)
  if (!whole || trials <= 0 || successes < 0 || successes > trials) {
    throw new AnalyticsInputError(
      'invalid_input',
      `${label}: need whole 0 ≤ successes ≤ trials, trials > 0; got ${successes}/${trials}`,
    )
  }
}

/**
 * Wilson's score interval for one proportion (Wilson 1927, JASA 22:209; Newcombe 1998,
 * Statistics in Medicine 17:857, method 3): the roots of |p − π| = z·√(π(1 − π)/n).
 * @example wilsonInterval({ successes: 56, trials: 70 }) // ≈ { lower: 0.6904, upper: 0.8767 }
 */
export function wilsonInterval(proportion: Proportion, z = Z_95): Interval {
  checked(proportion, 'wilsonInterval')
  const { successes, trials: n } = proportion
  const p = successes / n
  const z2 = z * z
  const centre = 2 * n * p + z2
  const spread = z * Math.sqrt(z2 + 4 * n * p * (1 - p))
  const denominator = 2 * (n + z2)
  // at p = 0 or 1 the bound is exactly 0 or 1; rounding must not push it past the estimate
  const lower = successes === 0 ? 0 : Math.min(p, (centre - spread) / denominator)
  const upper = successes === n ? 1 : Math.max(p, (centre + spread) / denominator)
  return { estimate: p, lower, upper }
}

/**
 * The difference p₁ − p₂ of two independent proportions with Newcombe's hybrid score interval
 * (Newcombe 1998, Statistics in Medicine 17:873, method 10), built from each arm's Wilson
 * interval (l, u): L = d − √((p₁ − l₁)² + (u₂ − p₂)²), U = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Good coverage at small n and never outside [−1, 1], unlike the Wald interval.
 * @example differenceInterval({ successes: 56, trials: 70 }, { successes: 48, trials: 80 })
 * // { estimate: 0.2, lower: 0.0524, upper: 0.3339 } (Newcombe 1998, Table II, example a)
 */
export function differenceInterval(first: Proportion, second: Proportion, z = Z_95): Interval {
  const one = wilsonInterval(first, z)
  const two = wilsonInterval(second, z)
  const estimate = one.estimate - two.estimate
  const lower = estimate - Math.hypot(one.estimate - one.lower, two.upper - two.estimate)
  const upper = estimate + Math.hypot(one.upper - one.estimate, two.estimate - two.lower)
  return { estimate, lower: Math.max(-1, lower), upper: Math.min(1, upper) }
}
