import {
  addPlanCondition,
  addPlanExtra,
  type CaseActor,
  completePlanConditionAs,
} from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on plans. Writes are made harmless: a stale If-Match
 * (412), a condition already done (409), a plan already started (409), an owner or extra the use
 * case refuses after the access check (400).
 */
export interface PlanProbe {
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

const STALE = { 'if-match': '"999999"' }
/** per matrix case: its id, a done condition, an extra, and whose it counts as */
const seeded = {
  cases: [] as { caseId: number; conditionId: number; extraId: number; owner: number }[],
}

/** Gives each case the case matrix opened a plan with one done condition and one extra. */
export async function seedPlanMatrix(fixture: ApiFixture): Promise<void> {
  const { vp, manager, repA, repB } = fixture.users
  const who: CaseActor = {
    actor: { userId: vp.id, role: 'vp', teamUserIds: new Set([vp.id]) },
    audit: { actorUserId: vp.id, via: 'api', requestId: null },
  }
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
    const caseId = Number(row.id)
    const condition = { text: 'Matrix', side: 'customer', contactName: 'Ann', dueOn: '2030-01-01' }
    const plan = await addPlanCondition(fixture.store, who, { caseId, condition })
    const conditionId = plan.conditions[0]?.id ?? 0
    await completePlanConditionAs(fixture.store, who, { caseId, conditionId })
    const withExtra = await addPlanExtra(fixture.store, who, { caseId, extra: { what: 'Matrix' } })
    seeded.cases.push({ caseId, conditionId, extraId: withExtra.extras[0]?.id ?? 0, owner })
  }
}

const onCases = (suffix: (line: (typeof seeded.cases)[number]) => string): PlanProbe[] => [
  ...seeded.cases.map((line) => ({
    path: `/api/cases/${line.caseId}${suffix(line)}`,
    owner: line.owner,
  })),
  {
    path: `/api/cases/999999${suffix({ caseId: 0, conditionId: 1, extraId: 1, owner: 0 })}`,
    owner: 'missing' as const,
  },
]
const withBody = (probes: PlanProbe[], body: unknown, more: Partial<PlanProbe> = {}): PlanProbe[] =>
  probes.map((probe) => ({ ...probe, body, ...more }))

/** Probes for every plan route, by operation id. */
export const PLAN_PROBES: Record<string, (fixture: ApiFixture) => PlanProbe[]> = {
  getPlan: () => onCases(() => '/plan'),
  getPlanAgreement: () => onCases(() => '/plan/agreement.pdf?size=letter'),
  startPlan: () =>
    withBody(
      onCases(() => '/plan'),
      { summary: 'x' },
      { success: 409 },
    ),
  changePlan: () =>
    withBody(
      onCases(() => '/plan'),
      { summary: 'x' },
      { headers: STALE, success: 412 },
    ),
  agreePlan: () =>
    withBody(
      onCases(() => '/plan/agreement'),
      { theirSigner: 'Ann' },
      { headers: STALE, success: 412 },
    ),
  addPlanCondition: () =>
    withBody(
      onCases(() => '/plan/conditions'),
      { text: 'x', side: 'us', ownerId: 999_999, dueOn: '2030-01-01' },
      { success: 400 },
    ),
  changePlanCondition: () =>
    withBody(
      onCases((line) => `/plan/conditions/${line.conditionId}`),
      { note: 'x' },
      { headers: STALE, success: 412 },
    ),
  removePlanCondition: () =>
    onCases((line) => `/plan/conditions/${line.conditionId}`).map((probe) => ({
      ...probe,
      headers: STALE,
      success: 412,
    })),
  completePlanCondition: () =>
    withBody(
      onCases((line) => `/plan/conditions/${line.conditionId}/done`),
      {},
      { success: 409 },
    ),
  addPlanExtra: () =>
    withBody(
      onCases(() => '/plan/extras'),
      { what: '  ' },
      { success: 400 },
    ),
  removePlanExtra: () =>
    onCases((line) => `/plan/extras/${line.extraId}`).map((probe) => ({
      ...probe,
      headers: STALE,
      success: 412,
    })),
}
