import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RfmSummary } from '../analytics/types.js'

/** `/work/shared/data`, found beside the repository (`../shared/data` from its root). */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url))

/** Rows of a small CSV file as records of numbers keyed by header (no quoting: these files have none). */
export function readNumericCsv(path: string): Record<string, number>[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
  const header = (lines[0] ?? '').split(',').map((name) => name.trim())
  return lines.slice(1).map((line) => {
    const cells = line.split(',')
    const row: Record<string, number> = {}
    header.forEach((name, i) => {
      row[name] = Number(cells[i])
    })
    return row
  })
}

function column(rows: Record<string, number>[], name: string): Float64Array {
  return Float64Array.from(rows, (row) => row[name] ?? Number.NaN)
}

/** The CDNOW calibration summary (2,357 customers, weeks), one row per customer. */
export function readCdnowSummary(): RfmSummary {
  const rows = readNumericCsv(`${SHARED_DATA_DIR}cdnow/cdnow_customers_summary.csv`)
  return {
    length: rows.length,
    frequency: column(rows, 'frequency'),
    recency: column(rows, 'recency'),
    age: column(rows, 'T'),
    weights: new Float64Array(rows.length).fill(1),
  }
}

/** The CDNOW summary with mean repeat spend `zbar` (x, t_x, T, zbar), one row per customer. */
export function readCdnowSpend(): { summary: RfmSummary; meanSpend: Float64Array } {
  const rows = readNumericCsv(
    `${SHARED_DATA_DIR}cdnow/cdnow_customers_summary_with_transactions.csv`,
  )
  return {
    summary: {
      length: rows.length,
      frequency: column(rows, 'x'),
      recency: column(rows, 't_x'),
      age: column(rows, 'T'),
      weights: new Float64Array(rows.length).fill(1),
    },
    meanSpend: column(rows, 'zbar'),
  }
}

/** The donations data of Fader, Hardie & Shang (2010): compressed (x, t_x, n) rows with weights. */
export function readDonations() {
  const rows = readNumericCsv(`${SHARED_DATA_DIR}donations/donations.csv`)
  return {
    length: rows.length,
    frequency: column(rows, 'frequency'),
    recency: column(rows, 'recency'),
    periods: column(rows, 'periods'),
    weights: column(rows, 'weights'),
  }
}
