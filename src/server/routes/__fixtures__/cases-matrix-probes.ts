import { type CaseActor, openCase } from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * One request of the access matrix (TESTPLAN T9) on the case routes. `success` is what a caller
 * the policy lets through gets when it is not the route's plain success: a write sent with a stale
 * `If-Match` answers 412, a body the use case refuses 400 — so the matrix reaches the record
 * without changing it.
 */
export interface CaseProbe {
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

/** The records the case probes touch, seeded once per store. */
interface Seeded {
  /** owned by the manager, no reps: the manager's team and the all-seeing roles reach it */
  managerCase: number
  /** owned by the manager, worked by rep A: rep A reaches it too */
  repACase: number
  /** owned by the VP, worked by rep B on rep B's account: outside the manager's team */
  repBCase: number
  /** a task of rep A */
  repATask: number
}

const seeded: Seeded = { managerCase: 0, repACase: 0, repBCase: 0, repATask: 0 }
let reasonsAdded = 0
const STALE = { 'if-match': '"999999"' }

/**
 * Opens the matrix's cases and a task through the use cases (after `seedAnalysis`, which makes
 * `A-001`, `A-005` and `B-001` lost).
 */
export async function seedCaseMatrix(fixture: ApiFixture): Promise<void> {
  const { manager, vp, repA, repB } = fixture.users
  // the fixture's reporting lines: the manager's team is themselves and rep A
  const who = (id: number, team: number[]): CaseActor => ({
    actor: { userId: id, role: id === vp.id ? 'vp' : 'manager', teamUserIds: new Set(team) },
    audit: { actorUserId: id, via: 'api', requestId: null },
  })
  const open = async (as: CaseActor, customerId: string, repIds: number[]) =>
    (await openCase(fixture.store, as, { subject: { kind: 'customer', customerId }, repIds })).id
  const byManager = who(manager.id, [manager.id, repA.id])
  seeded.managerCase = await open(byManager, 'A-001', [])
  seeded.repACase = await open(byManager, 'A-005', [repA.id])
  seeded.repBCase = await open(who(vp.id, [vp.id]), 'B-001', [repB.id])
  const task = await fixture.store.db
    .insertInto('tasks')
    .values({
      owner_id: repA.id,
      customer_id: 'A-001',
      deal_id: null,
      case_id: null,
      kind: 'tell_what_changed',
      title: 'Tell them what changed',
      due_on: '2030-01-01',
      done: 0,
      done_at: null,
      source_key: null,
      created_at: new Date().toISOString(),
      created_by: 'matrix',
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  seeded.repATask = Number(task.id)
}

const caseObjects = (fixture: ApiFixture, suffix = '') => [
  { path: `/api/cases/${seeded.managerCase}${suffix}`, owner: fixture.users.manager.id },
  { path: `/api/cases/${seeded.repACase}${suffix}`, owner: fixture.users.repA.id },
  { path: `/api/cases/${seeded.repBCase}${suffix}`, owner: fixture.users.repB.id },
  { path: `/api/cases/999999${suffix}`, owner: 'missing' as const },
]

const staleWrites = (probes: readonly CaseProbe[], body: unknown): CaseProbe[] =>
  probes.map((probe) => ({ ...probe, body, headers: STALE, success: 412 }))

/** Probes for every policy route of the case workflow, by operation id. */
export const CASE_PROBES: Record<string, (fixture: ApiFixture) => CaseProbe[]> = {
  listCases: (fixture) => [
    { path: '/api/cases', owner: 'collection' },
    {
      path: `/api/cases?ownerId=${fixture.users.vp.id}&open=true&sort=-lostValue`,
      owner: 'collection',
    },
  ],
  listOverdueSteps: () => [{ path: '/api/cases/overdue', owner: 'collection' }],
  getCase: (fixture) => caseObjects(fixture),
  openCase: () => [
    {
      path: '/api/cases',
      body: { subject: { kind: 'customer', customerId: 'Z-999' } },
      owner: 'missing',
    },
  ],
  changeCase: (fixture) => staleWrites(caseObjects(fixture), { nextStep: 'Matrix' }),
  assignCase: (fixture) => staleWrites(caseObjects(fixture, '/people'), { nextStep: 'Matrix' }),
  recordNewDecisionMaker: (fixture) =>
    [
      ['A-001', fixture.users.repA.id],
      ['B-001', fixture.users.repB.id],
      ['Z-999', 'missing'],
    ].map(([id, owner]) => ({
      path: `/api/customers/${id}/new-decision-maker`,
      body: { changedOn: '2024-06-01' },
      owner: owner as number | 'missing',
    })),
  listReasons: () => [{ path: '/api/reasons?includeMerged=true', owner: 'collection' }],
  getReason: () => [
    { path: '/api/reasons/price', owner: 'collection' },
    { path: '/api/reasons/no_such_reason', owner: 'missing' },
  ],
  addReason: () => {
    reasonsAdded += 1
    return [
      {
        path: '/api/reasons',
        body: { code: `matrix_${reasonsAdded}`, label: `Matrix ${reasonsAdded}`, fixable: false },
        owner: 'collection',
      },
    ]
  },
  changeReason: () => [
    {
      path: '/api/reasons/price',
      body: { label: 'Price' },
      headers: STALE,
      owner: 'collection',
      success: 412,
    },
  ],
  mergeReason: () => [
    {
      path: '/api/reasons/price/merge',
      body: { into: 'price' },
      owner: 'collection',
      success: 400,
    },
  ],
  listReasonPhrases: () => [{ path: '/api/reason-phrases', owner: 'collection' }],
  setReasonPhrase: () => [
    {
      path: '/api/reason-phrases',
      body: { phrase: 'matrix phrase', code: 'price' },
      owner: 'collection',
    },
  ],
  deleteReasonPhrase: () => [{ path: '/api/reason-phrases/matrix%20phrase', owner: 'collection' }],
  listFixes: () => [{ path: '/api/fixes', owner: 'collection' }],
  recordFix: (fixture) => [
    {
      path: '/api/fixes',
      body: {
        reasonCode: 'no_such_reason',
        fixedOn: '2024-06-01',
        scope: { kind: 'rep', value: String(fixture.users.repA.id) },
        note: 'matrix',
      },
      owner: fixture.users.repA.id,
      success: 400,
    },
  ],
  listReasonFixed: () => [{ path: '/api/reason-fixed', owner: 'collection' }],
  getGoldenLessons: () => [{ path: '/api/lessons?period=month', owner: 'collection' }],
  listTasks: () => [{ path: '/api/tasks?open=true', owner: 'collection' }],
  completeTask: (fixture) =>
    staleWrites(
      [
        { path: `/api/tasks/${seeded.repATask}`, owner: fixture.users.repA.id },
        { path: '/api/tasks/999999', owner: 'missing' },
      ],
      { done: true },
    ),
  getCaseRuleSettings: () => [{ path: '/api/settings/case-rules', owner: 'collection' }],
  changeCaseRuleSettings: () =>
    staleWrites([{ path: '/api/settings/case-rules', owner: 'collection' }], { newRepMonths: 6 }),
  getAnalysisSettings: () => [{ path: '/api/settings/analysis', owner: 'collection' }],
  changeAnalysisSetting: () =>
    staleWrites([{ path: '/api/settings/analysis', owner: 'collection' }], {
      name: 'lapse.lostAfterDays',
      value: 182,
    }),
}
