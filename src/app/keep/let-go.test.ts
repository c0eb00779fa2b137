import fc from 'fast-check'
import { expect, it } from 'vitest'
import { addDays } from '../../domain/case-dates.js'
import { DEFAULT_LET_GO_RULE, letGoFindings } from '../../domain/let-go-rule.js'
import { insertIncidents, insertOrders } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  caseDialects,
  describeWorld,
  TODAY,
} from '../cases/__fixtures__/case-world.js'
import { uniqueKey } from './__fixtures__/keep-world.js'
import { dismissLetGo, letGoSuggestions, markLetGo } from './let-go.js'

const targets = await caseDialects()

const customerFacts = fc.record({
  incidents: fc.integer({ min: 0, max: 5 }),
  placed: fc.integer({ min: 0, max: 6 }),
  refunded: fc.integer({ min: 0, max: 3 }),
})

describeWorld('let-go suggestions', targets, (current) => {
  it('suggests a customer who meets the rule and never one who does not (property, stored data)', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    await fc.assert(
      fc.asyncProperty(customerFacts, async (facts) => {
        const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
        await insertIncidents(
          store,
          Array.from({ length: facts.incidents }, (_, n) => ({
            incident_key: uniqueKey('i'),
            customer_id: customerId,
            kind: 'late_delivery',
            occurred_on: addDays(TODAY, -10 - n),
            cost_minor: 1_000,
            currency: 'USD',
          })),
        )
        // one incident outside the window never counts
        await insertIncidents(store, [
          {
            incident_key: uniqueKey('old'),
            customer_id: customerId,
            kind: 'late_delivery',
            occurred_on: addDays(TODAY, -400),
            cost_minor: 1_000,
            currency: 'USD',
          },
        ])
        const orders = [
          ...Array.from({ length: facts.placed }, () => 'placed' as const),
          ...Array.from({ length: facts.refunded }, () => 'refunded' as const),
        ]
        await insertOrders(
          store,
          orders.map((status, n) => ({
            order_key: uniqueKey('o'),
            customer_id: customerId,
            ordered_on: addDays(TODAY, -20 - n),
            amount_minor: 10_000,
            currency: 'USD',
            status,
          })),
        )
        const expected =
          letGoFindings(
            {
              incidents: facts.incidents,
              orders: orders.length,
              refundedOrCancelled: facts.refunded,
            },
            DEFAULT_LET_GO_RULE,
          ).length > 0
        const suggested = (await letGoSuggestions(store, admin, { today: TODAY })).find(
          (one) => one.customerId === customerId,
        )
        expect(suggested !== undefined).toBe(expected)
        if (suggested !== undefined) {
          expect(suggested.findings[0]?.rule).toContain('(rule:')
        }
      }),
      { numRuns: 12 },
    )
  })

  it('drops a customer from the suggestions once let go or dismissed, and scopes them by owner', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const south = await actorOf(store, world.managerSouth)
    const ids: string[] = []
    for (let n = 0; n < 2; n += 1) {
      const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
      await insertIncidents(
        store,
        [0, 1, 2].map((day) => ({
          incident_key: uniqueKey('i'),
          customer_id: customerId,
          kind: 'billing_error',
          occurred_on: addDays(TODAY, -day - 1),
          cost_minor: 500,
          currency: 'USD',
        })),
      )
      ids.push(customerId)
    }
    const listed = async (who: typeof manager) =>
      (await letGoSuggestions(store, who, { today: TODAY }))
        .map((one) => one.customerId)
        .filter((id) => ids.includes(id))
    expect(await listed(manager)).toEqual([...ids].sort())
    expect(await listed(south)).toEqual([])
    await markLetGo(store, manager, { customerId: ids[0] ?? '', reason: 'too_many_incidents' })
    await dismissLetGo(store, manager, { customerId: ids[1] ?? '' })
    expect(await listed(manager)).toEqual([])
  })
})
