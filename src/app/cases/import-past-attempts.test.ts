import { expect, it } from 'vitest'
import { ComebackError } from '../../domain/errors.js'
import { insertWinBackAttempts } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { importPastAttempts } from './import-past-attempts.js'
import { listCasesAs } from './list-cases.js'

const targets = await caseDialects()

describeWorld('loading past win-back attempts', targets, (current) => {
  it('loads each past attempt once as an ended case with its reason, owner and dates', async () => {
    const { store, world } = current()
    const first = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      revenueMinor: 40_000,
      lostSince: '2023-01-10',
    })
    const second = await addCustomer(store, world, {
      ownerId: Number(world.repSouth.id),
      territory: 'South',
    })
    await insertWinBackAttempts(store, [
      {
        customer_id: first,
        started_on: '2023-02-01',
        ended_on: '2023-03-01',
        outcome: 'won_back',
        reason_code: 'price',
        owner_id: Number(world.vp.id),
        notes: 'plan agreed',
      },
      {
        customer_id: first,
        started_on: '2023-09-01',
        ended_on: '2023-10-01',
        outcome: 'no_response',
        reason_code: null,
        owner_id: Number(world.managerNorth.id),
        notes: 'no answer',
      },
      {
        customer_id: second,
        started_on: '2023-05-01',
        ended_on: null,
        outcome: 'let_go',
        reason_code: 'Too expensive',
        owner_id: null,
        notes: null,
      },
    ])
    const admin = await actorOf(store, world.admin)
    const loaded = await importPastAttempts(store, admin)
    expect(loaded).toEqual({ created: 3, alreadyLoaded: 0, skipped: [] })
    const cases = await listCasesAs(store, admin, { open: false, today: TODAY })
    const ofFirst = cases
      .filter((summary) => summary.customerId === first)
      .sort((a, b) => a.attempt - b.attempt)
    expect(ofFirst.map((summary) => [summary.attempt, summary.stage, summary.reasons])).toEqual([
      [1, 'won_back', ['price']],
      [2, 'not_compatible', []],
    ])
    expect(ofFirst[0]).toMatchObject({
      openedOn: '2023-02-01',
      endedOn: '2023-03-01',
      source: 'past_attempt',
    })
    expect(ofFirst[0]?.owner.id).toBe(Number(world.vp.id))
    expect(ofFirst[0]?.lostValueMinor).toBe(40_000)
    const ofSecond = cases.find((summary) => summary.customerId === second)
    expect(ofSecond).toMatchObject({ stage: 'let_go', reasons: ['price'], endedOn: '2023-05-01' })
    expect(ofSecond?.owner.id).toBe(Number(world.repSouth.id))
    const audits = await store.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'import')
      .where('object_type', '=', 'case')
      .execute()
    expect(audits).toHaveLength(3)
    expect(await importPastAttempts(store, admin)).toEqual({
      created: 0,
      alreadyLoaded: 3,
      skipped: [],
    })
  })

  it('is for admins and analysts, who import data', async () => {
    const { store, world } = current()
    const error = await importPastAttempts(store, await actorOf(store, world.managerNorth)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(ComebackError)
    expect((error as ComebackError).code).toBe('FORBIDDEN')
    const analyst = await importPastAttempts(store, await actorOf(store, world.analyst))
    expect(analyst.created).toBe(0)
  })
})
