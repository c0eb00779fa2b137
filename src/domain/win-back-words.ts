import type { FactorName, ReasonGroup, WinBackFactors } from './win-back-factors.js'
import type { WinBackDriver } from './win-back-prior.js'

/** How many drivers an explanation names: the biggest few say why, the rest is noise. */
export const DRIVERS_NAMED = 3

const REASON_WORDS: Readonly<Record<ReasonGroup, string>> = {
  price: 'price leaver',
  service: 'left over service',
  relationship: 'left over the relationship with the rep',
  competitor: 'poached by a competitor',
  decision_maker: 'left when the decision maker changed',
  offer: 'wanted a one-stop offer',
  not_needed: 'no longer needs it (nothing to fix)',
  unknown: 'reason not known',
}

/**
 * The biggest drivers of a P(win back) in words with their points, e.g. "price leaver whose
 * reason is now fixed (+9 pts); 3 failed attempts (−6 pts)". A reason and its fix are said as one.
 * @example describeWinBackDrivers(factors, [{ factor: 'failedAttempts', points: -6 }]) // "3 failed attempts (−6 pts)"
 */
export function describeWinBackDrivers(
  factors: WinBackFactors,
  drivers: readonly WinBackDriver[],
  named = DRIVERS_NAMED,
): string {
  const fixed = drivers.find((driver) => driver.factor === 'reasonFixed')
  const reason = drivers.find((driver) => driver.factor === 'reason')
  const merged: { words: string; points: number }[] = []
  for (const driver of drivers) {
    if (fixed !== undefined && driver.factor === 'reason') {
      continue
    }
    if (driver.factor === 'reasonFixed') {
      const who = factors.reasonGroup === 'unknown' ? 'lost' : REASON_WORDS[factors.reasonGroup]
      merged.push({
        words: `${who} whose reason is now fixed`,
        points: driver.points + (reason?.points ?? 0),
      })
      continue
    }
    merged.push({ words: factorWords(driver.factor, factors), points: driver.points })
  }
  merged.sort((left, right) => Math.abs(right.points) - Math.abs(left.points))
  return merged
    .slice(0, named)
    .map((item) => `${item.words} (${formatPoints(item.points)})`)
    .join('; ')
}

function factorWords(factor: FactorName, factors: WinBackFactors): string {
  switch (factor) {
    case 'reason':
      return REASON_WORDS[factors.reasonGroup]
    case 'reasonFixed':
      return 'reason now fixed'
    case 'decisionMakerChanged':
      return 'a new decision maker'
    case 'tenure':
      return `a customer for ${years(factors.tenureYears ?? 0)}`
    case 'value':
      return `bought ${ratio(factors.relativeValue ?? 1)} the typical customer's yearly value`
    case 'timeSinceLoss':
      return `lost ${years(factors.yearsSinceLoss)} ago`
    case 'incidents':
      return `${plural(factors.incidents, 'incident')} on our side`
    case 'failedAttempts':
      return plural(factors.failedAttempts, 'failed attempt')
  }
}

/** "+9 pts", "−6 pts", "+0.4 pts". */
export function formatPoints(points: number): string {
  const size = Math.abs(points)
  const shown = size < 0.95 ? size.toFixed(1) : String(Math.round(size))
  return `${points < 0 ? '−' : '+'}${shown} pts`
}

function years(value: number): string {
  const months = Math.round(Math.max(0, value) * 12)
  if (months < 24) {
    return months === 1 ? '1 month' : `${months} months`
  }
  return `${Math.round(value)} years`
}

function ratio(value: number): string {
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)}×`
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}
