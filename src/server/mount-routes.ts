import type { Context, Hono } from 'hono'
import type { z } from 'zod'
import {
  assertMayAccess,
  auditAuth,
  isFrozenAnswer,
  SecondFactorRequiredError,
} from '../app/index.js'
import { ComebackError, ValidationError } from '../domain/errors.js'
import { isUnsafeMethod } from './request-guards.js'
import type { ApiRoute, FileAnswer, RouteContext } from './route-definition.js'
import { toHonoPath } from './route-definition.js'
import type { ResolvedDeps, ServerEnv } from './server-env.js'
import { hasValidCsrfToken } from './session-cookie.js'

/**
 * Mounts the route table under `/api`: for each request, access first (session, second factor,
 * CSRF token, policy), then If-Match on a change to a versioned record (428 without), then input
 * validation, then the handler, whose answer is parsed with the response schema so that no field
 * outside the contract ever leaves; a versioned record's answer carries its version as the ETag.
 * An answer frozen with `freezeAnswer` (a kept lost-list page) is the same immutable value each
 * time, so its checked JSON is kept beside it and sent again without parsing it anew.
 * @example mountRoutes(app, ROUTES, deps)
 */
export function mountRoutes(
  app: Hono<ServerEnv>,
  routes: readonly ApiRoute[],
  deps: ResolvedDeps,
): void {
  for (const route of routes) {
    // the checked JSON of this route's frozen answers, forgotten with them
    const checkedJson = new WeakMap<object, string>()
    app.on(route.method.toUpperCase(), `/api${toHonoPath(route.path)}`, async (c) => {
      const ctx = routeContext(c, deps)
      await enforceAccess(route, ctx)
      // 428 before the input is read: a change that names no version is refused whatever it holds
      const ifMatch = route.versioned === true ? preconditionOf(route, c) : null
      const params = parsePart(route.params, c.req.param(), 'path')
      const query = parsePart(route.query, c.req.query(), 'query')
      if (route.upload !== undefined) {
        checkMediaType(c, route.upload.mediaTypes)
      }
      const body =
        route.body === undefined ? undefined : parsePart(route.body, await readJson(c), 'body')
      const result = await route.run({ params, query, body, ctx: { ...ctx, ifMatch } })
      if (route.produces !== undefined) {
        const file = result as FileAnswer
        return fileResponse(file.mediaType ?? route.produces, file)
      }
      if (isFrozenAnswer(result)) {
        return frozenJsonResponse(c, route, result, checkedJson)
      }
      const answer: unknown = route.response.parse(result)
      if (route.versioned === true) {
        setEntityTag(c, answer)
      }
      return c.json(answer, route.successStatus ?? 200)
    })
  }
}

// parsed and serialised once per frozen answer: it cannot change, so neither can its JSON
function frozenJsonResponse(
  c: Context<ServerEnv>,
  route: ApiRoute,
  result: object,
  checkedJson: WeakMap<object, string>,
): Response {
  let json = checkedJson.get(result)
  if (json === undefined) {
    json = JSON.stringify(route.response.parse(result))
    checkedJson.set(result, json)
  }
  if (route.versioned === true) {
    setEntityTag(c, result)
  }
  return c.body(json, route.successStatus ?? 200, { 'Content-Type': 'application/json' })
}

function routeContext(c: Context<ServerEnv>, deps: ResolvedDeps): RouteContext {
  const session = c.get('session')
  const requestId = c.get('requestId')
  return {
    c,
    deps,
    now: deps.clock(),
    requestId,
    session,
    audit: { actorUserId: session?.user.id ?? null, via: 'api', requestId },
    ifMatch: null,
  }
}

/**
 * The tag of `If-Match` on a write to a versioned record (TESTPLAN T6): required (428 without);
 * `*` or a list would let a stale write through, so one tag it is. `W/` and quotes are dropped.
 */
function preconditionOf(route: ApiRoute, c: Context<ServerEnv>): string | null {
  // creating (POST) answers a tag but needs none; changing and deleting need one
  if (route.method !== 'patch' && route.method !== 'delete') {
    return null
  }
  const header = c.req.header('if-match')?.trim() ?? ''
  if (header === '' || header === '*') {
    throw new ComebackError(
      'PRECONDITION_REQUIRED',
      'send If-Match with the ETag you read (428): a change must say which version it is based on',
    )
  }
  const match = /^(?:W\/)?"?([^",\s]{1,200})"?$/.exec(header)
  if (match?.[1] === undefined) {
    throw new ValidationError('If-Match holds one entity tag, like "3"')
  }
  return match[1]
}

// the record's version, as the entity tag of the answer
function setEntityTag(c: Context<ServerEnv>, answer: unknown): void {
  const version =
    typeof answer === 'object' && answer !== null
      ? (answer as { version?: unknown }).version
      : undefined
  if (typeof version === 'number' || typeof version === 'string') {
    c.header('ETag', `"${version}"`)
  }
}

async function enforceAccess(route: ApiRoute, ctx: RouteContext): Promise<void> {
  const { access } = route
  if (access.kind === 'public') {
    return
  }
  const { session } = ctx
  if (session === null) {
    throw new ComebackError('UNAUTHENTICATED', 'sign in first')
  }
  if (isUnsafeMethod(route.method) && !hasValidCsrfToken(ctx.c)) {
    await auditAuth(ctx.deps.store, ctx.audit, { action: 'denied_csrf', objectType: 'request' })
    throw new ComebackError('FORBIDDEN', 'missing or wrong CSRF token (send X-CSRF-Token)')
  }
  if (access.kind === 'signed_in') {
    return
  }
  if (!session.fullAccess) {
    await auditAuth(ctx.deps.store, ctx.audit, {
      action: 'denied_mfa',
      objectType: access.resource,
    })
    throw new SecondFactorRequiredError()
  }
  await assertMayAccess(
    ctx.deps.store,
    { actor: session.actor, action: access.action, type: access.resource },
    ctx.audit,
  )
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (schema === undefined) {
    return undefined
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) {
    return parsed.data
  }
  throw new ValidationError(`invalid ${part}`, {
    issues: parsed.error.issues.map((issue) => ({
      path: [part, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
      message: issue.message,
    })),
  })
}

async function readJson(c: Context<ServerEnv>): Promise<unknown> {
  const contentType = c.req.header('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new ValidationError('send a JSON body with Content-Type: application/json')
  }
  try {
    return await c.req.json()
  } catch (error) {
    throw new ValidationError('the body is not valid JSON', { cause: error })
  }
}

/**
 * Whether a request (method and path) is for one of the routes that take a file upload.
 * @example uploadMatcher(ROUTES)('POST', '/api/imports') // true
 */
export function uploadMatcher(
  routes: readonly ApiRoute[],
): (method: string, path: string) => boolean {
  const uploads = routes
    .filter((route) => route.upload !== undefined)
    .map((route) => ({
      method: route.method.toUpperCase(),
      pattern: new RegExp(`^/api${route.path.replace(/\{[A-Za-z0-9_]+\}/g, '[^/]+')}/?$`),
    }))
  return (method, path) =>
    uploads.some((upload) => upload.method === method && upload.pattern.test(path))
}

function checkMediaType(c: Context<ServerEnv>, mediaTypes: readonly string[]): void {
  const sent = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!mediaTypes.includes(sent)) {
    throw new ValidationError(
      `send the file as the body with Content-Type: ${mediaTypes.join(' or ')}`,
    )
  }
}

// the file streams out piece by piece; its name is made header-safe (quotes and controls dropped)
function fileResponse(mediaType: string, answer: FileAnswer): Response {
  const encoder = new TextEncoder()
  const iterator = answer.chunks[Symbol.asyncIterator]()
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done === true) {
        controller.close()
      } else {
        controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value)
      }
    },
    async cancel() {
      await iterator.return?.()
    },
  })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it drops
  const fileName = answer.fileName.replace(/["\\\u0000-\u001f\u007f]/g, '')
  return new Response(stream, {
    status: 200,
    headers: {
      ...answer.headers,
      // a charset means something for text only (a PDF is bytes)
      'Content-Type': mediaType.startsWith('application/pdf')
        ? mediaType
        : `${mediaType}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
  })
}
