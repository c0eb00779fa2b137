import { expect, it } from 'vitest'
import { ComebackError } from '../../domain/errors.js'
import { auditTrail, listTasks, type Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import type { CaseDetail } from './case-detail.js'
import { moveCase, restCase, updateCase } from './move-case.js'
import { openCase } from './open-case.js'
import { resumeRestedCases } from './resume-rested-cases.js'

const targets = await caseDialects()

async function caught(promise: Promise<unknown>): Promise<ComebackError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(ComebackError)
  return error as ComebackError
}

async function openedCase(store: Store, world: CaseWorld): Promise<CaseDetail> {
  const customerId = await addCustomer(store, world, {
    ownerId: Number(world.repOld.id),
    lostSince: '2024-02-01',
  })
  return openCase(store, await actorOf(store, world.managerNorth), {
    subject: { kind: 'customer', customerId },
    repIds: [Number(world.repOld.id)],
    today: TODAY,
  })
}

const FINDING = {
  customerWords: 'Three late deliveries in a row cost us a production day.',
  reasons: ['delivery'],
  customerCostMinor: 3_000_000,
  remedy: 'A dedicated delivery slot and a credit on the next order',
  competitor: 'Acme',
}

describeWorld('moving a case', targets, (current) => {
  it('takes a case from Identified to Won back, asking each stage for what it produces', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const rep = await actorOf(store, world.repOld)
    let detail = await openedCase(store, world)
    detail = await moveCase(store, rep, {
      caseId: detail.id,
      expectedVersion: 1,
      to: 'researching',
      today: TODAY,
    })
    const missing = await caught(
      moveCase(store, rep, {
        caseId: detail.id,
        expectedVersion: 2,
        to: 'approached',
        today: TODAY,
      }),
    )
    expect(missing.code).toBe('INVALID_INPUT')
    expect(missing.issues.map((issue) => issue.path[0])).toEqual(['approachChannel'])
    detail = await moveCase(store, rep, {
      caseId: detail.id,
      expectedVersion: 2,
      to: 'approached',
      approachChannel: 'letter',
      today: TODAY,
    })
    expect(detail.nextQuestions.map((question) => question.field)).toEqual([
      'interviewerId',
      'customerWords',
      'reasons',
      'customerCost',
      'remedy',
    ])
    const noFinding = await caught(
      moveCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 3,
        to: 'meeting_held',
        today: TODAY,
      }),
    )
    expect(noFinding.issues.map((issue) => issue.path[0])).toEqual([
      'customerWords',
      'reasons',
      'customerCost',
      'remedy',
    ])
    detail = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 3,
      to: 'meeting_held',
      finding: FINDING,
      today: TODAY,
    })
    expect(detail.reasons).toEqual(['delivery'])
    expect(detail.finding.customerWords).toBe(FINDING.customerWords)
    expect(detail.finding.competitor).toBe('Acme')
    detail = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 4,
      to: 'plan_agreed',
      planSummary: 'Fixed Tuesday slot; credit of 500 on the next order; review in 90 days',
      today: TODAY,
    })
    detail = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 5,
      to: 'won_back',
      today: TODAY,
    })
    expect(detail.stage).toBe('won_back')
    expect(detail.endedOn).toBe(TODAY)
    expect(detail.nextStep).toBeNull()
    expect(detail.version).toBe(6)
    expect(
      detail.timeline.filter((event) => event.kind === 'moved').map((event) => event.toStage),
    ).toEqual(['researching', 'approached', 'meeting_held', 'plan_agreed', 'won_back'])
    const trail = await auditTrail(store, 'case', String(detail.id))
    expect(trail.map((entry) => entry.action)).toEqual([
      'create',
      'move',
      'move',
      'move',
      'move',
      'move',
    ])
    expect(trail.every((entry) => !(entry.fields_json ?? '').includes('late deliveries'))).toBe(
      true,
    )
  })

  it('skipping stages still has to answer what the skipped stages ask', async () => {
    const { store, world } = current()
    const detail = await openedCase(store, world)
    const error = await caught(
      moveCase(store, await actorOf(store, world.managerNorth), {
        caseId: detail.id,
        expectedVersion: 1,
        to: 'won_back',
        finding: FINDING,
        today: TODAY,
      }),
    )
    expect(error.issues.map((issue) => issue.path[0])).toEqual(['approachChannel', 'planSummary'])
  })

  it('letting a customer go gives the owner one leave-them-happy, ask-for-a-referral task', async () => {
    const { store, world } = current()
    const detail = await openedCase(store, world)
    await moveCase(store, await actorOf(store, world.managerNorth), {
      caseId: detail.id,
      expectedVersion: 1,
      to: 'let_go',
      endingNote: 'Hard to serve and unprofitable',
      finding: { reasons: ['service'] },
      today: TODAY,
    })
    const tasks = await listTasks(store, { customerId: detail.customerId })
    expect(tasks).toHaveLength(1)
    expect(tasks[0]?.kind).toBe('leave_happy_referral')
    expect(Number(tasks[0]?.owner_id)).toBe(Number(world.managerNorth.id))
  })

  it('rests a case until a date, then brings it back to the stage it left with a next step', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    let detail = await openedCase(store, world)
    detail = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 1,
      to: 'researching',
      today: TODAY,
    })
    const past = await caught(
      restCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 2,
        until: TODAY,
        today: TODAY,
      }),
    )
    expect(past.issues[0]?.path).toEqual(['restUntil'])
    detail = await restCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 2,
      until: '2024-09-01',
      today: TODAY,
    })
    expect(detail.stage).toBe('resting')
    expect(detail.resumeStage).toBe('researching')
    expect(detail.nextStepDueOn).toBe('2024-09-01')
    expect(await resumeRestedCases(store, manager, { today: '2024-08-31' })).not.toContain(
      detail.id,
    )
    expect(await resumeRestedCases(store, manager, { today: '2024-09-01' })).toContain(detail.id)
    expect(await resumeRestedCases(store, manager, { today: '2024-09-02' })).not.toContain(
      detail.id,
    )
    const back = await updateCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 4,
      today: '2024-09-02',
    })
    expect(back.stage).toBe('researching')
    expect(back.restUntil).toBeNull()
    expect(back.nextStepDueOn).toBe('2024-09-01')
    expect(back.overdue).toBe(true)
    expect(back.timeline.at(-1)?.kind).toBe('resumed')
  })

  it('updates a finding without moving, but never blanks what the stage needs', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    let detail = await openedCase(store, world)
    detail = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 1,
      to: 'approached',
      approachChannel: 'call',
      today: TODAY,
    })
    const blank = await caught(
      updateCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 2,
        approachChannel: ' ',
        today: TODAY,
      }),
    )
    expect(blank.issues[0]?.path).toEqual(['approachChannel'])
    detail = await updateCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 2,
      nextStep: 'Call the new buyer on Monday',
      nextStepDueOn: '2024-07-02',
      finding: { reasons: ['price', 'poached_on_price'] },
      today: TODAY,
    })
    expect(detail.stage).toBe('approached')
    expect(detail.nextStep).toBe('Call the new buyer on Monday')
    expect([...detail.reasons].sort()).toEqual(['poached_on_price', 'price'])
  })

  it('needs the version a change is based on and refuses a stale one', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const detail = await openedCase(store, world)
    const required = await caught(
      moveCase(store, manager, {
        caseId: detail.id,
        expectedVersion: undefined,
        to: 'researching',
        today: TODAY,
      }),
    )
    expect(required.code).toBe('PRECONDITION_REQUIRED')
    await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 1,
      to: 'researching',
      today: TODAY,
    })
    const stale = await caught(
      moveCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 1,
        to: 'approached',
        approachChannel: 'card',
        today: TODAY,
      }),
    )
    expect(stale.code).toBe('PRECONDITION_FAILED')
  })

  it('hides a case from a rep who is not on it exactly like a missing one', async () => {
    const { store, world } = current()
    const detail = await openedCase(store, world)
    const south = await actorOf(store, world.repSouth)
    const hidden = await caught(
      moveCase(store, south, {
        caseId: detail.id,
        expectedVersion: 1,
        to: 'researching',
        today: TODAY,
      }),
    )
    const missing = await caught(
      moveCase(store, south, {
        caseId: 999_999,
        expectedVersion: 1,
        to: 'researching',
        today: TODAY,
      }),
    )
    expect(hidden.code).toBe('NOT_FOUND')
    expect(missing.code).toBe('NOT_FOUND')
    expect(hidden.message.replace(String(detail.id), 'N')).toBe(
      missing.message.replace('999999', 'N'),
    )
  })
})
