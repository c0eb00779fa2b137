import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DEFAULT_SESSION_SETTINGS } from '../app/index.js'
import { ComebackError, NotFoundError } from '../domain/errors.js'
import { errorResponse } from './error-mapper.js'
import { mountRoutes } from './mount-routes.js'
import { buildOpenApiDocument } from './openapi.js'
import { rejectCrossSiteWrites, requestId } from './request-guards.js'
import { ROUTES } from './routes/index.js'
import { securityHeaders } from './security-headers.js'
import type { LogEntry, ResolvedDeps, ServerDeps, ServerEnv } from './server-env.js'
import { loadSession } from './session-cookie.js'

const DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024

function writeLogLine(entry: LogEntry): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`)
}

/** Fills in the defaults of `ServerDeps`. */
export function resolveDeps(deps: ServerDeps): ResolvedDeps {
  return {
    store: deps.store,
    clock: deps.clock ?? (() => new Date()),
    log: deps.log ?? writeLogLine,
    config: {
      publicOrigin: deps.config?.publicOrigin ?? null,
      trustProxy: deps.config?.trustProxy ?? false,
      session: deps.config?.session ?? DEFAULT_SESSION_SETTINGS,
      maxJsonBodyBytes: deps.config?.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY_BYTES,
    },
  }
}

/**
 * The Comeback HTTP API as a Hono app: every route under `/api`, security headers on every
 * response, cross-site writes refused, sessions from the `__Host-` cookie, one error body.
 * @example const app = createApp({ store }); const response = await app.request('/api/me')
 */
export function createApp(deps: ServerDeps): Hono<ServerEnv> {
  const resolved = resolveDeps(deps)
  const app = new Hono<ServerEnv>()
  app.use('*', requestId())
  app.use('*', securityHeaders({ trustProxy: resolved.config.trustProxy }))
  app.use('/api/*', rejectCrossSiteWrites({ publicOrigin: resolved.config.publicOrigin }))
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: resolved.config.maxJsonBodyBytes,
      onError: () => {
        throw new ComebackError('PAYLOAD_TOO_LARGE', 'the request body is too large')
      },
    }),
  )
  app.use('/api/*', loadSession(resolved))
  const openApiDocument = buildOpenApiDocument(ROUTES)
  app.get('/api/openapi.json', (c) => c.json(openApiDocument))
  mountRoutes(app, ROUTES, resolved)
  app.notFound((c) => errorResponse(c, new NotFoundError('no such route'), resolved.log))
  app.onError((error, c) => errorResponse(c, error, resolved.log))
  return app
}
