import {
  type AuthenticatedSession,
  authenticateSession,
  confirmTotpEnrolment,
  csrfTokenFor,
  passSecondFactor,
  signIn,
  signOut,
  startTotpEnrolment,
} from '../../app/index.js'
import { ComebackError } from '../../domain/errors.js'
import {
  type MeResponse,
  meResponseSchema,
  secondFactorRequestSchema,
  signInRequestSchema,
  totpConfirmRequestSchema,
  totpConfirmResponseSchema,
  totpEnrolmentResponseSchema,
} from '../contract/session.js'
import { okResponseSchema } from '../contract/users.js'
import { type ApiRoute, defineRoute, type RouteContext } from '../route-definition.js'
import { clearSessionCookie, presentedSessionToken, setSessionCookie } from '../session-cookie.js'

function describeSession(session: AuthenticatedSession, token: string): MeResponse {
  return {
    user: session.user,
    secondFactor: session.secondFactor,
    fullAccess: session.fullAccess,
    csrfToken: csrfTokenFor(token),
  }
}

function signedIn(ctx: RouteContext): { session: AuthenticatedSession; token: string } {
  const token = ctx.c.get('sessionToken')
  if (ctx.session === null || token === null) {
    throw new ComebackError('UNAUTHENTICATED', 'sign in first')
  }
  return { session: ctx.session, token }
}

/** Replaces the session cookie and answers with the new session, as every sign-in step does. */
async function answerWithNewToken(ctx: RouteContext, token: string): Promise<MeResponse> {
  const session = await authenticateSession(ctx.deps.store, token, {
    now: ctx.now,
    settings: ctx.deps.config.session,
  })
  if (session === null) {
    throw new ComebackError('INTERNAL', 'a renewed session could not be read back')
  }
  setSessionCookie(ctx.c, token, ctx.deps.config.session.absoluteTimeoutMs)
  return describeSession(session, token)
}

const signInRoute = defineRoute({
  method: 'post',
  path: '/session',
  operationId: 'signIn',
  summary: 'Sign in with email and password; sets the session cookie',
  tag: 'session',
  access: { kind: 'public' },
  body: signInRequestSchema,
  response: meResponseSchema,
  async handle({ body, ctx }) {
    const previousToken = presentedSessionToken(ctx.c)
    const { token, session } = await signIn(ctx.deps.store, {
      email: body.email,
      password: body.password,
      now: ctx.now,
      settings: ctx.deps.config.session,
      ...(previousToken === undefined ? {} : { previousToken }),
      context: { via: 'api', requestId: ctx.requestId },
    })
    setSessionCookie(ctx.c, token, ctx.deps.config.session.absoluteTimeoutMs)
    return describeSession(session, token)
  },
})

const signOutRoute = defineRoute({
  method: 'delete',
  path: '/session',
  operationId: 'signOut',
  summary: 'Sign out: ends the session on the server and clears the cookie',
  tag: 'session',
  access: { kind: 'signed_in' },
  response: okResponseSchema,
  async handle({ ctx }) {
    const { session } = signedIn(ctx)
    await signOut(ctx.deps.store, session, ctx.audit)
    clearSessionCookie(ctx.c)
    return { ok: true as const }
  },
})

const meRoute = defineRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  summary: 'The signed-in user, the second factor state and the CSRF token',
  tag: 'session',
  access: { kind: 'signed_in' },
  response: meResponseSchema,
  async handle({ ctx }) {
    const { session, token } = signedIn(ctx)
    return describeSession(session, token)
  },
})

const secondFactorRoute = defineRoute({
  method: 'post',
  path: '/session/second-factor',
  operationId: 'passSecondFactor',
  summary: 'Pass the second factor with a TOTP code or a recovery code; renews the session',
  tag: 'session',
  access: { kind: 'signed_in' },
  body: secondFactorRequestSchema,
  response: meResponseSchema,
  async handle({ body, ctx }) {
    const { session } = signedIn(ctx)
    const token = await passSecondFactor(ctx.deps.store, session, body, {
      now: ctx.now,
      settings: ctx.deps.config.session,
      context: ctx.audit,
    })
    return await answerWithNewToken(ctx, token)
  },
})

const totpEnrolRoute = defineRoute({
  method: 'post',
  path: '/me/totp',
  operationId: 'startTotpEnrolment',
  summary: 'Start TOTP enrolment: a new secret for an authenticator app, shown once',
  tag: 'session',
  access: { kind: 'signed_in' },
  response: totpEnrolmentResponseSchema,
  successStatus: 201,
  async handle({ ctx }) {
    const { session } = signedIn(ctx)
    return await startTotpEnrolment(ctx.deps.store, session, ctx.now)
  },
})

const totpConfirmRoute = defineRoute({
  method: 'post',
  path: '/me/totp/confirm',
  operationId: 'confirmTotpEnrolment',
  summary: 'Confirm TOTP enrolment with a first code; returns recovery codes, shown once',
  tag: 'session',
  access: { kind: 'signed_in' },
  body: totpConfirmRequestSchema,
  response: totpConfirmResponseSchema,
  async handle({ body, ctx }) {
    const { session } = signedIn(ctx)
    const { token, recoveryCodes } = await confirmTotpEnrolment(
      ctx.deps.store,
      session,
      body.code,
      {
        now: ctx.now,
        settings: ctx.deps.config.session,
        context: ctx.audit,
      },
    )
    const me = await answerWithNewToken(ctx, token)
    return { ...me, recoveryCodes }
  },
})

/** Sign-in, sign-out, the current user and the second factor. */
export const SESSION_ROUTES: readonly ApiRoute[] = [
  signInRoute,
  signOutRoute,
  meRoute,
  secondFactorRoute,
  totpEnrolRoute,
  totpConfirmRoute,
]
