import { wilsonInterval } from '../../analytics/index.js'

/** A share with its 95 % interval: `count` of `of`; the rate and bounds are null when `of` is 0. */
export interface Rate {
  readonly count: number
  readonly of: number
  readonly rate: number | null
  readonly lower: number | null
  readonly upper: number | null
}

/**
 * `count ÷ of` with Wilson's score interval (Wilson 1927, JASA 22:209), which stays inside [0, 1]
 * and holds for the small counts of one rep or one reason.
 * @example rateOf(3, 10) // { count: 3, of: 10, rate: 0.3, lower: ≈0.108, upper: ≈0.603 }
 */
export function rateOf(count: number, of: number): Rate {
  if (of === 0) {
    return { count, of, rate: null, lower: null, upper: null }
  }
  const interval = wilsonInterval({ successes: count, trials: of })
  return { count, of, rate: count / of, lower: interval.lower, upper: interval.upper }
}
