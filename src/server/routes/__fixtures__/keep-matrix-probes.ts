import { acknowledgeAlertAs, type CaseActor, listAlertsAs, raiseAlert } from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on alerts, keep-plans, the re-lapse report and let-go.
 * Writes are made harmless: the seeded alerts are already acknowledged (a caller who may act gets
 * 409), and the let-go probe only dismisses a suggestion.
 */
export interface KeepProbe {
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

/** the seeded alerts, with the user each is for */
const seeded = { alerts: [] as [number, number][] }

/** Raises one alert for rep A, the manager and rep B, each already acknowledged by the admin. */
export async function seedKeepMatrix(fixture: ApiFixture): Promise<void> {
  const { admin, manager, repA, repB } = fixture.users
  const who: CaseActor = {
    actor: { userId: admin.id, role: 'admin', teamUserIds: new Set([admin.id]) },
    audit: { actorUserId: admin.id, via: 'api', requestId: null },
  }
  seeded.alerts = []
  for (const [customerId, owner] of [
    ['A-002', repA.id],
    ['A-003', manager.id],
    ['B-002', repB.id],
  ] as const) {
    await raiseAlert(fixture.store, {
      kind: 'p_alive_slip',
      customer_id: customerId,
      case_id: null,
      owner_id: owner,
      message: `${customerId} is slipping`,
      trigger_key: `p_alive_slip:matrix:${customerId}`,
    })
    const [alert] = await listAlertsAs(fixture.store, who, { customerId })
    if (alert === undefined) {
      throw new Error(`the matrix alert on ${customerId} was not raised`)
    }
    await acknowledgeAlertAs(fixture.store, who, alert.id)
    seeded.alerts.push([alert.id, owner])
  }
}

/** Probes for every policy route of the keep watch and let-go, by operation id. */
export const KEEP_PROBES: Record<string, (fixture: ApiFixture) => KeepProbe[]> = {
  listAlerts: () => [
    { path: '/api/alerts', owner: 'collection' },
    { path: '/api/alerts?open=true', owner: 'collection' },
  ],
  acknowledgeAlert: () => [
    ...seeded.alerts.map(([id, owner]) => ({
      path: `/api/alerts/${id}/acknowledge`,
      body: {},
      owner,
      success: 409,
    })),
    { path: '/api/alerts/999999/acknowledge', body: {}, owner: 'missing' as const },
  ],
  getKeepPlan: (fixture) => [
    { path: '/api/customers/A-001/keep-plan', owner: fixture.users.repA.id },
    { path: '/api/customers/B-001/keep-plan', owner: fixture.users.repB.id },
    { path: '/api/customers/U-001/keep-plan', owner: null },
    { path: '/api/customers/Z-999/keep-plan', owner: 'missing' },
  ],
  getRelapseReport: () => [
    { path: '/api/reports/re-lapse', owner: 'collection' },
    { path: '/api/reports/re-lapse?asOf=2024-06-30', owner: 'collection' },
  ],
  listLetGoSuggestions: () => [{ path: '/api/let-go/suggestions', owner: 'collection' }],
  decideLetGo: (fixture) => [
    {
      path: '/api/customers/A-004/let-go',
      body: { decision: 'dismissed' },
      owner: fixture.users.repA.id,
    },
    {
      path: '/api/customers/B-004/let-go',
      body: { decision: 'dismissed' },
      owner: fixture.users.repB.id,
    },
    { path: '/api/customers/Z-999/let-go', body: { decision: 'dismissed' }, owner: 'missing' },
  ],
}
