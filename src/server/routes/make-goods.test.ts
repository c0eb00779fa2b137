import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCase } from '../../app/index.js'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { seedAnalysis } from '../../test-support/lost-list-fixture.js'
import type { LedgerResponse } from '../contract/bounties.js'
import type { MakeGoodItem, MakeGoodSettingsResponse } from '../contract/make-goods.js'

const targets = await storeTargets()

describe.each(targets)('make-goods and bounties over HTTP on $name', (target) => {
  let fixture: ApiFixture
  let caseId = 0
  let repA: Credentials
  let manager: Credentials
  let admin: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    const { manager: boss, repA: rep } = fixture.users
    const opened = await openCase(
      fixture.store,
      {
        actor: { userId: boss.id, role: 'manager', teamUserIds: new Set([boss.id, rep.id]) },
        audit: { actorUserId: boss.id, via: 'api', requestId: null },
      },
      { subject: { kind: 'customer', customerId: 'A-005' }, repIds: [rep.id] },
    )
    caseId = opened.id
    repA = await signInAs(fixture, 'repA')
    manager = await signInAs(fixture, 'manager')
    admin = await signInAs(fixture, 'admin')
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('proposes an offer, needs If-Match to decide, refuses a rep above the limit, lets the manager approve once', async () => {
    const proposed = await call(fixture, {
      method: 'POST',
      path: `/api/cases/${caseId}/make-goods`,
      as: repA,
      body: { kind: 'free_work', valueMinor: 60_000, description: 'a free service visit' },
    })
    expect(proposed.status, await proposed.clone().text()).toBe(201)
    expect(proposed.headers.get('etag')).toBe('"1"')
    const offer = (await proposed.json()) as MakeGoodItem
    const decide = (as: Credentials, ifMatch?: string) =>
      call(fixture, {
        method: 'PATCH',
        path: `/api/make-goods/${offer.id}`,
        as,
        body: { decision: 'approve' },
        ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }),
      })
    expect((await decide(repA)).status).toBe(428)
    expect((await decide(repA, '"1"')).status).toBe(403)
    const approved = await decide(manager, '"1"')
    expect(approved.status).toBe(200)
    expect(approved.headers.get('etag')).toBe('"2"')
    expect(((await approved.json()) as MakeGoodItem).status).toBe('approved')
    expect((await decide(manager, '"1"')).status).toBe(409)
    const suggestion = await call(fixture, {
      method: 'GET',
      path: `/api/cases/${caseId}/make-good-suggestion`,
      as: repA,
    })
    expect(suggestion.status).toBe(200)
    expect(((await suggestion.json()) as { explanation: string }).explanation).toContain('damage')
  })

  it('lets an admin change the limits with the ETag read, and refuses a stale one', async () => {
    const read = await call(fixture, { method: 'GET', path: '/api/settings/make-goods', as: admin })
    const tag = read.headers.get('etag') ?? ''
    expect(((await read.json()) as MakeGoodSettingsResponse).limits.rep).toBe(50_000)
    const change = (ifMatch: string) =>
      call(fixture, {
        method: 'PATCH',
        path: '/api/settings/make-goods',
        as: admin,
        body: { limits: { rep: 70_000 } },
        headers: { 'if-match': ifMatch },
      })
    const changed = await change(tag)
    expect(changed.status).toBe(200)
    expect(((await changed.json()) as MakeGoodSettingsResponse).limits.rep).toBe(70_000)
    expect((await change(tag)).status).toBe(412)
  })

  it('serves a rep their own ledger and statement as CSV, and hides others’', async () => {
    const ledger = await call(fixture, { method: 'GET', path: '/api/bounties/ledger', as: repA })
    expect(ledger.status).toBe(200)
    expect(((await ledger.json()) as LedgerResponse).totalMinor).toBe(0)
    const other = await call(fixture, {
      method: 'GET',
      path: `/api/bounties/ledger?userId=${fixture.users.repB.id}`,
      as: repA,
    })
    expect(other.status).toBe(404)
    const statement = await call(fixture, {
      method: 'GET',
      path: '/api/bounties/statement.csv',
      as: repA,
    })
    expect(statement.status).toBe(200)
    expect(statement.headers.get('content-type')).toContain('text/csv')
    expect((await statement.text()).startsWith('booked_at,person,')).toBe(true)
  })
})
