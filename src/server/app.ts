import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import {
  DEFAULT_MAX_PII_ROWS,
  DEFAULT_QUOTA_RULES,
  DEFAULT_SESSION_SETTINGS,
  ImportJobs,
  Quotas,
} from '../app/index.js'
import { ComebackError, NotFoundError } from '../domain/errors.js'
import { errorResponse } from './error-mapper.js'
import { mountRoutes, uploadMatcher } from './mount-routes.js'
import { buildOpenApiDocument } from './openapi.js'
import { rejectCrossSiteWrites, requestId } from './request-guards.js'
import { ROUTES } from './routes/index.js'
import { mountUnsubscribe } from './routes/unsubscribe.js'
import { securityHeaders } from './security-headers.js'
import type { LogEntry, ResolvedDeps, ServerDeps, ServerEnv } from './server-env.js'
import { loadSession } from './session-cookie.js'
import { defaultWebRoot, mountWebApp } from './static.js'

const DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024
const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024 * 1024

function writeLogLine(entry: LogEntry): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`)
}

/** Fills in the defaults of `ServerDeps`. */
export function resolveDeps(deps: ServerDeps): ResolvedDeps {
  const clock = deps.clock ?? (() => new Date())
  const log = deps.log ?? writeLogLine
  const maxUploadBytes = deps.config?.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
  const uploadDir = deps.config?.uploadDir
  const quotaRules = { ...DEFAULT_QUOTA_RULES, ...deps.config?.quotas }
  return {
    store: deps.store,
    clock,
    log,
    config: {
      publicOrigin: deps.config?.publicOrigin ?? null,
      trustProxy: deps.config?.trustProxy ?? false,
      session: deps.config?.session ?? DEFAULT_SESSION_SETTINGS,
      maxJsonBodyBytes: deps.config?.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY_BYTES,
      maxUploadBytes,
      cacheLostPages: deps.config?.cacheLostPages ?? true,
      maxPiiExportRows: deps.config?.maxPiiExportRows ?? DEFAULT_MAX_PII_ROWS,
    },
    quotas: new Quotas(quotaRules, () => clock().getTime()),
    importJobs:
      deps.importJobs ??
      new ImportJobs(deps.store, {
        maxUploadBytes,
        maxStartsPerHour: Math.floor(
          (quotaRules.import.limit * 3600) / quotaRules.import.windowSeconds,
        ),
        now: () => clock().getTime(),
        onError: (importId, error) =>
          log({
            level: 'warn',
            importId,
            error: error instanceof Error ? error.message : String(error),
          }),
        ...(uploadDir === undefined ? {} : { uploadDir }),
      }),
  }
}

function saysItHasNoBody(c: Context<ServerEnv>): boolean {
  const { method } = c.req
  return (
    (method === 'GET' || method === 'HEAD') &&
    c.req.header('content-length') === undefined &&
    c.req.header('transfer-encoding') === undefined
  )
}

/**
 * The Comeback HTTP API as a Hono app: every route under `/api`, security headers on every
 * response, cross-site writes refused, sessions from the `__Host-` cookie, one error body; and
 * beside it the built web app (`dist/web`, or `deps.webRoot`; null serves the API alone).
 * @example const app = createApp({ store }); const response = await app.request('/api/me')
 */
export function createApp(deps: ServerDeps): Hono<ServerEnv> {
  const resolved = resolveDeps(deps)
  const app = new Hono<ServerEnv>()
  app.use('*', requestId())
  app.use('*', securityHeaders({ trustProxy: resolved.config.trustProxy }))
  app.use('/api/*', rejectCrossSiteWrites({ publicOrigin: resolved.config.publicOrigin }))
  const jsonBodyLimit = bodyLimit({
    maxSize: resolved.config.maxJsonBodyBytes,
    onError: () => {
      throw new ComebackError('PAYLOAD_TOO_LARGE', 'the request body is too large')
    },
  })
  const isUpload = uploadMatcher(ROUTES)
  // uploads stream to disk under their own, larger limit (see the import routes); a GET or HEAD
  // that says it has no body skips the check, which would build a whole fetch Request to look
  app.use('/api/*', (c, next) =>
    isUpload(c.req.method, c.req.path) || saysItHasNoBody(c) ? next() : jsonBodyLimit(c, next),
  )
  app.use('/api/*', loadSession(resolved))
  const openApiDocument = buildOpenApiDocument(ROUTES)
  app.get('/api/openapi.json', (c) => c.json(openApiDocument))
  mountRoutes(app, ROUTES, resolved)
  // one-click unsubscribe lives outside /api and its CSRF guard (see routes/unsubscribe.ts)
  mountUnsubscribe(app, resolved)
  const webRoot = deps.webRoot === undefined ? defaultWebRoot() : deps.webRoot
  if (webRoot !== null) {
    mountWebApp(app, { root: webRoot })
  }
  app.notFound((c) => errorResponse(c, new NotFoundError('no such route'), resolved.log))
  app.onError((error, c) => errorResponse(c, error, resolved.log))
  return app
}
