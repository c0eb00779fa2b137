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
import { pdfText } from '../../test-support/poppler.js'
import type { PlanResponse } from '../contract/plans.js'

const targets = await storeTargets()

describe.each(targets)('the written plan over HTTP on $name', (target) => {
  let fixture: ApiFixture
  let caseId = 0
  let repA: Credentials
  let manager: Credentials

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
  })
  afterAll(async () => {
    await fixture.close()
  })

  const plan = async (response: Response, status = 200): Promise<PlanResponse> => {
    expect(response.status, await response.clone().text()).toBe(status)
    return (await response.json()) as PlanResponse
  }

  it('writes conditions, agrees at the version read (428 without), completes once, prints the agreement', async () => {
    const empty = await plan(
      await call(fixture, { method: 'GET', path: `/api/cases/${caseId}/plan`, as: repA }),
    )
    expect(empty).toMatchObject({ status: 'none', version: null, conditions: [] })
    await plan(
      await call(fixture, {
        method: 'POST',
        path: `/api/cases/${caseId}/plan/conditions`,
        as: manager,
        body: {
          text: 'Weekly delivery report for three months',
          side: 'us',
          ownerId: fixture.users.repA.id,
          dueOn: '2030-01-31',
        },
      }),
      201,
    )
    const added = await call(fixture, {
      method: 'POST',
      path: `/api/cases/${caseId}/plan/conditions`,
      as: manager,
      body: {
        text: 'One named contact for orders',
        side: 'customer',
        contactName: 'Ана Јовановић',
        dueOn: '2030-02-28',
      },
    })
    const drafted = await plan(added, 201)
    expect(added.headers.get('etag')).toBe(`"${drafted.version}"`)
    const agree = (ifMatch?: string) =>
      call(fixture, {
        method: 'PATCH',
        path: `/api/cases/${caseId}/plan/agreement`,
        as: manager,
        body: { theirSigner: 'Ана Јовановић' },
        ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }),
      })
    expect((await agree()).status).toBe(428)
    expect((await agree('"999"')).status).toBe(412)
    const agreed = await plan(await agree(`"${drafted.version}"`))
    expect(agreed).toMatchObject({ status: 'agreed', theirSigner: 'Ана Јовановић' })
    const ours = agreed.conditions.find((line) => line.side === 'us')
    const done = () =>
      call(fixture, {
        method: 'POST',
        path: `/api/cases/${caseId}/plan/conditions/${ours?.id}/done`,
        as: repA,
        body: { note: 'first report sent' },
      })
    expect((await plan(await done())).conditions.find((line) => line.id === ours?.id)?.status).toBe(
      'done',
    )
    expect((await done()).status).toBe(409)
    const pdf = await call(fixture, {
      method: 'GET',
      path: `/api/cases/${caseId}/plan/agreement.pdf?size=letter`,
      as: repA,
    })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ')
    expect(text).toContain('Ана Јовановић')
    expect(text).toContain(agreed.ourSigner ?? 'no signer')
    expect(text).toContain('Weekly delivery report for three months')
  })

  it('names the field of a bad condition in one line', async () => {
    const response = await call(fixture, {
      method: 'POST',
      path: `/api/cases/${caseId}/plan/conditions`,
      as: manager,
      body: { text: 'x', side: 'customer', dueOn: '2030-01-01' },
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { message: string } }
    expect(body.error.message).toMatch(/^contactName: /)
  })
})
