import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ComebackError } from '../domain/errors.js'
import { insertCustomers, insertOrders, type NewOrder, openStore } from '../store/index.js'
import { seededRandom } from '../test-support/analysis-fixtures.js'
import { analyze } from './analyze.js'
import { isoDay } from './analyze-days.js'
import { listLost } from './list-lost.js'

const AS_OF_DAY = Date.UTC(2024, 0, 1) / 86_400_000

const arbitraryOrders = fc.array(
  fc.record({
    customer: fc.integer({ min: 0, max: 6 }),
    daysAgo: fc.integer({ min: -30, max: 900 }),
    amountMinor: fc.integer({ min: -5000, max: 50_000 }),
    status: fc.constantFrom('placed', 'placed', 'placed', 'cancelled', 'refunded'),
  }),
  { minLength: 0, maxLength: 25 },
)

describe('analyze on random small order sets', () => {
  it('either names the problem or stores only finite figures and plain explanations', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryOrders,
        fc.constantFrom('auto', 'bgnbd') as fc.Arbitrary<'auto' | 'bgnbd'>,
        async (orders, model) => {
          const store = await openStore(':memory:')
          try {
            await store.migrate()
            const customers = [...new Set(orders.map((order) => `C${order.customer}`))]
            await insertCustomers(
              store,
              customers.map((id) => ({ id })),
            )
            await insertOrders(
              store,
              orders.map(
                (order, n): NewOrder => ({
                  order_key: `k:${n}`,
                  customer_id: `C${order.customer}`,
                  ordered_on: isoDay(AS_OF_DAY - order.daysAgo),
                  amount_minor: order.amountMinor,
                  currency: 'USD',
                  status: order.status as NewOrder['status'],
                }),
              ),
            )
            let runId: number
            try {
              const run = await analyze(store, {
                asOf: isoDay(AS_OF_DAY),
                model,
                actor: 'test',
                now: new Date('2024-01-02T00:00:00Z'),
              })
              runId = run.runId
              expect(JSON.stringify(run)).not.toMatch(/NaN|Infinity/)
            } catch (error) {
              // thin data may be refused, but only with a clear, deliberate error
              expect(error).toBeInstanceOf(ComebackError)
              expect((error as ComebackError).code).not.toBe('INTERNAL')
              return
            }
            const scores = await store.db
              .selectFrom('customer_scores')
              .selectAll()
              .where('run_id', '=', runId)
              .execute()
            for (const row of scores) {
              for (const value of Object.values(row)) {
                if (typeof value === 'number') {
                  expect(Number.isFinite(value)).toBe(true)
                }
              }
              if (row.p_alive !== null) {
                expect(row.p_alive).toBeGreaterThanOrEqual(0)
                expect(row.p_alive).toBeLessThanOrEqual(1)
              }
              expect(row.explanation).not.toMatch(/NaN|Infinity|undefined|null/)
            }
            const list = await listLost(store)
            expect(JSON.stringify(list)).not.toMatch(/NaN|Infinity/)
          } finally {
            await store.close()
          }
        },
      ),
      { numRuns: 40 },
    )
  })

  it('scores random populations large enough to fit a model with finite figures only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const store = await openStore(':memory:')
        try {
          await store.migrate()
          const random = seededRandom(seed)
          const orders: NewOrder[] = []
          const ids: string[] = []
          for (let c = 0; c < 45; c += 1) {
            const id = `P${c}`
            ids.push(id)
            const meanGap = 3 * 100 ** random()
            let daysAgo = Math.floor(random() * 800)
            for (let k = 0; daysAgo >= 0 && k < 30 && (k === 0 || random() > 0.1); k += 1) {
              orders.push({
                order_key: `k:${c}:${k}`,
                customer_id: id,
                ordered_on: isoDay(AS_OF_DAY - daysAgo),
                amount_minor: Math.floor(random() * 20_000),
                currency: 'USD',
                status: 'placed',
              })
              daysAgo -= 1 + Math.floor(-meanGap * Math.log(1 - random()))
            }
          }
          await insertCustomers(
            store,
            ids.map((id) => ({ id })),
          )
          await insertOrders(store, orders)
          const run = await analyze(store, {
            asOf: isoDay(AS_OF_DAY),
            model: 'mbgnbd',
            actor: 'test',
            now: new Date('2024-01-02T00:00:00Z'),
          })
          expect(JSON.stringify(run)).not.toMatch(/NaN|Infinity/)
          const scores = await store.db
            .selectFrom('customer_scores')
            .selectAll()
            .where('run_id', '=', run.runId)
            .execute()
          expect(scores).toHaveLength(45)
          for (const row of scores) {
            for (const value of Object.values(row)) {
              if (typeof value === 'number') {
                expect(Number.isFinite(value)).toBe(true)
              }
            }
            expect(row.explanation).not.toMatch(/NaN|Infinity|undefined|null/)
          }
        } finally {
          await store.close()
        }
      }),
      { numRuns: 8 },
    )
  })
})
