import type { RejectCode } from '../../domain/records.js'

/** Why a record is refused; the splitter adds the line and the raw text. */
export interface CsvRecordProblem {
  readonly field: string | null
  readonly code: RejectCode
  readonly message: string
}

/** An intact record: its fields, where the next one starts, and the line breaks inside quotes. */
export interface QuotedRecord {
  readonly fields: string[]
  readonly end: number
  readonly lineBreaks: number
}

const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13

/**
 * Reads one record that starts at `start` and holds a quote, by RFC 4180 (a quote inside an
 * unquoted field is taken literally). Returns the record, a problem (the quote is still open
 * after `maxLines` physical lines or at the end, or text follows a closing quote), or undefined
 * when the text ends before the record does and more may come.
 */
export function readQuotedRecord(
  text: string,
  start: number,
  atEnd: boolean,
  maxLines: number,
): QuotedRecord | CsvRecordProblem | undefined {
  const fields: string[] = []
  let at = start
  let lineBreaks = 0
  for (;;) {
    if (text.charCodeAt(at) !== QUOTE) {
      const unquoted = readUnquoted(text, at, fields)
      if (unquoted !== undefined) {
        return { fields, end: unquoted, lineBreaks }
      }
      at = text.indexOf(',', at) + 1
      continue
    }
    const quoted = readQuoted(text, at + 1, maxLines - 1 - lineBreaks)
    if (typeof quoted === 'string') {
      return quoted === 'more' && !atEnd ? undefined : unterminated(maxLines)
    }
    fields.push(quoted.value)
    lineBreaks += quoted.lineBreaks
    const after = quoted.end
    const next = text.charCodeAt(after)
    if (next === COMMA) {
      at = after + 1
    } else if (after >= text.length || next === LF) {
      return { fields, end: Math.min(after + 1, text.length), lineBreaks }
    } else if (next === CR && (after + 1 >= text.length || text.charCodeAt(after + 1) === LF)) {
      return { fields, end: Math.min(after + 2, text.length), lineBreaks }
    } else {
      return textAfterQuote()
    }
  }
}

/** pushes the unquoted field at `at`; returns the record's end when it was the last field */
function readUnquoted(text: string, at: number, fields: string[]): number | undefined {
  let lf = text.indexOf('\n', at)
  if (lf === -1) {
    lf = text.length
  }
  const comma = text.indexOf(',', at)
  if (comma !== -1 && comma < lf) {
    fields.push(text.slice(at, comma))
    return undefined
  }
  const end = lf > at && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf
  fields.push(text.slice(at, end))
  return Math.min(lf + 1, text.length)
}

/** reads a quoted field's content from just after its opening quote */
function readQuoted(
  text: string,
  from: number,
  lineBreaksAllowed: number,
): { value: string; end: number; lineBreaks: number } | 'more' | 'open' {
  let value = ''
  let segment = from
  let lineBreaks = 0
  for (;;) {
    const quote = text.indexOf('"', segment)
    const stop = quote === -1 ? text.length : quote
    lineBreaks += countLineFeeds(text, segment, stop)
    if (lineBreaks > lineBreaksAllowed) {
      return 'open'
    }
    if (quote === -1) {
      return 'more'
    }
    if (text.charCodeAt(quote + 1) === QUOTE) {
      value += text.slice(segment, quote + 1)
      segment = quote + 2
      continue
    }
    return { value: value + text.slice(segment, quote), end: quote + 1, lineBreaks }
  }
}

/** Counts line feeds in text[from, to). */
export function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0
  let at = text.indexOf('\n', from)
  while (at !== -1 && at < to) {
    count++
    at = text.indexOf('\n', at + 1)
  }
  return count
}

function unterminated(maxLines: number): CsvRecordProblem {
  return {
    field: null,
    code: 'unterminated_quote',
    message: `a quote opened in this record is still open after ${maxLines} lines or at the end of the file`,
  }
}

function textAfterQuote(): CsvRecordProblem {
  return {
    field: null,
    code: 'unterminated_quote',
    message: 'a quote in this record does not close its field (text follows the closing quote)',
  }
}
