import type { Actor } from '../domain/access-policy.js'
import {
  type CustomerDetail,
  type MonthlyOrders,
  readMonthlyOrders,
  readScoreHistory,
  type ScoreHistoryRow,
  type Store,
} from '../store/index.js'
import type { AuditContext } from './auth/audit.js'
import { getCustomerAs } from './auth/authorized-reads.js'

type Status = 'active' | 'at_risk' | 'lapsed' | 'lost'

/** One customer's figures from the newest analysis run that scored them (money in minor units). */
export interface CustomerScore {
  readonly asOf: string
  readonly model: string | null
  readonly status: Status
  readonly statusRule: string
  readonly lostSince: string | null
  readonly probabilityAlive: number | null
  readonly expectedOrders: number | null
  readonly expectedNextOrder: string | null
  readonly overdueDays: number | null
  readonly valueIfWonBackMinor: number
  readonly clvMinor: number | null
  readonly winBackProbability: number
  readonly expectedValueMinor: number
  readonly explanation: string
}

/** The customer page's content: the record, the newest score, status over time and orders by month. */
export interface CustomerOverview {
  readonly detail: CustomerDetail
  readonly score: CustomerScore | null
  readonly statusHistory: {
    readonly asOf: string
    readonly status: Status
    readonly probabilityAlive: number | null
  }[]
  readonly orderHistory: {
    readonly month: string
    readonly orders: number
    readonly amountMinor: number
  }[]
}

const numberOrNull = (value: number | null) => (value === null ? null : Number(value))

function scoreOf(row: ScoreHistoryRow): CustomerScore {
  return {
    asOf: row.as_of,
    model: row.model,
    status: row.status,
    statusRule: row.status_rule,
    lostSince: row.lost_since,
    probabilityAlive: numberOrNull(row.p_alive),
    expectedOrders: numberOrNull(row.expected_orders),
    expectedNextOrder: row.expected_next_order,
    overdueDays: numberOrNull(row.overdue_days),
    valueIfWonBackMinor: Number(row.value_if_won_back_minor),
    clvMinor: numberOrNull(row.clv_minor),
    winBackProbability: Number(row.win_back_probability),
    expectedValueMinor: Number(row.expected_value_minor),
    explanation: row.explanation,
  }
}

/**
 * Everything the customer page shows, if the actor may read the customer (a hidden one answers
 * exactly like a missing one, and the denial is audited): the record, the newest run's score with
 * its explanation, the status and P(alive) of every run, and placed orders by month.
 * @throws NotFoundError for a missing or hidden customer
 * @example const page = await getCustomerOverviewAs(store, rep, 'C-1001', context)
 */
export async function getCustomerOverviewAs(
  store: Store,
  actor: Actor,
  customerId: string,
  context: AuditContext,
): Promise<CustomerOverview> {
  const detail = await getCustomerAs(store, actor, customerId, context)
  const history = await readScoreHistory(store, customerId)
  const months: MonthlyOrders[] = await readMonthlyOrders(store, customerId)
  const newest = history.at(-1)
  return {
    detail,
    score: newest === undefined ? null : scoreOf(newest),
    statusHistory: [...history]
      .sort((left, right) => left.as_of.localeCompare(right.as_of) || left.run_id - right.run_id)
      .map((row) => ({
        asOf: row.as_of,
        status: row.status,
        probabilityAlive: numberOrNull(row.p_alive),
      })),
    orderHistory: months.map((month) => ({
      month: month.month,
      orders: month.orders,
      amountMinor: month.amount_minor,
    })),
  }
}
