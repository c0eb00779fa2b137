import { type CaseActor, createCampaign } from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on campaigns. They are made harmless: the seeded
 * campaigns' segment selects nobody, so creating and launching them queues nothing.
 */
export interface CampaignProbe {
  readonly path: string
  readonly body?: unknown
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

const EMPTY_SEGMENT = { segment: 'no-such-segment', kind: 'customer' as const }
/** the matrix's campaigns, as [id, who made it] */
const seeded: [number, number][] = []

/** Makes one campaign as the admin and one as the manager, each over an empty segment. */
export async function seedCampaignMatrix(fixture: ApiFixture): Promise<void> {
  seeded.length = 0
  const { admin, manager } = fixture.users
  for (const [person, role] of [
    [admin, 'admin'],
    [manager, 'manager'],
  ] as const) {
    const who: CaseActor = {
      actor: { userId: person.id, role, teamUserIds: new Set([person.id]) },
      audit: { actorUserId: person.id, via: 'api', requestId: null },
    }
    const made = await createCampaign(fixture.store, who, {
      name: `Matrix ${role}`,
      templateKey: 'fun-email-appreciation-day',
      segment: EMPTY_SEGMENT,
    })
    seeded.push([made.campaign.id, person.id])
  }
}

const onCampaigns = (suffix: string): CampaignProbe[] => [
  ...seeded.map(([id, owner]) => ({ path: `/api/campaigns/${id}${suffix}`, owner })),
  { path: `/api/campaigns/999999${suffix}`, owner: 'missing' as const },
]

/** Probes for every campaign route, by operation id. */
export const CAMPAIGN_PROBES: Record<string, (fixture: ApiFixture) => CampaignProbe[]> = {
  listCampaigns: () => [{ path: '/api/campaigns', owner: 'collection' }],
  createCampaign: () => [
    {
      path: '/api/campaigns',
      body: {
        name: 'Matrix made',
        templateKey: 'fun-email-appreciation-day',
        segment: EMPTY_SEGMENT,
      },
      owner: 'collection',
    },
  ],
  getCampaign: () => onCampaigns(''),
  launchCampaign: () => onCampaigns('/launch'),
  getCampaignResults: () => onCampaigns('/results'),
}
