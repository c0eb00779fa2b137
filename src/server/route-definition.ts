import type { Context } from 'hono'
import type { z } from 'zod'
import type { AuditContext, AuthenticatedSession } from '../app/index.js'
import type { Action, ResourceType } from '../domain/access-policy.js'
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
  readonly produces?: 'text/csv'
}

/** A file a route answers with: its name for the download, and its text, piece by piece. */
export interface FileAnswer {
  readonly fileName: string
  readonly chunks: AsyncIterable<string>
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

/** The Hono form of an OpenAPI path: `/customers/{id}` → `/customers/:id`. */
export function toHonoPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1')
}
