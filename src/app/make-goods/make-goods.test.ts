import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { ConflictError, ForbiddenError, PreconditionFailedError } from '../../domain/errors.js'
import { auditTrail, insertIncidents, listMakeGoodPayouts, type Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from '../cases/__fixtures__/case-world.js'
import { openCase } from '../cases/open-case.js'
import { decideMakeGood } from './decide-make-good.js'
import { listMakeGoodsAs } from './make-good-report.js'
import { setMakeGoodSettings } from './make-good-settings.js'
import { suggestMakeGoodFor } from './make-good-suggestion.js'
import { listCaseMakeGoods, proposeMakeGood } from './propose-make-good.js'

const targets = await caseDialects()

/** A lost customer with $30,000 of downtime, a case on it owned by manager North, worked by rep Old. */
async function damagedCase(
  store: Store,
  world: CaseWorld,
): Promise<{ caseId: number; incidentId: number }> {
  const customerId = await addCustomer(store, world, {
    ownerId: Number(world.repOld.id),
    revenueMinor: 4_000_000,
  })
  const key = `i-${randomBytes(4).toString('hex')}`
  await insertIncidents(store, [
    {
      incident_key: key,
      customer_id: customerId,
      kind: 'downtime',
      occurred_on: '2023-12-01',
      cost_minor: 3_000_000,
      currency: 'USD',
    },
  ])
  const incident = await store.db
    .selectFrom('incidents')
    .select('id')
    .where('incident_key', '=', key)
    .executeTakeFirstOrThrow()
  const opened = await openCase(store, await actorOf(store, world.managerNorth), {
    subject: { kind: 'customer', customerId },
    repIds: [Number(world.repOld.id)],
    today: TODAY,
  })
  return { caseId: opened.id, incidentId: Number(incident.id) }
}

describeWorld('make-goods', targets, (current, target) => {
  it('suggests a size in proportion to the damage and flags a $15 basket for $30,000 of downtime as too small', async () => {
    const { store, world } = current()
    const { caseId, incidentId } = await damagedCase(store, world)
    const rep = await actorOf(store, world.repOld)
    const advice = await suggestMakeGoodFor(store, rep, caseId)
    expect(advice.basis.damageMinor).toBe(3_000_000)
    expect(advice.suggestion.suggestedMinor).toBeGreaterThanOrEqual(300_000)
    expect(advice.suggestion.explanation).toContain('of the damage recorded')
    const basket = await proposeMakeGood(store, rep, {
      caseId,
      kind: 'gift',
      valueMinor: 1_500,
      incidentIds: [incidentId],
    })
    expect(basket.flags).toEqual(['too_small'])
    const huge = await proposeMakeGood(store, rep, {
      caseId,
      kind: 'free_work',
      valueMinor: 9_000_000,
    })
    expect(huge.flags).toContain('too_large')
    expect((await listCaseMakeGoods(store, rep, caseId)).map((offer) => offer.id)).toEqual([
      huge.id,
      basket.id,
    ])
    const events = await store.db
      .selectFrom('case_events')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'make_good_proposed')
      .execute()
    expect(events).toHaveLength(2)
  })

  it('lets a rep approve within the rep limit, refuses above it, and a manager approves that one', async () => {
    const { store, world } = current()
    const { caseId } = await damagedCase(store, world)
    const rep = await actorOf(store, world.repOld)
    const small = await proposeMakeGood(store, rep, { caseId, kind: 'gift', valueMinor: 40_000 })
    expect(
      (await decideMakeGood(store, rep, { makeGoodId: small.id, decision: 'approve' })).status,
    ).toBe('approved')
    const big = await proposeMakeGood(store, rep, {
      caseId,
      kind: 'service_credit',
      valueMinor: 60_000,
    })
    await expect(
      decideMakeGood(store, rep, { makeGoodId: big.id, decision: 'approve' }),
    ).rejects.toThrow(ForbiddenError)
    const manager = await actorOf(store, world.managerNorth)
    const approved = await decideMakeGood(store, manager, {
      makeGoodId: big.id,
      decision: 'approve',
    })
    expect(approved.status).toBe('approved')
    expect(approved.decidedBy).toBe(Number(world.managerNorth.id))
    await expect(
      decideMakeGood(store, manager, { makeGoodId: big.id, decision: 'reject' }),
    ).rejects.toThrow(ConflictError)
    // a manager of another team cannot reach the case at all
    const south = await actorOf(store, world.managerSouth)
    const other = await proposeMakeGood(store, rep, { caseId, kind: 'gift', valueMinor: 100 })
    await expect(
      decideMakeGood(store, south, { makeGoodId: other.id, decision: 'approve' }),
    ).rejects.toThrow('not found')
  })

  it('follows limits an admin changed, and audits the change by name', async () => {
    const { store, world } = current()
    const { caseId } = await damagedCase(store, world)
    const admin = await actorOf(store, world.admin)
    const rep = await actorOf(store, world.repOld)
    await expect(setMakeGoodSettings(store, rep, { limits: { rep: 1 } })).rejects.toThrow(
      ForbiddenError,
    )
    await setMakeGoodSettings(store, admin, { limits: { rep: 100_000 } })
    try {
      const offer = await proposeMakeGood(store, rep, { caseId, kind: 'gift', valueMinor: 90_000 })
      expect(
        (await decideMakeGood(store, rep, { makeGoodId: offer.id, decision: 'approve' })).status,
      ).toBe('approved')
    } finally {
      await setMakeGoodSettings(store, admin, { limits: { rep: 50_000 } })
    }
    const entries = await auditTrail(store, 'setting', 'makeGoods')
    expect(entries.some((entry) => entry.fields_json?.includes('limits.rep'))).toBe(true)
  })

  it('needs the VP and a written reason for a price concession, and flags it', async () => {
    const { store, world } = current()
    const { caseId } = await damagedCase(store, world)
    const manager = await actorOf(store, world.managerNorth)
    const vp = await actorOf(store, world.vp)
    const offer = await proposeMakeGood(store, manager, {
      caseId,
      kind: 'price_concession',
      valueMinor: 10_000,
      reason: 'the proposer explains why they want to match the competitor',
    })
    expect(offer.flags).toContain('price_concession')
    await expect(
      decideMakeGood(store, manager, { makeGoodId: offer.id, decision: 'approve' }),
    ).rejects.toThrow('needs the head of sales')
    await expect(
      decideMakeGood(store, vp, { makeGoodId: offer.id, decision: 'approve' }),
    ).rejects.toThrow('written reason')
    const approved = await decideMakeGood(store, vp, {
      makeGoodId: offer.id,
      decision: 'approve',
      reason: 'their renewal hinges on matching the competitor this quarter',
    })
    expect(approved.status).toBe('approved')
    expect(approved.decisionNote).toContain('renewal')
    const flagged = await listMakeGoodsAs(store, vp, { flag: 'price_concession' })
    expect(flagged.map((one) => one.id)).toContain(offer.id)
    expect(flagged.every((one) => one.kind === 'price_concession')).toBe(true)
    const south = await listMakeGoodsAs(store, await actorOf(store, world.managerSouth))
    expect(south.map((one) => one.caseId)).not.toContain(caseId)
    expect((await listMakeGoodsAs(store, manager)).map((one) => one.id)).toContain(offer.id)
  })

  it('approves one offer exactly once under 100 concurrent approvals: one audit entry, one payout (TESTPLAN T7)', async () => {
    const { store, world } = current()
    const { caseId } = await damagedCase(store, world)
    const vp = await actorOf(store, world.vp)
    const offer = await proposeMakeGood(store, vp, {
      caseId,
      kind: 'free_work',
      valueMinor: 250_000,
    })
    // PostgreSQL: five pools, twenty approvers each; SQLite: the one connection a process holds
    const extra =
      target.name === 'SQLite'
        ? []
        : await Promise.all(Array.from({ length: 5 }, () => target.open()))
    const stores = extra.length === 0 ? [store] : extra
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 100 }, (_, index) =>
          decideMakeGood(stores[index % stores.length] as Store, vp, {
            makeGoodId: offer.id,
            decision: 'approve',
            expectedVersion: 1,
          }),
        ),
      )
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
      expect(won).toHaveLength(1)
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(
            outcome.reason instanceof ConflictError ||
              outcome.reason instanceof PreconditionFailedError,
          ).toBe(true)
        }
      }
    } finally {
      await Promise.all(extra.map((opened) => opened.close()))
    }
    const approvals = (await auditTrail(store, 'make_good', String(offer.id))).filter(
      (entry) => entry.action === 'approve',
    )
    expect(approvals).toHaveLength(1)
    expect(await listMakeGoodPayouts(store, [offer.id])).toHaveLength(1)
    const events = await store.db
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'make_good_approved')
      .execute()
    expect(events).toHaveLength(1)
  })
})
