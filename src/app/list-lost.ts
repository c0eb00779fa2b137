import { NotFoundError, ValidationError } from '../domain/errors.js'
import { toMajorUnits } from '../domain/explanation.js'
import {
  type LostCustomerScore,
  type LostDealScore,
  readLatestAnalysisRun,
  readLostCustomerScores,
  readLostDealScores,
  type Store,
} from '../store/index.js'
import { reasonsOfSubjects } from './win-back-reasons.js'

/** One row of the lost list: a lost customer or a lost deal, money in major units of `currency`. */
export interface LostListRow {
  readonly id: string
  readonly kind: 'customer' | 'deal'
  readonly name: string | null
  readonly status: 'lost'
  readonly statusRule: string
  readonly lostSince: string | null
  readonly pAlive: number | null
  readonly expectedNextOrder: string | null
  readonly overdueDays: number | null
  readonly historicalValue: number
  readonly valueIfWonBack: number
  readonly clv: number | null
  readonly winBackProbability: number
  readonly expectedValue: number
  readonly currency: string
  readonly explanation: string
  /** the loss's live reason codes (a finding's, or a deal's mapped reason); empty when unknown */
  readonly reasons: readonly string[]
  /** true when a fix covers one of `reasons` */
  readonly reasonFixed: boolean
}

/** The lost list of the newest analysis run. */
export interface LostList {
  readonly runId: number
  readonly asOf: string
  readonly model: string | null
  readonly currency: string
  readonly rows: readonly LostListRow[]
}

/**
 * Every lost customer and lost deal of the newest analysis run, best expected value first
 * (SPEC §1: the list of every lost customer).
 * @throws NotFoundError before the first `analyze`; ValidationError for a bad `top`
 * @example const { rows } = await listLost(store, { top: 20 })
 */
export async function listLost(
  store: Store,
  options: { readonly top?: number } = {},
): Promise<LostList> {
  const top = options.top
  if (top !== undefined && !(Number.isInteger(top) && top > 0)) {
    throw new ValidationError(`--top must be a whole number above 0, not ${top}`)
  }
  const run = await readLatestAnalysisRun(store)
  if (run === undefined) {
    throw new NotFoundError('there is no analysis yet: run `comeback analyze` first')
  }
  const limit = top === undefined ? {} : { limit: top }
  const customers = await readLostCustomerScores(store, { runId: run.id, ...limit })
  const deals = await readLostDealScores(store, { runId: run.id, ...limit })
  const rows = [
    ...customers.map((row) => customerRow(row, run.currency)),
    ...deals.map((row) => dealRow(row, run.currency)),
  ].sort(
    (left, right) => right.expectedValue - left.expectedValue || left.id.localeCompare(right.id),
  )
  const listed = top === undefined ? rows : rows.slice(0, top)
  return {
    runId: run.id,
    asOf: run.as_of,
    model: run.model,
    currency: run.currency,
    rows: await withReasons(store, listed),
  }
}

// reasons are read for the listed rows in batches, a few statements each, never one per row
const REASON_BATCH = 500

async function withReasons(store: Store, rows: readonly LostListRow[]): Promise<LostListRow[]> {
  const decorated: LostListRow[] = []
  for (let start = 0; start < rows.length; start += REASON_BATCH) {
    const batch = rows.slice(start, start + REASON_BATCH)
    const reasons = await reasonsOfSubjects(store, batch)
    for (const row of batch) {
      const known = reasons.get(`${row.kind}:${row.id}`)
      decorated.push({
        ...row,
        reasons: known?.reasons ?? [],
        reasonFixed: known?.reasonFixed ?? false,
      })
    }
  }
  return decorated
}

function customerRow(row: LostCustomerScore, currency: string): LostListRow {
  const money = (minor: number) => toMajorUnits(Number(minor), currency)
  return {
    id: row.customer_id,
    kind: 'customer',
    name: row.name,
    status: 'lost',
    statusRule: row.status_rule,
    lostSince: row.lost_since,
    pAlive: row.p_alive === null ? null : Number(row.p_alive),
    expectedNextOrder: row.expected_next_order,
    overdueDays: row.overdue_days === null ? null : Number(row.overdue_days),
    historicalValue: money(row.historical_value_minor),
    valueIfWonBack: money(row.value_if_won_back_minor),
    clv: row.clv_minor === null ? null : money(row.clv_minor),
    winBackProbability: Number(row.win_back_probability),
    expectedValue: money(row.expected_value_minor),
    currency,
    explanation: row.explanation,
    reasons: [],
    reasonFixed: false,
  }
}

function dealRow(row: LostDealScore, runCurrency: string): LostListRow {
  const currency = row.currency ?? runCurrency
  const money = (minor: number) => toMajorUnits(Number(minor), currency)
  return {
    id: String(row.deal_id),
    kind: 'deal',
    name: row.name,
    status: 'lost',
    statusRule: 'lost_deal',
    lostSince: null,
    pAlive: null,
    expectedNextOrder: null,
    overdueDays: null,
    historicalValue: 0,
    valueIfWonBack: money(row.value_if_won_back_minor),
    clv: null,
    winBackProbability: Number(row.win_back_probability),
    expectedValue: money(row.expected_value_minor),
    currency,
    explanation: row.explanation,
    reasons: [],
    reasonFixed: false,
  }
}
