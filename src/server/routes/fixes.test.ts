import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { type SeededAnalysis, seedAnalysis } from '../../test-support/lost-list-fixture.js'
import type { ReasonFixedResponse, RecordFixResponse } from '../contract/fixes.js'
import type { LessonsResponse } from '../contract/lessons.js'
import type { ReasonListResponse, ReasonPhraseListResponse } from '../contract/reasons.js'
import type { TaskListResponse } from '../contract/tasks.js'

const targets = await storeTargets()
const today = () => new Date().toISOString().slice(0, 10)

describe.each(targets)('reasons, fixes, lessons and tasks over HTTP on $name', (target) => {
  let fixture: ApiFixture
  let seeded: SeededAnalysis
  let vp: Credentials
  let admin: Credentials
  let repA: Credentials
  let repB: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    seeded = await seedAnalysis(fixture.store, fixture.users)
    vp = await signInAs(fixture, 'vp')
    admin = await signInAs(fixture, 'admin')
    repA = await signInAs(fixture, 'repA')
    repB = await signInAs(fixture, 'repB')
  })
  afterAll(async () => {
    await fixture.close()
  })

  const json = async <T>(response: Response, status = 200): Promise<T> => {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    return JSON.parse(text) as T
  }

  it('records a fix and answers with exactly the deals lost for that reason', async () => {
    const recorded = await json<RecordFixResponse>(
      await call(fixture, {
        method: 'POST',
        path: '/api/fixes',
        as: vp,
        body: { reasonCode: 'price', fixedOn: today(), note: 'prices are now competitive' },
      }),
      201,
    )
    expect(recorded.fix.reasonCode).toBe('price')
    expect([...recorded.resurfacedDealIds].sort()).toEqual(
      [seeded.dealIds.repA, seeded.dealIds.unowned].sort(),
    )
    expect(recorded.resurfacedDealIds).not.toContain(seeded.dealIds.repB)
    const listed = await json<ReasonFixedResponse>(
      await call(fixture, {
        method: 'GET',
        path: `/api/reason-fixed?trigger=fix:${recorded.fix.id}`,
        as: vp,
      }),
    )
    expect(listed.items.map((item) => item.dealId).sort()).toEqual(
      [...recorded.resurfacedDealIds].sort(),
    )
    const fixes = await json<{ items: { id: number }[] }>(
      await call(fixture, { method: 'GET', path: '/api/fixes', as: repB }),
    )
    expect(fixes.items.map((fix) => fix.id)).toContain(recorded.fix.id)
  })

  it('gives rep A the task for their deal, completes it with If-Match, and hides it from rep B', async () => {
    const mine = await json<TaskListResponse>(
      await call(fixture, { method: 'GET', path: '/api/tasks?mine=true&open=true', as: repA }),
    )
    const task = mine.items.find((item) => item.dealId === seeded.dealIds.repA)
    expect(task).toBeDefined()
    const id = task?.id ?? 0
    const theirs = await json<TaskListResponse>(
      await call(fixture, { method: 'GET', path: '/api/tasks', as: repB }),
    )
    expect(theirs.items.map((item) => item.id)).not.toContain(id)
    const byB = await call(fixture, {
      method: 'PATCH',
      path: `/api/tasks/${id}`,
      as: repB,
      body: { done: true },
      headers: { 'if-match': `"${task?.version}"` },
    })
    expect(byB.status).toBe(404)
    const done = await call(fixture, {
      method: 'PATCH',
      path: `/api/tasks/${id}`,
      as: repA,
      body: { done: true },
      headers: { 'if-match': `"${task?.version}"` },
    })
    expect(done.status).toBe(200)
    expect(done.headers.get('etag')).toBe(`"${(task?.version ?? 0) + 1}"`)
    const again = await call(fixture, {
      method: 'PATCH',
      path: `/api/tasks/${id}`,
      as: repA,
      body: { done: true },
      headers: { 'if-match': `"${task?.version}"` },
    })
    expect(again.status).toBe(412)
  })

  it('lets an admin add, rename and merge reasons and map phrases; others may only read', async () => {
    const added = await call(fixture, {
      method: 'POST',
      path: '/api/reasons',
      as: admin,
      body: { code: 'slow_quotes', label: 'Slow quotes', fixable: true },
    })
    expect(added.status).toBe(201)
    expect(added.headers.get('etag')).toBe('"1"')
    const byRep = await call(fixture, {
      method: 'POST',
      path: '/api/reasons',
      as: repA,
      body: { code: 'other_one', label: 'Other one', fixable: false },
    })
    expect(byRep.status).toBe(403)
    const merged = await call(fixture, {
      method: 'POST',
      path: '/api/reasons/slow_quotes/merge',
      as: admin,
      body: { into: 'service' },
    })
    expect(merged.status).toBe(200)
    const live = await json<ReasonListResponse>(
      await call(fixture, { method: 'GET', path: '/api/reasons', as: repA }),
    )
    expect(live.items.map((reason) => reason.code)).not.toContain('slow_quotes')
    const all = await json<ReasonListResponse>(
      await call(fixture, { method: 'GET', path: '/api/reasons?includeMerged=true', as: repA }),
    )
    expect(all.items.find((reason) => reason.code === 'slow_quotes')?.liveCode).toBe('service')
    const mapped = await call(fixture, {
      method: 'POST',
      path: '/api/reason-phrases',
      as: admin,
      body: { phrase: 'Took too long to quote', code: 'service' },
    })
    expect(mapped.status).toBe(200)
    const phrases = await json<ReasonPhraseListResponse>(
      await call(fixture, { method: 'GET', path: '/api/reason-phrases', as: repA }),
    )
    expect(phrases.items.map((phrase) => phrase.phrase)).toContain('took too long to quote')
    expect(phrases.imported.map((reason) => reason.code)).toContain('price')
    const removed = await call(fixture, {
      method: 'DELETE',
      path: `/api/reason-phrases/${encodeURIComponent('took too long to quote')}`,
      as: admin,
    })
    expect(await json<{ removed: boolean }>(removed)).toEqual({ removed: true })
  })

  it('shows the golden lessons with the Pareto by count and revenue, each reason marked fixable', async () => {
    const lessons = await json<LessonsResponse>(
      await call(fixture, { method: 'GET', path: '/api/lessons?period=year', as: repA }),
    )
    const price = lessons.byCount.find((row) => row.code === 'price')
    expect(price?.count).toBe(2)
    expect(price?.fixable).toBe(true)
    expect(lessons.byRevenue[0]?.code).toBe('price')
    expect(lessons.trend.every((row) => /^\d{4}$/.test(row.group))).toBe(true)
    const bad = await call(fixture, { method: 'GET', path: '/api/lessons?period=week', as: repA })
    expect(bad.status).toBe(400)
  })
})
