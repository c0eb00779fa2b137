import { ComebackError } from '../../domain/errors.js'

/**
 * Too many attempts: carries how long to wait, which the server sends as `Retry-After`.
 * @example throw new RateLimitedError('too many failed sign-ins', 900)
 */
export class RateLimitedError extends ComebackError {
  readonly retryAfterSeconds: number

  constructor(message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', message)
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/**
 * Signed in, but the second factor is still owed: enrol (admin, VP) or enter a code.
 * @example throw new SecondFactorRequiredError()
 */
export class SecondFactorRequiredError extends ComebackError {
  constructor() {
    super('FORBIDDEN', 'mfa_required: verify a second factor (TOTP) before using this')
  }
}
