import { isoDateFromDay } from './calendar.js'
import type { DemoContract } from './demo-types.js'
import { CONTRACT_DAYS, type Lifetime } from './lifetime.js'

/**
 * The yearly contracts of a contract customer: one per year of each lifetime, each renewed into
 * the next; the one a lifetime ended with was not renewed (SPEC: a contract that ended unrenewed
 * makes a contract customer lost). The contract running at the as-of date is not renewed yet.
 */
export function contractsFor(
  customerId: string,
  lifetimes: readonly Lifetime[],
  asOfDay: number,
): DemoContract[] {
  const contracts: DemoContract[] = []
  for (const lifetime of lifetimes) {
    const stopDay = lifetime.endDay ?? asOfDay
    const valueMinor =
      Math.round(
        (lifetime.purchaseRatePerDay * CONTRACT_DAYS * lifetime.meanOrderValueMinor) / 10_000,
      ) * 10_000
    for (let start = lifetime.startDay; start < stopDay; start += CONTRACT_DAYS) {
      const end = start + CONTRACT_DAYS
      contracts.push({
        key: `K-${customerId}-${contracts.length + 1}`,
        customerId,
        startsOn: isoDateFromDay(start),
        endsOn: isoDateFromDay(end),
        valueMinor: Math.max(valueMinor, 10_000),
        renewed: end < stopDay,
      })
    }
  }
  return contracts
}
