import { expect, it } from 'vitest'
import { ComebackError } from '../../domain/errors.js'
import { auditTrail } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  addLostDeal,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
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

describeWorld('opening a case', targets, (current) => {
  it('opens a case at Identified with owner, reps, a next step, the loss facts and one audit entry', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      lostSince: '2024-01-15',
      revenueMinor: 120_000,
    })
    const who = await actorOf(store, world.managerNorth)
    const opened = await openCase(store, who, {
      subject: { kind: 'customer', customerId },
      repIds: [Number(world.repOld.id)],
      interviewerId: Number(world.managerNorth.id),
      today: TODAY,
    })
    expect(opened.stage).toBe('identified')
    expect(opened.version).toBe(1)
    expect(opened.attempt).toBe(1)
    expect(opened.owner.id).toBe(Number(world.managerNorth.id))
    expect(opened.reps.map((rep) => rep.id)).toEqual([Number(world.repOld.id)])
    expect(opened.nextStep).toMatch(/Research/)
    expect(opened.nextStepDueOn).toBe('2024-07-07')
    expect(opened.lostOn).toBe('2024-01-15')
    expect(opened.losingRepId).toBe(Number(world.repOld.id))
    expect(opened.lostValueMinor).toBe(120_000)
    expect(opened.timeline.map((event) => event.kind)).toEqual(['opened'])
    const trail = await auditTrail(store, 'case', String(opened.id))
    expect(trail).toHaveLength(1)
    expect(trail[0]?.action).toBe('create')
    expect(trail[0]?.actor).toBe(`user:${world.managerNorth.id}`)
  })

  it('finds the losing rep in the ownership history on the day the account was lost', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      history: [
        [Number(world.repLeft.id), '2021-01-01'],
        [Number(world.repOld.id), '2023-09-01'],
      ],
      lostSince: '2023-05-10',
    })
    const opened = await openCase(store, await actorOf(store, world.vp), {
      subject: { kind: 'customer', customerId },
      today: TODAY,
    })
    expect(opened.losingRepId).toBe(Number(world.repLeft.id))
  })

  it('refuses a second open case on the same customer and numbers a later attempt', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
    const who = await actorOf(store, world.managerNorth)
    await openCase(store, who, { subject: { kind: 'customer', customerId }, today: TODAY })
    const error = await caught(
      openCase(store, who, { subject: { kind: 'customer', customerId }, today: TODAY }),
    )
    expect(error.code).toBe('CONFLICT')
  })

  it('refuses a customer the newest analysis calls active', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      status: 'active',
    })
    const error = await caught(
      openCase(store, await actorOf(store, world.vp), {
        subject: { kind: 'customer', customerId },
        today: TODAY,
      }),
    )
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toMatch(/active/)
  })

  it('opens a case on a lost deal with its annual value and the deal owner as losing rep', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      status: 'active',
    })
    const dealId = await addLostDeal(store, {
      customerId,
      lostReason: 'Too expensive',
      closedOn: '2024-03-01',
      ownerId: Number(world.repNew.id),
      valueMinor: 10_000,
      recurring: true,
    })
    const opened = await openCase(store, await actorOf(store, world.managerNorth), {
      subject: { kind: 'deal', dealId },
      today: TODAY,
    })
    expect(opened.subjectKey).toBe(`deal:${dealId}`)
    expect(opened.lostOn).toBe('2024-03-01')
    expect(opened.losingRepId).toBe(Number(world.repNew.id))
    expect(opened.lostValueMinor).toBe(120_000)
  })

  it('lets only managers, the VP and admins open cases, and audits the refusal', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
    for (const person of [world.repOld, world.analyst]) {
      const error = await caught(
        openCase(store, await actorOf(store, person), {
          subject: { kind: 'customer', customerId },
          ownerId: Number(world.managerNorth.id),
          today: TODAY,
        }),
      )
      expect(error.code).toBe('FORBIDDEN')
    }
    const denials = await store.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'denied_create')
      .where('object_type', '=', 'case')
      .execute()
    expect(denials.map((row) => row.actor)).toEqual(
      expect.arrayContaining([`user:${world.repOld.id}`, `user:${world.analyst.id}`]),
    )
  })

  it('keeps a manager to cases their team works', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repSouth.id),
      territory: 'South',
    })
    const error = await caught(
      openCase(store, await actorOf(store, world.managerNorth), {
        subject: { kind: 'customer', customerId },
        ownerId: Number(world.managerSouth.id),
        today: TODAY,
      }),
    )
    expect(error.code).toBe('FORBIDDEN')
  })
})
