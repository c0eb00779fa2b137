/**
 * Spreadsheet-safe CSV cells (TESTPLAN T14): a text cell a spreadsheet would read as a formula
 * gets a leading `'`, a cell that is entirely a number stays a number, and quoting follows
 * RFC 4180. Phone numbers in E.164 form (`+1555…`) are text, so they carry the `'` (TESTPLAN F8).
 */

/** characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection), full-width too */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'])

/** a plain decimal number: spreadsheets read it as a value, never as a formula */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/

const NEEDS_QUOTES = /[",\r\n]/

/** True when a text cell would be read as a formula: it starts, maybe after whitespace, with = + - @ or a control character. */
export function isFormulaRisk(text: string): boolean {
  if (text === '' || PLAIN_NUMBER.test(text)) {
    return false
  }
  if (FORMULA_STARTS.has(text.charAt(0))) {
    return true
  }
  const firstVisible = text.trimStart().charAt(0)
  return firstVisible !== '' && FORMULA_STARTS.has(firstVisible)
}

/**
 * One CSV cell: null is empty, a number is written as a number, text is made formula-safe and
 * quoted when it holds a quote, comma or line break.
 * @example formatCsvCell('=1+1') // "'=1+1"
 */
export function formatCsvCell(value: string | number | null): string {
  if (value === null) {
    return ''
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : ''
  }
  const safe = isFormulaRisk(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * One CSV row with its RFC 4180 `\r\n` terminator, so a file is its rows concatenated.
 * @example formatCsvRow(['line', 'code']) // "line,code\r\n"
 */
export function formatCsvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(formatCsvCell).join(',')}\r\n`
}
