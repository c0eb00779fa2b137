import { DAYS_PER_YEAR, dayFromIsoDate, isoDateFromDay } from './calendar.js'
import { drawContacts } from './contacts.js'
import { companyName, SEGMENT_PROFILES } from './customer-plan.js'
import type { StoryWorld } from './customer-story.js'
import { type DrawnDeal, drawLostDeal } from './deals.js'
import type { DemoContact, DemoCustomer, DemoTruth, LossReason, Segment } from './demo-types.js'
import { fixedOnFor } from './loss-reasons.js'
import { drawOwnership, type OwnerSpell, ownerOn } from './ownership.js'
import { TERRITORIES } from './staff.js'
import { roundProbability } from './win-back-truth.js'

/** A prospect who never bought: the failed sale, the people there, and what they would do now. */
export interface ProspectStory {
  readonly customer: DemoCustomer
  readonly spells: readonly OwnerSpell[]
  readonly deals: readonly DrawnDeal[]
  readonly contacts: readonly DemoContact[]
  readonly truth: DemoTruth
}

// logit(0.10): the seeds' 5-20 % for a prospect
const PROSPECT_INTERCEPT = Math.log(0.1 / 0.9)

const DEAL_REASON_EFFECT: Readonly<Partial<Record<LossReason, number>>> = {
  price: 0.2,
  rep_relationship: -0.2,
  no_one_stop_offer: -0.3,
  decision_maker_change: 0.4,
  no_longer_needed: -1.2,
}

const SEGMENTS = Object.keys(SEGMENT_PROFILES) as Segment[]

/** Plays out one failed sale to a prospect, from first contact to the as-of date. */
export function tellProspectStory(
  world: StoryWorld,
  index: number,
  startDay: number,
): ProspectStory {
  const { random, staff, asOfDay } = world
  const segment = random.weighted(SEGMENTS.map((name) => [name, SEGMENT_PROFILES[name].share]))
  const territory = random.pick(TERRITORIES)
  const id = `P${String(index).padStart(5, '0')}`
  const { name, domain } = companyName(random, 100_000 + index)
  const lostDay = random.integer(startDay + 120, asOfDay - 7)
  const spells = drawOwnership(random, staff, { territory, fromDay: lostDay - 120, asOfDay })
  const deal = drawLostDeal(random, {
    customerId: id,
    companyName: name,
    segment,
    lostDay,
    spells,
    leaverEmail: staff.leaver.email,
  })
  const changeDay = lostDay + random.exponential(0.25 / DAYS_PER_YEAR)
  const decisionMakerChanged = changeDay < asOfDay
  const changes =
    (decisionMakerChanged ? 1 : 0) + (deal.lostReason === 'decision_maker_change' ? 1 : 0)
  const fixedOn = fixedOnFor(world.fixes, {
    reason: deal.lostReason,
    lostOn: isoDateFromDay(lostDay),
    segment,
    territory,
    ownerEmail: deal.ownerEmail,
  })
  const nextChoiceDay = deal.nextChoiceOn === null ? null : dayFromIsoDate(deal.nextChoiceOn)
  const choosingSoon = nextChoiceDay !== null && Math.abs(nextChoiceDay - asOfDay) < 180
  const logit =
    PROSPECT_INTERCEPT +
    (DEAL_REASON_EFFECT[deal.lostReason] ?? 0) +
    (fixedOn !== null ? 0.9 : 0) +
    (decisionMakerChanged ? 0.6 : 0) +
    (choosingSoon ? 0.5 : 0) -
    (0.2 * (asOfDay - lostDay)) / DAYS_PER_YEAR +
    random.normal() * 0.3
  const customer = { id, name, segment, territory, ownerEmail: ownerOn(spells, asOfDay) }
  return {
    customer,
    spells,
    deals: [deal],
    contacts: drawContacts(random, { id, domain, segment, territory }, changes),
    truth: prospectTruth(customer, deal, {
      probabilityWinBack: 1 / (1 + Math.exp(-logit)),
      fixedOn,
      decisionMakerChanged,
    }),
  }
}

function prospectTruth(
  customer: DemoCustomer,
  deal: DrawnDeal,
  known: {
    readonly probabilityWinBack: number
    readonly fixedOn: string | null
    readonly decisionMakerChanged: boolean
  },
): DemoTruth {
  const months = deal.recurring ? 36 : 12
  const monthlySpendMinor = Math.round(deal.valueMinor / 12)
  return {
    customerId: customer.id,
    kind: 'prospect',
    segment: customer.segment,
    territory: customer.territory,
    acquiredOn: null,
    alive: false,
    diedOn: null,
    lossReason: deal.lostReason,
    reasonFixedOn: known.fixedOn,
    decisionMakerChangedSinceLoss: known.decisionMakerChanged,
    difficult: false,
    wonBackBefore: false,
    purchaseRatePerYear: 0,
    meanOrderValueMinor: 0,
    firstLifetimeRevenueMinor: 0,
    probabilityWinBack: roundProbability(known.probabilityWinBack),
    secondLifetime: {
      monthlySpendMinor,
      expectedMonths: months,
      valueFirst12MonthsMinor: deal.valueMinor,
      valueMinor: monthlySpendMinor * months,
    },
    responseByOffer: null,
  }
}
