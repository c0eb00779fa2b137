import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Actor,
  isWithinScope,
  type Role,
  scopeOf,
  teamUserIds,
} from '../domain/access-policy.js'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  type FixturePerson,
  signInAs,
  storeTargets,
} from '../test-support/api-fixture.js'
import { seedAnalysis, seedImportWithRejects } from '../test-support/lost-list-fixture.js'
import {
  CAMPAIGN_MEMBER_PROBES,
  seedCampaignMemberMatrix,
} from './routes/__fixtures__/campaign-members-matrix-probes.js'
import {
  CAMPAIGN_PROBES,
  seedCampaignMatrix,
} from './routes/__fixtures__/campaigns-matrix-probes.js'
import { CASE_PROBES, seedCaseMatrix } from './routes/__fixtures__/cases-matrix-probes.js'
import { KEEP_PROBES, seedKeepMatrix } from './routes/__fixtures__/keep-matrix-probes.js'
import { LETTER_PROBES, seedLetterMatrix } from './routes/__fixtures__/letters-matrix-probes.js'
import {
  MAKE_GOOD_PROBES,
  seedMakeGoodMatrix,
} from './routes/__fixtures__/make-goods-matrix-probes.js'
import {
  OUTREACH_PROBES,
  seedOutreachMatrix,
} from './routes/__fixtures__/outreach-matrix-probes.js'
import { PLAN_PROBES, seedPlanMatrix } from './routes/__fixtures__/plans-matrix-probes.js'
import { PRIVACY_PROBES, seedPrivacyMatrix } from './routes/__fixtures__/privacy-matrix-probes.js'
import { PROGRAM_FIGURE_PROBES } from './routes/__fixtures__/program-figures-matrix-probes.js'
import { SHADOW_PROBES, seedShadowMatrix } from './routes/__fixtures__/shadow-matrix-probes.js'
import { ROUTES } from './routes/index.js'

/** One request of the matrix, and whose record it touches. */
interface Probe {
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  /** the owner of the record; `missing` when there is none; `collection` for lists and figures */
  readonly owner: number | null | 'missing' | 'collection'
  /** what an allowed caller gets instead of the plain success (412 for a stale If-Match …) */
  readonly success?: number
}

// the import the matrix reads, seeded per store before the probes run
let seededImportId = 0
// each upload differs, so no two are the same file importing at once (TESTPLAN T2)
let uploads = 0
const uploadProbe = (): Probe => {
  uploads += 1
  return {
    path: '/api/imports?kind=orders&fileName=matrix.csv',
    body: `customer_id,ordered_on,amount\nA-001,2024-01-0${1 + (uploads % 9)},${uploads}.00\n`,
    headers: { 'content-type': 'text/csv' },
    owner: 'collection',
  }
}

// every route the policy guards needs probes here: the test below fails for one without
const PROBES: Record<string, (fixture: ApiFixture) => Probe[]> = {
  listCustomers: () => [{ path: '/api/customers?limit=1000', owner: 'collection' }],
  getCustomer: (fixture) => [
    { path: '/api/customers/A-001', owner: fixture.users.repA.id },
    { path: '/api/customers/A-050', owner: fixture.users.repA.id },
    { path: '/api/customers/B-001', owner: fixture.users.repB.id },
    { path: '/api/customers/B-002', owner: fixture.users.repB.id },
    { path: '/api/customers/U-001', owner: null },
    { path: '/api/customers/Z-999', owner: 'missing' },
    { path: '/api/customers/1', owner: 'missing' },
    { path: `/api/customers/${encodeURIComponent("A-001' OR '1'='1")}`, owner: 'missing' },
  ],
  getStats: () => [{ path: '/api/stats', owner: 'collection' }],
  listUsers: () => [{ path: '/api/users', owner: 'collection' }],
  changeUserAccess: (fixture) => [
    ...Object.values(fixture.users).map((user) => ({
      path: `/api/users/${user.id}`,
      body: {},
      owner: user.id,
    })),
    { path: '/api/users/99999', body: {}, owner: 'missing' as const },
  ],
  listLost: (fixture) => [
    { path: '/api/lost', owner: 'collection' },
    { path: '/api/lost?kind=deal&sort=-valueIfWonBack', owner: 'collection' },
    { path: `/api/lost?ownerId=${fixture.users.repB.id}&status=lapsed`, owner: 'collection' },
    { path: '/api/lost?search=customer&minOverdueDays=3', owner: 'collection' },
  ],
  getDashboard: () => [{ path: '/api/dashboard', owner: 'collection' }],
  getWinBackModel: () => [{ path: '/api/win-back-model', owner: 'collection' }],
  getImportFields: () => [{ path: '/api/imports/fields', owner: 'collection' }],
  listImports: () => [{ path: '/api/imports', owner: 'collection' }],
  startImport: () => [uploadProbe()],
  getImport: () => [
    { path: `/api/imports/${seededImportId}`, owner: null },
    { path: '/api/imports/99999', owner: 'missing' },
  ],
  getImportRejects: () => [
    { path: `/api/imports/${seededImportId}/rejects.csv`, owner: null },
    { path: '/api/imports/99999/rejects.csv', owner: 'missing' },
  ],
  exportLost: (fixture) => [
    { path: '/api/lost/export', owner: 'collection' },
    { path: `/api/lost/export?ownerId=${fixture.users.repB.id}&format=json`, owner: 'collection' },
  ],
  exportCustomers: () => [
    { path: '/api/customers/export?segment=smb', owner: 'collection' },
    { path: '/api/customers/export?format=json&search=customer', owner: 'collection' },
  ],
  listAudit: () => [
    { path: '/api/audit?limit=5', owner: 'collection' },
    { path: '/api/audit?action=export&since=2020-01-01', owner: 'collection' },
  ],
  // the win-back case workflow (issue 5): cases, reasons, fixes, lessons, tasks, settings
  ...CASE_PROBES,
  // reaching out (issue 6): templates, the outbox, suppressions, bounces
  ...OUTREACH_PROBES,
  // make-goods and pay for victories (issue 7)
  ...MAKE_GOOD_PROBES,
  // the written plan and its agreement (issue 7 item 2)
  ...PLAN_PROBES,
  // campaigns with a holdout (issue 6 part 2)
  ...CAMPAIGN_PROBES,
  // erasure, the access export and recorded touches (TESTPLAN T23, issue 6 item 7)
  ...PRIVACY_PROBES,
  // the program's figures (issue 7 item 6): aggregate, every role reads them
  ...PROGRAM_FIGURE_PROBES,
  // campaign members and outcomes, sending the outbox now (issue 6, web pages)
  ...CAMPAIGN_MEMBER_PROBES,
  // seal the deal and let go (issue 7 items 4–5): alerts, keep-plans, re-lapse, let-go
  ...KEEP_PROBES,
  // letters as PDF and meeting invites (issue 6 item 4)
  ...LETTER_PROBES,
  // the shadow portfolio, background jobs, customers' timelines (issue 6 items 6–7)
  ...SHADOW_PROBES,
  unlockUser: (fixture) => [
    { path: `/api/users/${fixture.users.repB.id}/unlock`, owner: fixture.users.repB.id },
    { path: '/api/users/99999/unlock', owner: 'missing' },
  ],
}

const POLICY_ROUTES = ROUTES.filter((route) => route.access.kind === 'policy')
const MATRIX_PEOPLE: readonly FixturePerson[] = ['admin', 'vp', 'manager', 'repA', 'analyst']

function actorOf(fixture: ApiFixture, person: FixturePerson): Actor {
  const user = fixture.users[person]
  const links = Object.values(fixture.users).map((other) => ({ id: other.id, managerId: null }))
  // the fixture's reporting lines: VP → manager → rep A
  const reports = [
    { id: fixture.users.manager.id, managerId: fixture.users.vp.id },
    { id: fixture.users.repA.id, managerId: fixture.users.manager.id },
  ]
  const team =
    user.role === 'manager' ? teamUserIds(user.id, [...links, ...reports]) : new Set([user.id])
  return { userId: user.id, role: user.role as Role, teamUserIds: team }
}

function expectedStatus(actor: Actor, route: (typeof POLICY_ROUTES)[number], probe: Probe) {
  if (route.access.kind !== 'policy') {
    throw new Error('only policy routes are in the matrix')
  }
  const scope = scopeOf(actor.role, route.access.action, route.access.resource)
  if (scope === 'none') {
    return 403
  }
  const success = probe.success ?? route.successStatus ?? 200
  if (probe.owner === 'collection') {
    return success
  }
  if (probe.owner === 'missing') {
    return 404
  }
  return isWithinScope(actor, scope, probe.owner) ? success : 404
}

const countDenials = async (fixture: ApiFixture) =>
  (
    await fixture.store.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'like', 'denied_%')
      .execute()
  ).length

// the matrix's uploads import in the background: let them end before the store closes
async function waitForImports(fixture: ApiFixture): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    const running = await fixture.store.db
      .selectFrom('imports')
      .select('id')
      .where('status', '=', 'running')
      .execute()
    if (running.length === 0) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const targets = await storeTargets()

describe.each(targets)('the role × route × object matrix on $name (TESTPLAN T9)', (target) => {
  let fixture: ApiFixture
  const sessions = new Map<FixturePerson, Credentials>()

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    await seedCaseMatrix(fixture)
    await seedOutreachMatrix(fixture)
    await seedMakeGoodMatrix(fixture)
    await seedPlanMatrix(fixture)
    await seedCampaignMatrix(fixture)
    await seedPrivacyMatrix(fixture)
    await seedCampaignMemberMatrix(fixture)
    await seedKeepMatrix(fixture)
    await seedLetterMatrix(fixture)
    await seedShadowMatrix(fixture)
    seededImportId = await seedImportWithRejects(fixture.store, [
      { line: 2, code: 'invalid_date', raw: 'A-001,soon,1' },
    ])
    for (const person of MATRIX_PEOPLE) {
      sessions.set(person, await signInAs(fixture, person))
    }
  })
  afterAll(async () => {
    await waitForImports(fixture)
    await fixture.close()
  })

  it('has probes for every route the policy guards', () => {
    expect(POLICY_ROUTES.map((route) => route.operationId).sort()).toEqual(
      Object.keys(PROBES).sort(),
    )
  })

  it('answers exactly as the policy table says, for every role, route and object', async () => {
    const mismatches: string[] = []
    let cells = 0
    for (const route of POLICY_ROUTES) {
      for (const person of MATRIX_PEOPLE) {
        const actor = actorOf(fixture, person)
        for (const probe of PROBES[route.operationId]?.(fixture) ?? []) {
          const response = await call(fixture, {
            method: route.method.toUpperCase(),
            path: probe.path,
            as: sessions.get(person) ?? null,
            ...(probe.body === undefined ? {} : { body: probe.body }),
            ...(probe.headers === undefined ? {} : { headers: probe.headers }),
          })
          const expected = expectedStatus(actor, route, probe)
          cells += 1
          if (response.status !== expected) {
            mismatches.push(
              `${person} ${route.method} ${probe.path}: ${response.status} ≠ ${expected}`,
            )
          }
        }
      }
    }
    expect(mismatches).toEqual([])
    expect(cells).toBeGreaterThan(100)
    // every route × role × object is one real request: some thousand of them on a 2-core machine
  }, 240_000)

  it('answers a record you may not see exactly like one that does not exist, and audits it', async () => {
    const rep = sessions.get('repA') ?? null
    const before = await countDenials(fixture)
    const hidden = await call(fixture, { method: 'GET', path: '/api/customers/B-001', as: rep })
    const unowned = await call(fixture, { method: 'GET', path: '/api/customers/U-001', as: rep })
    const missing = await call(fixture, { method: 'GET', path: '/api/customers/Z-999', as: rep })
    expect(hidden.status).toBe(404)
    const bodies = [await hidden.text(), await unowned.text(), await missing.text()]
    expect(new Set(bodies).size).toBe(1)
    expect(await countDenials(fixture)).toBe(before + 2)
  })

  it('audits every 403 of the matrix', async () => {
    const rep = sessions.get('repA') ?? null
    const before = await countDenials(fixture)
    const response = await call(fixture, {
      method: 'POST',
      path: `/api/users/${fixture.users.repB.id}/unlock`,
      as: rep,
    })
    expect(response.status).toBe(403)
    expect(await countDenials(fixture)).toBe(before + 1)
  })

  it('lists only what each role may read: a rep their accounts, a manager their team', async () => {
    const expectations: [FixturePerson, number][] = [
      ['repA', 50],
      ['manager', 50],
      ['analyst', 101],
      ['vp', 101],
      ['admin', 101],
    ]
    for (const [person, total] of expectations) {
      const response = await call(fixture, {
        method: 'GET',
        path: '/api/customers?limit=1000',
        as: sessions.get(person) ?? null,
      })
      const page = (await response.json()) as { total: number; items: { ownerId: number | null }[] }
      expect(page.total, person).toBe(total)
      expect(page.items).toHaveLength(total)
      const actor = actorOf(fixture, person)
      for (const item of page.items) {
        expect(isWithinScope(actor, scopeOf(actor.role, 'read', 'customer'), item.ownerId)).toBe(
          true,
        )
      }
    }
  })

  it("does not widen a rep's list when they filter by someone else's id", async () => {
    const response = await call(fixture, {
      method: 'GET',
      path: `/api/customers?ownerId=${fixture.users.repB.id}`,
      as: sessions.get('repA') ?? null,
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { total: number }).total).toBe(0)
  })

  it('lists users by scope: a rep sees only themselves, a manager their team', async () => {
    const read = async (person: FixturePerson) => {
      const response = await call(fixture, {
        method: 'GET',
        path: '/api/users',
        as: sessions.get(person) ?? null,
      })
      return ((await response.json()) as { items: { id: number }[] }).items.map((user) => user.id)
    }
    expect(await read('repA')).toEqual([fixture.users.repA.id])
    expect((await read('manager')).sort()).toEqual(
      [fixture.users.manager.id, fixture.users.repA.id].sort(),
    )
    expect(await read('analyst')).toHaveLength(Object.keys(fixture.users).length)
  })
})
