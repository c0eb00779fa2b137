import type { Context } from 'hono'
import type { z } from 'zod'
import type { AuditContext, AuthenticatedSession } from '../app/index.js'
import type { Action, ResourceType } from '../domain/access-policy.js'
import { ComebackError, PreconditionFailedError } from '../domain/errors.js'
import type { ResolvedDeps, ServerEnv } from './server-env.js'

/**
 * Who may call a route: anyone; anyone signed in, even with a second factor still owed; or those
 * whom the access policy lets do `action` on some `resource`, with their second factor done.
 */
export type RouteAccess =
  | { readonly kind: 'public' }
  | { readonly kind: 'signed_in' }
  | { readonly kind: 'policy'; readonly resource: ResourceType; readonly action: Action }

/** What a handler gets besides its parsed input. */
export interface RouteContext {
  readonly c: Context<ServerEnv>
  readonly deps: ResolvedDeps
  readonly now: Date
  readonly requestId: string
  readonly session: AuthenticatedSession | null
  readonly audit: AuditContext
  /**
   * The entity tag an unsafe request on a `versioned` route was sent with (`If-Match`), unquoted;
   * the mounting code already refused the request with 428 when there was none. Null elsewhere.
   */
  readonly ifMatch: string | null
}

type HttpMethod = 'get' | 'post' | 'patch' | 'delete'

interface RouteMeta {
  readonly method: HttpMethod
  /** OpenAPI form below `/api`, e.g. `/customers/{id}` */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly tag: string
  readonly access: RouteAccess
  readonly successStatus?: 200 | 201 | 202
  /**
   * The request body is a file of one of these media types, which the handler streams from
   * `ctx.c.req.raw.body` itself (no JSON body, no JSON size limit: the handler enforces its own).
   */
  readonly upload?: { readonly mediaTypes: readonly string[] }
  /** The answer is a file of this media type (the handler returns a `FileAnswer`), not JSON. */
  readonly produces?: 'text/csv' | 'application/pdf' | 'text/calendar'
  /**
   * The route reads or changes one versioned record (TESTPLAN T6): its answer carries the record's
   * `version`, sent back as `ETag: "<version>"`; a PATCH or DELETE needs `If-Match` (428 without,
   * 412 from the handler when stale), which the handler finds in `ctx.ifMatch`.
   */
  readonly versioned?: boolean
}

/** A file a route answers with: its name for the download, and its text, piece by piece. */
export interface FileAnswer {
  readonly fileName: string
  /** the file's media type when it is not the route's `produces` (e.g. a JSON export) */
  readonly mediaType?: string
  /** extra response headers (ASCII), e.g. what a batch left out */
  readonly headers?: Readonly<Record<string, string>>
  /** text pieces are sent as UTF-8; bytes (a PDF) as they are */
  readonly chunks: AsyncIterable<string | Uint8Array>
}

/** One route, typed by its schemas; `defineRoute` erases the types for the route table. */
export interface RouteSpec<
  TParams extends z.ZodType,
  TQuery extends z.ZodType,
  TBody extends z.ZodType,
  TResponse extends z.ZodType,
> extends RouteMeta {
  readonly params?: TParams
  readonly query?: TQuery
  readonly body?: TBody
  readonly response: TResponse
  handle(input: {
    params: z.output<TParams>
    query: z.output<TQuery>
    body: z.output<TBody>
    ctx: RouteContext
  }): Promise<z.input<TResponse>>
}

/** A route in the table: its metadata and schemas, and `run` over already-validated input. */
export interface ApiRoute extends RouteMeta {
  readonly params?: z.ZodType
  readonly query?: z.ZodType
  readonly body?: z.ZodType
  readonly response: z.ZodType
  run(input: {
    params: unknown
    query: unknown
    body: unknown
    ctx: RouteContext
  }): Promise<unknown>
}

/**
 * Declares a route: the schemas say what goes in and out, `access` who may call it. The one place
 * that mounts the table parses input with these schemas before `handle` sees it.
 * @example defineRoute({ method: 'get', path: '/stats', …, response: statsResponseSchema, handle })
 */
export function defineRoute<
  TParams extends z.ZodType = z.ZodNever,
  TQuery extends z.ZodType = z.ZodNever,
  TBody extends z.ZodType = z.ZodNever,
  TResponse extends z.ZodType = z.ZodType,
>(spec: RouteSpec<TParams, TQuery, TBody, TResponse>): ApiRoute {
  return {
    ...spec,
    // the mounting code parsed each part with the matching schema, so the casts hold
    run: (input) =>
      spec.handle({
        params: input.params as z.output<TParams>,
        query: input.query as z.output<TQuery>,
        body: input.body as z.output<TBody>,
        ctx: input.ctx,
      }),
  }
}

/**
 * The record version a versioned write was based on, from `If-Match`: a tag that is no whole
 * number cannot match any version, so it is stale (412).
 * @throws PRECONDITION_REQUIRED without If-Match; PreconditionFailedError for a tag no version has
 * @example await moveCase(store, who, { caseId, expectedVersion: expectedVersion(ctx), to })
 */
export function expectedVersion(ctx: RouteContext): number {
  if (ctx.ifMatch === null) {
    throw new ComebackError('PRECONDITION_REQUIRED', 'send If-Match with the ETag you read')
  }
  if (!/^[1-9][0-9]{0,14}$/.test(ctx.ifMatch)) {
    throw new PreconditionFailedError(`If-Match "${ctx.ifMatch}" matches no version: reload`)
  }
  return Number(ctx.ifMatch)
}

/**
 * Checks `If-Match` against the current tag of a record whose version is derived (a setting).
 * @throws PRECONDITION_REQUIRED without If-Match; PreconditionFailedError when it differs
 */
export function assertIfMatch(ctx: RouteContext, currentTag: string): void {
  if (ctx.ifMatch === null) {
    throw new ComebackError('PRECONDITION_REQUIRED', 'send If-Match with the ETag you read')
  }
  if (ctx.ifMatch !== currentTag) {
    throw new PreconditionFailedError('this was changed since you read it: reload and try again')
  }
}

/** The Hono form of an OpenAPI path: `/customers/{id}` → `/customers/:id`. */
export function toHonoPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1')
}
