import { readFile } from 'node:fs/promises'
import { NotFoundError, ValidationError } from '../domain/errors.js'

/** A small CSV file read whole: its header names (lower-cased, trimmed) and its records. */
export interface CsvTable {
  readonly file: string
  readonly header: readonly string[]
  readonly records: readonly (readonly string[])[]
  /** the physical line of each record, for messages */
  readonly lines: readonly number[]
}

/**
 * Reads an analyst's CSV file (comma-separated, optional double quotes, LF or CRLF, one header
 * line). Meant for summary and order files given to `comeback fit`, not for imports.
 * @throws NotFoundError when the file cannot be read, ValidationError when it has no header
 */
export async function readCsvTable(file: string): Promise<CsvTable> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new NotFoundError(`cannot read ${file}: ${(error as Error).message}`, { cause: error })
  }
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const records: string[][] = []
  const lines: number[] = []
  let header: string[] | null = null
  physical.forEach((line, index) => {
    if (line.trim() === '') {
      return
    }
    const fields = splitCsvLine(line)
    if (header === null) {
      header = fields.map((field) => field.trim().toLowerCase())
    } else {
      records.push(fields)
      lines.push(index + 1)
    }
  })
  if (header === null) {
    throw new ValidationError(`${file} is empty: it needs a header line and rows`)
  }
  return { file, header, records, lines }
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"'
        index += 1
      } else if (char === '"') {
        quoted = false
      } else {
        field += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ',') {
      fields.push(field)
      field = ''
    } else {
      field += char
    }
  }
  fields.push(field)
  return fields
}

/** The index of the first header name found among `names`, or -1. */
export function findColumn(table: CsvTable, names: readonly string[]): number {
  for (const name of names) {
    const index = table.header.indexOf(name)
    if (index >= 0) {
      return index
    }
  }
  return -1
}

/** Like `findColumn`, but a missing column is a ValidationError naming what was looked for. */
export function requireColumn(table: CsvTable, names: readonly string[]): number {
  const index = findColumn(table, names)
  if (index < 0) {
    throw new ValidationError(
      `${table.file} has no ${names.map((name) => `"${name}"`).join(' or ')} column (header: ${table.header.join(',')})`,
    )
  }
  return index
}

/**
 * A numeric column as a Float64Array; a missing, non-numeric, NaN, infinite or negative value is a
 * ValidationError naming the file, line and column.
 */
export function numberColumn(table: CsvTable, column: number): Float64Array {
  const values = new Float64Array(table.records.length)
  table.records.forEach((record, row) => {
    const raw = (record[column] ?? '').trim()
    const value = raw === '' ? Number.NaN : Number(raw)
    if (!Number.isFinite(value) || value < 0) {
      throw new ValidationError(
        `${table.file} line ${table.lines[row]}: ${table.header[column]} "${raw}" is not a number >= 0`,
        {
          issues: [
            {
              path: [row, table.header[column] ?? column],
              message: 'not a finite number >= 0',
              file: table.file,
              line: table.lines[row] ?? 0,
              field: table.header[column] ?? String(column),
            },
          ],
        },
      )
    }
    values[row] = value
  })
  return values
}
