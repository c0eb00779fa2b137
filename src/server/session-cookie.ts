import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { authenticateSession, csrfTokenFor } from '../app/index.js'
import type { ResolvedDeps, ServerEnv } from './server-env.js'

// with the `host` prefix the cookie is `__Host-comeback_session`: Secure, Path=/, no Domain
const COOKIE_NAME = 'comeback_session'

/** The full cookie name as browsers see it. */
export const SESSION_COOKIE = `__Host-${COOKIE_NAME}`

/** The header that carries the session's CSRF token on unsafe requests. */
export const CSRF_HEADER = 'X-CSRF-Token'

/**
 * Reads the session cookie, if any, and puts the live session (or null) on the context.
 * @example app.use('/api/*', loadSession(deps))
 */
export function loadSession(deps: ResolvedDeps): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const token = getCookie(c, COOKIE_NAME, 'host')
    if (token !== undefined && token.length > 0 && token.length <= 200) {
      const session = await authenticateSession(deps.store, token, {
        now: deps.clock(),
        settings: deps.config.session,
      })
      c.set('sessionToken', session === null ? null : token)
      c.set('session', session)
    }
    await next()
  }
}

/** Sets the session cookie: `__Host-`, HttpOnly, Secure, SameSite=Lax, Path=/. */
export function setSessionCookie(c: Context<ServerEnv>, token: string, maxAgeMs: number): void {
  setCookie(c, COOKIE_NAME, token, {
    prefix: 'host',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: Math.floor(maxAgeMs / 1000),
  })
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: Context<ServerEnv>): void {
  deleteCookie(c, COOKIE_NAME, { prefix: 'host', httpOnly: true, sameSite: 'Lax' })
}

/** The session token the request came with, if its cookie named a live session. */
export function currentSessionToken(c: Context<ServerEnv>): string | null {
  return c.get('sessionToken')
}

/** Any session token the cookie carries, live or not (to end it at sign-in). */
export function presentedSessionToken(c: Context<ServerEnv>): string | undefined {
  return getCookie(c, COOKIE_NAME, 'host')
}

/** Whether the request's `X-CSRF-Token` matches its session (compared in constant time). */
export function hasValidCsrfToken(c: Context<ServerEnv>): boolean {
  const token = c.get('sessionToken')
  const sent = c.req.header(CSRF_HEADER)
  if (token === null || sent === undefined) {
    return false
  }
  const expected = Buffer.from(csrfTokenFor(token))
  const actual = Buffer.from(sent)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
