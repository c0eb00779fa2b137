import { isIsoDate } from '../domain/case-dates.js'
import { ValidationError } from '../domain/errors.js'

/** Reads a whole number given on the command line, within bounds; names the option when it is not one. */
export function parseWholeNumber(
  option: string,
  text: string,
  bounds: { readonly min: number; readonly max: number },
): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) {
    throw new ValidationError(
      `${option} must be a whole number from ${bounds.min} to ${bounds.max}, not "${text}"`,
    )
  }
  return value
}

/** Reads a `YYYY-MM-DD` calendar date given on the command line. */
export function parseIsoDate(option: string, text: string): string {
  const date = text.trim()
  // isIsoDate also refuses what Date would roll over or throw on (2024-02-30, 2024-13-01)
  if (!isIsoDate(date)) {
    throw new ValidationError(`${option} must be a date written YYYY-MM-DD, not "${text}"`)
  }
  return date
}

/** Reads one of a fixed set of words given on the command line. */
export function parseChoice<TChoice extends string>(
  option: string,
  text: string,
  choices: readonly TChoice[],
): TChoice {
  const found = choices.find((choice) => choice === text)
  if (found === undefined) {
    throw new ValidationError(`${option} must be one of ${choices.join(', ')}, not "${text}"`)
  }
  return found
}
