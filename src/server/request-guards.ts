import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { ForbiddenError } from '../domain/errors.js'
import type { ServerEnv } from './server-env.js'

/**
 * Gives each request a fresh id (never the client's, which could forge log lines), echoed in
 * `X-Request-Id` and named in audit entries and 500 bodies.
 */
export function requestId(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const id = randomUUID()
    c.set('requestId', id)
    c.set('session', null)
    c.set('sessionToken', null)
    await next()
    c.res.headers.set('X-Request-Id', id)
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses unsafe requests that a browser says come from another site (CSRF, TESTPLAN T11):
 * `Sec-Fetch-Site` cross-site or same-site, or an `Origin` other than ours. The per-session token
 * is checked by the routes that need a session. The one exemption is one-click unsubscribe
 * (`/u/{token}`, routes/unsubscribe.ts, RFC 8058): mail providers POST it from their servers
 * without our Origin or a session, so it is mounted outside `/api` where this guard runs, and its
 * HMAC token is its only authority. Nothing else may be mounted outside `/api` to skip this guard.
 * @example app.use('/api/*', rejectCrossSiteWrites({ publicOrigin: null }))
 */
export function rejectCrossSiteWrites(options: {
  publicOrigin: string | null
}): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const fetchSite = c.req.header('sec-fetch-site')
      if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
        throw new ForbiddenError('cross-site request refused')
      }
      const origin = c.req.header('origin')
      const ours = options.publicOrigin ?? new URL(c.req.url).origin
      if (origin !== undefined && origin !== ours) {
        throw new ForbiddenError('cross-site request refused')
      }
    }
    await next()
  }
}

/** Whether a method may change state (and so needs CSRF protection). */
export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase())
}
