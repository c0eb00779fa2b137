/**
 * Day arithmetic for the demo company: dates are whole days since 1970-01-01 (UTC) while the
 * company is generated, and `YYYY-MM-DD` strings once it is written out.
 */
export const DAYS_PER_YEAR = 365.25
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12
const MS_PER_DAY = 86_400_000

/** The day number of a `YYYY-MM-DD` date. */
export function dayFromIsoDate(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY)
}

/** The `YYYY-MM-DD` date of a day number (fractions of a day are dropped). */
export function isoDateFromDay(day: number): string {
  return new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayIsoDate(): string {
  return new Date().toISOString().slice(0, 10)
}

/** True when the text is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isoDateFromDay(dayFromIsoDate(text)) === text
}
