/** The head of a CSV file: its delimiter, header row and first records. */
export interface CsvPreview {
  readonly delimiter: string
  readonly headers: readonly string[]
  readonly rows: readonly (readonly string[])[]
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const

/** The delimiter that splits the first line into the most fields, outside quotes (comma on a tie). */
export function sniffDelimiter(firstLine: string): string {
  let best: string = ','
  let bestCount = 0
  for (const delimiter of CANDIDATE_DELIMITERS) {
    let count = 0
    let quoted = false
    for (const char of firstLine) {
      if (char === '"') {
        quoted = !quoted
      } else if (char === delimiter && !quoted) {
        count += 1
      }
    }
    if (count > bestCount) {
      best = delimiter
      bestCount = count
    }
  }
  return best
}

/**
 * Parses up to `maxRecords` RFC 4180 records (quoted fields may hold delimiters, doubled quotes and
 * line breaks; CRLF or LF). Unless `complete`, a record cut off at the end of `text` is dropped,
 * since `text` is only the head of the file. A preview for mapping columns: the server parses the
 * real file.
 */
export function parseCsvRecords(
  text: string,
  options: { delimiter: string; maxRecords: number; complete: boolean },
): string[][] {
  const { delimiter, maxRecords } = options
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let index = 0
  while (index < text.length && records.length < maxRecords) {
    const char = text[index] ?? ''
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index += 1
      } else if (char === '"') {
        quoted = false
      } else {
        field += char
      }
    } else if (char === '"' && field === '') {
      quoted = true
    } else if (char === delimiter) {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') {
        index += 1
      }
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else {
      field += char
    }
    index += 1
  }
  if (
    options.complete &&
    !quoted &&
    (field !== '' || record.length > 0) &&
    records.length < maxRecords
  ) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** Reads the header and up to `maxRows` data rows from the head (or all, `complete`) of a CSV file. */
export function previewCsv(
  text: string,
  options: { maxRows: number; complete: boolean },
): CsvPreview {
  const { maxRows, complete } = options
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text
  const firstLine = withoutBom.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = sniffDelimiter(firstLine)
  const records = parseCsvRecords(withoutBom, { delimiter, maxRecords: maxRows + 1, complete })
  const [headers = [], ...rows] = records
  return { delimiter, headers: headers.map((header) => header.trim()), rows }
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

/**
 * For each field, the file column to take it from: the column named like the field or one of
 * its aliases (case, spaces and punctuation ignored), else none.
 */
export function suggestMapping(
  fields: readonly { readonly name: string; readonly aliases: readonly string[] }[],
  headers: readonly string[],
): Record<string, string> {
  const mapping: Record<string, string> = {}
  const taken = new Set<string>()
  for (const field of fields) {
    const names = [field.name, ...field.aliases].map(normalise)
    const header = headers.find(
      (candidate) => !taken.has(candidate) && names.includes(normalise(candidate)),
    )
    if (header !== undefined) {
      mapping[field.name] = header
      taken.add(header)
    }
  }
  return mapping
}
