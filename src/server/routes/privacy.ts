import { eraseCustomer, exportPersonalData, listTouchesAs, recordTouch } from '../../app/index.js'
import { customerParamsSchema } from '../contract/customers.js'
import {
  erasureResponseSchema,
  personalDataResponseSchema,
  touchListResponseSchema,
  touchRequestSchema,
  touchSchema,
} from '../contract/privacy.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

// TESTPLAN T23 (erasure, access export) and issue 6 item 7 (recorded touches)

const TAG = 'privacy'

const eraseCustomerRoute = defineRoute({
  method: 'post',
  path: '/customers/{id}/erase',
  operationId: 'eraseCustomer',
  summary: "Erase a customer's personal data (GDPR Art. 17); orders kept under the same id (admin)",
  tag: TAG,
  access: { kind: 'policy', resource: 'personal_data', action: 'write' },
  params: customerParamsSchema,
  response: erasureResponseSchema,
  async handle({ params, ctx }) {
    return eraseCustomer(ctx.deps.store, caseActorOf(ctx), params.id)
  },
})

const personalDataRoute = defineRoute({
  method: 'get',
  path: '/customers/{id}/personal-data',
  operationId: 'getPersonalData',
  summary: "All of a customer's data as JSON, for an access request (GDPR Art. 15; admin, VP)",
  tag: TAG,
  access: { kind: 'policy', resource: 'personal_data', action: 'read' },
  params: customerParamsSchema,
  response: personalDataResponseSchema,
  async handle({ params, ctx }) {
    const data = await exportPersonalData(ctx.deps.store, caseActorOf(ctx), params.id)
    return {
      ...data,
      tables: Object.fromEntries(Object.entries(data.tables).map(([t, rows]) => [t, [...rows]])),
    }
  },
})

const recordTouchRoute = defineRoute({
  method: 'post',
  path: '/customers/{id}/touches',
  operationId: 'recordTouch',
  summary: "Record a call, meeting, gift, letter or email on the customer's timeline",
  tag: TAG,
  access: { kind: 'policy', resource: 'case', action: 'write' },
  successStatus: 201,
  params: customerParamsSchema,
  body: touchRequestSchema,
  response: touchSchema,
  async handle({ params, body, ctx }) {
    const { channel, ...rest } = body
    return recordTouch(ctx.deps.store, caseActorOf(ctx), params.id, {
      channel,
      ...dropUndefined(rest),
    })
  },
})

const listTouchesRoute = defineRoute({
  method: 'get',
  path: '/customers/{id}/touches',
  operationId: 'listTouches',
  summary: "The customer's touches, newest first (its timeline)",
  tag: TAG,
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  params: customerParamsSchema,
  response: touchListResponseSchema,
  async handle({ params, ctx }) {
    return { items: await listTouchesAs(ctx.deps.store, caseActorOf(ctx), params.id) }
  },
})

export const PRIVACY_ROUTES: readonly ApiRoute[] = [
  eraseCustomerRoute,
  personalDataRoute,
  recordTouchRoute,
  listTouchesRoute,
]
