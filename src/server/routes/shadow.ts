import { createHash } from 'node:crypto'
import {
  addShadowContentAs,
  getShadowSettings,
  listJobsAs,
  listShadowContentAs,
  listShadowTimelineAs,
  retireShadowContentAs,
  runJobNowAs,
  type ShadowSettings,
  setShadowSettings,
  shadowPortfolioAs,
} from '../../app/index.js'
import {
  addShadowContentBodySchema,
  changeShadowSettingsBodySchema,
  customerTouchesParamsSchema,
  customerTouchesResponseSchema,
  jobListQuerySchema,
  jobListResponseSchema,
  jobSchema,
  retiredSchema,
  runJobBodySchema,
  shadowContentListResponseSchema,
  shadowContentParamsSchema,
  shadowContentQuerySchema,
  shadowContentSchema,
  shadowPortfolioResponseSchema,
  shadowQuerySchema,
  shadowSettingsResponseSchema,
} from '../contract/shadow.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, assertIfMatch, defineRoute } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

// a setting has no version column: its tag is derived from its value (as case-settings.ts does)
function settingTag(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22)
}

const settingsAnswer = (settings: ShadowSettings) => ({
  version: settingTag(settings),
  ...settings,
})

const portfolioRoute = defineRoute({
  method: 'get',
  path: '/shadow',
  operationId: 'getShadowPortfolio',
  summary:
    'The shadow portfolio you may read: ex-customers and failed sales kept warm, with the last and next touch',
  tag: 'shadow',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  query: shadowQuerySchema,
  response: shadowPortfolioResponseSchema,
  async handle({ query, ctx }) {
    const view = await shadowPortfolioAs(ctx.deps.store, caseActorOf(ctx), dropUndefined(query))
    return { ...view, settings: { ...view.settings }, excluded: { ...view.excluded } }
  },
})

const getSettingsRoute = defineRoute({
  method: 'get',
  path: '/shadow/settings',
  operationId: 'getShadowSettings',
  summary: 'The cadence between touches, the radar before a supplier choice, and the tone',
  tag: 'shadow',
  access: { kind: 'policy', resource: 'setting', action: 'read' },
  versioned: true,
  response: shadowSettingsResponseSchema,
  async handle({ ctx }) {
    return settingsAnswer(await getShadowSettings(ctx.deps.store))
  },
})

const changeSettingsRoute = defineRoute({
  method: 'patch',
  path: '/shadow/settings',
  operationId: 'changeShadowSettings',
  summary: 'Change the cadence, the radar or the tone (admins)',
  tag: 'shadow',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  versioned: true,
  body: changeShadowSettingsBodySchema,
  response: shadowSettingsResponseSchema,
  async handle({ body, ctx }) {
    const next = await setShadowSettings(
      ctx.deps.store,
      caseActorOf(ctx),
      dropUndefined(body),
      (current) => assertIfMatch(ctx, settingTag(current)),
    )
    return settingsAnswer(next)
  },
})

const listContentRoute = defineRoute({
  method: 'get',
  path: '/shadow/content',
  operationId: 'listShadowContent',
  summary: "The touches' content library (all=true includes retired items)",
  tag: 'shadow',
  access: { kind: 'policy', resource: 'template', action: 'read' },
  query: shadowContentQuerySchema,
  response: shadowContentListResponseSchema,
  async handle({ query, ctx }) {
    const items = await listShadowContentAs(ctx.deps.store, caseActorOf(ctx), {
      all: query.all === 'true',
    })
    return { items }
  },
})

const addContentRoute = defineRoute({
  method: 'post',
  path: '/shadow/content',
  operationId: 'addShadowContent',
  summary: 'Add a case study, article or introduction to the library (who writes templates)',
  tag: 'shadow',
  access: { kind: 'policy', resource: 'template', action: 'write' },
  successStatus: 201,
  body: addShadowContentBodySchema,
  response: shadowContentSchema,
  async handle({ body, ctx }) {
    return addShadowContentAs(ctx.deps.store, caseActorOf(ctx), {
      title: body.title,
      url: body.url,
      valueKind: body.valueKind,
      segment: body.segment ?? null,
    })
  },
})

const retireContentRoute = defineRoute({
  method: 'post',
  path: '/shadow/content/{id}/retire',
  operationId: 'retireShadowContent',
  summary: 'Stop using a library item (past touches keep naming it; retiring twice is harmless)',
  tag: 'shadow',
  access: { kind: 'policy', resource: 'template', action: 'write' },
  params: shadowContentParamsSchema,
  response: retiredSchema,
  async handle({ params, ctx }) {
    await retireShadowContentAs(ctx.deps.store, caseActorOf(ctx), params.id)
    return { id: params.id, active: false as const }
  },
})

const listJobsRoute = defineRoute({
  method: 'get',
  path: '/jobs',
  operationId: 'listJobs',
  summary: 'The stored background jobs, newest first (admins and the VP, like the audit log)',
  tag: 'jobs',
  access: { kind: 'policy', resource: 'audit_log', action: 'read' },
  query: jobListQuerySchema,
  response: jobListResponseSchema,
  async handle({ query, ctx }) {
    const items = await listJobsAs(ctx.deps.store, caseActorOf(ctx), dropUndefined(query))
    return { items }
  },
})

const runJobRoute = defineRoute({
  method: 'post',
  path: '/jobs',
  operationId: 'runJobNow',
  summary: 'Run a stored job again now, or enqueue one of a kind due now (admins)',
  tag: 'jobs',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  successStatus: 202,
  body: runJobBodySchema,
  response: jobSchema,
  async handle({ body, ctx }) {
    return runJobNowAs(ctx.deps.store, caseActorOf(ctx), dropUndefined(body))
  },
})

const customerTouchesRoute = defineRoute({
  method: 'get',
  path: '/customers/{id}/timeline',
  operationId: 'getCustomerTimeline',
  summary:
    "A customer's timeline of touches, newest first, with shadow touches' value kind, content and delivery",
  tag: 'customers',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  params: customerTouchesParamsSchema,
  response: customerTouchesResponseSchema,
  async handle({ params, ctx }) {
    return { items: await listShadowTimelineAs(ctx.deps.store, caseActorOf(ctx), params.id) }
  },
})

/** The shadow portfolio, its library and settings, the background jobs, and customers' touches. */
export const SHADOW_ROUTES: readonly ApiRoute[] = [
  portfolioRoute,
  getSettingsRoute,
  changeSettingsRoute,
  listContentRoute,
  addContentRoute,
  retireContentRoute,
  listJobsRoute,
  runJobRoute,
  customerTouchesRoute,
]
