import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import {
  paretoNbdExpectedTransactions,
  paretoNbdExpectedTransactionsNew,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityAliveAt,
} from './pareto-nbd.js'

interface ReferenceRow {
  readonly params: Record<string, number>
  readonly x: number
  readonly recency: number
  readonly age: number
  readonly horizon: number
  readonly probabilityAlive: number
  readonly expectedTransactions: number
}

function readReference(name: string): ReferenceRow[] {
  const url = new URL(`./__fixtures__/${name}`, import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { rows: ReferenceRow[] }).rows
}

const CDNOW = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }

const params = fc.record({
  r: fc.double({ min: 0.01, max: 20, noNaN: true }),
  alpha: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  s: fc.double({ min: 0.01, max: 20, noNaN: true }),
  beta: fc.double({ min: 0.01, max: 1000, noNaN: true }),
})

/** (x, t_x, T) with x up to 1000 and 0 < t_x ≤ T when x > 0 */
const history = fc
  .record({
    x: fc.integer({ min: 0, max: 1000 }),
    age: fc.double({ min: 0.01, max: 500, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, age, share }) => ({ x, age, recency: x === 0 ? 0 : share * age }))

describe('Pareto/NBD predictions', () => {
  it("match Fader & Hardie's P(alive) and conditional expectation evaluated by mpmath", () => {
    // the ridge rows: r, α in the 1e5s, or s = 4e-6 with β = 4e6, 2F1 argument within 1e-5 of 1
    const rows = [
      ...readReference('pareto-nbd-values.json'),
      ...readReference('pareto-nbd-ridge-values.json'),
    ]
    expect(rows.length).toBeGreaterThan(80)
    for (const row of rows) {
      const { params: p, x, recency, age, horizon } = row
      const alive = paretoNbdProbabilityAlive(p, x, recency, age)
      // below ~1e-300 the reference itself is a subnormal double
      expectClose(alive, row.probabilityAlive, { relTol: 1e-9, absTol: 1e-300 })
      const expected = paretoNbdExpectedTransactions(p, horizon, x, recency, age)
      expectClose(expected, row.expectedTransactions, { relTol: 1e-9, absTol: 1e-300 })
    }
  })

  it('give P(alive) in [0, 1] and finite expectations for customers with up to 1000 orders', () => {
    fc.assert(
      fc.property(params, history, (p, h) => {
        const alive = paretoNbdProbabilityAlive(p, h.x, h.recency, h.age)
        expect(alive >= 0 && alive <= 1).toBe(true)
        const expected = paretoNbdExpectedTransactions(p, 52, h.x, h.recency, h.age)
        expect(Number.isFinite(expected) && expected >= 0).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('lower P(alive) as the last purchase ages and raise it as it gets more recent', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.01, max: 100, noNaN: true }), (p, h, gap) => {
        const now = paretoNbdProbabilityAlive(p, h.x, h.recency, h.age)
        const later = paretoNbdProbabilityAlive(p, h.x, h.recency, h.age + gap)
        expect(later).toBeLessThanOrEqual(now * (1 + 1e-12))
        if (h.x > 0) {
          const moreRecent = paretoNbdProbabilityAlive(p, h.x, h.age, h.age)
          expect(moreRecent).toBeGreaterThanOrEqual(now * (1 - 1e-12))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('say a customer just acquired is alive and expects what a new customer expects', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.01, max: 500, noNaN: true }), (p, t) => {
        expectClose(paretoNbdProbabilityAlive(p, 0, 0, 0), 1, { relTol: 1e-10 })
        expectClose(
          paretoNbdExpectedTransactions(p, t, 0, 0, 0),
          paretoNbdExpectedTransactionsNew(p, t),
          {
            relTol: 1e-10,
          },
        )
      }),
    )
  })

  it('expect a new customer to buy at the mean rate r/α at first, and less per week later', () => {
    const h = 1e-6
    expectClose(paretoNbdExpectedTransactionsNew(CDNOW, h) / h, CDNOW.r / CDNOW.alpha, {
      relTol: 1e-5,
    })
    const firstYear = paretoNbdExpectedTransactionsNew(CDNOW, 52)
    const secondYear = paretoNbdExpectedTransactionsNew(CDNOW, 104) - firstYear
    expect(secondYear).toBeLessThan(firstYear)
    // s = 1 is the limit of the closed form, not a division by zero
    const nearOne = paretoNbdExpectedTransactionsNew({ ...CDNOW, s: 1 + 1e-9 }, 52)
    expectClose(paretoNbdExpectedTransactionsNew({ ...CDNOW, s: 1 }, 52), nearOne, { relTol: 1e-7 })
  })

  it('give P(alive) at a future date that starts at P(alive) now and falls with the horizon', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.01, max: 100, noNaN: true }), (p, h, t) => {
        const now = paretoNbdProbabilityAlive(p, h.x, h.recency, h.age)
        expectClose(paretoNbdProbabilityAliveAt(p, h, 0), now, { relTol: 1e-14 })
        const ahead = paretoNbdProbabilityAliveAt(p, h, t)
        expect(ahead).toBeLessThanOrEqual(now)
        // silence until T + t is evidence of death: alive then whatever happens is likelier
        const silent = paretoNbdProbabilityAlive(p, h.x, h.recency, h.age + t)
        expect(silent).toBeLessThanOrEqual(ahead * (1 + 1e-9) + 1e-300)
      }),
      { numRuns: 200 },
    )
  })
})
