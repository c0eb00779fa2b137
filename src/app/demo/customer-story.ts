import { DAYS_PER_MONTH, DAYS_PER_YEAR, isoDateFromDay } from './calendar.js'
import type { CustomerBase } from './customer-plan.js'
import type { DemoFix, DemoWinBackAttempt, LossReason } from './demo-types.js'
import { type DrawnIncident, drawIncidents } from './incidents.js'
import { endOfContractYear, type Lifetime } from './lifetime.js'
import { drawCustomerLossReason, fixedOnFor } from './loss-reasons.js'
import { type DrawnOrder, drawLifetimeOrders } from './orders.js'
import { drawOwnership, type OwnerSpell, ownerOn } from './ownership.js'
import type { Random } from './random.js'
import type { Staff } from './staff.js'
import {
  probabilityWinBack,
  secondLifetime,
  secondLifetimeSpendFactor,
  type WinBackFeatures,
} from './win-back-truth.js'

/** Everything that happened to one customer up to the as-of date, and what drove it. */
export interface CustomerStory {
  readonly base: CustomerBase
  readonly spells: readonly OwnerSpell[]
  readonly lifetimes: readonly Lifetime[]
  readonly orders: readonly DrawnOrder[]
  readonly incidents: readonly DrawnIncident[]
  readonly attempt: DemoWinBackAttempt | null
  /** day a new decision maker replaced the one there at the latest loss, or null */
  readonly decisionMakerChangeDay: number | null
}

/** The world the stories happen in. */
export interface StoryWorld {
  readonly random: Random
  readonly staff: Staff
  readonly fixes: readonly DemoFix[]
  readonly asOfDay: number
}

/** Plays out one customer's history: first lifetime, perhaps a past win-back attempt and a second. */
export function tellCustomerStory(world: StoryWorld, base: CustomerBase): CustomerStory {
  const { random, staff, asOfDay } = world
  const spells = drawOwnership(random, staff, {
    territory: base.territory,
    fromDay: base.acquiredDay,
    asOfDay,
  })
  const first = withLoss(world, spells, {
    startDay: base.acquiredDay,
    endDay: base.firstEndDay,
    reason: null,
    purchaseRatePerDay: base.purchaseRatePerDay,
    meanOrderValueMinor: base.meanOrderValueMinor,
  })
  const story: CustomerStory = {
    base,
    spells,
    lifetimes: [first],
    orders: drawLifetimeOrders(random, base.id, first, asOfDay),
    incidents: drawIncidents(random, base, [first], asOfDay),
    attempt: null,
    decisionMakerChangeDay: first.endDay === null ? null : drawChangeDay(random, first.endDay),
  }
  return first.endDay === null ? story : maybeAttempt(world, story, first.endDay)
}

/** The features of the hidden win-back response of a story's latest loss, on a given day. */
export function featuresOn(world: StoryWorld, story: CustomerStory, day: number): WinBackFeatures {
  const latest = story.lifetimes[story.lifetimes.length - 1] ?? story.lifetimes[0]
  const lostDay = latest?.endDay ?? day
  const reason = latest?.reason ?? null
  const fixedOn = fixedOnFor(world.fixes, {
    reason,
    lostOn: isoDateFromDay(lostDay),
    segment: story.base.segment,
    territory: story.base.territory,
    ownerEmail: ownerOn(story.spells, lostDay - 1),
  })
  let tenureDays = 0
  for (const lifetime of story.lifetimes) {
    tenureDays += Math.min(lifetime.endDay ?? day, day) - lifetime.startDay
  }
  let revenueMinor = 0
  for (const order of story.orders) {
    revenueMinor += order.status === 'placed' && order.day < day ? order.amountMinor : 0
  }
  const base = story.base
  return {
    segment: base.segment,
    tenureDays: Math.max(tenureDays, 1),
    revenueMinor,
    monthlySpendMinor: base.purchaseRatePerDay * DAYS_PER_MONTH * base.meanOrderValueMinor,
    reason,
    fixed: fixedOn !== null && fixedOn <= isoDateFromDay(day),
    decisionMakerChanged:
      story.decisionMakerChangeDay !== null && story.decisionMakerChangeDay <= day,
    daysSinceLoss: Math.max(day - lostDay, 0),
    incidentCount: story.incidents.filter((incident) => incident.day < day).length,
    lostTwice: story.lifetimes.length > 1,
    refusedBefore: story.attempt !== null && story.attempt.outcome !== 'won_back',
    propensity: base.propensity,
    spendNoise: base.spendNoise,
  }
}

function withLoss(world: StoryWorld, spells: readonly OwnerSpell[], lifetime: Lifetime): Lifetime {
  if (lifetime.endDay === null) {
    return lifetime
  }
  const ownedByLeaver = ownerOn(spells, lifetime.endDay - 1) === world.staff.leaver.email
  return { ...lifetime, reason: drawCustomerLossReason(world.random, ownedByLeaver) }
}

// after a loss the decision maker there moves on at about one change in four years
function drawChangeDay(random: Random, lostDay: number): number {
  return Math.round(lostDay + random.exponential(0.25 / DAYS_PER_YEAR))
}

function maybeAttempt(world: StoryWorld, story: CustomerStory, lostDay: number): CustomerStory {
  const { random, asOfDay } = world
  const attempted = random.chance(story.base.segment === 'Enterprise' ? 0.45 : 0.3)
  const startDay = lostDay + random.integer(45, 240)
  if (!attempted || startDay > asOfDay - 45) {
    return story
  }
  const endDay = Math.min(startDay + random.integer(14, 75), asOfDay - 1)
  const features = featuresOn(world, story, startDay)
  const won = random.chance(probabilityWinBack(features))
  const outcome = won
    ? 'won_back'
    : story.base.difficult
      ? 'let_go'
      : random.chance(0.35)
        ? 'not_compatible'
        : 'no_response'
  const reason = story.lifetimes[0]?.reason ?? null
  const attempt: DemoWinBackAttempt = {
    customerId: story.base.id,
    startedOn: isoDateFromDay(startDay),
    endedOn: isoDateFromDay(endDay),
    outcome,
    reasonCode: outcome === 'no_response' ? null : reason,
    ownerEmail:
      story.base.segment === 'Enterprise'
        ? world.staff.vpEmail
        : world.staff.managerByTerritory[story.base.territory],
    notes: ATTEMPT_NOTES[outcome],
  }
  const attemptedStory = { ...story, attempt }
  return won ? secondLifetimeStory(world, attemptedStory, features, endDay) : attemptedStory
}

const ATTEMPT_NOTES: Readonly<Record<DemoWinBackAttempt['outcome'], string>> = {
  won_back: 'Exit interview held; plan agreed and first order placed',
  not_compatible: 'Met the decision maker; our offer no longer fits their needs',
  let_go: 'Hard to serve and unprofitable: left them happy, asked for referrals',
  no_response: 'Letter and two calls, no answer',
}

function secondLifetimeStory(
  world: StoryWorld,
  story: CustomerStory,
  features: WinBackFeatures,
  startDay: number,
): CustomerStory {
  const { random, asOfDay } = world
  const { base } = story
  const expected = secondLifetime(features, 'none')
  const spendFactor = secondLifetimeSpendFactor(features.reason)
  const naturalEnd =
    startDay + Math.round(random.exponential(1 / (expected.expectedMonths * DAYS_PER_MONTH)))
  const endDay = base.hasContract ? endOfContractYear(startDay, naturalEnd) : naturalEnd
  const second = withLoss(world, story.spells, {
    startDay,
    endDay: endDay < asOfDay ? endDay : null,
    reason: null as LossReason | null,
    purchaseRatePerDay: base.purchaseRatePerDay,
    meanOrderValueMinor: base.meanOrderValueMinor * spendFactor * base.spendNoise,
  })
  return {
    ...story,
    lifetimes: [...story.lifetimes, second],
    orders: [...story.orders, ...drawLifetimeOrders(random, base.id, second, asOfDay)],
    incidents: [...story.incidents, ...drawIncidents(random, base, [second], asOfDay)],
    decisionMakerChangeDay: second.endDay === null ? null : drawChangeDay(random, second.endDay),
  }
}
