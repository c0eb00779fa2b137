import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, Hono } from 'hono'
import {
  isKnownUnsubscribeToken,
  type OutreachConfig,
  outreachConfigFromEnv,
  unsubscribeByToken,
} from '../../app/index.js'
import type { ResolvedDeps, ServerEnv } from '../server-env.js'

/**
 * One-click unsubscribe (RFC 8058, TESTPLAN T21) at `/u/{token}`, outside `/api`:
 * - `POST` (body `List-Unsubscribe=One-Click`, no cookies) unsubscribes and answers 200 with no
 *   `Location`; a repeat answers 200 again and changes nothing more;
 * - `GET` shows a page with a button that POSTs — it never unsubscribes, so link scanners and
 *   prefetchers cannot unsubscribe anyone;
 * - a forged or altered token answers 404 and changes nothing.
 * Mail providers send the POST from their own servers, with no session and no Origin of ours, so
 * this endpoint is the one exemption from the cross-site write guard (request-guards.ts): the
 * token, an HMAC bound to recipient and sender, is its whole authority. Failed tokens are
 * rate-limited per client address; valid ones never are (a provider's IP sends many).
 */

const FAILURES_PER_WINDOW = 20
const WINDOW_MS = 60_000
const MAX_TRACKED_CLIENTS = 10_000
const MAX_BODY_BYTES = 1024

/** Failed unsubscribe attempts per client address in the current minute. */
export class UnsubscribeLimiter {
  readonly #failures = new Map<string, { count: number; since: number }>()

  isBlocked(client: string, now: number): boolean {
    const entry = this.#failures.get(client)
    return (
      entry !== undefined && now - entry.since < WINDOW_MS && entry.count >= FAILURES_PER_WINDOW
    )
  }

  recordFailure(client: string, now: number): void {
    const entry = this.#failures.get(client)
    if (entry === undefined || now - entry.since >= WINDOW_MS) {
      if (this.#failures.size >= MAX_TRACKED_CLIENTS) {
        this.#failures.clear()
      }
      this.#failures.set(client, { count: 1, since: now })
      return
    }
    entry.count += 1
  }
}

function clientAddress(c: Context<ServerEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) {
      return forwarded
    }
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // in-process requests (tests) have no socket
    return 'unknown'
  }
}

const PAGE_STYLE = 'font-family: sans-serif; max-width: 32rem; margin: 4rem auto'

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="${PAGE_STYLE}"><h1>${title}</h1>${body}</body></html>`
}

const CONFIRM = page(
  'Unsubscribe?',
  '<p>Press the button to stop receiving these emails.</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>',
)
const DONE = page('You are unsubscribed', '<p>You will receive no more of these emails.</p>')
const NOT_FOUND = page('Link not recognised', '<p>This unsubscribe link is not valid.</p>')

/**
 * Mounts `GET` and `POST /u/{token}` on `app`; `config` (default: the environment) holds the
 * secret the tokens are checked with. Mount it before the web app, which answers every other path.
 * @example mountUnsubscribe(app, resolvedDeps)
 */
export function mountUnsubscribe(
  app: Hono<ServerEnv>,
  deps: ResolvedDeps,
  config: Pick<OutreachConfig, 'unsubscribeSecret'> = outreachConfigFromEnv(),
): void {
  const limiter = new UnsubscribeLimiter()
  const secret = config.unsubscribeSecret
  app.get('/u/:token', async (c) => {
    const known = await isKnownUnsubscribeToken(deps.store, { secret, token: c.req.param('token') })
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    return known ? c.html(CONFIRM, 200) : c.html(NOT_FOUND, 404)
  })
  app.post('/u/:token', async (c) => {
    const client = clientAddress(c, deps.config.trustProxy)
    const now = deps.clock().getTime()
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) {
      return c.text('Payload too large', 413)
    }
    const outcome = await unsubscribeByToken(deps.store, {
      secret,
      token: c.req.param('token'),
      requestId: c.get('requestId'),
    })
    c.header('Cache-Control', 'no-store')
    if (outcome === 'unsubscribed') {
      return c.html(DONE, 200)
    }
    if (limiter.isBlocked(client, now)) {
      return c.text('Too many requests', 429, { 'Retry-After': String(WINDOW_MS / 1000) })
    }
    limiter.recordFailure(client, now)
    return c.html(NOT_FOUND, 404)
  })
}
