import type { CustomerDetailResponse, CustomerScoreExtras } from '../api/contract-types.js'
import { ColumnChart } from '../charts/column-chart.js'
import { LineChart } from '../charts/line-chart.js'
import { Panel } from '../components/page-header.js'
import { EmptyState } from '../components/states.js'
import {
  formatCount,
  formatDate,
  formatMoneyShort,
  formatMonth,
  formatPercent,
} from '../lib/format.js'

/** Monthly order totals: the API's full history when it gives one, else the recent orders. */
export function monthlyOrders(detail: CustomerDetailResponse & CustomerScoreExtras): {
  months: { month: string; orders: number; amountMinor: number }[]
  complete: boolean
} {
  if (detail.orderHistory !== undefined) {
    return { months: [...detail.orderHistory], complete: true }
  }
  const byMonth = new Map<string, { orders: number; amountMinor: number }>()
  for (const order of detail.recentOrders) {
    if (order.status !== 'placed') {
      continue
    }
    const month = order.orderedOn.slice(0, 7)
    const entry = byMonth.get(month) ?? { orders: 0, amountMinor: 0 }
    byMonth.set(month, {
      orders: entry.orders + 1,
      amountMinor: entry.amountMinor + order.amountMinor,
    })
  }
  const months = [...byMonth.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([month, entry]) => ({ month, ...entry }))
  return { months: fillMonths(months), complete: false }
}

// months with no orders show as empty columns, so the gaps people care about are visible
function fillMonths(
  months: { month: string; orders: number; amountMinor: number }[],
): { month: string; orders: number; amountMinor: number }[] {
  const first = months[0]
  const last = months[months.length - 1]
  if (first === undefined || last === undefined) {
    return months
  }
  const known = new Map(months.map((entry) => [entry.month, entry]))
  const filled = []
  const cursor = new Date(`${first.month}-01T00:00:00Z`)
  while (cursor.toISOString().slice(0, 7) <= last.month && filled.length < 240) {
    const month = cursor.toISOString().slice(0, 7)
    filled.push(known.get(month) ?? { month, orders: 0, amountMinor: 0 })
    cursor.setUTCMonth(cursor.getUTCMonth() + 1)
  }
  return filled
}

/** The customer's orders per month as columns of revenue. */
export function OrderHistoryPanel(props: {
  detail: CustomerDetailResponse & CustomerScoreExtras
  currency: string
}) {
  const { months, complete } = monthlyOrders(props.detail)
  return (
    <Panel
      id="order-history"
      title="Order history"
      aside={complete ? undefined : <span className="muted small">recent orders</span>}
    >
      {months.length === 0 ? (
        <EmptyState title="No orders yet" />
      ) : (
        <ColumnChart
          title={`Revenue per month, ${formatCount(months.reduce((sum, entry) => sum + entry.orders, 0))} orders`}
          categories={months.map((entry) => formatMonth(entry.month))}
          series={[
            { name: 'revenue', tone: 'brand', values: months.map((entry) => entry.amountMinor) },
          ]}
          formatValue={(value) => formatMoneyShort(value, props.currency)}
        />
      )}
    </Panel>
  )
}

/** P(alive) at each analysis run, against the status thresholds. */
export function AliveHistoryPanel(props: { history: CustomerScoreExtras['statusHistory'] }) {
  const points = (props.history ?? []).map((entry) => ({
    date: entry.asOf,
    value: entry.probabilityAlive,
  }))
  return (
    <Panel id="alive-history" title="P(alive) over time">
      {points.filter((point) => point.value !== null).length === 0 ? (
        <EmptyState title="No P(alive) history yet">
          <p>
            Each analysis run adds a point; customers with too little history are judged by the
            6-month rule instead.
          </p>
        </EmptyState>
      ) : (
        <LineChart
          title="Probability the customer is still active, per analysis run"
          points={points}
          top={1}
          references={[
            { value: 0.7, label: 'at risk', tone: 'at_risk' },
            { value: 0.5, label: 'lapsed', tone: 'lapsed' },
            { value: 0.3, label: 'lost', tone: 'lost' },
          ]}
          formatValue={(value) => formatPercent(value)}
          formatDate={formatDate}
        />
      )}
    </Panel>
  )
}
