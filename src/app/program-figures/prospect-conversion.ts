import type { DealRecord } from './facts.js'
import { type Rate, rateOf } from './rate.js'

/**
 * The company's own prospect conversion (SPEC §10, "Win-back probability prior"): won deals ÷
 * closed (won or lost) deals that closed in the period, read against seed 001's 5–20 %
 * (`PROSPECT_BAND`). `deals` are already the period's closed deals.
 */
export function prospectConversion(deals: readonly DealRecord[]): Rate {
  const closed = deals.reduce((total, group) => total + group.count, 0)
  const won = deals
    .filter((group) => group.status === 'won')
    .reduce((total, group) => total + group.count, 0)
  return rateOf(won, closed)
}
