import { sql } from 'kysely'
import { type ArmOutcome, campaignDb } from './campaigns.js'
import { markedLetGo } from './let-go.js'
import { dbOf, type Queryable } from './queryable.js'

/**
 * For each customer, its first contact who is a decision maker still there with an address (the
 * outreach use case checks the address, basis and suppression before it queues).
 */
export async function decisionMakersOf(
  target: Queryable,
  customerIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await dbOf(target)
      .selectFrom('contacts')
      .select(['id', 'customer_id'])
      .where('customer_id', 'in', customerIds.slice(start, start + 500))
      .where('role', '=', 'decision_maker')
      .where('has_left', '=', 0)
      .where('email', 'is not', null)
      .orderBy('id')
      .execute()
    for (const row of rows) {
      if (!found.has(row.customer_id)) {
        found.set(row.customer_id, Number(row.id))
      }
    }
  }
  return found
}

/** The customers among `customerIds` whose win-back ended in letting them go, or marked let go. */
export async function letGoCustomers(
  target: Queryable,
  customerIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>()
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await dbOf(target)
      .selectFrom('cases')
      .select('customer_id')
      .distinct()
      .where('customer_id', 'in', customerIds.slice(start, start + 500))
      .where('stage', '=', 'let_go')
      .execute()
    for (const row of rows) {
      found.add(row.customer_id)
    }
  }
  // a customer may also be let go without a case (issue 7 item 5)
  for (const customerId of await markedLetGo(target, customerIds)) {
    found.add(customerId)
  }
  return found
}

type ArmCounts = Map<string, number>

async function grouped(
  rows: Promise<{ arm: string; value: string | number | bigint | null }[]>,
): Promise<ArmCounts> {
  return new Map((await rows).map((row) => [row.arm, Number(row.value ?? 0)]))
}

/**
 * Per arm, since `sinceAt` (an ISO timestamp; dates compare on its first ten characters):
 * members, messages sent, replies and meetings recorded as touches, members whose customer was
 * won back (a case that ended `won_back`), and placed orders' revenue of the members' customers.
 */
export async function armOutcomes(
  target: Queryable,
  campaignId: number,
  sinceAt: string,
): Promise<ArmOutcome[]> {
  const db = campaignDb(target)
  const sinceOn = sinceAt.slice(0, 10)
  const members = db.selectFrom('campaign_members as m').where('m.campaign_id', '=', campaignId)
  const [count, sent, responses, winBacks, revenue, touches, meetings] = await Promise.all([
    grouped(
      members
        .select(['m.arm', (eb) => eb.fn.countAll().as('value')])
        .groupBy('m.arm')
        .execute(),
    ),
    grouped(
      members
        .innerJoin('outbox_messages as o', 'o.id', 'm.outbox_message_id')
        .where('o.status', '=', 'sent')
        .select(['m.arm', (eb) => eb.fn.countAll().as('value')])
        .groupBy('m.arm')
        .execute(),
    ),
    grouped(
      members
        .innerJoin('touches as t', 't.customer_id', 'm.customer_id')
        .where((eb) =>
          eb.or([eb('t.kind', 'in', ['reply', 'meeting']), eb('t.channel', '=', 'meeting')]),
        )
        .where('t.at', '>=', sinceAt)
        .select(['m.arm', sql<number>`count(distinct t.id)`.as('value')])
        .groupBy('m.arm')
        .execute(),
    ),
    grouped(
      members
        .innerJoin('cases as c', 'c.customer_id', 'm.customer_id')
        .where('c.stage', '=', 'won_back')
        .where('c.ended_on', '>=', sinceOn)
        .select(['m.arm', sql<number>`count(distinct m.id)`.as('value')])
        .groupBy('m.arm')
        .execute(),
    ),
    grouped(revenueByArm(target, campaignId, sinceOn)),
    grouped(touchesByArm(target, { campaignId, sinceAt, meetingsOnly: false })),
    grouped(touchesByArm(target, { campaignId, sinceAt, meetingsOnly: true })),
  ])
  return ['treated', 'holdout'].map((arm) => ({
    arm,
    members: count.get(arm) ?? 0,
    sent: sent.get(arm) ?? 0,
    responses: responses.get(arm) ?? 0,
    winBacks: winBacks.get(arm) ?? 0,
    revenueMinor: revenue.get(arm) ?? 0,
    touches: touches.get(arm) ?? 0,
    meetings: meetings.get(arm) ?? 0,
  }))
}

/**
 * Per arm, the touches of every channel on the members' customers since launch (issue 6 item 7):
 * those recorded for this campaign's member, or for no campaign; `meetingsOnly` counts meetings.
 */
function touchesByArm(
  target: Queryable,
  scope: { campaignId: number; sinceAt: string; meetingsOnly: boolean },
) {
  let query = campaignDb(target)
    .selectFrom('campaign_members as m')
    .innerJoin('touches as t', 't.customer_id', 'm.customer_id')
    .where('m.campaign_id', '=', scope.campaignId)
    .where('t.at', '>=', scope.sinceAt)
    .where((eb) =>
      eb.or([
        eb('t.campaign_member_id', 'is', null),
        eb('t.campaign_member_id', '=', eb.ref('m.id')),
      ]),
    )
  if (scope.meetingsOnly) {
    query = query.where((eb) =>
      eb.or([eb('t.channel', '=', 'meeting'), eb('t.kind', '=', 'meeting')]),
    )
  }
  return query
    .select(['m.arm', sql<number>`count(distinct t.id)`.as('value')])
    .groupBy('m.arm')
    .execute()
}

// each customer's orders once per arm, though a customer and its lost deal may both be members
function revenueByArm(target: Queryable, campaignId: number, sinceOn: string) {
  const db = campaignDb(target)
  const customers = db
    .selectFrom('campaign_members')
    .select(['arm', 'customer_id'])
    .distinct()
    .where('campaign_id', '=', campaignId)
    .as('mc')
  return db
    .selectFrom(customers)
    .innerJoin('visible_orders as o', 'o.customer_id', 'mc.customer_id')
    .where('o.status', '=', 'placed')
    .where('o.ordered_on', '>=', sinceOn)
    .select(['mc.arm', (eb) => eb.fn.sum<number>('o.amount_minor').as('value')])
    .groupBy('mc.arm')
    .execute()
}
