import { addBountyRule, type CaseActor, proposeMakeGood } from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on make-goods and bounties. Writes are made harmless:
 * an incident of nobody (400), a stale If-Match (412), an inactive rule (created, changes nothing).
 */
export interface MakeGoodProbe {
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

const STALE = { 'if-match': '"999999"' }
/** the matrix's cases (opened by `seedCaseMatrix`) and one offer on each, by whose they count as */
const seeded = { cases: [] as [number, number, number][], rule: 0 }

/** Puts a $1 gift on each case the case matrix opened, and adds an inactive bounty rule. */
export async function seedMakeGoodMatrix(fixture: ApiFixture): Promise<void> {
  const { vp, admin, manager, repA, repB } = fixture.users
  const as = (id: number, role: 'vp' | 'admin'): CaseActor => ({
    actor: { userId: id, role, teamUserIds: new Set([id]) },
    audit: { actorUserId: id, via: 'api', requestId: null },
  })
  seeded.cases = []
  for (const [customerId, owner] of [
    ['A-001', manager.id],
    ['A-005', repA.id],
    ['B-001', repB.id],
  ] as const) {
    const row = await fixture.store.db
      .selectFrom('cases')
      .select('id')
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const offer = await proposeMakeGood(fixture.store, as(vp.id, 'vp'), {
      caseId: Number(row.id),
      kind: 'gift',
      valueMinor: 100,
    })
    seeded.cases.push([Number(row.id), offer.id, owner])
  }
  const rule = await addBountyRule(fixture.store, as(admin.id, 'admin'), {
    name: 'Matrix rule',
    fixedMinor: 1,
    active: false,
  })
  seeded.rule = rule.id
}

const onCases = (suffix: string): MakeGoodProbe[] => [
  ...seeded.cases.map(([caseId, , owner]) => ({ path: `/api/cases/${caseId}${suffix}`, owner })),
  { path: `/api/cases/999999${suffix}`, owner: 'missing' as const },
]

/** Probes for every policy route of make-goods and bounties, by operation id. */
export const MAKE_GOOD_PROBES: Record<string, (fixture: ApiFixture) => MakeGoodProbe[]> = {
  listMakeGoods: () => [
    { path: '/api/make-goods', owner: 'collection' },
    { path: '/api/make-goods?status=proposed&flag=price_concession', owner: 'collection' },
  ],
  listCaseMakeGoods: () => onCases('/make-goods'),
  suggestMakeGood: () => onCases('/make-good-suggestion'),
  proposeMakeGood: () =>
    onCases('/make-goods').map((probe) => ({
      ...probe,
      body: { kind: 'gift', valueMinor: 100, incidentIds: [999_999] },
      success: 400,
    })),
  decideMakeGood: () => [
    ...seeded.cases.map(([, offerId, owner]) => ({
      path: `/api/make-goods/${offerId}`,
      body: { decision: 'approve' },
      headers: STALE,
      owner,
      success: 412,
    })),
    {
      path: '/api/make-goods/999999',
      body: { decision: 'approve' },
      headers: STALE,
      owner: 'missing',
    },
  ],
  getMakeGoodSettings: () => [{ path: '/api/settings/make-goods', owner: 'collection' }],
  changeMakeGoodSettings: () => [
    {
      path: '/api/settings/make-goods',
      body: { limits: { rep: 50_000 } },
      headers: STALE,
      owner: 'collection',
      success: 412,
    },
  ],
  listBountyRules: () => [{ path: '/api/bounty-rules', owner: 'collection' }],
  addBountyRule: () => [
    {
      path: '/api/bounty-rules',
      body: { name: 'Matrix added', active: false },
      owner: 'collection',
    },
  ],
  changeBountyRule: () => [
    {
      path: `/api/bounty-rules/${seeded.rule}`,
      body: { months: 6 },
      headers: STALE,
      owner: 'collection',
      success: 412,
    },
    { path: '/api/bounty-rules/999999', body: { months: 6 }, headers: STALE, owner: 'missing' },
  ],
  accrueEarnings: () => [{ path: '/api/bounties/accrue', body: {}, owner: 'collection' }],
  getBountyLedger: (fixture) => [
    { path: '/api/bounties/ledger', owner: 'collection' },
    { path: `/api/bounties/ledger?userId=${fixture.users.repA.id}`, owner: fixture.users.repA.id },
    {
      path: `/api/bounties/ledger?userId=${fixture.users.manager.id}`,
      owner: fixture.users.manager.id,
    },
    { path: `/api/bounties/ledger?userId=${fixture.users.repB.id}`, owner: fixture.users.repB.id },
  ],
  getBountyStatement: (fixture) => [
    { path: '/api/bounties/statement.csv', owner: 'collection' },
    {
      path: `/api/bounties/statement.csv?userId=${fixture.users.repB.id}`,
      owner: fixture.users.repB.id,
    },
  ],
  getBountyLeaderboard: () => [{ path: '/api/bounties/leaderboard', owner: 'collection' }],
}
