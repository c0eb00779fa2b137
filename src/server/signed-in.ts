import type { AuthenticatedSession } from '../app/index.js'
import type { Actor } from '../domain/access-policy.js'
import { ComebackError } from '../domain/errors.js'
import type { RouteContext } from './route-definition.js'

/** The request's session; policy routes run only with one, so its absence is a 401. */
export function signedInSession(ctx: RouteContext): AuthenticatedSession {
  if (ctx.session === null) {
    throw new ComebackError('UNAUTHENTICATED', 'sign in first')
  }
  return ctx.session
}

/** Who is asking, for the access policy. */
export function signedInActor(ctx: RouteContext): Actor {
  return signedInSession(ctx).actor
}
