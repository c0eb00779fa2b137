import { isWithinScope, ownerFilter, scopeOf } from '../../domain/access-policy.js'
import { formatCsvRow } from '../../domain/csv-cell.js'
import { NotFoundError } from '../../domain/errors.js'
import { toMajorUnits } from '../../domain/explanation.js'
import { listEarnings, readLeaderboard, type Store } from '../../store/index.js'
import { auditDenied, type CaseActor, usersById } from '../cases/case-support.js'

/** One earning as the ledger shows it. */
export interface EarningView {
  readonly id: number
  readonly userId: number
  readonly userName: string | null
  readonly caseId: number
  readonly customerId: string
  readonly customerName: string | null
  readonly orderId: number
  readonly ruleId: number
  readonly kind: 'fixed' | 'multiplier'
  readonly entry: 'credit' | 'reversal'
  readonly amountMinor: number
  readonly currency: string
  readonly at: string
}

/** One person's totals in a ledger. */
export interface LedgerPerson {
  readonly userId: number
  readonly name: string | null
  readonly creditedMinor: number
  readonly reversedMinor: number
  readonly netMinor: number
}

/** A ledger: the earnings the reader may see, with totals per person and overall. */
export interface BountyLedger {
  readonly people: readonly LedgerPerson[]
  readonly items: readonly EarningView[]
  readonly totalMinor: number
}

/**
 * The bounty ledger the actor may read (SPEC access policy: each person their own, managers their
 * team's, VP, admin and analysts all), of one person when `userId` is given.
 * @throws NotFoundError for a person outside the actor's reach (audited)
 * @example const ledger = await bountyLedger(store, rep) // rep's own earnings
 */
export async function bountyLedger(
  store: Store,
  who: CaseActor,
  filter: { readonly userId?: number } = {},
): Promise<BountyLedger> {
  const scope = scopeOf(who.actor.role, 'read', 'bounty_ledger')
  if (filter.userId !== undefined && !isWithinScope(who.actor, scope, filter.userId)) {
    await auditDenied(store, who, 'denied_read', null)
    throw new NotFoundError(`no ledger for user ${filter.userId}`)
  }
  const ids = filter.userId === undefined ? ownerFilter(who.actor, scope) : [filter.userId]
  const users = await usersById(store)
  const items: EarningView[] = (await listEarnings(store, ids)).map((row) => ({
    id: Number(row.id),
    userId: Number(row.user_id),
    userName: users.get(Number(row.user_id))?.name ?? null,
    caseId: Number(row.case_id),
    customerId: row.customer_id,
    customerName: row.customer_name,
    orderId: Number(row.order_id),
    ruleId: Number(row.rule_id),
    kind: row.kind as EarningView['kind'],
    entry: row.entry as EarningView['entry'],
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    at: row.created_at,
  }))
  const people = new Map<number, LedgerPerson>()
  for (const item of items) {
    const was = people.get(item.userId) ?? {
      userId: item.userId,
      name: item.userName,
      creditedMinor: 0,
      reversedMinor: 0,
      netMinor: 0,
    }
    const credit = item.entry === 'credit' ? item.amountMinor : 0
    people.set(item.userId, {
      ...was,
      creditedMinor: was.creditedMinor + credit,
      reversedMinor: was.reversedMinor + (item.amountMinor - credit),
      netMinor: was.netMinor + item.amountMinor,
    })
  }
  const totalMinor = items.reduce((sum, item) => sum + item.amountMinor, 0)
  return { people: [...people.values()], items, totalMinor }
}

const STATEMENT_HEADER = [
  'booked_at',
  'person',
  'customer_id',
  'customer',
  'case_id',
  'order_id',
  'rule_id',
  'kind',
  'entry',
  'amount',
  'currency',
]

/**
 * A ledger as a spreadsheet-safe CSV statement (amounts in major units), ending with a total row.
 * @example const csv = statementCsv(await bountyLedger(store, rep))
 */
export function statementCsv(ledger: BountyLedger): string {
  const rows = ledger.items.map((item) =>
    formatCsvRow([
      item.at,
      item.userName,
      item.customerId,
      item.customerName,
      item.caseId,
      item.orderId,
      item.ruleId,
      item.kind,
      item.entry,
      toMajorUnits(item.amountMinor, item.currency),
      item.currency,
    ]),
  )
  const currency = ledger.items[0]?.currency ?? 'USD'
  const total = formatCsvRow([
    'total',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    toMajorUnits(ledger.totalMinor, currency),
    currency,
  ])
  return formatCsvRow(STATEMENT_HEADER) + rows.join('') + total
}

/** One line of the leaderboard. */
export interface LeaderboardLine {
  readonly rank: number
  readonly userId: number
  readonly name: string | null
  readonly role: string | null
  readonly netMinor: number
  readonly cases: number
}

/**
 * Who earned most from victories, net of reversals; everyone reads it (SPEC access policy).
 * @example const [top] = await bountyLeaderboard(store)
 */
export async function bountyLeaderboard(store: Store): Promise<LeaderboardLine[]> {
  const users = await usersById(store)
  return (await readLeaderboard(store)).map((line, index) => ({
    rank: index + 1,
    userId: line.userId,
    name: users.get(line.userId)?.name ?? null,
    role: users.get(line.userId)?.role ?? null,
    netMinor: line.totalMinor,
    cases: line.cases,
  }))
}
