/**
 * Calendar dates from the formats people export: ISO (with an optional time and offset), YYYYMMDD,
 * day-first or month-first numeric dates, DD.MM.YYYY, and English month names. Results are
 * `YYYY-MM-DD` in the company's time zone.
 */

/** Which part comes first in a numeric date like 01/02/2024. */
export type DateOrder = 'DMY' | 'MDY'

/** A date that could not be read: not a date at all, or a numeric date that needs its order. */
export type DateProblem = 'invalid' | 'ambiguous'

const MONTHS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    sept: 9,
    oct: 10,
    nov: 11,
    dec: 12,
    january: 1,
    february: 2,
    march: 3,
    april: 4,
    june: 6,
    july: 7,
    august: 8,
    september: 9,
    october: 10,
    november: 11,
    december: 12,
  }),
)

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const NUMERIC =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$/i
const MONTH_NAME_DAY = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i

/**
 * Reads one date as `YYYY-MM-DD`. A numeric date whose day and month could swap needs `order`;
 * without it the answer is `'ambiguous'`. A timestamp with an offset is moved to `timeZone` first.
 * @example readDate('31/01/2024', null, 'UTC') // '2024-01-31'
 */
export function readDate(
  text: string,
  order: DateOrder | null,
  timeZone: string,
): string | DateProblem {
  const value = text.trim()
  const isoDay = readIsoDay(value)
  if (isoDay !== null) {
    return isoDay
  }
  const iso = ISO_DATE_TIME.exec(value)
  if (iso !== null) {
    return readIsoTimestamp(iso, timeZone)
  }
  const compact = COMPACT.exec(value) ?? YEAR_FIRST.exec(value)
  if (compact !== null) {
    return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]))
  }
  const numeric = NUMERIC.exec(value)
  if (numeric !== null) {
    return readNumeric(numeric, order)
  }
  return readMonthName(value)
}

/**
 * What one date says about the file's day/month order: `DMY` or `MDY` when only that order fits,
 * `either` when both fit with different results, `null` when the order does not matter here.
 * @example dateOrderEvidence('13/01/2024') // 'DMY'
 */
export function dateOrderEvidence(text: string): DateOrder | 'either' | null {
  const numeric = NUMERIC.exec(text.trim())
  if (numeric === null || numeric[2] === '.') {
    return null
  }
  const dayFirst = readNumeric(numeric, 'DMY')
  const monthFirst = readNumeric(numeric, 'MDY')
  if (dayFirst === 'invalid' || monthFirst === 'invalid') {
    return dayFirst !== 'invalid' ? 'DMY' : monthFirst !== 'invalid' ? 'MDY' : null
  }
  return dayFirst === monthFirst ? null : 'either'
}

/**
 * Reads a `--date-format` value: `DD/MM/YYYY`, `MM/DD/YYYY` (any separator), `DMY` or `MDY`.
 * Returns null when it is none of these.
 */
export function parseDateOrder(option: string): DateOrder | null {
  const letters = option.toUpperCase().replace(/[^DMY]/g, '')
  if (/^D+M+Y+$/.test(letters)) {
    return 'DMY'
  }
  if (/^M+D+Y+$/.test(letters)) {
    return 'MDY'
  }
  return null
}

/**
 * Reads a plain `YYYY-MM-DD` without allocating: the text itself when it is a real day, `'invalid'`
 * when it has the shape but not a real day, null when it has another shape. The hot path of imports.
 */
export function readIsoDay(value: string): string | 'invalid' | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) {
    return null
  }
  const year = digitsAt(value, 0, 4)
  const month = digitsAt(value, 5, 2)
  const day = digitsAt(value, 8, 2)
  if (year < 0 || month < 0 || day < 0) {
    return null
  }
  return isValidDay(year, month, day) ? value : 'invalid'
}

function digitsAt(text: string, from: number, count: number): number {
  let value = 0
  for (let at = from; at < from + count; at++) {
    const code = text.charCodeAt(at)
    if (code < 48 || code > 57) {
      return -1
    }
    value = value * 10 + (code - 48)
  }
  return value
}

function readIsoTimestamp(match: RegExpExecArray, timeZone: string): string | DateProblem {
  const [, year, month, day, hour, minute, second, offset] = match
  const date = ymd(Number(year), Number(month), Number(day))
  if (date === 'invalid' || offset === undefined || hour === undefined) {
    return date
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) {
    return 'invalid'
  }
  const utcMs =
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second ?? 0),
    ) -
    offsetMinutes(offset) * 60_000
  return dayInTimeZone(utcMs, timeZone)
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') {
    return 0
  }
  const digits = offset.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')
  return offset.startsWith('-') ? -minutes : minutes
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar day of an instant in a time zone (SPEC: one time zone defines "the same day"). */
export function dayInTimeZone(utcMs: number, timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    return new Date(utcMs).toISOString().slice(0, 10)
  }
  let formatter = dayFormatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dayFormatters.set(timeZone, formatter)
  }
  return formatter.format(new Date(utcMs))
}

function readNumeric(match: RegExpExecArray, order: DateOrder | null): string | DateProblem {
  const first = Number(match[1])
  const second = Number(match[3])
  const year = Number(match[4])
  if (match[2] === '.' || order === 'DMY') {
    return ymd(year, second, first)
  }
  if (order === 'MDY') {
    return ymd(year, first, second)
  }
  const dayFirst = ymd(year, second, first)
  const monthFirst = ymd(year, first, second)
  if (dayFirst === 'invalid' || monthFirst === 'invalid' || dayFirst === monthFirst) {
    return dayFirst === 'invalid' ? monthFirst : dayFirst
  }
  return 'ambiguous'
}

function readMonthName(value: string): string | DateProblem {
  const dayFirst = DAY_MONTH_NAME.exec(value)
  if (dayFirst !== null) {
    return ymd(
      Number(dayFirst[3]),
      MONTHS.get((dayFirst[2] ?? '').toLowerCase()) ?? 0,
      Number(dayFirst[1]),
    )
  }
  const monthFirst = MONTH_NAME_DAY.exec(value)
  if (monthFirst !== null) {
    return ymd(
      Number(monthFirst[3]),
      MONTHS.get((monthFirst[1] ?? '').toLowerCase()) ?? 0,
      Number(monthFirst[2]),
    )
  }
  return 'invalid'
}

function ymd(year: number, month: number, day: number): string | DateProblem {
  if (!isValidDay(year, month, day)) {
    return 'invalid'
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** years outside 1900–2199 are almost always a mangled cell, not a real order date */
function isValidDay(year: number, month: number, day: number): boolean {
  if (!(year >= 1900 && year <= 2199 && month >= 1 && month <= 12 && day >= 1)) {
    return false
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] ?? 0))
}
