import { expect, it } from 'vitest'
import type { ComebackError } from '../../domain/errors.js'
import type { Store, UserRow } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { getCaseAs } from './case-detail.js'
import { getCaseRuleSettings, setCaseRuleSettings } from './case-rule-settings.js'
import { listCasesAs, listOverdueStepsAs } from './list-cases.js'
import { moveCase } from './move-case.js'
import { openCase } from './open-case.js'
import { completeTaskAs, listTasksAs } from './tasks.js'

const targets = await caseDialects()

async function caseOf(
  store: Store,
  world: CaseWorld,
  people: { owner: UserRow; rep: UserRow; territory: string; dueOn: string; openedOn: string },
): Promise<number> {
  const customerId = await addCustomer(store, world, {
    ownerId: Number(people.rep.id),
    territory: people.territory,
  })
  const opened = await openCase(store, await actorOf(store, people.owner), {
    subject: { kind: 'customer', customerId },
    repIds: [Number(people.rep.id)],
    nextStepDueOn: people.dueOn,
    today: people.openedOn,
  })
  return opened.id
}

describeWorld('case lists', targets, (current) => {
  it('shows each role the cases the access policy lets it read', async () => {
    const { store, world } = current()
    const north = await caseOf(store, world, {
      owner: world.managerNorth,
      rep: world.repOld,
      territory: 'North',
      dueOn: '2024-07-10',
      openedOn: TODAY,
    })
    const south = await caseOf(store, world, {
      owner: world.managerSouth,
      rep: world.repSouth,
      territory: 'South',
      dueOn: '2024-07-10',
      openedOn: TODAY,
    })
    const ids = async (person: UserRow) =>
      (await listCasesAs(store, await actorOf(store, person), { open: true, today: TODAY })).map(
        (summary) => summary.id,
      )
    expect(await ids(world.vp)).toEqual(expect.arrayContaining([north, south]))
    expect(await ids(world.analyst)).toEqual(expect.arrayContaining([north, south]))
    expect(await ids(world.managerNorth)).toContain(north)
    expect(await ids(world.managerNorth)).not.toContain(south)
    expect(await ids(world.repOld)).toContain(north)
    expect(await ids(world.repOld)).not.toContain(south)
    expect(await ids(world.repNew)).not.toContain(north)
    const denied = await getCaseAs(store, await actorOf(store, world.repSouth), north).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect((denied as ComebackError).code).toBe('NOT_FOUND')
  })

  it('lists an overdue step for its owner and the owner’s manager, not for others', async () => {
    const { store, world } = current()
    const late = await caseOf(store, world, {
      owner: world.managerNorth,
      rep: world.repOld,
      territory: 'North',
      dueOn: '2024-05-10',
      openedOn: '2024-05-01',
    })
    const ids = async (person: UserRow) =>
      (await listOverdueStepsAs(store, await actorOf(store, person), { today: TODAY })).map(
        (summary) => summary.id,
      )
    expect(await ids(world.managerNorth)).toContain(late)
    expect(await ids(world.vp)).toContain(late)
    expect(await ids(world.admin)).toContain(late)
    expect(await ids(world.managerSouth)).not.toContain(late)
    expect(await ids(world.repOld)).not.toContain(late)
    const [summary] = await listCasesAs(store, await actorOf(store, world.vp), {
      customerId: (await getCaseAs(store, await actorOf(store, world.vp), late)).customerId,
      today: TODAY,
    })
    expect(summary?.overdue).toBe(true)
  })

  it('lets a task’s owner complete it, once', async () => {
    const { store, world } = current()
    const id = await caseOf(store, world, {
      owner: world.managerNorth,
      rep: world.repOld,
      territory: 'North',
      dueOn: '2024-07-10',
      openedOn: TODAY,
    })
    const manager = await actorOf(store, world.managerNorth)
    await moveCase(store, manager, {
      caseId: id,
      expectedVersion: 1,
      to: 'let_go',
      endingNote: 'unprofitable',
      finding: { reasons: ['service'] },
      today: TODAY,
    })
    const [task] = (await listTasksAs(store, manager, { open: true, today: TODAY })).filter(
      (line) => line.caseId === id,
    )
    expect(task?.kind).toBe('leave_happy_referral')
    const hidden = await completeTaskAs(store, await actorOf(store, world.repSouth), {
      taskId: task?.id ?? 0,
      expectedVersion: 1,
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect((hidden as ComebackError).code).toBe('NOT_FOUND')
    expect(
      await completeTaskAs(store, manager, { taskId: task?.id ?? 0, expectedVersion: 1 }),
    ).toBe(2)
    const stale = await completeTaskAs(store, manager, {
      taskId: task?.id ?? 0,
      expectedVersion: 1,
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect((stale as ComebackError).code).toBe('PRECONDITION_FAILED')
    const open = await listTasksAs(store, manager, { open: true, today: TODAY })
    expect(open.map((line) => line.id)).not.toContain(task?.id)
  })

  it('lets an admin turn a rule off, and then it no longer refuses', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const notAdmin = await setCaseRuleSettings(store, manager, { newRepMonths: 1 }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect((notAdmin as ComebackError).code).toBe('FORBIDDEN')
    const admin = await actorOf(store, world.admin)
    const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
    const refused = await openCase(store, manager, {
      subject: { kind: 'customer', customerId },
      repIds: [Number(world.repNew.id)],
      today: TODAY,
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect((refused as ComebackError).code).toBe('INVALID_INPUT')
    await setCaseRuleSettings(store, admin, { newRepMonths: 1 })
    expect((await getCaseRuleSettings(store)).newRepMonths).toBe(1)
    const opened = await openCase(store, manager, {
      subject: { kind: 'customer', customerId },
      repIds: [Number(world.repNew.id)],
      today: TODAY,
    })
    expect(opened.reps.map((rep) => rep.id)).toEqual([Number(world.repNew.id)])
    await setCaseRuleSettings(store, admin, { newRepMonths: 6 })
  })
})
