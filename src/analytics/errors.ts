/** What was wrong with the input of an analytics entry point. */
export type AnalyticsInputErrorKind = 'invalid_input' | 'insufficient_data'

/**
 * An error thrown by an analytics entry point when its input cannot give a meaningful answer: the
 * input is malformed (`invalid_input`: negative, NaN, recency beyond age …) or too thin to fit
 * (`insufficient_data`: empty, one customer, no repeat buyer). The app layer maps `kind` to its own
 * error codes; analytics imports nothing of ours, so it cannot throw those itself.
 *
 * @example
 * ```ts
 * throw new AnalyticsInputError('invalid_input', 'fitBgNbd: recency 40 > age 38.9 at row 17')
 * ```
 */
export class AnalyticsInputError extends Error {
  readonly kind: AnalyticsInputErrorKind

  constructor(kind: AnalyticsInputErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AnalyticsInputError'
    this.kind = kind
  }
}
