import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LossReason } from './demo-types.js'
import {
  probabilityWinBack,
  responseByOffer,
  secondLifetime,
  type WinBackFeatures,
} from './win-back-truth.js'

const REASONS: readonly LossReason[] = [
  'delivery',
  'billing',
  'missed_deadline',
  'quality',
  'service',
  'price',
  'poached_by_competitor',
  'rep_relationship',
  'decision_maker_change',
  'no_longer_needed',
  'no_one_stop_offer',
]

const featuresArbitrary: fc.Arbitrary<WinBackFeatures> = fc.record({
  segment: fc.constantFrom('Enterprise', 'Mid-market', 'Small business'),
  tenureDays: fc.integer({ min: 1, max: 2000 }),
  revenueMinor: fc.integer({ min: 0, max: 50_000_000 }),
  monthlySpendMinor: fc.integer({ min: 100, max: 5_000_000 }),
  reason: fc.constantFrom(null, ...REASONS),
  fixed: fc.boolean(),
  decisionMakerChanged: fc.boolean(),
  daysSinceLoss: fc.integer({ min: 0, max: 1500 }),
  incidentCount: fc.integer({ min: 0, max: 10 }),
  lostTwice: fc.boolean(),
  refusedBefore: fc.boolean(),
  propensity: fc.double({ min: -1, max: 1, noNaN: true }),
  spendNoise: fc.double({ min: 0.7, max: 1.4, noNaN: true }),
})

describe('the demo win-back truth', () => {
  it('is a probability strictly between 0 and 1', () => {
    fc.assert(
      fc.property(featuresArbitrary, (features) => {
        const probability = probabilityWinBack(features)
        expect(probability).toBeGreaterThan(0)
        expect(probability).toBeLessThan(1)
      }),
    )
  })

  it('rises with a longer and more valuable first lifetime (Kumar, Bhagwat & Zhang 2015)', () => {
    fc.assert(
      fc.property(featuresArbitrary, (features) => {
        const longer = { ...features, tenureDays: features.tenureDays + 365 }
        const richer = { ...features, revenueMinor: features.revenueMinor * 2 + 1_000_000 }
        expect(probabilityWinBack(longer)).toBeGreaterThan(probabilityWinBack(features))
        expect(probabilityWinBack(richer)).toBeGreaterThanOrEqual(probabilityWinBack(features))
      }),
    )
  })

  it('rises when the reason was fixed or the decision maker changed, and falls with time', () => {
    fc.assert(
      fc.property(featuresArbitrary, (features) => {
        const base = { ...features, fixed: false, decisionMakerChanged: false }
        expect(probabilityWinBack({ ...base, fixed: true })).toBeGreaterThan(
          probabilityWinBack(base),
        )
        expect(probabilityWinBack({ ...base, decisionMakerChanged: true })).toBeGreaterThan(
          probabilityWinBack(base),
        )
        expect(
          probabilityWinBack({ ...base, daysSinceLoss: base.daysSinceLoss + 200 }),
        ).toBeLessThan(probabilityWinBack(base))
      }),
    )
  })

  it('brings service leavers back less often than price leavers, but at a higher monthly spend', () => {
    fc.assert(
      fc.property(
        featuresArbitrary,
        fc.constantFrom('delivery', 'billing', 'service', 'quality'),
        (features, serviceReason) => {
          const service = { ...features, reason: serviceReason }
          const price = { ...features, reason: 'price' as const }
          expect(probabilityWinBack(service)).toBeLessThan(probabilityWinBack(price))
          expect(secondLifetime(service, 'none').monthlySpendMinor).toBeGreaterThan(
            secondLifetime(price, 'none').monthlySpendMinor,
          )
        },
      ),
    )
  })

  it('makes a service upgrade the longest second lifetime and discount plus upgrade the likeliest win but shortest', () => {
    fc.assert(
      fc.property(featuresArbitrary, (features) => {
        const response = responseByOffer(features)
        const months = (offer: keyof typeof response): number =>
          response[offer].secondLifetime.expectedMonths
        expect(months('service_upgrade')).toBeGreaterThan(months('none'))
        expect(months('discount_and_upgrade')).toBeLessThan(months('discount'))
        expect(response.discount_and_upgrade.probabilityWinBack).toBeGreaterThanOrEqual(
          response.discount.probabilityWinBack,
        )
        expect(response.discount.probabilityWinBack).toBeGreaterThanOrEqual(
          response.none.probabilityWinBack,
        )
      }),
    )
  })

  it('values the first 12 months at no more than the whole second lifetime', () => {
    fc.assert(
      fc.property(featuresArbitrary, (features) => {
        const lifetime = secondLifetime(features, 'none')
        expect(lifetime.valueFirst12MonthsMinor).toBeLessThanOrEqual(lifetime.valueMinor)
        expect(lifetime.expectedMonths).toBeGreaterThanOrEqual(4)
      }),
    )
  })
})
