import { expect, it } from 'vitest'
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.js'
import { auditTrail, planDb, type Store } from '../../store/index.js'
import { pdfText } from '../../test-support/poppler.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from '../cases/__fixtures__/case-world.js'
import { openCase } from '../cases/open-case.js'
import { completeTaskAs, listTasksAs } from '../cases/tasks.js'
import { agreePlan } from './agree-plan.js'
import { completePlanConditionAs } from './complete-condition.js'
import { planAgreementPdf } from './plan-agreement.js'
import { addPlanCondition, changePlanCondition, removePlanCondition } from './plan-conditions.js'
import { addPlanExtra, removePlanExtra } from './plan-extras.js'
import { getPlanAs, startPlan } from './start-plan.js'

const targets = await caseDialects()

/** A lost customer with a case owned by manager North and worked by rep Old. */
async function caseOfNorth(store: Store, world: CaseWorld, name?: string) {
  const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
  if (name !== undefined) {
    await store.db.updateTable('customers').set({ name }).where('id', '=', customerId).execute()
  }
  const manager = await actorOf(store, world.managerNorth)
  const opened = await openCase(store, manager, {
    subject: { kind: 'customer', customerId },
    repIds: [Number(world.repOld.id)],
    today: TODAY,
  })
  return { caseId: opened.id, manager, rep: await actorOf(store, world.repOld) }
}

const ours = (ownerId: number, dueOn: string) => ({
  text: 'Weekly delivery report for three months',
  side: 'us',
  ownerId,
  dueOn,
})
const theirs = {
  text: 'One named contact for orders',
  side: 'customer',
  contactName: 'Ana Ruiz',
  dueOn: '2024-08-01',
}

describeWorld('the written plan', targets, (current) => {
  it('tracks both sides’ conditions, and puts our overdue one on its owner’s to-do list', async () => {
    const { store, world } = current()
    const { caseId, manager, rep } = await caseOfNorth(store, world)
    await addPlanCondition(store, manager, {
      caseId,
      condition: ours(Number(world.repOld.id), '2024-06-01'),
      today: TODAY,
    })
    const plan = await addPlanCondition(store, manager, { caseId, condition: theirs, today: TODAY })
    expect(plan.status).toBe('draft')
    expect(
      plan.conditions.map((line) => [line.side, line.ownerName, line.contactName, line.overdue]),
    ).toEqual([
      ['us', world.repOld.name, null, true],
      ['customer', null, 'Ana Ruiz', false],
    ])
    const tasks = await listTasksAs(store, rep, { open: true, today: TODAY })
    const task = tasks.find((line) => line.caseId === caseId && line.kind === 'plan_condition')
    expect(task).toMatchObject({
      title: 'Plan: Weekly delivery report for three months',
      overdue: true,
    })
    // the customer's condition is nobody's task here: it is tracked on the plan
    expect(tasks.filter((line) => line.caseId === caseId)).toHaveLength(1)
    const moved = plan.conditions[0]
    if (moved === undefined) {
      throw new Error('no condition')
    }
    await changePlanCondition(store, manager, {
      caseId,
      conditionId: moved.id,
      expectedVersion: moved.version,
      change: { dueOn: '2024-09-30' },
      today: TODAY,
    })
    const after = (await listTasksAs(store, rep, { open: true, today: TODAY })).find(
      (line) => line.caseId === caseId,
    )
    expect(after).toMatchObject({ dueOn: '2024-09-30', overdue: false })
  })

  it('refuses a bad condition with one line naming the field', async () => {
    const { store, world } = current()
    const { caseId, manager } = await caseOfNorth(store, world)
    const attempt = (condition: Parameters<typeof addPlanCondition>[2]['condition']) =>
      addPlanCondition(store, manager, { caseId, condition })
    await expect(attempt({ ...theirs, contactName: ' ' })).rejects.toThrow(/^contactName: /)
    await expect(attempt({ ...theirs, dueOn: '2024-02-30' })).rejects.toThrow(/^dueOn: /)
    await expect(attempt({ ...theirs, side: 'both' })).rejects.toThrow(/^side: /)
    await expect(attempt(ours(Number(world.repSouth.id), TODAY))).rejects.toThrow(/^ownerId: /)
    await expect(attempt({ ...theirs, text: '' })).rejects.toBeInstanceOf(ValidationError)
  })

  it('agrees a plan at the version read; a later edit needs agreeing again', async () => {
    const { store, world } = current()
    const { caseId, manager } = await caseOfNorth(store, world)
    const started = await startPlan(store, manager, {
      caseId,
      summary: 'Deliveries on Tuesdays, tracked',
      today: TODAY,
    })
    await expect(
      agreePlan(store, manager, {
        caseId,
        expectedVersion: started.version ?? 0,
        theirSigner: 'Ana',
      }),
    ).rejects.toThrow(/^conditions: /)
    const drafted = await addPlanCondition(store, manager, {
      caseId,
      condition: theirs,
      today: TODAY,
    })
    const agreed = await agreePlan(store, manager, {
      caseId,
      expectedVersion: drafted.version ?? 0,
      theirSigner: 'Ana Ruiz',
      today: TODAY,
    })
    expect(agreed).toMatchObject({
      status: 'agreed',
      ourSigner: world.managerNorth.name,
      theirSigner: 'Ana Ruiz',
      agreedOn: TODAY,
    })
    await expect(
      agreePlan(store, manager, {
        caseId,
        expectedVersion: drafted.version ?? 0,
        theirSigner: 'Ana Ruiz',
      }),
    ).rejects.toBeInstanceOf(ConflictError)
    const extended = await addPlanExtra(store, manager, {
      caseId,
      extra: { what: 'A free training day', valueMinor: 80_000 },
    })
    expect(extended.status).toBe('changed')
    expect(extended.version).toBeGreaterThan(agreed.version ?? 0)
    await expect(
      agreePlan(store, manager, {
        caseId,
        expectedVersion: agreed.version ?? 0,
        theirSigner: 'Ana Ruiz',
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError)
    const again = await agreePlan(store, manager, {
      caseId,
      expectedVersion: extended.version ?? 0,
      theirSigner: 'Ana Ruiz',
    })
    expect(again.status).toBe('agreed')
    expect(
      await auditTrail(
        store,
        'plan',
        String(
          (
            await planDb(store)
              .selectFrom('plans')
              .select('id')
              .where('case_id', '=', caseId)
              .executeTakeFirstOrThrow()
          ).id,
        ),
      ),
    ).toHaveLength(3)
  })

  it('of two people completing a condition at once, one records it: one done record, one audit row', async () => {
    const { store, world } = current()
    const { caseId, manager, rep } = await caseOfNorth(store, world)
    const plan = await addPlanCondition(store, manager, {
      caseId,
      condition: ours(Number(world.repOld.id), '2024-07-15'),
      today: TODAY,
    })
    const conditionId = plan.conditions[0]?.id ?? 0
    const results = await Promise.allSettled([
      completePlanConditionAs(store, rep, { caseId, conditionId, today: TODAY }),
      completePlanConditionAs(store, manager, { caseId, conditionId, today: TODAY }),
    ])
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((result) => result.status === 'rejected')
    expect(refused?.status === 'rejected' ? refused.reason : null).toBeInstanceOf(ConflictError)
    const trail = await auditTrail(store, 'plan_condition', String(conditionId))
    expect(trail.filter((entry) => entry.action === 'complete')).toHaveLength(1)
    const view = await getPlanAs(store, rep, caseId, { today: TODAY })
    expect(view).toMatchObject({ allDone: true })
    expect(view.conditions[0]).toMatchObject({ status: 'done', doneOn: TODAY })
    const open = await listTasksAs(store, rep, { open: true, today: TODAY })
    expect(open.filter((line) => line.caseId === caseId)).toEqual([])
  })

  it('marking the task done on the to-do list marks its condition done', async () => {
    const { store, world } = current()
    const { caseId, manager, rep } = await caseOfNorth(store, world)
    await addPlanCondition(store, manager, {
      caseId,
      condition: ours(Number(world.repOld.id), '2024-07-15'),
      today: TODAY,
    })
    const task = (await listTasksAs(store, rep, { open: true, today: TODAY })).find(
      (line) => line.caseId === caseId,
    )
    await completeTaskAs(store, rep, { taskId: task?.id ?? 0, expectedVersion: task?.version })
    const view = await getPlanAs(store, manager, caseId)
    expect(view.conditions.map((line) => line.status)).toEqual(['done'])
    expect(view.conditions[0]?.doneBy).toBe(`user:${world.repOld.id}`)
  })

  it('removing our condition takes its task off the list; removing an extra needs the plan version', async () => {
    const { store, world } = current()
    const { caseId, manager, rep } = await caseOfNorth(store, world)
    const withOurs = await addPlanCondition(store, manager, {
      caseId,
      condition: ours(Number(world.repOld.id), '2024-07-15'),
    })
    const withExtra = await addPlanExtra(store, manager, {
      caseId,
      extra: { what: 'A spare part kit' },
    })
    const condition = withOurs.conditions[0]
    const extra = withExtra.extras[0]
    if (condition === undefined || extra === undefined) {
      throw new Error('nothing added')
    }
    await expect(
      removePlanCondition(store, manager, {
        caseId,
        conditionId: condition.id,
        expectedVersion: condition.version + 1,
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError)
    await removePlanCondition(store, manager, {
      caseId,
      conditionId: condition.id,
      expectedVersion: condition.version,
    })
    const open = await listTasksAs(store, rep, { open: true, today: TODAY })
    expect(open.filter((line) => line.caseId === caseId)).toEqual([])
    const standing = await getPlanAs(store, manager, caseId)
    await expect(
      removePlanExtra(store, manager, {
        caseId,
        extraId: extra.id,
        expectedVersion: withOurs.version ?? 0,
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError)
    expect((await getPlanAs(store, manager, caseId)).extras).toHaveLength(1)
    const removed = await removePlanExtra(store, manager, {
      caseId,
      extraId: extra.id,
      expectedVersion: standing.version ?? 0,
    })
    expect(removed.extras).toEqual([])
    expect(removed.version).toBe((standing.version ?? 0) + 1)
  })

  it('answers a rep who is not on the case as if it did not exist, and audits the refusal', async () => {
    const { store, world } = current()
    const { caseId, manager } = await caseOfNorth(store, world)
    const plan = await addPlanCondition(store, manager, { caseId, condition: theirs, today: TODAY })
    const outsider = await actorOf(store, world.repSouth)
    const before = await store.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'like', 'denied_%')
      .execute()
    await expect(getPlanAs(store, outsider, caseId)).rejects.toBeInstanceOf(NotFoundError)
    await expect(
      completePlanConditionAs(store, outsider, {
        caseId,
        conditionId: plan.conditions[0]?.id ?? 0,
      }),
    ).rejects.toBeInstanceOf(NotFoundError)
    const after = await store.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'like', 'denied_%')
      .execute()
    expect(after.length - before.length).toBe(2)
    expect((await getPlanAs(store, manager, caseId)).conditions[0]?.status).toBe('open')
  })

  it('prints the agreement with both parties’ names, the conditions and a Cyrillic customer name', async () => {
    const { store, world } = current()
    const name = 'ООО Ромашка Παπαδόπουλος'
    const { caseId, manager } = await caseOfNorth(store, world, name)
    await addPlanCondition(store, manager, {
      caseId,
      condition: ours(Number(world.repOld.id), '2024-07-15'),
      today: TODAY,
    })
    const drafted = await addPlanCondition(store, manager, {
      caseId,
      condition: { ...theirs, contactName: 'Ирина Петрова' },
      today: TODAY,
    })
    await addPlanExtra(store, manager, { caseId, extra: { what: 'A free on-site training day' } })
    const view = await getPlanAs(store, manager, caseId)
    await agreePlan(store, manager, {
      caseId,
      expectedVersion: view.version ?? 0,
      theirSigner: 'Ирина Петрова',
    })
    expect(drafted.conditions).toHaveLength(2)
    const { pdf, fileName } = await planAgreementPdf(store, manager, { caseId, paper: 'letter' })
    expect(fileName).toBe(`plan-case-${caseId}.pdf`)
    const text = pdfText(pdf).replace(/\s+/g, ' ')
    expect(text).toContain(name)
    expect(text).toContain(world.managerNorth.name)
    expect(text).toContain('Ирина Петрова')
    expect(text).toContain('Weekly delivery report for three months')
    expect(text).toContain('One named contact for orders')
    expect(text).toContain('A free on-site training day')
  })

  it('refuses to print a name the font cannot draw, naming the characters', async () => {
    const { store, world } = current()
    const { caseId, manager } = await caseOfNorth(store, world, '王小明 Trading')
    await addPlanCondition(store, manager, { caseId, condition: theirs, today: TODAY })
    await expect(planAgreementPdf(store, manager, { caseId })).rejects.toThrow(
      /cannot print .*"王" \(U\+738B\)/,
    )
  })
})
