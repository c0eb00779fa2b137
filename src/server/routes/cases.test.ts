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
import type { CaseListResponse, OverdueStepsResponse } from '../contract/cases.js'
import { openCaseVia, patchCase, tagged } from './__fixtures__/cases-fixture.js'

const targets = await storeTargets()

describe.each(targets)('the case routes on $name (issue 5)', (target) => {
  let fixture: ApiFixture
  let manager: Credentials
  let repA: Credentials
  let repB: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    manager = await signInAs(fixture, 'manager')
    repA = await signInAs(fixture, 'repA')
    repB = await signInAs(fixture, 'repB')
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('takes a case from Identified to Won back as a manager with a rep, with ETags all the way', async () => {
    const opened = await openCaseVia(fixture, manager, 'A-001', {
      repIds: [fixture.users.repA.id],
      nextStep: 'Read their file',
    })
    expect(opened.detail.stage).toBe('identified')
    expect(opened.etag).toBe(`"${opened.detail.version}"`)
    expect(opened.detail.allowedMoves.map((move) => move.stage)).toContain('researching')
    const read = await tagged(
      await call(fixture, { method: 'GET', path: `/api/cases/${opened.detail.id}`, as: repA }),
    )
    expect(read.etag).toBe(opened.etag)
    let etag = read.etag
    const steps: Record<string, unknown>[] = [
      { to: 'researching', researchNotes: 'two late deliveries in March' },
      { to: 'approached', approachChannel: 'letter' },
      {
        to: 'meeting_held',
        finding: {
          customerWords: 'You shipped late twice and nobody called',
          reasons: ['delivery'],
          customerCostMinor: 120_000,
          remedy: 'A named contact and a delivery guarantee',
        },
      },
      { to: 'plan_agreed', planSummary: 'Guaranteed dates, named contact, 5 % off one order' },
    ]
    for (const body of steps) {
      const moved = await tagged(
        await patchCase(fixture, repA, { id: opened.detail.id, ifMatch: etag, body }),
      )
      expect(moved.detail.stage).toBe(body['to'])
      expect(moved.etag).not.toBe(etag)
      etag = moved.etag
    }
    // a rep carries out the steps; ending the case is sales management's call
    const byRep = await patchCase(fixture, repA, {
      id: opened.detail.id,
      ifMatch: etag,
      body: { to: 'won_back' },
    })
    expect(byRep.status).toBe(403)
    const won = await tagged(
      await patchCase(fixture, manager, {
        id: opened.detail.id,
        ifMatch: etag,
        body: { to: 'won_back' },
      }),
    )
    expect(won.detail.stage).toBe('won_back')
    expect(won.detail.endedOn).not.toBeNull()
    expect(won.detail.allowedMoves).toEqual([])
    expect(won.detail.timeline.map((entry) => entry.toStage)).toEqual(
      expect.arrayContaining([
        'researching',
        'approached',
        'meeting_held',
        'plan_agreed',
        'won_back',
      ]),
    )
  })

  it('refuses a move whose questions are unanswered, naming them', async () => {
    const opened = await openCaseVia(fixture, manager, 'A-005', { repIds: [fixture.users.repA.id] })
    const response = await patchCase(fixture, manager, {
      id: opened.detail.id,
      ifMatch: opened.etag,
      body: { to: 'meeting_held' },
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { issues: { path: string[] }[] } }
    expect(body.error.issues.map((issue) => issue.path[0])).toEqual(
      expect.arrayContaining(['customerWords', 'reasons', 'remedy']),
    )
  })

  it('refuses the losing rep as interviewer, and accepts an override with a written reason', async () => {
    const opened = await openCaseVia(fixture, manager, 'A-009', { repIds: [fixture.users.repA.id] })
    const refused = await patchCase(fixture, manager, {
      id: opened.detail.id,
      ifMatch: opened.etag,
      path: '/people',
      body: { interviewerId: fixture.users.repA.id },
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('interviewer_not_losing_rep')
    const accepted = await tagged(
      await patchCase(fixture, manager, {
        id: opened.detail.id,
        ifMatch: opened.etag,
        path: '/people',
        body: {
          interviewerId: fixture.users.repA.id,
          overrides: [
            { rule: 'interviewer_not_losing_rep', reason: 'the customer asked for her by name' },
          ],
        },
      }),
    )
    expect(accepted.detail.interviewer?.id).toBe(fixture.users.repA.id)
    expect(accepted.detail.overrides.map((override) => override.rule)).toEqual([
      'interviewer_not_losing_rep',
    ])
  })

  it("answers another rep's case exactly like a case that does not exist", async () => {
    const opened = await openCaseVia(fixture, manager, 'A-013', { repIds: [fixture.users.repA.id] })
    const hidden = await call(fixture, {
      method: 'GET',
      path: `/api/cases/${opened.detail.id}`,
      as: repB,
    })
    const missing = await call(fixture, { method: 'GET', path: '/api/cases/999999', as: repB })
    expect(hidden.status).toBe(404)
    expect(missing.status).toBe(404)
    const strip = (text: string) => text.replace(/\d+/g, 'N')
    expect(strip(await hidden.text())).toBe(strip(await missing.text()))
    const list = (await (
      await call(fixture, { method: 'GET', path: '/api/cases', as: repB })
    ).json()) as CaseListResponse
    expect(list.items.map((item) => item.id)).not.toContain(opened.detail.id)
  })

  it('lists cases filtered, sorted and paged, and overdue steps on mine and my team', async () => {
    const all = (await (
      await call(fixture, { method: 'GET', path: '/api/cases?limit=500', as: manager })
    ).json()) as CaseListResponse
    expect(all.total).toBeGreaterThanOrEqual(4)
    const open = (await (
      await call(fixture, {
        method: 'GET',
        path: '/api/cases?open=true&stage=identified,researching&sort=-lostValue&limit=2',
        as: manager,
      })
    ).json()) as CaseListResponse
    expect(open.items.length).toBeLessThanOrEqual(2)
    for (const item of open.items) {
      expect(['identified', 'researching']).toContain(item.stage)
    }
    const values = open.items.map((item) => item.lostValueMinor)
    expect(values).toEqual([...values].sort((a, b) => b - a))
    const bad = await call(fixture, {
      method: 'GET',
      path: '/api/cases?stage=nowhere',
      as: manager,
    })
    expect(bad.status).toBe(400)
    const overdue = (await (
      await call(fixture, { method: 'GET', path: '/api/cases/overdue', as: manager })
    ).json()) as OverdueStepsResponse
    expect(Array.isArray(overdue.mine) && Array.isArray(overdue.team)).toBe(true)
  })
})
