import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from './case-dates.js'
import {
  DEFAULT_KEEP_SETTINGS,
  isSlipped,
  type KeepScore,
  parseKeepSettings,
  relapseDay,
  slipCrossed,
  watchedIncidentKinds,
} from './keep-watch.js'

const WON_ON = '2024-01-10'
const settings = DEFAULT_KEEP_SETTINGS

const score = (runId: number, fields: Partial<KeepScore>): KeepScore => ({
  runId,
  asOf: addDays(WON_ON, runId * 20),
  status: 'active',
  pAlive: 0.9,
  lostSince: null,
  lastOrderOn: addDays(WON_ON, 5),
  ...fields,
})

const verdicts = fc.array(
  fc.record({
    status: fc.constantFrom('active', 'at_risk', 'lapsed'),
    pAlive: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  }),
  { minLength: 1, maxLength: 15 },
)

describe('the keep watch', () => {
  it('alerts once per crossing into a slip: the number of alerts is the number of runs that start a slipped stretch', () => {
    fc.assert(
      fc.property(verdicts, (runs) => {
        const scores = runs.map((run, n) => score(n + 1, run))
        const alerts = scores.filter((current, n) =>
          slipCrossed(scores[n - 1], current, { wonOn: WON_ON, settings }),
        ).length
        const slipped = scores.map((one) => isSlipped(one, settings))
        const stretches = slipped.filter((now, n) => now && (n === 0 || !slipped[n - 1])).length
        expect(alerts).toBe(stretches)
      }),
    )
  })

  it('says nothing before they ordered again, or after the 12-month window', () => {
    const before = score(1, { status: 'lapsed', pAlive: 0.1, lastOrderOn: '2023-06-01' })
    expect(slipCrossed(undefined, before, { wonOn: WON_ON, settings })).toBe(false)
    const late = score(30, { status: 'at_risk', asOf: addDays(WON_ON, 400) })
    expect(slipCrossed(undefined, late, { wonOn: WON_ON, settings })).toBe(false)
    const slipping = score(2, { status: 'active', pAlive: 0.45 })
    expect(slipCrossed(score(1, {}), slipping, { wonOn: WON_ON, settings })).toBe(true)
  })

  it('dates a re-lapse by "lost since", only after the win and within 12 months', () => {
    const lost = (lostSince: string) => score(5, { status: 'lost', lostSince })
    const asOf = '2026-01-01'
    expect(relapseDay(WON_ON, [lost('2024-09-01')], { asOf, settings })).toBe('2024-09-01')
    expect(relapseDay(WON_ON, [lost('2025-02-01')], { asOf, settings })).toBeNull()
    expect(relapseDay(WON_ON, [lost('2023-12-01')], { asOf, settings })).toBeNull()
    const notBack = score(5, { status: 'lost', lostSince: '2024-05-01', lastOrderOn: '2023-01-01' })
    expect(relapseDay(WON_ON, [notBack], { asOf, settings })).toBeNull()
    expect(relapseDay(WON_ON, [lost('2024-09-01')], { asOf: '2024-03-01', settings })).toBeNull()
  })

  it('maps reasons to the incident kinds that repeat them, through an editable setting', () => {
    expect([...watchedIncidentKinds(['delivery', 'price'], settings)]).toEqual([
      'late_delivery',
      'wrong_delivery',
    ])
    const edited = parseKeepSettings({ incidentKindsByReason: { price: ['price_rise'] } })
    expect([...watchedIncidentKinds(['price'], edited)]).toEqual(['price_rise'])
    expect(() => parseKeepSettings({ slipBelowProbabilityAlive: 2 })).toThrow()
  })
})
