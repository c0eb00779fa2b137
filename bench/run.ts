/**
 * `npm run bench`: every benchmark's figures as one JSON object on stdout.
 * Options: `--rows N` (import, default 10,000,000), `--orders N` (whole analyze, default
 * 10,000,000), `--customers N` (lost list, default 1,000,000), `--only a,b` to run some parts
 * (analytics, pareto, import, analyze, lost-list).
 * A missed speed target is reported in `targets_missed`, never as a failure, and one the
 * machine's own ceiling is below (the driver fed with no parsing) in `targets_above_ceiling`.
 */
import { parseArgs } from 'node:util'
import { benchAnalytics } from './analytics.js'
import { benchAnalyze } from './analyze.js'
import { benchImport } from './import.js'
import { benchLostList } from './lost-list.js'
import { benchPareto } from './pareto.js'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    orders: { type: 'string', default: '10000000' },
    only: { type: 'string' },
    customers: { type: 'string', default: '1000000' },
  },
})

const parts: Record<string, () => Promise<Record<string, number>>> = {
  analytics: benchAnalytics,
  pareto: benchPareto,
  import: () => benchImport({ rows: Number(values.rows) }),
  analyze: () => benchAnalyze({ orders: Number(values.orders) }),
  'lost-list': () => benchLostList({ customers: Number(values.customers) }),
}

/** SPEC's quality bars: figure → [comparison, target]. */
const TARGETS: Record<string, ['<' | '>=', number]> = {
  fit_bgnbd_1m_s: ['<', 0.25],
  fit_pnbd_1m_s: ['<', 2],
  score_1m_s: ['<', 0.2],
  fit_bgnbd_1m_3y_s: ['<', 1],
  import_sqlite_rows_per_s: ['>=', 1_000_000],
  import_sqlite_peak_rss_mb: ['<', 1024],
  import_postgres_rows_per_s: ['>=', 500_000],
  lost_list_p99_ms: ['<', 50],
  lost_page_load_ms: ['<', 1000],
}

/**
 * Rate targets → the figure that measured this machine's ceiling for them (the driver fed with
 * no parsing at all): a target above its ceiling cannot be met here by any import.
 */
const CEILINGS: Record<string, string> = {
  import_sqlite_rows_per_s: 'import_sqlite_bind_floor_rows_per_s',
  import_postgres_rows_per_s: 'import_postgres_copy_floor_rows_per_s',
}

const wanted = values.only?.split(',') ?? Object.keys(parts)
const figures: Record<string, number | string[]> = {}
for (const name of wanted) {
  const run = parts[name]
  if (run === undefined) {
    throw new Error(`bench: unknown part "${name}" (known: ${Object.keys(parts).join(', ')})`)
  }
  Object.assign(figures, await run())
}
figures['targets_missed'] = Object.entries(TARGETS)
  .filter(([key, [comparison, target]]) => {
    const value = figures[key]
    if (typeof value !== 'number') {
      return false
    }
    return comparison === '<' ? !(value < target) : !(value >= target)
  })
  .map(([key]) => key)
figures['targets_above_ceiling'] = Object.entries(CEILINGS)
  .filter(([key, ceilingKey]) => {
    const ceiling = figures[ceilingKey]
    const target = TARGETS[key]?.[1]
    return typeof ceiling === 'number' && target !== undefined && ceiling < target
  })
  .map(([key]) => key)
console.log(JSON.stringify(figures))
