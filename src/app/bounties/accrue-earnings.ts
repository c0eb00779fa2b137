import { type CaseOrder, type EarningLine, planCaseEarnings } from '../../domain/bounty-accrual.js'
import {
  type EarningRow,
  insertEarnings,
  listUsers,
  lockEarnings,
  type NewEarning,
  readCaseEarnings,
  readOrdersSince,
  readWonCases,
  type Store,
  type WonOrderRow,
} from '../../store/index.js'
import { listBountyRuleViews } from './bounty-rules.js'

/** What one accrual booked. */
export interface AccrualResult {
  /** credits booked now (each order × rule × person once, ever) */
  readonly credited: number
  /** reversals booked now, for orders cancelled, refunded or removed since they were credited */
  readonly reversed: number
  /** won cases looked at */
  readonly cases: number
}

function toLine(row: EarningRow): EarningLine {
  return {
    ruleId: Number(row.rule_id),
    userId: Number(row.user_id),
    caseId: Number(row.case_id),
    customerId: row.customer_id,
    orderId: Number(row.order_id),
    kind: row.kind as EarningLine['kind'],
    entry: row.entry as EarningLine['entry'],
    amountMinor: Number(row.amount_minor),
  }
}

// the fixed bounty is once per rule, person and case; a multiplier credit once per order
function onceKey(line: EarningLine): string {
  const what = line.kind === 'fixed' ? `case${line.caseId}` : `order${line.orderId}`
  return `${line.kind}:${line.ruleId}:${line.userId}:${what}:${line.entry}`
}

function toNew(line: EarningLine, currency: string): NewEarning {
  return {
    rule_id: line.ruleId,
    user_id: line.userId,
    case_id: line.caseId,
    customer_id: line.customerId,
    order_id: line.orderId,
    kind: line.kind,
    entry: line.entry,
    amount_minor: line.amountMinor,
    currency,
    once_key: onceKey(line),
  }
}

/**
 * Books what victories earned: for every won case and active bounty rule, a credit per person for
 * each of the won-back customer's published orders in the rule's first N months from the win, the
 * fixed bounty at the first order after the win, and a reversal for a credited order since
 * cancelled, refunded or removed (SPEC Decisions "Bounties"). Idempotent and safe to run
 * concurrently: accruals take turns on a lock, and the database's unique keys (rule × person ×
 * order) refuse a second credit whatever happens (TESTPLAN T7).
 * @example await accrueEarnings(store) // { credited: 4, reversed: 0, cases: 1 }
 */
export async function accrueEarnings(
  store: Store,
  options: { readonly asOf?: string; readonly customerIds?: readonly string[] } = {},
): Promise<AccrualResult> {
  return store.db.transaction().execute(async (trx) => {
    await lockEarnings(trx, store.dialect)
    const rules = (await listBountyRuleViews(trx)).filter((rule) => rule.active)
    const won = await readWonCases(trx, options.customerIds)
    if (rules.length === 0 || won.length === 0) {
      return { credited: 0, reversed: 0, cases: won.length }
    }
    const rates = new Map(
      (await listUsers(trx)).map((user) => [Number(user.id), Number(user.base_commission_rate)]),
    )
    const booked = (
      await readCaseEarnings(
        trx,
        won.map((one) => one.caseId),
      )
    ).map(toLine)
    const lines: NewEarning[] = []
    for (const one of won) {
      const orders = await readOrdersSince(trx, one.customerId, one.wonOn)
      const currency = orders[0]?.currency ?? 'USD'
      for (const rule of rules) {
        const plan = planCaseEarnings(
          one,
          rule,
          orders.map(toCaseOrder),
          rates,
          booked,
          options.asOf ?? null,
        )
        lines.push(...plan.map((line) => toNew(line, currency)))
      }
    }
    const credits = lines.filter((line) => line.entry === 'credit')
    const reversals = lines.filter((line) => line.entry === 'reversal')
    return {
      credited: await insertEarnings(trx, credits),
      reversed: await insertEarnings(trx, reversals),
      cases: won.length,
    }
  })
}

function toCaseOrder(order: WonOrderRow): CaseOrder {
  return {
    orderId: order.orderId,
    orderedOn: order.orderedOn,
    amountMinor: order.amountMinor,
    counts: order.counts,
  }
}

/**
 * The hook an orders import calls once it has committed: books the earnings its orders brought
 * (issue 7: earnings accrue only when the won-back customer's orders arrive). Never throws: an
 * import that committed stays committed; a failed accrual is reported and the next one catches up.
 * @example await afterOrdersImported(store) // in import-file.ts, after a committed `orders` import
 */
export async function afterOrdersImported(
  store: Store,
  onError: (error: unknown) => void = () => {},
): Promise<AccrualResult | null> {
  try {
    return await accrueEarnings(store)
  } catch (error) {
    onError(error)
    return null
  }
}
