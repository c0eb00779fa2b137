import { isoDateFromDay } from './calendar.js'
import { SEGMENT_PROFILES } from './customer-plan.js'
import type { CustomerStory } from './customer-story.js'
import type { DemoDeal, LossReason, Segment } from './demo-types.js'
import { drawDealLossReason } from './loss-reasons.js'
import { type OwnerSpell, ownerOn } from './ownership.js'
import type { Random } from './random.js'
import { COMPETITORS } from './vocabulary.js'

/** A deal before it gets its key. */
export type DrawnDeal = Omit<DemoDeal, 'key'>

const PRODUCTS: readonly string[] = [
  'Annual supply agreement',
  'Service contract',
  'Equipment upgrade',
  'Maintenance plan',
  'Pilot order',
  'Multi-site rollout',
]

/**
 * What one opportunity is worth and whether it recurs: a recurring deal's value is its monthly
 * recurring revenue (the analysis annualises it ×12), a one-off deal's value is its whole amount.
 */
export function drawDealValue(
  random: Random,
  segment: Segment,
): { readonly valueMinor: number; readonly recurring: boolean } {
  const profile = SEGMENT_PROFILES[segment]
  const yearMinor = profile.ordersPerYear * profile.orderValueMinor * random.gamma(2, 0.5)
  const recurring = random.chance(segment === 'Enterprise' ? 0.7 : 0.5)
  const valueMinor = recurring ? yearMinor / 12 : yearMinor
  return { valueMinor: Math.max(Math.round(valueMinor / 1_000) * 1_000, 10_000), recurring }
}

/**
 * A failed sale lost on a given day: its reason, the competitor that won it (always for price and
 * poaching), and when the prospect next chooses a supplier (a contract term later when recurring).
 */
export function drawLostDeal(
  random: Random,
  deal: {
    readonly customerId: string
    readonly companyName: string
    readonly segment: Segment
    readonly lostDay: number
    readonly spells: readonly OwnerSpell[]
    readonly leaverEmail: string
  },
): DrawnDeal & { readonly lostReason: LossReason } {
  const ownerEmail = ownerOn(deal.spells, deal.lostDay)
  const lostReason = drawDealLossReason(random, ownerEmail === deal.leaverEmail)
  const { valueMinor, recurring } = drawDealValue(random, deal.segment)
  const namesCompetitor =
    lostReason === 'price' || lostReason === 'poached_by_competitor'
      ? true
      : lostReason !== 'no_longer_needed' && random.chance(0.4)
  const nextChoiceDays = recurring ? 365 * random.integer(1, 3) : random.integer(180, 720)
  return {
    customerId: deal.customerId,
    name: `${deal.companyName}: ${random.pick(PRODUCTS)}`,
    stage: random.weighted([
      ['qualification', 2],
      ['proposal', 5],
      ['negotiation', 3],
    ]),
    status: 'lost',
    valueMinor,
    recurring,
    createdOn: isoDateFromDay(deal.lostDay - random.integer(20, 120)),
    closedOn: isoDateFromDay(deal.lostDay),
    lostReason,
    competitor: namesCompetitor ? random.pick(COMPETITORS) : null,
    nextChoiceOn: isoDateFromDay(deal.lostDay + nextChoiceDays),
    ownerEmail,
  }
}

/**
 * The deals of one customer: the won deal that brought most of them in, now and then a lost
 * upsell while they bought, and an open deal for a few live ones.
 */
export function drawCustomerDeals(
  random: Random,
  story: CustomerStory,
  context: { readonly asOfDay: number; readonly leaverEmail: string },
): DrawnDeal[] {
  const { base, spells } = story
  const deals: DrawnDeal[] = []
  // a won deal on record for a minority of customers, so the company's own win rate stays in the
  // seeds' 5–20 % band for prospects (most failed sales never became customers)
  if (random.chance(0.08)) {
    const { valueMinor, recurring } = drawDealValue(random, base.segment)
    deals.push({
      customerId: base.id,
      name: `${base.name}: ${random.pick(PRODUCTS)}`,
      stage: 'closed_won',
      status: 'won',
      valueMinor,
      recurring: recurring || base.hasContract,
      createdOn: isoDateFromDay(base.acquiredDay - random.integer(20, 90)),
      closedOn: isoDateFromDay(base.acquiredDay),
      lostReason: null,
      competitor: null,
      nextChoiceOn: null,
      ownerEmail: ownerOn(spells, base.acquiredDay),
    })
  }
  const first = story.lifetimes[0]
  const lastBuyingDay = Math.min(first?.endDay ?? context.asOfDay, context.asOfDay) - 1
  if (random.chance(0.1) && lastBuyingDay - base.acquiredDay > 120) {
    const lostDay = random.integer(base.acquiredDay + 60, lastBuyingDay)
    deals.push(
      drawLostDeal(random, {
        customerId: base.id,
        companyName: base.name,
        segment: base.segment,
        lostDay,
        spells,
        leaverEmail: context.leaverEmail,
      }),
    )
  }
  const alive = story.lifetimes[story.lifetimes.length - 1]?.endDay === null
  if (alive && random.chance(0.04)) {
    const { valueMinor, recurring } = drawDealValue(random, base.segment)
    deals.push({
      customerId: base.id,
      name: `${base.name}: ${random.pick(PRODUCTS)}`,
      stage: random.pick(['proposal', 'negotiation']),
      status: 'open',
      valueMinor,
      recurring,
      createdOn: isoDateFromDay(context.asOfDay - random.integer(5, 60)),
      closedOn: null,
      lostReason: null,
      competitor: null,
      nextChoiceOn: null,
      ownerEmail: ownerOn(spells, context.asOfDay),
    })
  }
  return deals
}
