import { currencyOfMark } from './currency.js'

/** The decimal mark of a file's amounts: `1,234.50` is `.`, `1.234,50` is `,`. */
export type DecimalMark = '.' | ','

/** An amount in integer minor units, with the currency its text named (null when none). */
export interface AmountReading {
  readonly minor: number
  readonly currency: string | null
}

/** Why an amount could not be read: not a number, or a mark that could be either. */
export type AmountProblem = 'invalid' | 'ambiguous'

const SIGN_FRONT = /^[-−+]\s*/
const SIGN_BACK = /\s*[-−]$/
const MARK = String.raw`(?:[A-Z]{1,3}\$|\$|[€£¥₹₩₽₺₪₫₱]|[A-Za-z]{2,3})`
const MARK_FRONT = new RegExp(`^${MARK}\\s*`)
const MARK_BACK = new RegExp(`\\s*${MARK}$`)
const DIGITS = /^\d(?:[\d.,'\s\u00a0\u202f]*\d)?$/
const PLAIN = /^\d+(?:\.\d+)?$/

/**
 * Reads an amount such as `$1,234.50`, `1.234,50 €`, `(12.50)` or `-12.50 USD` into minor units of
 * a currency with `exponent` decimals. Without `decimal`, a mark that could go either way with
 * different results is `'ambiguous'`; more decimals than the currency has (other than zeros) is
 * `'invalid'`.
 * @example readAmount('$1,234.50', { decimal: null, exponent: 2, companyCurrency: 'USD' }) // { minor: 123450, currency: 'USD' }
 */
export function readAmount(
  text: string,
  options: { decimal: DecimalMark | null; exponent: number; companyCurrency: string },
): AmountReading | AmountProblem {
  const value = text.trim()
  // a dot before exactly three digits could be a thousands separator: leave it to the full reading
  const dotAt = value.indexOf('.')
  if (
    options.decimal !== ',' &&
    PLAIN.test(value) &&
    (dotAt === -1 || value.length - dotAt !== 4)
  ) {
    const minor = toMinor(value, '.', options.exponent)
    if (minor !== null) {
      return { minor, currency: null }
    }
  }
  const parts = splitAmount(value, options.companyCurrency)
  if (parts === null) {
    return 'invalid'
  }
  const minor = readMagnitude(parts.digits, options.decimal, options.exponent)
  if (typeof minor === 'string') {
    return minor
  }
  return { minor: parts.negative && minor !== 0 ? -minor : minor, currency: parts.currency }
}

/**
 * Reads a plain amount (`1234`, `-12.5`) without allocating: minor units, or NaN when the text is
 * anything else or has more decimals than the currency (or exactly three after a dot, which could
 * be a thousands separator). The hot path of every import.
 */
export function readPlainAmount(text: string, exponent: number): number {
  const length = text.length
  let at = text.charCodeAt(0) === 45 ? 1 : 0
  let whole = 0
  const digitsStart = at
  while (at < length) {
    const code = text.charCodeAt(at)
    if (code < 48 || code > 57) {
      break
    }
    whole = whole * 10 + (code - 48)
    at++
  }
  if (at === digitsStart || at - digitsStart > 15) {
    return Number.NaN
  }
  let fraction = 0
  let places = 0
  if (at < length && text.charCodeAt(at) === 46) {
    at++
    while (at < length) {
      const code = text.charCodeAt(at)
      if (code < 48 || code > 57 || places === exponent) {
        return Number.NaN
      }
      fraction = fraction * 10 + (code - 48)
      places++
      at++
    }
    if (places === 0 || places === 3) {
      return Number.NaN
    }
  }
  if (at !== length) {
    return Number.NaN
  }
  const minor = whole * 10 ** exponent + fraction * 10 ** (exponent - places)
  if (!Number.isSafeInteger(minor)) {
    return Number.NaN
  }
  return digitsStart === 1 && minor !== 0 ? -minor : minor
}

/**
 * What one amount says about the file's decimal mark: the only mark it reads under, or `either`
 * when it reads under both with different values; null when the mark does not matter here.
 * @example decimalMarkEvidence('12,50', 2) // ','
 */
export function decimalMarkEvidence(text: string, exponent: number): DecimalMark | 'either' | null {
  if (PLAIN.test(text)) {
    // a plain number proves the dot unless exactly three digits follow it (then 1.234 could be 1234)
    const dotAt = text.indexOf('.')
    if (dotAt === -1) {
      return null
    }
    if (text.length - dotAt !== 4) {
      return '.'
    }
  }
  const parts = splitAmount(text.trim(), 'USD')
  if (parts === null) {
    return null
  }
  const dot = toMinor(parts.digits, '.', exponent)
  const comma = toMinor(parts.digits, ',', exponent)
  if (dot === null || comma === null) {
    return dot !== null ? '.' : comma !== null ? ',' : null
  }
  return dot === comma ? null : 'either'
}

function readMagnitude(
  digits: string,
  decimal: DecimalMark | null,
  exponent: number,
): number | AmountProblem {
  if (decimal !== null) {
    return toMinor(digits, decimal, exponent) ?? 'invalid'
  }
  const dot = toMinor(digits, '.', exponent)
  const comma = toMinor(digits, ',', exponent)
  if (dot !== null && comma !== null && dot !== comma) {
    return 'ambiguous'
  }
  return dot ?? comma ?? 'invalid'
}

/** splits sign, currency mark and digits; null when what is left is not a number's shape */
function splitAmount(
  value: string,
  companyCurrency: string,
): { negative: boolean; currency: string | null; digits: string } | null {
  const parenthesized = value.startsWith('(') && value.endsWith(')')
  let rest = parenthesized ? value.slice(1, -1).trim() : value
  let minuses = 0
  let mark: string | undefined
  for (let pass = 0; pass < 3; pass++) {
    const sign = SIGN_FRONT.exec(rest) ?? SIGN_BACK.exec(rest)
    const markMatch = MARK_FRONT.exec(rest) ?? MARK_BACK.exec(rest)
    if (sign !== null) {
      minuses += sign[0].trim() === '+' ? 0 : 1
      rest = removeMatch(rest, sign)
    } else if (markMatch !== null && mark === undefined) {
      mark = markMatch[0].trim()
      rest = removeMatch(rest, markMatch)
    }
  }
  if (!DIGITS.test(rest) || minuses > 1 || (minuses > 0 && parenthesized)) {
    return null
  }
  const currency = mark === undefined ? null : currencyOfMark(mark, companyCurrency)
  if (mark !== undefined && currency === null) {
    return null
  }
  return { negative: parenthesized || minuses > 0, currency, digits: rest }
}

function removeMatch(text: string, match: RegExpExecArray): string {
  return (match.index === 0 ? text.slice(match[0].length) : text.slice(0, match.index)).trim()
}

/** digits with group separators and one decimal mark → minor units, or null when malformed */
function toMinor(digits: string, decimal: DecimalMark, exponent: number): number | null {
  const markAt = digits.lastIndexOf(decimal)
  const whole = markAt === -1 ? digits : digits.slice(0, markAt)
  const fraction = markAt === -1 ? '' : digits.slice(markAt + 1)
  if (!/^\d*$/.test(fraction) || (markAt !== -1 && fraction === '')) {
    return null
  }
  const wholeDigits = ungroup(whole, decimal === '.' ? ',' : '.')
  if (
    wholeDigits === null ||
    (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent)))
  ) {
    return null
  }
  const scaled = `${wholeDigits}${fraction.slice(0, exponent).padEnd(exponent, '0')}`
  const minor = Number(scaled)
  return Number.isSafeInteger(minor) ? minor : null
}

/** removes thousands separators, which must split the digits into groups of three */
function ungroup(whole: string, separator: string): string | null {
  if (/^\d+$/.test(whole)) {
    return whole
  }
  const groups = whole.split(new RegExp(`[${separator === '.' ? '.' : ','}'\\s\\u00a0\\u202f]`))
  const [first, ...rest] = groups
  if (first === undefined || !/^\d{1,3}$/.test(first) || !rest.every((g) => /^\d{3}$/.test(g))) {
    return null
  }
  return groups.join('')
}
