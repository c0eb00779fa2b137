import { addDays, isIsoDate } from '../../domain/case-dates.js'
import { type OpenStage, SUGGESTED_NEXT_STEP } from '../../domain/case-stage.js'
import { ValidationError } from '../../domain/errors.js'

/** Days a next step is due in when no date is given. */
export const DEFAULT_STEP_DAYS = 7

/** The longest next step or note a case keeps, in characters. */
export const MAX_CASE_TEXT = 4000

/** A next step and its due date, as the case stores them. */
export interface NextStep {
  readonly next_step: string
  readonly next_step_due_on: string
}

/**
 * The next step a case gets on entering `stage`: the one given, else the stage's suggestion; due
 * on the date given (not before today), else a week from today. Every open case has both (SPEC §4).
 * @throws ValidationError for a blank or too long step, or a bad or past date
 * @example nextStepFor('approached', {}, '2024-05-01') // { next_step: 'Hold the exit interview…', next_step_due_on: '2024-05-08' }
 */
export function nextStepFor(
  stage: OpenStage,
  given: { readonly nextStep?: string | undefined; readonly nextStepDueOn?: string | undefined },
  today: string,
): NextStep {
  const step = given.nextStep === undefined ? SUGGESTED_NEXT_STEP[stage] : given.nextStep.trim()
  if (step === '' || step.length > MAX_CASE_TEXT) {
    throw new ValidationError(`a next step is 1-${MAX_CASE_TEXT} characters`, {
      issues: [{ path: ['nextStep'], message: 'say what happens next' }],
    })
  }
  const due = given.nextStepDueOn ?? addDays(today, DEFAULT_STEP_DAYS)
  if (!isIsoDate(due)) {
    throw new ValidationError(`a due date is YYYY-MM-DD, not "${due}"`, {
      issues: [{ path: ['nextStepDueOn'], message: 'not a date' }],
    })
  }
  if (due < today) {
    throw new ValidationError(`a next step cannot be due in the past (${due} is before ${today})`, {
      issues: [{ path: ['nextStepDueOn'], message: 'due before today' }],
    })
  }
  return { next_step: step, next_step_due_on: due }
}

/**
 * Trims optional free text (notes, the customer's words …): undefined stays undefined (no change),
 * blank becomes null.
 * @throws ValidationError when longer than MAX_CASE_TEXT
 */
export function cleanText(
  field: string,
  text: string | null | undefined,
): string | null | undefined {
  if (text === undefined || text === null) {
    return text
  }
  const trimmed = text.trim()
  if (trimmed.length > MAX_CASE_TEXT) {
    throw new ValidationError(`${field} is at most ${MAX_CASE_TEXT} characters`, {
      issues: [{ path: [field], message: 'too long' }],
    })
  }
  return trimmed === '' ? null : trimmed
}
