import { createHash } from 'node:crypto'
import {
  decideMakeGood,
  getMakeGoodSettings,
  listCaseMakeGoods,
  listMakeGoodsAs,
  type MakeGoodSettings,
  type MakeGoodView,
  proposeMakeGood,
  setMakeGoodSettings,
  suggestMakeGoodFor,
} from '../../app/index.js'
import {
  changeMakeGoodSettingsBodySchema,
  decideMakeGoodBodySchema,
  type MakeGoodSettingsResponse,
  makeGoodCaseParamsSchema,
  makeGoodListResponseSchema,
  makeGoodParamsSchema,
  makeGoodReportQuerySchema,
  makeGoodSchema,
  makeGoodSettingsResponseSchema,
  makeGoodSuggestionResponseSchema,
  proposeMakeGoodBodySchema,
} from '../contract/make-goods.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, assertIfMatch, defineRoute, expectedVersion } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

const toItem = (offer: MakeGoodView) => ({
  ...offer,
  incidentIds: [...offer.incidentIds],
  flags: [...offer.flags],
})

const reportRoute = defineRoute({
  method: 'get',
  path: '/make-goods',
  operationId: 'listMakeGoods',
  summary: 'The make-goods report: every offer on a case you may read; price concessions flagged',
  tag: 'make-goods',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  query: makeGoodReportQuerySchema,
  response: makeGoodListResponseSchema,
  async handle({ query, ctx }) {
    const items = await listMakeGoodsAs(ctx.deps.store, caseActorOf(ctx), dropUndefined(query))
    return { items: items.map(toItem) }
  },
})

const listRoute = defineRoute({
  method: 'get',
  path: '/cases/{id}/make-goods',
  operationId: 'listCaseMakeGoods',
  summary: 'The make-good offers on a case, newest first, with their flags and status',
  tag: 'make-goods',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  params: makeGoodCaseParamsSchema,
  response: makeGoodListResponseSchema,
  async handle({ params, ctx }) {
    const items = await listCaseMakeGoods(ctx.deps.store, caseActorOf(ctx), params.id)
    return {
      items: items.map((item) => ({
        ...item,
        incidentIds: [...item.incidentIds],
        flags: [...item.flags],
      })),
    }
  },
})

const proposeRoute = defineRoute({
  method: 'post',
  path: '/cases/{id}/make-goods',
  operationId: 'proposeMakeGood',
  summary: 'Put a make-good forward on a case: sized against the suggestion and flagged',
  tag: 'make-goods',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  successStatus: 201,
  versioned: true,
  params: makeGoodCaseParamsSchema,
  body: proposeMakeGoodBodySchema,
  response: makeGoodSchema,
  async handle({ params, body, ctx }) {
    const offer = await proposeMakeGood(ctx.deps.store, caseActorOf(ctx), {
      caseId: params.id,
      ...dropUndefined(body),
      kind: body.kind,
      valueMinor: body.valueMinor,
    })
    return { ...offer, incidentIds: [...offer.incidentIds], flags: [...offer.flags] }
  },
})

const decideRoute = defineRoute({
  method: 'patch',
  path: '/make-goods/{id}',
  operationId: 'decideMakeGood',
  summary:
    'Approve or reject an offer (If-Match): within your limit; a price concession needs the VP and a reason',
  tag: 'make-goods',
  access: { kind: 'policy', resource: 'approval', action: 'write' },
  versioned: true,
  params: makeGoodParamsSchema,
  body: decideMakeGoodBodySchema,
  response: makeGoodSchema,
  async handle({ params, body, ctx }) {
    const offer = await decideMakeGood(ctx.deps.store, caseActorOf(ctx), {
      makeGoodId: params.id,
      decision: body.decision,
      expectedVersion: expectedVersion(ctx),
      reason: body.reason ?? null,
    })
    return { ...offer, incidentIds: [...offer.incidentIds], flags: [...offer.flags] }
  },
})

const suggestRoute = defineRoute({
  method: 'get',
  path: '/cases/{id}/make-good-suggestion',
  operationId: 'suggestMakeGood',
  summary:
    'The damage recorded, what the customer is worth back, and the make-good size they suggest',
  tag: 'make-goods',
  access: { kind: 'policy', resource: 'case', action: 'read' },
  params: makeGoodCaseParamsSchema,
  response: makeGoodSuggestionResponseSchema,
  async handle({ params, ctx }) {
    const advice = await suggestMakeGoodFor(ctx.deps.store, caseActorOf(ctx), params.id)
    return {
      caseId: advice.caseId,
      customerId: advice.customerId,
      incidents: advice.incidents.map((line) => ({ ...line })),
      findingCostMinor: advice.findingCostMinor,
      remedy: advice.remedy,
      damageMinor: advice.basis.damageMinor,
      valueIfWonBackMinor: advice.basis.valueIfWonBackMinor,
      yearlyRevenueMinor: advice.basis.yearlyRevenueMinor,
      ...advice.suggestion,
    }
  },
})

// a setting has no version column: its tag is derived from its value
function settingsAnswer(settings: MakeGoodSettings): MakeGoodSettingsResponse {
  const version = createHash('sha256')
    .update(JSON.stringify(settings))
    .digest('base64url')
    .slice(0, 22)
  return { version, limits: { ...settings.limits }, sizing: { ...settings.sizing } }
}

const getSettingsRoute = defineRoute({
  method: 'get',
  path: '/settings/make-goods',
  operationId: 'getMakeGoodSettings',
  summary: 'Approval limits by role and the make-good sizing rule',
  tag: 'settings',
  access: { kind: 'policy', resource: 'setting', action: 'read' },
  versioned: true,
  response: makeGoodSettingsResponseSchema,
  async handle({ ctx }) {
    return settingsAnswer(await getMakeGoodSettings(ctx.deps.store))
  },
})

const changeSettingsRoute = defineRoute({
  method: 'patch',
  path: '/settings/make-goods',
  operationId: 'changeMakeGoodSettings',
  summary: 'Change approval limits or the sizing rule (admins, If-Match)',
  tag: 'settings',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  versioned: true,
  body: changeMakeGoodSettingsBodySchema,
  response: makeGoodSettingsResponseSchema,
  async handle({ body, ctx }) {
    assertIfMatch(ctx, settingsAnswer(await getMakeGoodSettings(ctx.deps.store)).version)
    const next = await setMakeGoodSettings(ctx.deps.store, caseActorOf(ctx), {
      ...(body.limits === undefined ? {} : { limits: dropUndefined(body.limits) }),
      ...(body.sizing === undefined ? {} : { sizing: dropUndefined(body.sizing) }),
    })
    return settingsAnswer(next)
  },
})

/** Make-goods on a case, their approval, and the limits and sizing rule behind them. */
export const MAKE_GOOD_ROUTES: readonly ApiRoute[] = [
  reportRoute,
  listRoute,
  proposeRoute,
  decideRoute,
  suggestRoute,
  getSettingsRoute,
  changeSettingsRoute,
]
