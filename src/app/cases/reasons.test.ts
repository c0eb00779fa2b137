import { expect, it } from 'vitest'
import { ComebackError } from '../../domain/errors.js'
import { DEFAULT_REASONS } from '../../domain/reason.js'
import { auditTrail } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  addLostDeal,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { getCaseAs } from './case-detail.js'
import { goldenLessons } from './golden-lessons.js'
import { updateCase } from './move-case.js'
import { openCase } from './open-case.js'
import { importedReasonMappings, mapReasonPhrase, unmapReasonPhrase } from './reason-phrases.js'
import { addReason, listReasonViews, mergeReasons, renameReason } from './reasons.js'

const targets = await caseDialects()

async function caught(promise: Promise<unknown>): Promise<ComebackError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(ComebackError)
  return error as ComebackError
}

describeWorld('the reason taxonomy', targets, (current) => {
  it('starts with the seeds’ reasons, each marked fixable or not', async () => {
    const { store } = current()
    const reasons = await listReasonViews(store)
    expect(reasons.map((reason) => reason.code)).toEqual(
      DEFAULT_REASONS.map((reason) => reason.code),
    )
    const byCode = new Map(reasons.map((reason) => [reason.code, reason]))
    expect(byCode.get('price')?.fixable).toBe(true)
    expect(byCode.get('decision_maker_change')?.fixable).toBe(false)
    expect(byCode.get('poached_on_price')?.parentCode).toBe('poached_by_competitor')
  })

  it('renames and merges reasons without losing what cases recorded under them', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    await addReason(store, admin, { code: 'pricing', label: 'Pricing', fixable: true })
    await renameReason(store, admin, {
      code: 'pricing',
      newCode: 'price_level',
      label: 'Price level',
    })
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      segment: 'Merge-test',
    })
    const vp = await actorOf(store, world.vp)
    const opened = await openCase(store, vp, {
      subject: { kind: 'customer', customerId },
      today: TODAY,
    })
    await updateCase(store, vp, {
      caseId: opened.id,
      expectedVersion: 1,
      finding: { reasons: ['price_level'] },
      today: TODAY,
    })
    await mergeReasons(store, admin, { fromCode: 'price_level', intoCode: 'price' })
    const detail = await getCaseAs(store, vp, opened.id, { today: TODAY })
    expect(detail.reasons).toEqual(['price'])
    expect(detail.finding.reasonsRecorded).toEqual([{ code: 'price_level', liveCode: 'price' }])
    const live = await listReasonViews(store)
    expect(live.map((reason) => reason.code)).not.toContain('price_level')
    const all = await listReasonViews(store, { includeMerged: true })
    expect(all.find((reason) => reason.code === 'price_level')?.mergedIntoCode).toBe('price')
    const lessons = await goldenLessons(store, vp)
    expect(lessons.byCount.map((row) => row.code)).not.toContain('price_level')
    const merged = await caught(
      updateCase(store, vp, {
        caseId: opened.id,
        expectedVersion: 2,
        finding: { reasons: ['nonsense'] },
        today: TODAY,
      }),
    )
    expect(merged.code).toBe('INVALID_INPUT')
    const reasonId = all.find((reason) => reason.code === 'price_level')?.id
    const trail = await auditTrail(store, 'reason', String(reasonId))
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'update', 'merge'])
  })

  it('lets only an admin edit the taxonomy, and checks codes', async () => {
    const { store, world } = current()
    const vp = await caught(
      addReason(store, await actorOf(store, world.vp), { code: 'x_y', label: 'X', fixable: true }),
    )
    expect(vp.code).toBe('FORBIDDEN')
    const admin = await actorOf(store, world.admin)
    const bad = await caught(
      addReason(store, admin, { code: 'Late Delivery', label: 'x', fixable: true }),
    )
    expect(bad.issues[0]?.path).toEqual(['code'])
    const taken = await caught(
      addReason(store, admin, { code: 'price', label: 'Price again', fixable: true }),
    )
    expect(taken.code).toBe('CONFLICT')
    const self = await caught(
      mergeReasons(store, admin, { fromCode: 'quality', intoCode: 'quality' }),
    )
    expect(self.code).toBe('INVALID_INPUT')
  })

  it('maps imported deal reasons through an editable mapping; unmapped text becomes other, its words kept', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      status: 'active',
    })
    const text = 'Went with a bigger supplier'
    await addLostDeal(store, {
      customerId,
      lostReason: text,
      closedOn: '2024-03-01',
      ownerId: null,
    })
    await addLostDeal(store, {
      customerId,
      lostReason: 'Price too high',
      closedOn: '2024-03-01',
      ownerId: null,
    })
    const before = await importedReasonMappings(store)
    expect(before.find((line) => line.words === text)).toMatchObject({
      code: 'other',
      matchedBy: 'unmapped',
      deals: 1,
    })
    expect(before.find((line) => line.words === 'Price too high')).toMatchObject({
      code: 'price',
      matchedBy: 'phrase',
    })
    const admin = await actorOf(store, world.admin)
    const mapped = await mapReasonPhrase(store, admin, {
      phrase: 'Bigger supplier',
      code: 'no_one_stop_offer',
    })
    expect(mapped).toMatchObject({
      phrase: 'bigger supplier',
      code: 'no_one_stop_offer',
      created: true,
    })
    const after = await importedReasonMappings(store)
    expect(after.find((line) => line.words === text)).toMatchObject({
      code: 'no_one_stop_offer',
      matchedBy: 'contains',
    })
    expect(await unmapReasonPhrase(store, admin, 'bigger supplier')).toBe(true)
    expect(await unmapReasonPhrase(store, admin, 'bigger supplier')).toBe(false)
    const denied = await caught(
      mapReasonPhrase(store, await actorOf(store, world.managerNorth), {
        phrase: 'x',
        code: 'price',
      }),
    )
    expect(denied.code).toBe('FORBIDDEN')
  })
})
