import {
  listCampaignMembersAs,
  outreachConfigFromEnv,
  recordMemberOutcome,
  sendQueuedNow,
} from '../../app/index.js'
import {
  campaignMemberListResponseSchema,
  campaignMemberParamsSchema,
  memberOutcomeBodySchema,
  memberOutcomeResponseSchema,
  sendNowResponseSchema,
} from '../contract/campaign-members.js'
import { campaignParamsSchema } from '../contract/campaigns.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

// the campaign page's members and outcomes, and the outbox page's "send queued now" (issue 6)

const listMembersRoute = defineRoute({
  method: 'get',
  path: '/campaigns/{id}/members',
  operationId: 'listCampaignMembers',
  summary: 'A campaign’s members by arm, with message status and replies/meetings since launch',
  tag: 'campaigns',
  access: { kind: 'policy', resource: 'campaign', action: 'read' },
  params: campaignParamsSchema,
  response: campaignMemberListResponseSchema,
  async handle({ params, ctx }) {
    return { items: await listCampaignMembersAs(ctx.deps.store, caseActorOf(ctx), params.id) }
  },
})

const recordOutcomeRoute = defineRoute({
  method: 'post',
  path: '/campaigns/{id}/members/{memberId}/outcome',
  operationId: 'recordCampaignMemberOutcome',
  summary: 'Record that a member replied or met us: a touch its arm’s results count',
  tag: 'campaigns',
  access: { kind: 'policy', resource: 'campaign', action: 'write' },
  successStatus: 201,
  params: campaignMemberParamsSchema,
  body: memberOutcomeBodySchema,
  response: memberOutcomeResponseSchema,
  async handle({ params, body, ctx }) {
    return recordMemberOutcome(ctx.deps.store, caseActorOf(ctx), {
      campaignId: params.id,
      memberId: params.memberId,
      kind: body.kind,
      ...(body.note === undefined ? {} : { note: body.note }),
    })
  },
})

const sendNowRoute = defineRoute({
  method: 'post',
  path: '/outbox/send',
  operationId: 'sendQueuedNow',
  summary: 'Send up to 100 queued messages now (never the unknown ones); who runs campaigns',
  tag: 'outreach',
  access: { kind: 'policy', resource: 'campaign', action: 'write' },
  response: sendNowResponseSchema,
  async handle({ ctx }) {
    return sendQueuedNow(ctx.deps.store, caseActorOf(ctx), outreachConfigFromEnv())
  },
})

/** Campaign members and outcomes, and sending the outbox now. */
export const CAMPAIGN_MEMBER_ROUTES: readonly ApiRoute[] = [
  listMembersRoute,
  recordOutcomeRoute,
  sendNowRoute,
]
