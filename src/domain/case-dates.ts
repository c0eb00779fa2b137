/**
 * Calendar dates as cases use them: `YYYY-MM-DD` text in UTC, compared as strings (ISO 8601 dates
 * sort lexically), moved by whole days or months.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

/**
 * True when `text` is a real calendar date written `YYYY-MM-DD`.
 * @example isIsoDate('2024-02-30') // false
 */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) {
    return false
  }
  const parsed = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text
}

/**
 * Today's date in UTC, `YYYY-MM-DD`.
 * @example todayIso(new Date('2024-05-01T23:00:00Z')) // '2024-05-01'
 */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/**
 * The date `days` days after `date` (before it when negative).
 * @example addDays('2024-02-28', 2) // '2024-03-01'
 */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * DAY_MS
  return new Date(time).toISOString().slice(0, 10)
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example daysBetween('2024-02-28', '2024-03-01') // 2
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/**
 * The date `months` calendar months after `date`; a day past the end of the target month falls
 * back to that month's last day (31 January + 1 month = 29 February in a leap year).
 * @example addMonths('2024-01-31', 1) // '2024-02-29'
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

/** How a trend groups dates. */
export type TrendPeriod = 'month' | 'quarter' | 'year'

/**
 * The period a date falls in: `2024-05`, `2024-Q2` or `2024`.
 * @example periodOf('2024-05-17', 'quarter') // '2024-Q2'
 */
export function periodOf(date: string, period: TrendPeriod): string {
  const year = date.slice(0, 4)
  switch (period) {
    case 'year':
      return year
    case 'month':
      return date.slice(0, 7)
    case 'quarter':
      return `${year}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`
  }
}
