import { DAYS_PER_YEAR, isoDateFromDay } from './calendar.js'
import type { CustomerStory, StoryWorld } from './customer-story.js'
import { featuresOn } from './customer-story.js'
import type { DemoTruth } from './demo-types.js'
import { fixedOnFor } from './loss-reasons.js'
import { ownerOn } from './ownership.js'
import {
  probabilityWinBack,
  responseByOffer,
  roundProbability,
  secondLifetime,
} from './win-back-truth.js'

/**
 * What only the generator knows about one customer at the as-of date: alive or gone (and when,
 * and why), and for the gone, how they would answer a win-back approach and what they would be
 * worth.
 */
export function customerTruth(world: StoryWorld, story: CustomerStory): DemoTruth {
  const { base } = story
  const latest = story.lifetimes[story.lifetimes.length - 1]
  const lostDay = latest?.endDay ?? null
  const first = story.lifetimes[0]
  let firstLifetimeRevenueMinor = 0
  for (const order of story.orders) {
    const inFirst = first !== undefined && (first.endDay === null || order.day < first.endDay)
    firstLifetimeRevenueMinor += inFirst && order.status === 'placed' ? order.amountMinor : 0
  }
  const features = lostDay === null ? null : featuresOn(world, story, world.asOfDay)
  return {
    customerId: base.id,
    kind: 'customer',
    segment: base.segment,
    territory: base.territory,
    acquiredOn: isoDateFromDay(base.acquiredDay),
    alive: lostDay === null,
    diedOn: lostDay === null ? null : isoDateFromDay(lostDay),
    lossReason: latest?.reason ?? null,
    reasonFixedOn:
      lostDay === null
        ? null
        : fixedOnFor(world.fixes, {
            reason: latest?.reason ?? null,
            lostOn: isoDateFromDay(lostDay),
            segment: base.segment,
            territory: base.territory,
            ownerEmail: ownerOn(story.spells, lostDay - 1),
          }),
    decisionMakerChangedSinceLoss: features?.decisionMakerChanged ?? false,
    difficult: base.difficult,
    wonBackBefore: story.attempt?.outcome === 'won_back',
    purchaseRatePerYear: Math.round(base.purchaseRatePerDay * DAYS_PER_YEAR * 100) / 100,
    meanOrderValueMinor: Math.round(base.meanOrderValueMinor),
    firstLifetimeRevenueMinor,
    probabilityWinBack: features === null ? null : roundProbability(probabilityWinBack(features)),
    secondLifetime: features === null ? null : secondLifetime(features, 'none'),
    responseByOffer: features === null ? null : responseByOffer(features),
  }
}
