/** One column value as both drivers hand it over: text, an integer, or SQL null. */
export type Cell = string | number | null

/**
 * True when two rows of cells hold the same values; numbers compare by value, so a PostgreSQL
 * `bigint` parsed to a number equals the integer it was written from.
 * @example sameCells(['placed', 1250], ['placed', 1250]) // true
 */
export function sameCells(left: readonly Cell[], right: readonly Cell[]): boolean {
  if (left.length !== right.length) {
    return false
  }
  for (let index = 0; index < left.length; index += 1) {
    if (normalize(left[index]) !== normalize(right[index])) {
      return false
    }
  }
  return true
}

function normalize(value: Cell | bigint | undefined): Cell {
  if (value === undefined) {
    return null
  }
  return typeof value === 'bigint' ? Number(value) : value
}

/**
 * The cells of a stored row in `columns` order, as plain values.
 * @example cellsOf({ status: 'placed', amount_minor: 5 }, ['status', 'amount_minor'])
 */
export function cellsOf(
  row: Readonly<Record<string, unknown>>,
  columns: readonly string[],
): Cell[] {
  return columns.map((column) => toCell(row[column]))
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) {
    return null
  }
  if (typeof value === 'bigint') {
    return Number(value)
  }
  if (typeof value === 'number' || typeof value === 'string') {
    return value
  }
  return String(value)
}

/**
 * The JSON object `{ column: value }` kept in `import_pending_updates.values_json`.
 * @example cellsToJson(['status'], ['refunded']) // '{"status":"refunded"}'
 */
export function cellsToJson(columns: readonly string[], cells: readonly Cell[]): string {
  const object: Record<string, Cell> = {}
  columns.forEach((column, index) => {
    object[column] = cells[index] ?? null
  })
  return JSON.stringify(object)
}

/** The cells of a `values_json` object in `columns` order; a missing column reads as null. */
export function cellsFromJson(columns: readonly string[], json: string): Cell[] {
  const parsed: unknown = JSON.parse(json)
  const object = typeof parsed === 'object' && parsed !== null ? parsed : {}
  return cellsOf(object as Record<string, unknown>, columns)
}
