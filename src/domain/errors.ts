/**
 * Every error Comeback raises on purpose carries one of these codes; the edges (HTTP, CLI)
 * translate the code, never the message.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'PRECONDITION_REQUIRED'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_DATA'
  | 'INTERNAL'
  | 'UNAVAILABLE'

/** One problem found in input: where it is (file, line, field) and what is wrong. */
export interface Issue {
  readonly path: readonly (string | number)[]
  readonly message: string
  readonly file?: string
  readonly line?: number
  readonly field?: string
}

/**
 * The base of every deliberate error.
 * @example throw new ComebackError('CONFLICT', 'import already running', { cause })
 */
export class ComebackError extends Error {
  readonly code: ErrorCode
  readonly issues: readonly Issue[]

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; issues?: readonly Issue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.issues = options.issues ?? []
  }
}

export class ValidationError extends ComebackError {
  constructor(message: string, options: { cause?: unknown; issues?: readonly Issue[] } = {}) {
    super('INVALID_INPUT', message, options)
  }
}

export class NotFoundError extends ComebackError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('NOT_FOUND', message, options)
  }
}

export class ConflictError extends ComebackError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONFLICT', message, options)
  }
}

export class ForbiddenError extends ComebackError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('FORBIDDEN', message, options)
  }
}

export class PreconditionFailedError extends ComebackError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('PRECONDITION_FAILED', message, options)
  }
}

export class InsufficientDataError extends ComebackError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INSUFFICIENT_DATA', message, options)
  }
}

export class StoreUnavailableError extends ComebackError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('UNAVAILABLE', message, options)
  }
}

/** Turns anything thrown into a ComebackError; the unexpected becomes INTERNAL with its cause kept. */
export function toComebackError(error: unknown): ComebackError {
  if (error instanceof ComebackError) {
    return error
  }
  return new ComebackError('INTERNAL', 'internal error', { cause: error })
}
