import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { ComebackError } from '../../domain/errors.js'
import { auditTrail, readWinBackFlags, type Store, type UserRow } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  addLostDeal,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { getCaseAs } from './case-detail.js'
import { moveCase, updateCase } from './move-case.js'
import { recordNewDecisionMaker } from './new-decision-maker.js'
import { openCase } from './open-case.js'
import { recordFix } from './record-fix.js'
import { listReasonFixedAs, listTasksAs } from './tasks.js'

const targets = await caseDialects()

async function caught(promise: Promise<unknown>): Promise<ComebackError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(ComebackError)
  return error as ComebackError
}

interface Loss {
  readonly segment: string
  readonly owner: UserRow
  readonly lostSince?: string
  readonly reasons: string[]
  readonly ending?: 'not_compatible' | 'let_go' | 'won_back' | null
}

const WON_BACK_ANSWERS = {
  approachChannel: 'meeting',
  planSummary: 'Quarterly review, agreed price list',
  finding: {
    customerWords: 'You were too expensive',
    customerCostMinor: 0,
    remedy: 'A fair price',
  },
} as const

/** A lost customer with a case that recorded `reasons`, ended as asked (or left open). */
async function customerLostFor(
  store: Store,
  world: CaseWorld,
  loss: Loss,
): Promise<{ customerId: string; caseId: number }> {
  const customerId = await addCustomer(store, world, {
    ownerId: Number(loss.owner.id),
    segment: loss.segment,
    lostSince: loss.lostSince ?? '2024-01-15',
  })
  const vp = await actorOf(store, world.vp)
  const opened = await openCase(store, vp, {
    subject: { kind: 'customer', customerId },
    today: TODAY,
  })
  const finding = { reasons: loss.reasons }
  if (loss.ending === 'won_back') {
    await moveCase(store, vp, {
      caseId: opened.id,
      expectedVersion: 1,
      to: 'won_back',
      ...WON_BACK_ANSWERS,
      finding: { ...WON_BACK_ANSWERS.finding, ...finding },
      today: TODAY,
    })
  } else if (loss.ending != null) {
    await moveCase(store, vp, {
      caseId: opened.id,
      expectedVersion: 1,
      to: loss.ending,
      endingNote: 'not now',
      finding,
      today: TODAY,
    })
  } else {
    await updateCase(store, vp, { caseId: opened.id, expectedVersion: 1, finding, today: TODAY })
  }
  return { customerId, caseId: opened.id }
}

describeWorld('recording a fix', targets, (current) => {
  it('resurfaces the customers and deals lost for that reason in scope before the date, and no others', async () => {
    const { store, world } = current()
    const segment = `Seg-${randomBytes(3).toString('hex')}`
    const other = `Seg-${randomBytes(3).toString('hex')}`
    const loss = (fields: Partial<Loss>) =>
      customerLostFor(store, world, {
        segment,
        owner: world.repOld,
        reasons: ['price'],
        ending: 'not_compatible',
        ...fields,
      })
    const endedForPrice = await loss({})
    const openForPrice = await loss({ ending: null })
    const ownerLeft = await loss({ owner: world.repLeft })
    const forDelivery = await loss({ reasons: ['delivery'] })
    const wonBack = await loss({ ending: 'won_back' })
    const letGo = await loss({ ending: 'let_go' })
    const lostAfterFix = await loss({ lostSince: '2024-06-15' })
    const otherSegment = await loss({ segment: other })
    const dealCustomer = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      segment,
      status: 'active',
    })
    const pricedOut = await addLostDeal(store, {
      customerId: dealCustomer,
      lostReason: 'Too expensive!',
      closedOn: '2024-03-01',
      ownerId: Number(world.repOld.id),
    })
    const unmapped = await addLostDeal(store, {
      customerId: dealCustomer,
      lostReason: 'went with a bigger supplier',
      closedOn: '2024-03-01',
      ownerId: Number(world.repOld.id),
    })
    const result = await recordFix(store, await actorOf(store, world.vp), {
      reasonCode: 'price',
      fixedOn: '2024-06-01',
      scope: { kind: 'segment', value: segment },
      note: 'prices are now competitive',
      today: TODAY,
    })
    const keys = result.resurfaced.map((item) => item.subjectKey).sort()
    expect(keys).toEqual(
      [
        `customer:${endedForPrice.customerId}`,
        `customer:${openForPrice.customerId}`,
        `customer:${ownerLeft.customerId}`,
        `deal:${pricedOut}`,
      ].sort(),
    )
    for (const excluded of [forDelivery, wonBack, letGo, lostAfterFix, otherSegment]) {
      expect(keys).not.toContain(`customer:${excluded.customerId}`)
    }
    expect(keys).not.toContain(`deal:${unmapped}`)
    const owners = new Map(result.resurfaced.map((item) => [item.subjectKey, item.taskOwnerId]))
    expect(owners.get(`customer:${endedForPrice.customerId}`)).toBe(Number(world.repOld.id))
    expect(owners.get(`customer:${openForPrice.customerId}`)).toBe(Number(world.vp.id))
    expect(owners.get(`customer:${ownerLeft.customerId}`)).toBe(Number(world.managerNorth.id))
    expect(result.resurfaced.every((item) => item.taskDueOn === '2024-07-07')).toBe(true)
    const flags = await readWinBackFlags(store)
    expect(flags.get(`deal:${pricedOut}`)).toEqual(['fix'])
    expect(flags.has(`customer:${forDelivery.customerId}`)).toBe(false)
    const list = await listReasonFixedAs(store, await actorOf(store, world.vp), {
      triggerKey: `fix:${result.fix.id}`,
    })
    expect(list).toHaveLength(4)
    expect(
      list.every(
        (line) => line.reasonCode === 'price' && line.note === 'prices are now competitive',
      ),
    ).toBe(true)
    const detail = await getCaseAs(store, await actorOf(store, world.vp), openForPrice.caseId, {
      today: TODAY,
    })
    expect(detail.timeline.at(-1)?.kind).toBe('reason_fixed')
    const repTasks = await listTasksAs(store, await actorOf(store, world.repOld), {
      open: true,
      today: TODAY,
    })
    expect(
      repTasks.filter((task) => task.kind === 'tell_what_changed').map((task) => task.customerId),
    ).toEqual(expect.arrayContaining([endedForPrice.customerId, dealCustomer]))
    const trail = await auditTrail(store, 'fix', String(result.fix.id))
    expect(trail.map((entry) => entry.action)).toEqual(['create'])
  })

  it('lets a manager record a fix only for a rep of their team, and no rep at all', async () => {
    const { store, world } = current()
    const manager = await actorOf(store, world.managerNorth)
    const wide = await caught(
      recordFix(store, manager, {
        reasonCode: 'rep_relationship',
        fixedOn: '2024-06-01',
        note: 'coaching',
        today: TODAY,
      }),
    )
    expect(wide.code).toBe('FORBIDDEN')
    const otherTeam = await caught(
      recordFix(store, manager, {
        reasonCode: 'rep_relationship',
        fixedOn: '2024-06-01',
        scope: { kind: 'rep', value: String(world.repSouth.id) },
        note: 'coaching',
        today: TODAY,
      }),
    )
    expect(otherTeam.code).toBe('FORBIDDEN')
    const own = await recordFix(store, manager, {
      reasonCode: 'rep_relationship',
      fixedOn: '2024-06-01',
      scope: { kind: 'rep', value: String(world.repLeft.id) },
      note: 'the abrasive rep was replaced',
      today: TODAY,
    })
    expect(own.fix.scope).toEqual({ kind: 'rep', value: String(world.repLeft.id) })
    const byRep = await caught(
      recordFix(store, await actorOf(store, world.repOld), {
        reasonCode: 'price',
        fixedOn: '2024-06-01',
        note: 'x',
        today: TODAY,
      }),
    )
    expect(byRep.code).toBe('FORBIDDEN')
  })

  it('refuses an unfixable reason, a future date and a fix that says nothing', async () => {
    const { store, world } = current()
    const vp = await actorOf(store, world.vp)
    const unfixable = await caught(
      recordFix(store, vp, {
        reasonCode: 'decision_maker_change',
        fixedOn: '2024-06-01',
        note: 'n',
        today: TODAY,
      }),
    )
    expect(unfixable.message).toMatch(/not marked fixable/)
    const future = await caught(
      recordFix(store, vp, { reasonCode: 'price', fixedOn: '2024-07-01', note: ' ', today: TODAY }),
    )
    expect(future.issues.map((issue) => issue.path[0])).toEqual(['fixedOn', 'note'])
  })

  it('a new decision maker resurfaces the lost account and its earlier lost deals, once', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
    const earlier = await addLostDeal(store, {
      customerId,
      lostReason: null,
      closedOn: '2024-02-01',
      ownerId: null,
    })
    const later = await addLostDeal(store, {
      customerId,
      lostReason: null,
      closedOn: '2024-05-01',
      ownerId: null,
    })
    const rep = await actorOf(store, world.repOld)
    const first = await recordNewDecisionMaker(store, rep, {
      customerId,
      changedOn: '2024-04-02',
      today: TODAY,
    })
    expect(first.resurfaced.map((item) => item.subjectKey).sort()).toEqual(
      [`customer:${customerId}`, `deal:${earlier}`].sort(),
    )
    expect(first.resurfaced.map((item) => item.subjectKey)).not.toContain(`deal:${later}`)
    const again = await recordNewDecisionMaker(store, rep, {
      customerId,
      changedOn: '2024-04-02',
      today: TODAY,
    })
    expect(again.resurfaced).toEqual([])
    const stranger = await caught(
      recordNewDecisionMaker(store, await actorOf(store, world.repSouth), {
        customerId,
        changedOn: '2024-04-02',
        today: TODAY,
      }),
    )
    expect(stranger.code).toBe('NOT_FOUND')
  })
})
