import {
  addReason,
  importedReasonMappings,
  listReasonPhraseViews,
  listReasonViews,
  mapReasonPhrase,
  mergeReasons,
  type ReasonView,
  renameReason,
  type Store,
  unmapReasonPhrase,
} from '../../app/index.js'
import { NotFoundError } from '../../domain/errors.js'
import {
  addReasonBodySchema,
  changeReasonBodySchema,
  deleteReasonPhraseResponseSchema,
  mergeReasonBodySchema,
  reasonListQuerySchema,
  reasonListResponseSchema,
  reasonParamsSchema,
  reasonPhraseListResponseSchema,
  reasonPhraseParamsSchema,
  reasonViewSchema,
  setReasonPhraseBodySchema,
  setReasonPhraseResponseSchema,
} from '../contract/reasons.js'
import { type ApiRoute, defineRoute, expectedVersion } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

// the taxonomy as views, merged reasons included, to answer for the reason a change touched
async function reasonView(
  target: Store,
  find: (view: ReasonView) => boolean,
  label: string,
): Promise<ReasonView> {
  const view = (await listReasonViews(target, { includeMerged: true })).find(find)
  if (view === undefined) {
    throw new NotFoundError(`reason ${label} not found`)
  }
  return view
}

const listReasonsRoute = defineRoute({
  method: 'get',
  path: '/reasons',
  operationId: 'listReasons',
  summary: 'The loss reason taxonomy (merged reasons only when asked)',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'read' },
  query: reasonListQuerySchema,
  response: reasonListResponseSchema,
  async handle({ query, ctx }) {
    const items = await listReasonViews(ctx.deps.store, {
      includeMerged: query.includeMerged === true,
    })
    return { items }
  },
})

const getReasonRoute = defineRoute({
  method: 'get',
  path: '/reasons/{code}',
  operationId: 'getReason',
  summary: 'One reason of the taxonomy',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'read' },
  versioned: true,
  params: reasonParamsSchema,
  response: reasonViewSchema,
  async handle({ params, ctx }) {
    return reasonView(ctx.deps.store, (view) => view.code === params.code, params.code)
  },
})

const addReasonRoute = defineRoute({
  method: 'post',
  path: '/reasons',
  operationId: 'addReason',
  summary: 'Add a reason to the taxonomy (admins)',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  successStatus: 201,
  versioned: true,
  body: addReasonBodySchema,
  response: reasonViewSchema,
  async handle({ body, ctx }) {
    const { parentCode, ...rest } = body
    const row = await addReason(ctx.deps.store, caseActorOf(ctx), {
      ...rest,
      ...(parentCode === undefined ? {} : { parentCode }),
    })
    return reasonView(ctx.deps.store, (view) => view.id === Number(row.id), body.code)
  },
})

const changeReasonRoute = defineRoute({
  method: 'patch',
  path: '/reasons/{code}',
  operationId: 'changeReason',
  summary: 'Rename a reason or mark it fixable or not; findings keep pointing at it (admins)',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  versioned: true,
  params: reasonParamsSchema,
  body: changeReasonBodySchema,
  response: reasonViewSchema,
  async handle({ params, body, ctx }) {
    const version = expectedVersion(ctx)
    const { newCode, label, fixable } = body
    const row = await renameReason(ctx.deps.store, caseActorOf(ctx), {
      code: params.code,
      expectedVersion: version,
      ...(newCode === undefined ? {} : { newCode }),
      ...(label === undefined ? {} : { label }),
      ...(fixable === undefined ? {} : { fixable }),
    })
    return reasonView(ctx.deps.store, (view) => view.id === Number(row.id), params.code)
  },
})

const mergeReasonRoute = defineRoute({
  method: 'post',
  path: '/reasons/{code}/merge',
  operationId: 'mergeReason',
  summary: 'Merge a reason into another, keeping its history under the other (admins)',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  params: reasonParamsSchema,
  body: mergeReasonBodySchema,
  response: reasonViewSchema,
  async handle({ params, body, ctx }) {
    const row = await mergeReasons(ctx.deps.store, caseActorOf(ctx), {
      fromCode: params.code,
      intoCode: body.into,
    })
    return reasonView(ctx.deps.store, (view) => view.id === Number(row.id), params.code)
  },
})

const listPhrasesRoute = defineRoute({
  method: 'get',
  path: '/reason-phrases',
  operationId: 'listReasonPhrases',
  summary: 'The imported-reason mapping, and the imported deal reasons as they map today',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'read' },
  response: reasonPhraseListResponseSchema,
  async handle({ ctx }) {
    return {
      items: await listReasonPhraseViews(ctx.deps.store),
      imported: await importedReasonMappings(ctx.deps.store),
    }
  },
})

const setPhraseRoute = defineRoute({
  method: 'post',
  path: '/reason-phrases',
  operationId: 'setReasonPhrase',
  summary: 'Map a phrase of imported loss reasons to a reason code (admins)',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  body: setReasonPhraseBodySchema,
  response: setReasonPhraseResponseSchema,
  async handle({ body, ctx }) {
    return mapReasonPhrase(ctx.deps.store, caseActorOf(ctx), body)
  },
})

const deletePhraseRoute = defineRoute({
  method: 'delete',
  path: '/reason-phrases/{phrase}',
  operationId: 'deleteReasonPhrase',
  summary: 'Remove a phrase from the imported-reason mapping (admins)',
  tag: 'reasons',
  access: { kind: 'policy', resource: 'setting', action: 'write' },
  params: reasonPhraseParamsSchema,
  response: deleteReasonPhraseResponseSchema,
  async handle({ params, ctx }) {
    return { removed: await unmapReasonPhrase(ctx.deps.store, caseActorOf(ctx), params.phrase) }
  },
})

/** The reason taxonomy and the imported-reason mapping. */
export const REASON_ROUTES: readonly ApiRoute[] = [
  listReasonsRoute,
  getReasonRoute,
  addReasonRoute,
  changeReasonRoute,
  mergeReasonRoute,
  listPhrasesRoute,
  setPhraseRoute,
  deletePhraseRoute,
]
