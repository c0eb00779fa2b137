import { expect, it } from 'vitest'
import { ComebackError } from '../../domain/errors.js'
import type { Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { assignCase } from './assign-case.js'
import type { CaseDetail } from './case-detail.js'
import { moveCase } from './move-case.js'
import { openCase } from './open-case.js'

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

describeWorld('the case rules in use', targets, (current) => {
  it('refuses the losing rep as interviewer, then accepts an override whose written reason is kept', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const detail = await openedCase(store, world)
    const refused = await caught(
      assignCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 1,
        interviewerId: Number(world.repOld.id),
        today: TODAY,
      }),
    )
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.issues.map((issue) => issue.path.join('.'))).toEqual([
      'rules.interviewer_not_losing_rep',
    ])
    const shortReason = await caught(
      assignCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 1,
        interviewerId: Number(world.repOld.id),
        overrides: [{ rule: 'interviewer_not_losing_rep', reason: 'ok' }],
        today: TODAY,
      }),
    )
    expect(shortReason.issues[0]?.path).toEqual(['overrides', 0, 'reason'])
    const reason = 'The customer asked for Ann by name and the VP will sit in'
    const assigned = await assignCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 1,
      interviewerId: Number(world.repOld.id),
      overrides: [{ rule: 'interviewer_not_losing_rep', reason }],
      today: TODAY,
    })
    expect(assigned.interviewer?.id).toBe(Number(world.repOld.id))
    expect(assigned.overrides).toEqual([
      expect.objectContaining({
        rule: 'interviewer_not_losing_rep',
        reason,
        actor: `user:${world.managerNorth.id}`,
      }),
    ])
    expect(assigned.timeline.map((event) => event.kind)).toEqual([
      'opened',
      'rule_overridden',
      'assigned',
    ])
    const moved = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 2,
      to: 'researching',
      today: TODAY,
    })
    expect(moved.stage).toBe('researching')
  })

  it('never leaves a new rep alone on a case unless overridden', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const detail = await openedCase(store, world)
    const refused = await caught(
      assignCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 1,
        repIds: [Number(world.repNew.id)],
        today: TODAY,
      }),
    )
    expect(refused.issues.map((issue) => issue.path.join('.'))).toEqual(['rules.new_rep_not_alone'])
    const paired = await assignCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 1,
      repIds: [Number(world.repNew.id), Number(world.repOld.id)],
      today: TODAY,
    })
    expect(paired.reps.map((rep) => rep.id).sort()).toEqual(
      [Number(world.repNew.id), Number(world.repOld.id)].sort(),
    )
  })

  it('refuses an ending without a reason code unless overridden, and lets only management end a case', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const detail = await openedCase(store, world)
    const byRep = await caught(
      moveCase(store, await actorOf(store, world.repOld), {
        caseId: detail.id,
        expectedVersion: 1,
        to: 'not_compatible',
        endingNote: 'They moved their plant abroad',
        today: TODAY,
      }),
    )
    expect(byRep.code).toBe('FORBIDDEN')
    const noReason = await caught(
      moveCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 1,
        to: 'not_compatible',
        endingNote: 'They moved their plant abroad',
        today: TODAY,
      }),
    )
    expect(noReason.issues.map((issue) => issue.path.join('.'))).toEqual([
      'rules.ending_needs_reason',
    ])
    const ended = await moveCase(store, manager, {
      caseId: detail.id,
      expectedVersion: 1,
      to: 'not_compatible',
      endingNote: 'They moved their plant abroad',
      finding: { reasons: ['no_longer_needed'] },
      today: TODAY,
    })
    expect(ended.stage).toBe('not_compatible')
    const again = await caught(
      moveCase(store, manager, {
        caseId: detail.id,
        expectedVersion: 2,
        to: 'researching',
        today: TODAY,
      }),
    )
    expect(again.message).toMatch(/new attempt is a new case/)
    const second = await openCase(store, manager, {
      subject: { kind: 'customer', customerId: ended.customerId },
      today: TODAY,
    })
    expect(second.attempt).toBe(2)
  })
})
