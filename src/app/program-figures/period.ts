import { addDays, addMonths } from '../../domain/case-dates.js'
import { ValidationError } from '../../domain/errors.js'

/** The period figures are counted over: two ISO days, both included. */
export interface Period {
  readonly from: string
  readonly to: string
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

function checkedDay(value: string, field: string): string {
  if (!ISO_DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ValidationError(`${field}: expected a date as YYYY-MM-DD, got "${value}"`)
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new ValidationError(`${field}: no such day "${value}"`)
  }
  return value
}

/**
 * The period asked for: `to` defaults to `today`, `from` to the day after the same day a year
 * earlier (SPEC "Figures": yearly by default), so the default covers exactly twelve months.
 * @throws ValidationError naming the field for a bad date or `from` after `to`
 * @example periodOf({}, '2026-11-23') // { from: '2025-11-24', to: '2026-11-23' }
 */
export function periodOf(asked: { from?: string; to?: string }, today: string): Period {
  const to = checkedDay(asked.to ?? today, 'to')
  const from =
    asked.from === undefined ? addDays(addMonths(to, -12), 1) : checkedDay(asked.from, 'from')
  if (from > to) {
    throw new ValidationError(`from: ${from} is after to ${to}`)
  }
  return { from, to }
}
