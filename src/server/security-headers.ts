import type { MiddlewareHandler } from 'hono'
import type { ServerEnv } from './server-env.js'

/**
 * The Content-Security-Policy of every response: only our own scripts and styles (no
 * 'unsafe-inline' anywhere), no plugins, no framing, no foreign form targets (TESTPLAN T12, T19).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Adds the security headers to every response, errors included; API answers also get
 * `Cache-Control: no-store`, since they carry personal data.
 * @example app.use('*', securityHeaders({ trustProxy: false }))
 */
export function securityHeaders(options: { trustProxy: boolean }): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    headers.set('X-Frame-Options', 'DENY')
    headers.set('Referrer-Policy', 'no-referrer')
    headers.set('Cross-Origin-Opener-Policy', 'same-origin')
    headers.set('Cross-Origin-Resource-Policy', 'same-origin')
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    if (isBehindTls(c.req.url, c.req.header('x-forwarded-proto'), options.trustProxy)) {
      headers.set('Strict-Transport-Security', HSTS)
    }
    if (c.req.path.startsWith('/api/')) {
      headers.set('Cache-Control', 'no-store')
    }
  }
}

function isBehindTls(
  url: string,
  forwardedProto: string | undefined,
  trustProxy: boolean,
): boolean {
  // the request URL is absolute and its scheme lower case: no need to parse all of it
  if (url.startsWith('https:')) {
    return true
  }
  return trustProxy && forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https'
}
