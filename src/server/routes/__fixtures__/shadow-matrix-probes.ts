import { addShadowContentAs, type CaseActor } from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on the shadow portfolio, its library and settings, the
 * background jobs and customers' touches. Writes are made harmless: a stale If-Match answers 412,
 * retiring an item twice changes nothing, and an enqueued job is never run (no worker in the test).
 */
export interface ShadowProbe {
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

/** the library item the retire probes reach */
let seededContentId = 0

/** Adds one library item, as the admin. */
export async function seedShadowMatrix(fixture: ApiFixture): Promise<void> {
  const { admin } = fixture.users
  const who: CaseActor = {
    actor: { userId: admin.id, role: 'admin', teamUserIds: new Set([admin.id]) },
    audit: { actorUserId: admin.id, via: 'api', requestId: null },
  }
  const item = await addShadowContentAs(fixture.store, who, {
    title: 'Matrix case study',
    url: 'https://content.test/matrix',
    valueKind: 'case_study',
  })
  seededContentId = item.id
}

const STALE = { 'if-match': '"stale-tag"' }

/** Probes for every shadow, jobs and touches route, by operation id. */
export const SHADOW_PROBES: Record<string, (fixture: ApiFixture) => ShadowProbe[]> = {
  getShadowPortfolio: () => [
    { path: '/api/shadow', owner: 'collection' },
    { path: '/api/shadow?today=2024-06-30', owner: 'collection' },
  ],
  getShadowSettings: () => [{ path: '/api/shadow/settings', owner: 'collection' }],
  changeShadowSettings: () => [
    {
      path: '/api/shadow/settings',
      body: { minDays: 40 },
      headers: STALE,
      owner: 'collection',
      success: 412,
    },
  ],
  listShadowContent: () => [
    { path: '/api/shadow/content', owner: 'collection' },
    { path: '/api/shadow/content?all=true', owner: 'collection' },
  ],
  addShadowContent: () => [
    {
      path: '/api/shadow/content',
      body: { title: 'Matrix article', url: 'https://content.test/a', valueKind: 'article' },
      owner: 'collection',
    },
  ],
  retireShadowContent: () => [
    { path: `/api/shadow/content/${seededContentId}/retire`, owner: null },
    { path: '/api/shadow/content/999999/retire', owner: 'missing' },
  ],
  listJobs: () => [
    { path: '/api/jobs', owner: 'collection' },
    { path: '/api/jobs?status=queued&kind=shadow.cadence&limit=5', owner: 'collection' },
  ],
  runJobNow: () => [{ path: '/api/jobs', body: { kind: 'cases.resume' }, owner: 'collection' }],
  getCustomerTimeline: (fixture) => [
    { path: '/api/customers/A-001/timeline', owner: fixture.users.repA.id },
    { path: '/api/customers/B-001/timeline', owner: fixture.users.repB.id },
    { path: '/api/customers/Z-999/timeline', owner: 'missing' },
  ],
}
