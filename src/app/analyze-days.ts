import { ValidationError } from '../domain/errors.js'

const MS_PER_DAY = 86_400_000
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whole days since 1970-01-01 of a `YYYY-MM-DD` date (the company's calendar day, no time zone
 * arithmetic needed: the date already is the day).
 * @throws ValidationError naming the value when it is not a real calendar date
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(isoDate: string, what = 'date'): number {
  const match = ISO_DAY.exec(isoDate)
  const time =
    match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  if (!Number.isFinite(time) || isoDay(time / MS_PER_DAY) !== isoDate) {
    throw new ValidationError(`${what} "${isoDate}" is not a date in YYYY-MM-DD form`)
  }
  return time / MS_PER_DAY
}

/**
 * The `YYYY-MM-DD` date of a day number.
 * @example isoDay(1) // '1970-01-02'
 */
export function isoDay(day: number): string {
  const whole = Math.round(day)
  let text = isoDays.get(whole)
  if (text === undefined) {
    text = new Date(whole * MS_PER_DAY).toISOString().slice(0, 10)
    if (isoDays.size > 100_000) {
      isoDays.clear()
    }
    isoDays.set(whole, text)
  }
  return text
}

// a run turns millions of day numbers from a few thousand distinct days into dates
const isoDays = new Map<number, string>()

/**
 * Today's date in a time zone (the company's setting, UTC by default).
 * @example todayIn('Europe/Berlin') // '2024-05-01'
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

/** A memo of the last date string turned into a day number: rows arrive sorted by day per customer. */
export function createDayParser(): (isoDate: string) => number {
  const cache = new Map<string, number>()
  return (isoDate) => {
    const known = cache.get(isoDate)
    if (known !== undefined) {
      return known
    }
    const day = dayNumber(isoDate, 'order date')
    if (cache.size > 100_000) {
      cache.clear()
    }
    cache.set(isoDate, day)
    return day
  }
}
