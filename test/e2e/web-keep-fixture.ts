import { moveCase } from '../../src/app/cases/move-case.js'
import { openCase } from '../../src/app/cases/open-case.js'
import { analyze, listUsers, type Store } from '../../src/app/index.js'
import { teamUserIds } from '../../src/domain/access-policy.js'
import { addDays } from '../../src/domain/case-dates.js'
import { insertOrders, listAlerts } from '../../src/store/index.js'

/** The won-back customer of the keep e2e, and what the real analyze said about them. */
export interface SlippingCustomer {
  readonly customerId: string
  readonly name: string
  readonly managerId: number
  readonly wonOn: string
  readonly slipAsOf: string
}

/**
 * Wins a case back for one of the manager's lost customers 200 days before the latest run, through
 * the real use cases; gives them three monthly orders after the win; then runs the real analyze
 * five days after the last order (they look alive) and thirty days later (past their expected next
 * order: slipping), so the keep watch's hook raises its alert as it would in production.
 */
export async function slippingWonBackCustomer(
  store: Store,
  managerEmail: string,
): Promise<SlippingCustomer> {
  const users = await listUsers(store, { activeOnly: true })
  const manager = users.find((user) => user.email === managerEmail)
  if (manager === undefined) {
    throw new Error('the demo company has no such manager')
  }
  const managerId = Number(manager.id)
  const links = users.map((user) => ({
    id: Number(user.id),
    managerId: user.manager_id === null ? null : Number(user.manager_id),
  }))
  const team = teamUserIds(managerId, links)
  const latest = await store.db
    .selectFrom('analysis_runs')
    .select(['id', 'as_of'])
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const wonOn = addDays(latest.as_of, -200)
  const candidates = await store.db
    .selectFrom('customer_scores as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['s.customer_id', 'c.owner_id', 'c.name'])
    .where('s.run_id', '=', latest.id)
    .where('s.status', '=', 'lost')
    .where('s.lost_since', '<', addDays(wonOn, -60))
    .orderBy('s.purchase_days', 'desc')
    .execute()
  const pick = candidates.find((row) => row.owner_id !== null && team.has(Number(row.owner_id)))
  if (pick === undefined) {
    throw new Error("no lost customer in the manager's team")
  }
  const who = {
    actor: { userId: managerId, role: 'manager' as const, teamUserIds: team },
    audit: { actorUserId: managerId, via: 'api' as const, requestId: null },
  }
  await winBack(store, who, { customerId: pick.customer_id, wonOn, interviewerId: managerId })
  await insertOrders(
    store,
    [10, 40, 70].map((days, n) => ({
      order_key: `keep-e2e-${n}`,
      customer_id: pick.customer_id,
      ordered_on: addDays(wonOn, days),
      amount_minor: 150_000,
      currency: 'USD',
      status: 'placed' as const,
    })),
  )
  await analyze(store, { actor: 'e2e', asOf: addDays(wonOn, 75) })
  const slipAsOf = addDays(wonOn, 100)
  await analyze(store, { actor: 'e2e', asOf: slipAsOf })
  return {
    customerId: pick.customer_id,
    name: pick.name ?? pick.customer_id,
    managerId,
    wonOn,
    slipAsOf,
  }
}

async function winBack(
  store: Store,
  who: Parameters<typeof openCase>[1],
  win: { customerId: string; wonOn: string; interviewerId: number },
): Promise<void> {
  let detail = await openCase(store, who, {
    subject: { kind: 'customer', customerId: win.customerId },
    repIds: [],
    today: win.wonOn,
  })
  const steps = [
    { to: 'approached' as const, approachChannel: 'letter' as const },
    {
      to: 'meeting_held' as const,
      interviewerId: win.interviewerId,
      finding: {
        customerWords: 'Three late deliveries cost us a production day.',
        reasons: ['delivery'],
        customerCostMinor: 250_000,
        remedy: 'A fixed delivery slot',
      },
    },
    { to: 'plan_agreed' as const, planSummary: 'Tuesday slot; review in 90 days' },
    { to: 'won_back' as const },
  ]
  for (const step of steps) {
    detail = await moveCase(store, who, {
      caseId: detail.id,
      expectedVersion: detail.version,
      today: win.wonOn,
      ...step,
    })
  }
}

/** The keep watch's alerts about one customer. */
export async function alertsOf(store: Store, customerId: string) {
  return listAlerts(store, { customerId })
}
