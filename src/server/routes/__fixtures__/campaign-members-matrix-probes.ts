import { type CaseActor, createCampaign } from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'
import { addTreatedMember } from '../../../test-support/campaign-member-seed.js'

/**
 * The access matrix's probes (TESTPLAN T9) on campaign members, outcomes and "send queued now".
 * Each seeded campaign selects nobody from the lost list; one member (A-001, treated) is added
 * by hand, so recording an outcome for it writes one harmless touch.
 */
export interface CampaignMemberProbe {
  readonly path: string
  readonly body?: unknown
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

/** the matrix's campaigns, as [id, who made it, its one member] */
const seeded: [number, number, number][] = []

/** Makes one campaign as the admin and one as the manager, each with one hand-made member. */
export async function seedCampaignMemberMatrix(fixture: ApiFixture): Promise<void> {
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
      name: `Members matrix ${role}`,
      templateKey: 'fun-email-appreciation-day',
      segment: { segment: 'no-such-segment', kind: 'customer' },
    })
    const campaignId = made.campaign.id
    seeded.push([campaignId, person.id, await addTreatedMember(fixture.store, campaignId, 'A-001')])
  }
}

/** Probes for the member routes and the outbox's "send queued now", by operation id. */
export const CAMPAIGN_MEMBER_PROBES: Record<
  string,
  (fixture: ApiFixture) => CampaignMemberProbe[]
> = {
  listCampaignMembers: () => [
    ...seeded.map(([id, owner]) => ({ path: `/api/campaigns/${id}/members`, owner })),
    { path: '/api/campaigns/999999/members', owner: 'missing' },
  ],
  recordCampaignMemberOutcome: () => [
    ...seeded.map(([id, owner, memberId]) => ({
      path: `/api/campaigns/${id}/members/${memberId}/outcome`,
      body: { kind: 'reply' },
      owner,
    })),
    // a member of another campaign is no member of this one
    ...seeded.map(([id, owner], index) => ({
      path: `/api/campaigns/${id}/members/${seeded[1 - index]?.[2] ?? 999999}/outcome`,
      body: { kind: 'meeting' },
      owner,
      success: 404,
    })),
    { path: '/api/campaigns/999999/members/1/outcome', body: { kind: 'reply' }, owner: 'missing' },
  ],
  previewTemplateDraft: () => [
    {
      path: '/api/template-preview',
      body: { kind: 'letter', subject: null, body: 'Dear {{contact}}, {{offer}}', offer: 'a gift' },
      owner: 'collection',
    },
  ],
  // the tests run without COMEBACK_SMTP_URL: an allowed caller is told what to set (400)
  sendQueuedNow: () => [{ path: '/api/outbox/send', owner: 'collection', success: 400 }],
}
