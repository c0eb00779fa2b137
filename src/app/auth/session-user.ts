import type { Actor, Role } from '../../domain/access-policy.js'

/** The signed-in user as the API shows them. */
export interface SessionUser {
  readonly id: number
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly managerId: number | null
}

/** Where a session stands with its second factor. */
export interface SecondFactorState {
  /** the user has a confirmed TOTP credential */
  readonly enrolled: boolean
  /** this session passed the second factor */
  readonly verified: boolean
  /** the role or the user's own enrolment demands a second factor */
  readonly required: boolean
}

/** A live session: its token hash, its user, the access-policy actor and the second factor state. */
export interface AuthenticatedSession {
  readonly tokenHash: string
  readonly user: SessionUser
  readonly actor: Actor
  readonly secondFactor: SecondFactorState
  /** false until a required second factor is enrolled and verified */
  readonly fullAccess: boolean
}

/** How long sessions live: idle and absolute limits (OWASP ASVS 3.3). */
export interface SessionSettings {
  readonly idleTimeoutMs: number
  readonly absoluteTimeoutMs: number
}

/** Two hours idle, twelve hours at most, then sign in again. */
export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleTimeoutMs: 2 * 60 * 60_000,
  absoluteTimeoutMs: 12 * 60 * 60_000,
}
