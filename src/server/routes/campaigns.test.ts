import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { seedAnalysis } from '../../test-support/lost-list-fixture.js'

const targets = await storeTargets()

describe.each(targets)('campaigns over HTTP on $name', (target) => {
  let fixture: ApiFixture
  let manager: Credentials
  let admin: Credentials
  let repA: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    manager = await signInAs(fixture, 'manager')
    admin = await signInAs(fixture, 'admin')
    repA = await signInAs(fixture, 'repA')
  })
  afterAll(async () => {
    await fixture.close()
  })

  const body = {
    name: 'Lost customer appreciation day',
    templateKey: 'fun-email-appreciation-day',
    segment: { status: 'lost', kind: 'customer' },
    holdoutShare: 0.2,
  }

  it("makes a campaign of the manager's team's lost customers, launches it once, and reports", async () => {
    const created = await call(fixture, {
      method: 'POST',
      path: '/api/campaigns',
      as: manager,
      body,
    })
    expect(created.status).toBe(201)
    const made = (await created.json()) as {
      campaign: { id: number; status: string }
      members: number
      treated: number
      holdout: number
    }
    // rep A's 50 accounts, every fourth lost (the seeded run): none of rep B's
    expect(made.members).toBe(13)
    expect(made.treated + made.holdout).toBe(13)
    expect(made.campaign.status).toBe('draft')
    const path = `/api/campaigns/${made.campaign.id}`
    const first = await call(fixture, { method: 'POST', path: `${path}/launch`, as: manager })
    // the fixture's accounts have no contacts: every treated member is counted, none queued
    expect(await first.json()).toMatchObject({ queued: 0, noContact: made.treated })
    const second = await call(fixture, { method: 'POST', path: `${path}/launch`, as: manager })
    expect(await second.json()).toMatchObject({
      queued: 0,
      noContact: 0,
      alreadyDone: made.treated,
    })
    const results = await call(fixture, { method: 'GET', path: `${path}/results`, as: manager })
    const found = (await results.json()) as {
      treated: { members: number }
      lift: { estimate: number; lower: number; upper: number } | null
    }
    expect(found.treated.members).toBe(made.treated)
    expect(found.lift?.estimate).toBe(0)
    expect(found.lift?.lower).toBeLessThan(0)
    expect(found.lift?.upper).toBeGreaterThan(0)
  })

  it("hides the admin's campaign from the manager and refuses a rep", async () => {
    const created = await call(fixture, { method: 'POST', path: '/api/campaigns', as: admin, body })
    const made = (await created.json()) as { campaign: { id: number }; members: number }
    // rep A's 13 lost accounts, rep B's 13 and the unowned U-001
    expect(made.members).toBe(27)
    const hidden = await call(fixture, {
      method: 'GET',
      path: `/api/campaigns/${made.campaign.id}`,
      as: manager,
    })
    expect(hidden.status).toBe(404)
    const rep = await call(fixture, { method: 'GET', path: '/api/campaigns', as: repA })
    expect(rep.status).toBe(403)
    const bad = await call(fixture, {
      method: 'POST',
      path: '/api/campaigns',
      as: admin,
      body: { ...body, holdoutShare: 2 },
    })
    expect(bad.status).toBe(400)
  })
})
