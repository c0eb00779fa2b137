import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import {
  seedAnalysis,
  seededScore,
  seedOrders,
  seedRun,
} from '../../test-support/lost-list-fixture.js'
import type { CustomerDetailResponse } from '../contract/customers.js'

const targets = await storeTargets()

describe.each(targets)('the customer page on $name', (target) => {
  let fixture: ApiFixture
  let repA: Credentials
  let repB: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    // an older run half a year before the seeded one, so the status has a history
    await seedRun(fixture.store, '2023-12-31', [{ ...seededScore('A-001', 3), p_alive: 0.95 }])
    await seedAnalysis(fixture.store, fixture.users)
    await seedOrders(fixture.store, 'A-001', [
      ['2024-01-05', 1000],
      ['2024-01-20', 2500],
      ['2024-03-02', -500],
      ['2024-03-09', 700],
    ])
    repA = await signInAs(fixture, 'repA')
    repB = await signInAs(fixture, 'repB')
  })
  afterAll(async () => {
    await fixture.close()
  })

  it("carries the newest score, every run's status and the orders by month", async () => {
    const response = await call(fixture, { method: 'GET', path: '/api/customers/A-001', as: repA })
    expect(response.status).toBe(200)
    const detail = (await response.json()) as CustomerDetailResponse
    const seeded = seededScore('A-001', 0)
    expect(detail.score).toMatchObject({
      asOf: '2024-06-30',
      status: 'lost',
      lostSince: seeded.lost_since,
      valueIfWonBackMinor: seeded.value_if_won_back_minor,
      expectedValueMinor: seeded.expected_value_minor,
      explanation: seeded.explanation,
    })
    expect(detail.statusHistory).toEqual([
      { asOf: '2023-12-31', status: 'active', probabilityAlive: 0.95 },
      { asOf: '2024-06-30', status: 'lost', probabilityAlive: 0.2 },
    ])
    expect(detail.orderHistory).toEqual([
      { month: '2024-01', orders: 2, amountMinor: 3500 },
      { month: '2024-03', orders: 2, amountMinor: 200 },
    ])
  })

  it('answers a customer of another rep exactly like one that does not exist', async () => {
    const hidden = await call(fixture, { method: 'GET', path: '/api/customers/A-001', as: repB })
    const missing = await call(fixture, { method: 'GET', path: '/api/customers/Q-404', as: repB })
    expect(hidden.status).toBe(404)
    expect(await hidden.text()).toBe(await missing.text())
  })

  it('has no score for a customer no run has scored', async () => {
    await fixture.store.db
      .insertInto('customers')
      .values({
        id: 'A-NEW',
        name: 'New',
        segment: null,
        territory: null,
        owner_id: fixture.users.repA.id,
        created_at: new Date().toISOString(),
        import_id: null,
      })
      .execute()
    const response = await call(fixture, { method: 'GET', path: '/api/customers/A-NEW', as: repA })
    const detail = (await response.json()) as CustomerDetailResponse
    expect(detail.score).toBeNull()
    expect(detail.statusHistory).toEqual([])
    expect(detail.orderHistory).toEqual([])
  })
})
