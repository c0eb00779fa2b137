import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { addDays } from '../../domain/case-dates.js'
import { auditTrail, insertOrders, listTasks, type Store } from '../../store/index.js'
import { createCampaign } from '../campaigns/create-campaign.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from '../cases/__fixtures__/case-world.js'
import { importFile } from '../import-file.js'
import { storeRun, uniqueKey, winCase } from './__fixtures__/keep-world.js'
import { acknowledgeAlertAs, listAlertsAs } from './alerts.js'
import { keepPlanOf } from './keep-plan-view.js'
import { markLetGo } from './let-go.js'
import { startKeepPlan } from './start-keep-plan.js'
import { watchAnalysis } from './watch-analysis.js'
import { watchReasons } from './watch-reasons.js'

const targets = await caseDialects()
const dir = mkdtempSync(join(tmpdir(), 'comeback-keep-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function wonCustomer(store: Store, world: CaseWorld) {
  const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
  const detail = await winCase(store, world, customerId)
  return { customerId, caseId: detail.id }
}

describeWorld('the keep-plan and its alerts', targets, (current) => {
  it('starts a keep-plan on the win: thanks now, check-ins at 30/60/90 days, the reasons watched, once', async () => {
    const { store, world } = current()
    const { customerId, caseId } = await wonCustomer(store, world)
    const tasks = await listTasks(store, { customerId })
    expect(tasks.map((task) => [task.kind, task.due_on])).toEqual([
      ['keep_thanks', TODAY],
      ['keep_check_in', addDays(TODAY, 30)],
      ['keep_check_in', addDays(TODAY, 60)],
      ['keep_check_in', addDays(TODAY, 90)],
    ])
    expect(tasks.every((task) => Number(task.owner_id) === Number(world.managerNorth.id))).toBe(
      true,
    )
    // a replay of the win, in a transaction of its own, adds nothing
    const row = await store.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
    const manager = await actorOf(store, world.managerNorth)
    await store.db
      .transaction()
      .execute((trx) => startKeepPlan(trx, manager, { row, wonOn: TODAY, actor: 'test' }))
    expect(await listTasks(store, { customerId })).toHaveLength(4)
    const keep = await keepPlanOf(store, manager, customerId)
    expect(keep.plans).toHaveLength(1)
    expect(keep.plans[0]?.watchedReasons).toEqual(['delivery'])
    expect(keep.plans[0]?.watchedIncidentKinds).toContain('late_delivery')
    expect(keep.plans[0]?.watchUntil).toBe(addDays(TODAY, 365))
    const trail = await auditTrail(store, 'keep_plan', String(caseId))
    expect(trail).toHaveLength(1)
    const outsider = await actorOf(store, world.managerSouth)
    await expect(keepPlanOf(store, outsider, customerId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('alerts the owner once for an imported incident of a watched kind, however often it is imported', async () => {
    const { store, world } = current()
    const { customerId } = await wonCustomer(store, world)
    const file = join(dir, `${uniqueKey('incidents')}.csv`)
    writeFileSync(
      file,
      [
        'incident_id,customer_id,kind,occurred_on,cost,currency,description',
        `${uniqueKey('i')},${customerId},late_delivery,${addDays(TODAY, 20)},120.00,USD,Pallet two days late`,
        `${uniqueKey('i')},${customerId},billing_error,${addDays(TODAY, 21)},10.00,USD,Wrong VAT`,
        `${uniqueKey('i')},${customerId},late_delivery,${addDays(TODAY, -20)},50.00,USD,Before the win`,
        '',
      ].join('\n'),
    )
    const options = { kind: 'incidents' as const, path: file, actor: 'test' }
    await importFile(store, options)
    await importFile(store, options)
    expect(await watchReasons(store)).toBe(0)
    const rep = await actorOf(store, world.repOld)
    const manager = await actorOf(store, world.managerNorth)
    const alerts = (await listAlertsAs(store, manager)).filter((a) => a.customerId === customerId)
    expect(alerts.map((alert) => alert.kind)).toEqual(['reason_recurred'])
    expect(alerts[0]?.message).toContain(`a new late delivery incident on ${addDays(TODAY, 20)}`)
    expect(alerts[0]?.message).toContain('Pallet two days late')
    expect(alerts[0]?.ownerId).toBe(Number(world.managerNorth.id))
    // the rep owns nothing here; the owner acknowledges, once
    expect((await listAlertsAs(store, rep)).some((a) => a.customerId === customerId)).toBe(false)
    const id = alerts[0]?.id ?? 0
    await expect(acknowledgeAlertAs(store, rep, id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const done = await acknowledgeAlertAs(store, manager, id)
    expect(done.acknowledgedBy).toBe(Number(world.managerNorth.id))
    await expect(acknowledgeAlertAs(store, manager, id)).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(await listAlertsAs(store, manager, { open: true, customerId })).toEqual([])
  })

  it('lets a customer go without a case: one leave-them-happy task, and no new campaign takes them', async () => {
    const { store, world } = current()
    const segment = uniqueKey('letgo-seg')
    const kept = await addCustomer(store, world, { ownerId: Number(world.repOld.id), segment })
    const letGo = await addCustomer(store, world, { ownerId: Number(world.repOld.id), segment })
    const manager = await actorOf(store, world.managerNorth)
    const rep = await actorOf(store, world.repOld)
    await expect(
      markLetGo(store, manager, { customerId: letGo, reason: 'rude', today: TODAY }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(
      markLetGo(store, rep, { customerId: letGo, reason: 'difficult', today: TODAY }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const first = await markLetGo(store, manager, {
      customerId: letGo,
      reason: 'difficult',
      note: 'Shouts at the drivers',
      today: TODAY,
    })
    const second = await markLetGo(store, manager, {
      customerId: letGo,
      reason: 'difficult',
      today: TODAY,
    })
    expect(first.changed).toBe(true)
    expect(second.changed).toBe(false)
    const tasks = await listTasks(store, { customerId: letGo })
    expect(tasks.map((task) => [task.kind, Number(task.owner_id)])).toEqual([
      ['leave_happy_referral', Number(world.repOld.id)],
    ])
    const made = await createCampaign(store, await actorOf(store, world.admin), {
      name: 'Appreciation day',
      templateKey: 'fun-email-appreciation-day',
      segment: { segment, kind: 'customer' },
    })
    expect(made.members).toBe(1)
    expect(made.campaign.excluded).toEqual({ letGo: 1 })
    expect(kept).not.toBe(letGo)
  })

  it('alerts once when P(alive) slips after the comeback, not again while it stays slipped', async () => {
    const { store, world } = current()
    const { customerId } = await wonCustomer(store, world)
    await insertOrders(store, [
      {
        order_key: uniqueKey('o'),
        customer_id: customerId,
        ordered_on: addDays(TODAY, 10),
        amount_minor: 90_000,
        currency: 'USD',
        status: 'placed',
      },
    ])
    const after = addDays(TODAY, 10)
    const look = async (asOf: string, status: 'active' | 'at_risk', pAlive: number) =>
      watchAnalysis(
        store,
        await storeRun(store, asOf, [{ customerId, status, pAlive, lastOrderOn: after }]),
      )
    expect(await look(addDays(TODAY, 40), 'active', 0.86)).toEqual({ slips: 0, relapses: 0 })
    expect(await look(addDays(TODAY, 120), 'at_risk', 0.42)).toEqual({ slips: 1, relapses: 0 })
    expect(await look(addDays(TODAY, 130), 'at_risk', 0.4)).toEqual({ slips: 0, relapses: 0 })
    expect(await look(addDays(TODAY, 150), 'active', 0.9)).toEqual({ slips: 0, relapses: 0 })
    expect(await look(addDays(TODAY, 200), 'at_risk', 0.3)).toEqual({ slips: 1, relapses: 0 })
    const manager = await actorOf(store, world.managerNorth)
    const slips = (await listAlertsAs(store, manager, { customerId })).filter(
      (alert) => alert.kind === 'p_alive_slip',
    )
    expect(slips).toHaveLength(2)
    expect(slips[1]?.message).toContain('status at risk, P(alive) 42 %')
    expect(slips[1]?.message).toContain('it was 86 % at the last look')
  })
})
