import {
  addSuppression,
  createTemplate,
  getTemplateAs,
  listOutboxAs,
  listSuppressionsAs,
  listTemplatesAs,
  outreachConfigFromEnv,
  previewTemplateAs,
  queueEmail,
  recordBounce,
  updateTemplate,
} from '../../app/index.js'
import {
  bounceRequestSchema,
  outboxListResponseSchema,
  outboxQuerySchema,
  queueEmailRequestSchema,
  queueEmailResponseSchema,
  suppressionListResponseSchema,
  suppressionQuerySchema,
  suppressionRequestSchema,
  suppressionResultSchema,
  templateInputSchema,
  templateListQuerySchema,
  templateListResponseSchema,
  templateParamsSchema,
  templatePreviewRequestSchema,
  templatePreviewSchema,
  templateSchema,
} from '../contract/outreach.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute, expectedVersion } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

// issue 6 parts 1, 3 and 5: templates, the outbox and suppressions; the one-click unsubscribe
// endpoint is outside /api (unsubscribe.ts)

const TAG = 'outreach'

const listTemplatesRoute = defineRoute({
  method: 'get',
  path: '/templates',
  operationId: 'listTemplates',
  summary: 'The newest version of every template (everyone reads them)',
  tag: TAG,
  access: { kind: 'policy', resource: 'template', action: 'read' },
  query: templateListQuerySchema,
  response: templateListResponseSchema,
  async handle({ query, ctx }) {
    return { items: await listTemplatesAs(ctx.deps.store, caseActorOf(ctx), query.kind) }
  },
})

const getTemplateRoute = defineRoute({
  method: 'get',
  path: '/templates/{key}',
  operationId: 'getTemplate',
  summary: 'One template, its newest version; the ETag is that version',
  tag: TAG,
  access: { kind: 'policy', resource: 'template', action: 'read' },
  versioned: true,
  params: templateParamsSchema,
  response: templateSchema,
  async handle({ params, ctx }) {
    return getTemplateAs(ctx.deps.store, caseActorOf(ctx), params.key)
  },
})

const createTemplateRoute = defineRoute({
  method: 'post',
  path: '/templates',
  operationId: 'createTemplate',
  summary: 'Save a new template; an unknown merge field is refused (managers, VP, analysts)',
  tag: TAG,
  access: { kind: 'policy', resource: 'template', action: 'write' },
  successStatus: 201,
  body: templateInputSchema,
  response: templateSchema,
  async handle({ body, ctx }) {
    return createTemplate(ctx.deps.store, caseActorOf(ctx), body)
  },
})

const updateTemplateRoute = defineRoute({
  method: 'patch',
  path: '/templates/{key}',
  operationId: 'updateTemplate',
  summary: 'Save a change as the next version (If-Match: the version it is based on)',
  tag: TAG,
  access: { kind: 'policy', resource: 'template', action: 'write' },
  versioned: true,
  params: templateParamsSchema,
  body: templateInputSchema,
  response: templateSchema,
  async handle({ params, body, ctx }) {
    return updateTemplate(ctx.deps.store, caseActorOf(ctx), {
      key: params.key,
      expectedVersion: expectedVersion(ctx),
      input: body,
    })
  },
})

const previewTemplateRoute = defineRoute({
  method: 'post',
  path: '/templates/{key}/preview',
  operationId: 'previewTemplate',
  summary: 'Render a template with sample values or for one contact, as it would go out',
  tag: TAG,
  access: { kind: 'policy', resource: 'template', action: 'read' },
  params: templateParamsSchema,
  body: templatePreviewRequestSchema,
  response: templatePreviewSchema,
  async handle({ params, body, ctx }) {
    const { contactId, ...facts } = body
    return previewTemplateAs(ctx.deps.store, caseActorOf(ctx), {
      key: params.key,
      ...(contactId === undefined ? {} : { contactId }),
      facts: dropUndefined(facts),
      config: outreachConfigFromEnv(),
    })
  },
})

const queueEmailRoute = defineRoute({
  method: 'post',
  path: '/outbox',
  operationId: 'queueEmail',
  summary: 'Queue one email to a contact of an account the caller works',
  tag: TAG,
  access: { kind: 'policy', resource: 'case', action: 'write' },
  successStatus: 202,
  body: queueEmailRequestSchema,
  response: queueEmailResponseSchema,
  async handle({ body, ctx }) {
    return queueEmail(ctx.deps.store, caseActorOf(ctx), {
      ...dropUndefined(body),
      contactId: body.contactId,
      templateKey: body.templateKey,
    })
  },
})

const listOutboxRoute = defineRoute({
  method: 'get',
  path: '/outbox',
  operationId: 'listOutbox',
  summary: 'The outbox, newest first, with the count in each status',
  tag: TAG,
  access: { kind: 'policy', resource: 'campaign', action: 'read' },
  query: outboxQuerySchema,
  response: outboxListResponseSchema,
  async handle({ query, ctx }) {
    const page = await listOutboxAs(ctx.deps.store, caseActorOf(ctx), {
      ...dropUndefined(query),
      limit: query.limit,
      offset: query.offset,
    })
    return { items: page.messages, counts: page.counts }
  },
})

const listSuppressionsRoute = defineRoute({
  method: 'get',
  path: '/suppressions',
  operationId: 'listSuppressions',
  summary: 'The suppression list (admin, VP, analyst: it is personal data)',
  tag: TAG,
  access: { kind: 'policy', resource: 'contact_export', action: 'read' },
  query: suppressionQuerySchema,
  response: suppressionListResponseSchema,
  async handle({ query, ctx }) {
    const page = { ...dropUndefined(query), limit: query.limit, offset: query.offset }
    return { items: await listSuppressionsAs(ctx.deps.store, caseActorOf(ctx), page) }
  },
})

const addSuppressionRoute = defineRoute({
  method: 'post',
  path: '/suppressions',
  operationId: 'addSuppression',
  summary: 'Record that an address or contact must not be contacted (anyone signed in)',
  tag: TAG,
  access: { kind: 'signed_in' },
  successStatus: 201,
  body: suppressionRequestSchema,
  response: suppressionResultSchema,
  async handle({ body, ctx }) {
    const { reason, ...target } = body
    return addSuppression(ctx.deps.store, caseActorOf(ctx), {
      ...dropUndefined(target),
      kind: body.kind,
      ...(reason === undefined ? {} : { source: reason }),
    })
  },
})

const recordBounceRoute = defineRoute({
  method: 'post',
  path: '/bounces',
  operationId: 'recordBounce',
  summary: 'Record a bounce: suppress the address, flag its contacts "old address"',
  tag: TAG,
  access: { kind: 'policy', resource: 'campaign', action: 'write' },
  successStatus: 201,
  body: bounceRequestSchema,
  response: suppressionResultSchema,
  async handle({ body, ctx }) {
    const source = body.note === undefined ? 'bounce' : `bounce: ${body.note}`
    return recordBounce(ctx.deps.store, caseActorOf(ctx), { email: body.email, source })
  },
})

/** The outreach routes: templates, the outbox, suppressions and bounces. */
export const OUTREACH_ROUTES: readonly ApiRoute[] = [
  listTemplatesRoute,
  getTemplateRoute,
  createTemplateRoute,
  updateTemplateRoute,
  previewTemplateRoute,
  queueEmailRoute,
  listOutboxRoute,
  listSuppressionsRoute,
  addSuppressionRoute,
  recordBounceRoute,
]
