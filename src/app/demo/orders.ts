import type { Lifetime } from './lifetime.js'
import type { Random } from './random.js'

/** An order before it gets its id: day, amount and status. */
export interface DrawnOrder {
  readonly customerId: string
  readonly day: number
  readonly amountMinor: number
  readonly status: 'placed' | 'cancelled' | 'refunded'
}

/**
 * The orders of one lifetime: the first on its start day, then a Poisson process at the
 * customer's rate until the lifetime ends or the as-of date (Pareto/NBD's purchase process);
 * each amount is Gamma-distributed around the customer's mean spend (Gamma-Gamma, shape 4).
 */
export function drawLifetimeOrders(
  random: Random,
  customerId: string,
  lifetime: Lifetime,
  asOfDay: number,
): DrawnOrder[] {
  const orders: DrawnOrder[] = []
  const stopDay = Math.min(lifetime.endDay ?? asOfDay, asOfDay)
  const shape = 4
  let day = lifetime.startDay
  while (day < stopDay) {
    const amountMinor = Math.max(
      100,
      Math.round(random.gamma(shape, lifetime.meanOrderValueMinor / shape)),
    )
    orders.push({ customerId, day: Math.floor(day), amountMinor, status: drawStatus(random) })
    day += random.exponential(lifetime.purchaseRatePerDay)
  }
  return orders
}

function drawStatus(random: Random): DrawnOrder['status'] {
  const draw = random.next()
  if (draw < 0.02) {
    return 'cancelled'
  }
  return draw < 0.03 ? 'refunded' : 'placed'
}
