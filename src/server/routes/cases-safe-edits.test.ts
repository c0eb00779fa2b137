import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { seedAnalysis } from '../../test-support/lost-list-fixture.js'
import { buildOpenApiDocument } from '../openapi.js'
import { openCaseVia, patchCase } from './__fixtures__/cases-fixture.js'
import { ROUTES } from './index.js'

const targets = await storeTargets()
const RUNS = process.env['CI_LONG'] === '1' ? 1000 : 60

const dueIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describe.each(targets)('safe edits over HTTP on $name (TESTPLAN T6)', (target) => {
  let fixture: ApiFixture
  let manager: Credentials
  let admin: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    manager = await signInAs(fixture, 'manager')
    admin = await signInAs(fixture, 'admin')
  })
  afterAll(async () => {
    await fixture.close()
  })

  const versionOf = async (caseId: number) =>
    Number(
      (
        await fixture.store.db
          .selectFrom('cases')
          .select('version')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).version,
    )
  const auditCount = async (caseId: number, action: string) =>
    (
      await fixture.store.db
        .selectFrom('audit_log')
        .select('id')
        .where('object_type', '=', 'case')
        .where('object_id', '=', String(caseId))
        .where('action', '=', action)
        .execute()
    ).length

  it('lets exactly one of 50 concurrent PATCHes with the same If-Match through', async () => {
    const opened = await openCaseVia(fixture, manager, 'A-017', {
      repIds: [fixture.users.repA.id],
    })
    const id = opened.detail.id
    const before = await versionOf(id)
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        patchCase(fixture, manager, {
          id,
          ifMatch: opened.etag,
          body: { nextStep: `writer ${index}`, nextStepDueOn: dueIn(7) },
        }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 412)).toHaveLength(49)
    const winner = responses.find((response) => response.status === 200)
    expect(winner?.headers.get('etag')).toBe(`"${before + 1}"`)
    expect(await versionOf(id)).toBe(before + 1)
    expect(await auditCount(id, 'update')).toBe(1)
  })

  it('answers 428 without If-Match (or with *), 412 when stale, and changes nothing', async () => {
    const opened = await openCaseVia(fixture, manager, 'A-021')
    const id = opened.detail.id
    const body = { nextStep: 'Call them', nextStepDueOn: dueIn(3) }
    for (const ifMatch of [null, '*']) {
      const response = await patchCase(fixture, manager, { id, ifMatch, body })
      expect(response.status).toBe(428)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'PRECONDITION_REQUIRED',
      )
    }
    for (const ifMatch of ['"7"', '"abc"', 'W/"99"']) {
      expect((await patchCase(fixture, manager, { id, ifMatch, body })).status).toBe(412)
    }
    expect(await versionOf(id)).toBe(opened.detail.version)
    expect(await auditCount(id, 'update')).toBe(0)
  })

  it('requires If-Match on every versioned PATCH of the case workflow', async () => {
    const mine = [
      'assignCase',
      'changeAnalysisSetting',
      'changeCase',
      'changeCaseRuleSettings',
      'changeReason',
      'completeTask',
    ]
    const writes = ROUTES.filter(
      (route) =>
        route.versioned === true &&
        (route.method === 'patch' || route.method === 'delete') &&
        mine.includes(route.operationId),
    )
    expect(writes.map((route) => route.operationId).sort()).toEqual(mine)
    for (const route of writes) {
      const path = `/api${route.path.replace('{id}', '1').replace('{code}', 'price')}`
      const response = await call(fixture, {
        method: route.method.toUpperCase(),
        path,
        as: admin,
        body: {},
      })
      expect(response.status, route.operationId).toBe(428)
    }
    const document = buildOpenApiDocument(ROUTES) as {
      paths: Record<string, Record<string, { parameters: { name: string }[]; responses: object }>>
    }
    const patch = document.paths['/api/cases/{id}']?.['patch']
    expect(patch?.parameters.map((parameter) => parameter.name)).toContain('If-Match')
    expect(Object.keys(patch?.responses ?? {})).toEqual(expect.arrayContaining(['412', '428']))
  })

  it('lets exactly one of 20 concurrent settings PATCHes with the same If-Match through', async () => {
    const path = '/api/settings/analysis'
    const read = await call(fixture, { method: 'GET', path, as: admin })
    const etag = read.headers.get('etag') ?? ''
    const auditsBefore = await settingAudits()
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        call(fixture, {
          method: 'PATCH',
          path,
          as: admin,
          body: { name: 'lapse.lostAfterDays', value: 150 + index },
          headers: { 'if-match': etag },
        }),
      ),
    )
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 412)).toHaveLength(19)
    expect(await settingAudits()).toBe(auditsBefore + 1)
  })

  const settingAudits = async () =>
    (
      await fixture.store.db
        .selectFrom('audit_log')
        .select('id')
        .where('object_type', '=', 'setting')
        .execute()
    ).length

  it('versions settings and reasons the same way', async () => {
    const rules = await call(fixture, {
      method: 'GET',
      path: '/api/settings/case-rules',
      as: admin,
    })
    const etag = rules.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[\w-]+"$/)
    const change = { newRepMonths: 3 }
    const path = '/api/settings/case-rules'
    const stale = { 'if-match': '"not-it"' }
    expect(
      (await call(fixture, { method: 'PATCH', path, as: admin, body: change, headers: stale }))
        .status,
    ).toBe(412)
    const changed = await call(fixture, {
      method: 'PATCH',
      path,
      as: admin,
      body: change,
      headers: { 'if-match': etag },
    })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(
      (
        await call(fixture, {
          method: 'PATCH',
          path,
          as: admin,
          body: change,
          headers: { 'if-match': etag },
        })
      ).status,
    ).toBe(412)

    const reason = await call(fixture, { method: 'GET', path: '/api/reasons/quality', as: admin })
    const reasonTag = reason.headers.get('etag') ?? ''
    const relabel = { label: 'Quality problems' }
    const renamed = await call(fixture, {
      method: 'PATCH',
      path: '/api/reasons/quality',
      as: admin,
      body: relabel,
      headers: { 'if-match': reasonTag },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.headers.get('etag')).toBe(`"${Number(reasonTag.replaceAll('"', '')) + 1}"`)
    expect(
      (
        await call(fixture, {
          method: 'PATCH',
          path: '/api/reasons/quality',
          as: admin,
          body: relabel,
          headers: { 'if-match': reasonTag },
        })
      ).status,
    ).toBe(412)
  })

  it('loses no update however two to five read-then-write clients interleave', async () => {
    const opened = await openCaseVia(fixture, manager, 'A-025')
    const id = opened.detail.id
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 5 }), async (s, clients) => {
        const start = await versionOf(id)
        const auditsBefore = await auditCount(id, 'update')
        const read = s.scheduleFunction(async () => {
          const response = await call(fixture, {
            method: 'GET',
            path: `/api/cases/${id}`,
            as: manager,
          })
          return response.headers.get('etag') ?? ''
        })
        const write = s.scheduleFunction(
          async (ifMatch: string, note: string) =>
            (await patchCase(fixture, manager, { id, ifMatch, body: { nextStep: note } })).status,
        )
        const outcomes: { ifMatch: string; status: number; note: string }[] = []
        const runs = Array.from({ length: clients }, async (_, index) => {
          const ifMatch = await read()
          const note = `client ${index} from ${ifMatch}`
          outcomes.push({ ifMatch, note, status: await write(ifMatch, note) })
        })
        await s.waitFor(Promise.all(runs))
        const won = outcomes.filter((outcome) => outcome.status === 200)
        expect(outcomes.every((outcome) => outcome.status === 200 || outcome.status === 412)).toBe(
          true,
        )
        expect(won.length).toBeGreaterThanOrEqual(1)
        // no two writes based on the same version both succeed: that would be a lost update
        expect(new Set(won.map((outcome) => outcome.ifMatch)).size).toBe(won.length)
        expect(await versionOf(id)).toBe(start + won.length)
        expect(await auditCount(id, 'update')).toBe(auditsBefore + won.length)
      }),
      { numRuns: RUNS },
    )
  }, 600_000)
})
