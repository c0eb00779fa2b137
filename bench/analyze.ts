/**
 * `analyze_10m_orders_s`: the whole `analyze` (stream the per-customer GROUP BY, fold, choose and fit
 * the model, score, write every customer's scores) on an embedded store holding N orders.
 * Orders are drawn like a 3-year population: 10 orders per customer on average, each customer with
 * their own purchase rate and dropout, written straight into SQLite in one transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { analyze } from '../src/app/analyze.js'
import { isoDay } from '../src/app/analyze-days.js'
import { openStore, type Store } from '../src/store/index.js'
import { seededRandom } from '../src/test-support/analysis-fixtures.js'

const AS_OF = '2024-12-31'
const AS_OF_DAY = Date.UTC(2024, 11, 31) / 86_400_000
const WINDOW_DAYS = 3 * 365

/** Writes `orders` generated orders (and their customers) into a migrated SQLite store. */
export function fillStore(store: Store, orders: number): number {
  const handle = store.sqlite()
  const customerCount = Math.max(1, Math.round(orders / 10))
  const insertCustomer = handle.prepare(
    'insert into customers (id, name, created_at) values (?, ?, ?)',
  )
  const insertOrder = handle.prepare(
    "insert into orders (order_key, customer_id, ordered_on, amount_minor, currency, status) values (?, ?, ?, ?, 'USD', 'placed')",
  )
  const random = seededRandom(42)
  const days = Array.from({ length: WINDOW_DAYS + 1 }, (_, k) => isoDay(AS_OF_DAY - k))
  let written = 0
  handle.transaction(() => {
    for (let c = 0; c < customerCount && written < orders; c += 1) {
      const id = `C${c}`
      insertCustomer.run(id, `Customer ${c}`, '2024-01-01T00:00:00Z')
      // 10 orders on average: rates vary 30-fold between customers, 5 % drop out after each order
      const meanGap = 10 * 30 ** random()
      let daysAgo = Math.floor(random() * WINDOW_DAYS)
      const wanted = c === customerCount - 1 ? orders - written : 1 + Math.floor(random() * 19)
      for (let k = 0; k < wanted && written < orders; k += 1) {
        insertOrder.run(
          `k:${c}:${k}`,
          id,
          days[Math.max(0, daysAgo)],
          500 + Math.floor(random() * 20_000),
        )
        written += 1
        daysAgo -= 1 + Math.floor(-meanGap * Math.log(1 - random()))
        if (daysAgo < 0 || random() < 0.05) {
          daysAgo = Math.floor(random() * WINDOW_DAYS)
        }
      }
    }
  })()
  return customerCount
}

/** Times one whole `analyze` on a store of `orders` generated orders (default 10 million). */
export async function benchAnalyze(
  options: { orders: number } = { orders: 10_000_000 },
): Promise<Record<string, number>> {
  const directory = mkdtempSync(path.join(tmpdir(), 'comeback-bench-analyze-'))
  const store = await openStore(path.join(directory, 'bench.db'))
  try {
    await store.migrate()
    const fillStart = performance.now()
    const customers = fillStore(store, options.orders)
    const fillSeconds = (performance.now() - fillStart) / 1000
    const start = performance.now()
    const run = await analyze(store, { asOf: AS_OF, actor: 'bench', model: 'auto' })
    const seconds = (performance.now() - start) / 1000
    const label = options.orders === 10_000_000 ? '10m' : `${options.orders}`
    return {
      [`analyze_${label}_orders_s`]: Number(seconds.toFixed(3)),
      [`analyze_${label}_orders_customers`]: run.customers,
      [`analyze_${label}_orders_fill_s`]: Number(fillSeconds.toFixed(3)),
      [`analyze_${label}_orders_generated_customers`]: customers,
    }
  } finally {
    await store.close()
    rmSync(directory, { recursive: true, force: true })
  }
}
