import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAlertsAs, raiseAlert } from '../../app/index.js'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { seedAnalysis } from '../../test-support/lost-list-fixture.js'
import type { AlertListResponse, LetGoResponse, RelapseResponse } from '../contract/keep.js'

const targets = await storeTargets()

describe.each(targets)('alerts, re-lapse and let-go over HTTP on $name', (target) => {
  let fixture: ApiFixture
  let repA: Credentials
  let manager: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    await raiseAlert(fixture.store, {
      kind: 'reason_recurred',
      customer_id: 'A-007',
      case_id: null,
      owner_id: fixture.users.repA.id,
      message: 'A-007: a new late delivery incident — the reason they left is back',
      trigger_key: 'reason_recurred:http-test:A-007',
    })
    repA = await signInAs(fixture, 'repA')
    manager = await signInAs(fixture, 'manager')
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('lists the rep their alert in words and lets them acknowledge it once', async () => {
    const listed = await call(fixture, { method: 'GET', path: '/api/alerts?open=true', as: repA })
    expect(listed.status).toBe(200)
    const [alert] = ((await listed.json()) as AlertListResponse).items
    expect(alert?.message).toContain('the reason they left is back')
    const ack = () =>
      call(fixture, {
        method: 'POST',
        path: `/api/alerts/${alert?.id}/acknowledge`,
        as: repA,
        body: {},
      })
    expect((await ack()).status).toBe(200)
    const again = await ack()
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ error: { code: 'CONFLICT' } })
    const admin = {
      actor: {
        userId: fixture.users.admin.id,
        role: 'admin' as const,
        teamUserIds: new Set<number>(),
      },
      audit: { actorUserId: fixture.users.admin.id, via: 'api' as const, requestId: null },
    }
    const [stored] = await listAlertsAs(fixture.store, admin, { customerId: 'A-007' })
    expect(stored?.acknowledgedBy).toBe(fixture.users.repA.id)
  })

  it('lets a manager let a customer go with a reason, once, and names a missing reason', async () => {
    const post = (body: unknown) =>
      call(fixture, { method: 'POST', path: '/api/customers/A-009/let-go', as: manager, body })
    const missing = await post({ decision: 'let_go' })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /^reason/,
    )
    const first = (await (
      await post({ decision: 'let_go', reason: 'late_payer' })
    ).json()) as LetGoResponse
    expect(first).toMatchObject({ changed: true, decision: 'let_go' })
    expect(first.taskId).not.toBeNull()
    const second = (await (
      await post({ decision: 'let_go', reason: 'late_payer' })
    ).json()) as LetGoResponse
    expect(second).toMatchObject({ changed: false, taskId: null })
  })

  it('answers the re-lapse report with its counts and refuses a bad date naming the field', async () => {
    const report = await call(fixture, {
      method: 'GET',
      path: '/api/reports/re-lapse',
      as: manager,
    })
    expect(report.status).toBe(200)
    const body = (await report.json()) as RelapseResponse
    expect(body.total).toMatchObject({ key: 'all', wins: 0, relapsed: 0, rate: null })
    const bad = await call(fixture, {
      method: 'GET',
      path: '/api/reports/re-lapse?asOf=soon',
      as: manager,
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('asOf')
  })
})
