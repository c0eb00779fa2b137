import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Cell } from './cells.js'

// COPY's text format: tab between fields, newline between rows, \N for null, and a backslash
// escape for the characters that would otherwise end a field or a row (PostgreSQL docs, COPY).
const SPECIAL = /[\\\t\n\r]/g
// the same characters, to test for without replacing: most fields hold none of them
const HAS_SPECIAL = /[\\\t\n\r]/
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
}

/**
 * One value in COPY text format.
 * @example copyField('a\tb') // 'a\\tb'
 */
export function copyField(value: Cell): string {
  if (value === null) {
    return '\\N'
  }
  if (typeof value === 'number') {
    return String(value)
  }
  return HAS_SPECIAL.test(value)
    ? value.replace(SPECIAL, (character) => ESCAPES[character] ?? character)
    : value
}

/**
 * One row in COPY text format, with its closing newline.
 * @example copyLine(['a', null, 3]) // 'a\t\\N\t3\n'
 */
export function copyLine(cells: readonly Cell[]): string {
  // concatenation, not map and join: this runs once per row of every PostgreSQL import
  let line = ''
  for (let index = 0; index < cells.length; index += 1) {
    line += index === 0 ? copyField(cells[index] ?? null) : `\t${copyField(cells[index] ?? null)}`
  }
  return `${line}\n`
}

// about 1 MB per chunk handed to the socket
const ROWS_PER_CHUNK = 8192

function* chunks(rows: Iterable<readonly Cell[]>): Generator<string> {
  let buffer: string[] = []
  for (const row of rows) {
    buffer.push(copyLine(row))
    if (buffer.length >= ROWS_PER_CHUNK) {
      yield buffer.join('')
      buffer = []
    }
  }
  if (buffer.length > 0) {
    yield buffer.join('')
  }
}

/**
 * Streams `rows` into PostgreSQL with `copyStatement` (a `COPY … FROM STDIN`) on `client`.
 * @example await copyRows(client, 'copy import_stage (order_key) from stdin', [['id:1']])
 */
export async function copyRows(
  client: pg.PoolClient,
  copyStatement: string,
  rows: Iterable<readonly Cell[]>,
): Promise<void> {
  const target = client.query(copyFrom(copyStatement))
  await pipeline(Readable.from(chunks(rows)), target)
}
