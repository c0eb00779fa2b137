import { ValidationError } from '../../domain/errors.js'

/** What a person plans: a meeting with a customer's contacts, optionally on one of its cases. */
export interface MeetingInput {
  readonly customerId: string
  readonly caseId?: number | null
  readonly title: string
  readonly location?: string | null
  /** ISO 8601 date-times with a zone (`2026-12-01T10:00:00Z`, `…+01:00`) */
  readonly startsAt: string
  readonly endsAt: string
  readonly attendeeContactIds: readonly number[]
}

/** What a change may set; anything left out stays. */
export interface MeetingChange {
  readonly title?: string
  readonly location?: string | null
  readonly startsAt?: string
  readonly endsAt?: string
}

// a date-time must say its zone: a meeting at "10:00" means nothing across time zones
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A zoned ISO date-time as a UTC timestamp string.
 * @throws ValidationError naming `field`
 */
export function parseMeetingTime(field: string, text: string): string {
  const date = new Date(text)
  if (!ZONED_DATE_TIME.test(text.trim()) || Number.isNaN(date.getTime())) {
    throw new ValidationError(
      `${field}: "${text}" is not a date-time with a zone (2026-12-01T10:00:00Z)`,
    )
  }
  return date.toISOString()
}

/** The title, trimmed; required, at most 200 characters. */
export function checkTitle(title: string): string {
  const text = title.trim()
  if (text === '' || text.length > 200) {
    throw new ValidationError('title: give a title of 1 to 200 characters')
  }
  return text
}

/** The location, trimmed (empty: none); at most 300 characters. */
export function checkLocation(location: string | null | undefined): string | null {
  const text = location?.trim() ?? ''
  if (text.length > 300) {
    throw new ValidationError('location: at most 300 characters')
  }
  return text === '' ? null : text
}

/** The start and end as UTC timestamps; the end after the start, within 24 hours. */
export function checkTimes(startsAt: string, endsAt: string): { startsAt: string; endsAt: string } {
  const start = parseMeetingTime('startsAt', startsAt)
  const end = parseMeetingTime('endsAt', endsAt)
  const lengthMs = Date.parse(end) - Date.parse(start)
  if (lengthMs <= 0) {
    throw new ValidationError('endsAt: the meeting must end after it starts')
  }
  if (lengthMs > 24 * 3600 * 1000) {
    throw new ValidationError('endsAt: a meeting lasts at most 24 hours')
  }
  return { startsAt: start, endsAt: end }
}
