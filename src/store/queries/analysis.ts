import { sql } from 'kysely'
import type { Store } from '../store.js'
import { dbOf, type Queryable } from './queryable.js'

/**
 * One customer's orders of one day, merged (SPEC: same-day orders merge): placed orders only
 * (cancelled and refunded ones never stood), positive amounts summed as spend, negative rows
 * (refunds sent as their own row) summed apart, and how many non-negative orders made it a
 * purchase day. As a tuple, because ten million of them stream through.
 */
export type OrderDayRow = readonly [
  customerId: string,
  orderedOn: string,
  spendMinor: number,
  refundMinor: number,
  purchases: number,
]

const ORDER_DAY_COLUMNS = `customer_id, ordered_on,
  sum(case when amount_minor > 0 then amount_minor else 0 end) as spend_minor,
  sum(case when amount_minor < 0 then amount_minor else 0 end) as refund_minor,
  sum(case when amount_minor >= 0 then 1 else 0 end) as purchases`

const SQLITE_ORDER_DAYS = `select ${ORDER_DAY_COLUMNS} from visible_orders
  where status = 'placed' and ordered_on <= ?
  group by customer_id, ordered_on order by customer_id, ordered_on`

/**
 * Streams every customer's merged order days up to `asOf` (inclusive), sorted by customer then
 * day, in batches: the per-customer GROUP BY runs where the orders live. SQLite iterates one
 * statement; PostgreSQL pages by (customer, day) keyset, `pageSize` rows a page. Consume it to
 * the end (or break) before running another query on a SQLite store.
 */
export async function* streamOrderDays(
  store: Store,
  options: { readonly asOf: string; readonly pageSize?: number },
): AsyncGenerator<OrderDayRow[]> {
  const pageSize = options.pageSize ?? 50_000
  if (store.dialect === 'sqlite') {
    yield* sqliteOrderDays(store, options.asOf, pageSize)
    return
  }
  let after: readonly [string, string] | null = null
  for (;;) {
    const page = await postgresOrderDayPage(store, options.asOf, after, pageSize)
    if (page.length > 0) {
      yield page
    }
    const last = page[page.length - 1]
    if (page.length < pageSize || last === undefined) {
      return
    }
    after = [last[0], last[1]]
  }
}

function* sqliteOrderDays(store: Store, asOf: string, pageSize: number): Generator<OrderDayRow[]> {
  const statement = store.sqlite().prepare(SQLITE_ORDER_DAYS).raw(true)
  let batch: OrderDayRow[] = []
  for (const row of statement.iterate(asOf) as IterableIterator<OrderDayRow>) {
    batch.push(row)
    if (batch.length >= pageSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) {
    yield batch
  }
}

async function postgresOrderDayPage(
  store: Store,
  asOf: string,
  after: readonly [string, string] | null,
  pageSize: number,
): Promise<OrderDayRow[]> {
  const keyset =
    after === null
      ? sql``
      : sql`and (customer_id > ${after[0]} or (customer_id = ${after[0]} and ordered_on > ${after[1]}))`
  const result = await sql<{
    customer_id: string
    ordered_on: string
    spend_minor: number
    refund_minor: number
    purchases: number
  }>`select ${sql.raw(ORDER_DAY_COLUMNS)} from visible_orders
    where status = 'placed' and ordered_on <= ${asOf} ${keyset}
    group by customer_id, ordered_on order by customer_id, ordered_on limit ${pageSize}`.execute(
    store.db,
  )
  return result.rows.map((row) => [
    row.customer_id,
    row.ordered_on,
    Number(row.spend_minor),
    Number(row.refund_minor),
    Number(row.purchases),
  ])
}

/** The span of placed orders: first and last order day up to `asOf`, and the newest of all. */
export interface OrderSpan {
  readonly firstOn: string | null
  readonly lastOn: string | null
  readonly newestOn: string | null
  readonly currency: string | null
}

/**
 * The first and last placed order day up to `asOf`, the newest order day of all (to warn about
 * orders dated after the as-of date), and one order's currency.
 */
export async function readOrderSpan(target: Queryable, asOf: string): Promise<OrderSpan> {
  const row = await dbOf(target)
    .selectFrom('visible_orders')
    .select((eb) => [
      sql<string | null>`min(case when ordered_on <= ${asOf} then ordered_on end)`.as('first_on'),
      sql<string | null>`max(case when ordered_on <= ${asOf} then ordered_on end)`.as('last_on'),
      eb.fn.max('ordered_on').as('newest_on'),
      eb.fn.max('currency').as('currency'),
    ])
    .where('status', '=', 'placed')
    .executeTakeFirst()
  return {
    firstOn: row?.first_on ?? null,
    lastOn: row?.last_on ?? null,
    newestOn: row?.newest_on ?? null,
    currency: row?.currency ?? null,
  }
}

/** A customer's latest-ending contract. */
export interface ContractEnd {
  readonly customerId: string
  readonly startsOn: string
  readonly endsOn: string
  readonly renewed: boolean
  readonly valueMinor: number
}

/** Each contract customer's latest-ending contract (a renewed one wins a tie). */
export async function readLatestContracts(target: Queryable): Promise<ContractEnd[]> {
  const rows = await dbOf(target)
    .selectFrom('visible_contracts')
    .select(['customer_id', 'starts_on', 'ends_on', 'renewed', 'value_minor'])
    .orderBy('customer_id')
    .orderBy('ends_on')
    .orderBy('renewed')
    .execute()
  const latest = new Map<string, ContractEnd>()
  for (const row of rows) {
    latest.set(row.customer_id, {
      customerId: row.customer_id,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      renewed: Number(row.renewed) === 1,
      valueMinor: Number(row.value_minor),
    })
  }
  return [...latest.values()]
}

/** A lost deal, as the lost list needs it. */
export interface LostDealRow {
  readonly id: number
  readonly customerId: string
  readonly name: string | null
  readonly valueMinor: number
  readonly currency: string
  readonly recurring: boolean
  readonly closedOn: string | null
  readonly lostReason: string | null
  readonly competitor: string | null
}

/** Every lost deal, and how many deals the company won and closed (for its own conversion). */
export async function readDeals(
  target: Queryable,
): Promise<{ lost: LostDealRow[]; won: number; closed: number }> {
  const db = dbOf(target)
  const counts = await db
    .selectFrom('visible_deals')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['won', 'lost'])
    .groupBy('status')
    .execute()
  const won = Number(counts.find((row) => row.status === 'won')?.count ?? 0)
  const lostCount = Number(counts.find((row) => row.status === 'lost')?.count ?? 0)
  const lost = await db
    .selectFrom('visible_deals')
    .select(['id', 'customer_id', 'name', 'value_minor', 'currency', 'recurring', 'closed_on'])
    .select(['lost_reason', 'competitor'])
    .where('status', '=', 'lost')
    .execute()
  return {
    won,
    closed: won + lostCount,
    lost: lost.map((row) => ({
      id: Number(row.id),
      customerId: row.customer_id,
      name: row.name,
      valueMinor: Number(row.value_minor),
      currency: row.currency,
      recurring: Number(row.recurring) === 1,
      closedOn: row.closed_on,
      lostReason: row.lost_reason,
      competitor: row.competitor,
    })),
  }
}
