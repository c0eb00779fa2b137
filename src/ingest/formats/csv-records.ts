import { isUtf8 } from 'node:buffer'
import { ValidationError } from '../../domain/errors.js'
import type { RejectedRecord } from '../../domain/records.js'
import { type CsvRecordProblem, countLineFeeds, readQuotedRecord } from './csv-quoted-record.js'

export type { CsvRecordProblem }

/** Where the splitter delivers the header, each intact record, and each rejected record. */
export interface CsvRecordSink {
  header(names: string[], line: number): void
  /** Returns a problem to reject the record; undefined accepts it. */
  record(fields: string[], line: number): CsvRecordProblem | undefined
  reject(rejected: RejectedRecord): void
}

/** A quoted field may hold line breaks, but not past this many physical lines (SPEC: CSV). */
export const MAX_LINES_PER_RECORD = 10

const LF = 10
const CR = 13
const UTF8_BOM = [0xef, 0xbb, 0xbf]
const EMPTY = new Uint8Array(0)

/**
 * Splits a CSV byte stream into records by SPEC's record rule, chunk by chunk with flat memory.
 * Every record knows its start line; a rejected record (quote still open after 10 physical lines
 * or at the end, wrong number of fields, invalid UTF-8, or refused by the sink) is reported at
 * that start line and parsing resumes on the physical line after it, so a stray quote never
 * swallows a valid row. Blank lines are skipped. The first record is the header.
 * @example const splitter = new CsvRecordSplitter(sink); splitter.push(bytes); splitter.end()
 */
export class CsvRecordSplitter {
  readonly #sink: CsvRecordSink
  #bytes: Uint8Array = EMPTY
  #text = ''
  #line = 1
  #fieldCount = -1
  #started = false
  #invalidLines: number[] = []

  constructor(sink: CsvRecordSink) {
    this.#sink = sink
  }

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    let bytes = this.#bytes.length === 0 ? chunk : concatBytes(this.#bytes, chunk)
    if (!this.#started) {
      if (bytes.length < UTF8_BOM.length) {
        this.#bytes = bytes
        return
      }
      bytes = this.#skipBom(bytes)
    }
    const lastLf = bytes.lastIndexOf(LF)
    if (lastLf === -1) {
      this.#bytes = bytes
      return
    }
    this.#bytes = bytes.subarray(lastLf + 1)
    this.#process(this.#decode(bytes.subarray(0, lastLf + 1)), false)
  }

  /** Ends the file: the last record may lack a line break, and a quote still open is rejected. */
  end(): void {
    const bytes = this.#started ? this.#bytes : this.#skipBom(this.#bytes)
    this.#bytes = EMPTY
    this.#process(this.#decode(bytes), true)
    if (this.#fieldCount < 0) {
      throw new ValidationError('the file has no header row')
    }
  }

  #skipBom(bytes: Uint8Array): Uint8Array {
    this.#started = true
    const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte)
    return hasBom ? bytes.subarray(UTF8_BOM.length) : bytes
  }

  #decode(bytes: Uint8Array): string {
    const text = this.#text + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString()
    if (!isUtf8(bytes)) {
      this.#noteInvalidLines(bytes, this.#line + countLineFeeds(this.#text, 0, this.#text.length))
    }
    return text
  }

  /** remembers which physical lines hold invalid UTF-8, so records over them can be rejected */
  #noteInvalidLines(bytes: Uint8Array, firstLine: number): void {
    let start = 0
    let line = firstLine
    while (start < bytes.length) {
      const lf = bytes.indexOf(LF, start)
      const end = lf === -1 ? bytes.length : lf + 1
      if (!isUtf8(bytes.subarray(start, end))) {
        this.#invalidLines.push(line)
      }
      start = end
      line++
    }
  }

  #process(text: string, atEnd: boolean): void {
    let pos = 0
    let line = this.#line
    let nextQuote = text.indexOf('"')
    while (pos < text.length) {
      let lf = text.indexOf('\n', pos)
      if (lf === -1) {
        lf = text.length
      }
      if (nextQuote !== -1 && nextQuote < pos) {
        nextQuote = text.indexOf('"', pos)
      }
      if (nextQuote === -1 || nextQuote > lf) {
        this.#simpleLine(text, pos, lf, line)
        pos = lf + 1
        line++
        continue
      }
      const next = this.#quotedRecord(text, pos, line, atEnd)
      if (next === undefined) {
        break
      }
      pos = next.pos
      line = next.line
    }
    this.#text = pos < text.length ? text.slice(pos) : ''
    this.#line = line
  }

  #simpleLine(text: string, start: number, lf: number, line: number): void {
    const end = lf > start && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf
    if (end === start) {
      return
    }
    const fields: string[] = []
    let from = start
    let comma = text.indexOf(',', from)
    while (comma !== -1 && comma < end) {
      fields.push(text.slice(from, comma))
      from = comma + 1
      comma = text.indexOf(',', from)
    }
    fields.push(text.slice(from, end))
    this.#emit(fields, line, { text, start, end })
  }

  /** reads a record holding quotes; undefined when it needs more text than this chunk has */
  #quotedRecord(
    text: string,
    start: number,
    line: number,
    atEnd: boolean,
  ): { pos: number; line: number } | undefined {
    const result = readQuotedRecord(text, start, atEnd, MAX_LINES_PER_RECORD)
    if (result === undefined) {
      return undefined
    }
    const startLineEnd = lineEndAt(text, start)
    if ('code' in result) {
      this.#reject(line, { text, start, end: trimCr(text, start, startLineEnd) }, result)
      return { pos: startLineEnd + 1, line: line + 1 }
    }
    const raw = { text, start, end: trimCr(text, start, lineEndAt(text, result.end - 1)) }
    const accepted = this.#emit(result.fields, line, raw, result.lineBreaks)
    if (!accepted && result.lineBreaks > 0) {
      return { pos: startLineEnd + 1, line: line + 1 }
    }
    return { pos: result.end, line: line + result.lineBreaks + 1 }
  }

  #emit(fields: string[], line: number, raw: RawSpan, lineBreaks = 0): boolean {
    if (this.#hasInvalidUtf8(line, line + lineBreaks)) {
      const message = 'the record is not valid UTF-8'
      this.#reject(line, raw, { field: null, code: 'invalid_utf8', message })
      return false
    }
    if (this.#fieldCount < 0) {
      this.#fieldCount = fields.length
      this.#sink.header(fields, line)
      return true
    }
    if (fields.length !== this.#fieldCount) {
      const message = `expected ${this.#fieldCount} fields, found ${fields.length}`
      this.#reject(line, raw, { field: null, code: 'wrong_field_count', message })
      return false
    }
    const problem = this.#sink.record(fields, line)
    if (problem !== undefined) {
      this.#reject(line, raw, problem)
      return false
    }
    return true
  }

  #reject(line: number, span: RawSpan, problem: CsvRecordProblem): void {
    if (this.#fieldCount < 0) {
      throw new ValidationError(`the header row (line ${line}) is unreadable: ${problem.message}`, {
        issues: [{ path: [line], line, message: problem.message }],
      })
    }
    this.#sink.reject({ line, raw: span.text.slice(span.start, span.end), ...problem })
  }

  #hasInvalidUtf8(first: number, last: number): boolean {
    const invalid = this.#invalidLines
    while (invalid.length > 0 && (invalid[0] ?? 0) < first) {
      invalid.shift()
    }
    return invalid.length > 0 && (invalid[0] ?? 0) <= last
  }
}

/** where a record's raw text is, sliced only when it is rejected */
interface RawSpan {
  readonly text: string
  readonly start: number
  readonly end: number
}

function concatBytes(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const joined = new Uint8Array(head.length + tail.length)
  joined.set(head, 0)
  joined.set(tail, head.length)
  return joined
}

/** index of the line feed ending the physical line that holds `index`, or the text's length */
function lineEndAt(text: string, index: number): number {
  const lf = text.indexOf('\n', index)
  return lf === -1 ? text.length : lf
}

function trimCr(text: string, start: number, end: number): number {
  return end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end
}
