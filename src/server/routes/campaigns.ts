import {
  type CampaignView,
  campaignResults,
  createCampaign,
  getCampaignAs,
  launchCampaign,
  listCampaignsAs,
} from '../../app/index.js'
import {
  campaignListResponseSchema,
  campaignParamsSchema,
  campaignResultsSchema,
  campaignSchema,
  createCampaignBodySchema,
  createdCampaignSchema,
  launchOutcomeSchema,
} from '../contract/campaigns.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

const toItem = (campaign: CampaignView) => ({
  ...campaign,
  segment: { ...campaign.segment },
  excluded: { ...campaign.excluded },
})

const listRoute = defineRoute({
  method: 'get',
  path: '/campaigns',
  operationId: 'listCampaigns',
  summary: 'The campaigns you may read, newest first',
  tag: 'campaigns',
  access: { kind: 'policy', resource: 'campaign', action: 'read' },
  response: campaignListResponseSchema,
  async handle({ ctx }) {
    const items = await listCampaignsAs(ctx.deps.store, caseActorOf(ctx))
    return { items: items.map(toItem) }
  },
})

const createRoute = defineRoute({
  method: 'post',
  path: '/campaigns',
  operationId: 'createCampaign',
  summary: 'Make a campaign from lost-list filters: members frozen now, a random share held out',
  tag: 'campaigns',
  access: { kind: 'policy', resource: 'campaign', action: 'write' },
  successStatus: 201,
  body: createCampaignBodySchema,
  response: createdCampaignSchema,
  async handle({ body, ctx }) {
    const made = await createCampaign(ctx.deps.store, caseActorOf(ctx), {
      ...dropUndefined(body),
      name: body.name,
      templateKey: body.templateKey,
      segment: dropUndefined(body.segment),
    })
    return { ...made, campaign: toItem(made.campaign) }
  },
})

const getRoute = defineRoute({
  method: 'get',
  path: '/campaigns/{id}',
  operationId: 'getCampaign',
  summary: 'One campaign',
  tag: 'campaigns',
  access: { kind: 'policy', resource: 'campaign', action: 'read' },
  params: campaignParamsSchema,
  response: campaignSchema,
  async handle({ params, ctx }) {
    return toItem(await getCampaignAs(ctx.deps.store, caseActorOf(ctx), params.id))
  },
})

const launchRoute = defineRoute({
  method: 'post',
  path: '/campaigns/{id}/launch',
  operationId: 'launchCampaign',
  summary: 'Queue one email per treated member (the holdout gets none); launching again adds none',
  tag: 'campaigns',
  access: { kind: 'policy', resource: 'campaign', action: 'write' },
  params: campaignParamsSchema,
  response: launchOutcomeSchema,
  async handle({ params, ctx }) {
    return launchCampaign(ctx.deps.store, caseActorOf(ctx), params.id)
  },
})

const resultsRoute = defineRoute({
  method: 'get',
  path: '/campaigns/{id}/results',
  operationId: 'getCampaignResults',
  summary:
    'Per arm since launch: sent, replies, win-backs, revenue; the lift with its 95 % interval',
  tag: 'campaigns',
  access: { kind: 'policy', resource: 'campaign', action: 'read' },
  params: campaignParamsSchema,
  response: campaignResultsSchema,
  async handle({ params, ctx }) {
    return campaignResults(ctx.deps.store, caseActorOf(ctx), params.id)
  },
})

/** The campaign routes (issue 6 part 2). */
export const CAMPAIGN_ROUTES: readonly ApiRoute[] = [
  listRoute,
  createRoute,
  getRoute,
  launchRoute,
  resultsRoute,
]
