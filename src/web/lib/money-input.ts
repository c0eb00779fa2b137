import { minorDigits } from './format.js'

/**
 * What someone typed as an amount, in minor units: `1,250.5` → 125050 for USD; null when it is
 * not an amount ≥ 0 written with at most the currency's decimals. Done on the digits, not with
 * floating point, so `0.29` is 29 cents and never 28.
 * @example parseMoneyInput('30,000', 'USD') // 3000000
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(/^[$€£]\s*/, '')
  // thousands separators only in their places (1,250 or 12,500,000), never a decimal comma
  const plain = /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(trimmed) ? trimmed.replaceAll(',', '') : trimmed
  const match = /^(\d+)(?:\.(\d*))?$/.exec(plain)
  if (match === null) {
    return null
  }
  const digits = minorDigits(currency)
  const whole = match[1] ?? '0'
  const fraction = match[2] ?? ''
  if (fraction.length > digits) {
    return null
  }
  const minor = Number(whole + fraction.padEnd(digits, '0'))
  return Number.isSafeInteger(minor) ? minor : null
}

/** Minor units as a plain amount to edit (`125050` → `1250.50`), no symbol or separators. */
export function moneyInputText(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency)
  if (digits === 0) {
    return String(amountMinor)
  }
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0')
  const sign = amountMinor < 0 ? '-' : ''
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}
