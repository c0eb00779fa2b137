import { randomBytes } from 'node:crypto'
import { campaignDb, listCampaignMembers, type Store } from '../../src/store/index.js'

/** One arm's figures as the results page should show them. */
export interface ExpectedArm {
  readonly members: number
  readonly sent: number
  readonly responses: number
  readonly winBacks: number
  readonly revenueMinor: number
}

/**
 * The oracle of the results page: each arm's figures counted from the stored rows in plain
 * TypeScript (SPEC §5 and campaign-results.ts's definitions: replies and meetings recorded as
 * touches since launch, members whose customer's case ended won back since launch day, placed
 * orders since launch day of each member customer once), not through the API under test.
 */
export async function expectedArms(
  store: Store,
  campaignId: number,
): Promise<Record<'treated' | 'holdout', ExpectedArm>> {
  const db = campaignDb(store)
  const campaign = await db
    .selectFrom('campaigns')
    .select('launched_at')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow()
  const since = campaign.launched_at ?? '9999'
  const sinceOn = since.slice(0, 10)
  const members = await listCampaignMembers(store, campaignId)
  const customers = [...new Set(members.map((member) => member.customer_id))]
  const [messages, touches, cases, orders] = await Promise.all([
    db.selectFrom('outbox_messages').select(['id', 'status']).execute(),
    db
      .selectFrom('touches')
      .select(['id', 'customer_id', 'kind', 'channel', 'at'])
      .where('customer_id', 'in', customers)
      .execute(),
    db
      .selectFrom('cases')
      .select(['customer_id', 'stage', 'ended_on'])
      .where('customer_id', 'in', customers)
      .execute(),
    db
      .selectFrom('visible_orders')
      .select(['customer_id', 'amount_minor', 'status', 'ordered_on'])
      .where('customer_id', 'in', customers)
      .execute(),
  ])
  const sentIds = new Set(messages.filter((m) => m.status === 'sent').map((m) => Number(m.id)))
  const arm = (name: string): ExpectedArm => {
    const mine = members.filter((member) => member.arm === name)
    const mineCustomers = new Set(mine.map((member) => member.customer_id))
    const responses = touches.filter(
      (t) =>
        mineCustomers.has(t.customer_id) &&
        (t.kind === 'reply' || t.kind === 'meeting' || t.channel === 'meeting') &&
        t.at >= since,
    )
    const wonCustomers = new Set(
      cases
        .filter((c) => c.stage === 'won_back' && c.ended_on !== null && c.ended_on >= sinceOn)
        .map((c) => c.customer_id),
    )
    return {
      members: mine.length,
      sent: mine.filter(
        (m) => m.outbox_message_id !== null && sentIds.has(Number(m.outbox_message_id)),
      ).length,
      responses: new Set(responses.map((t) => Number(t.id))).size,
      winBacks: mine.filter((member) => wonCustomers.has(member.customer_id)).length,
      revenueMinor: orders
        .filter(
          (o) =>
            mineCustomers.has(o.customer_id) && o.status === 'placed' && o.ordered_on >= sinceOn,
        )
        .reduce((sum, o) => sum + Number(o.amount_minor), 0),
    }
  }
  return { treated: arm('treated'), holdout: arm('holdout') }
}

/** A case of `customerId` that ended won back today (what a manager's "won back" move leaves). */
export async function winBackCase(store: Store, customerId: string): Promise<void> {
  const owner = await store.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'manager')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const at = new Date().toISOString()
  await store.db
    .insertInto('cases')
    .values({
      subject_kind: 'customer',
      subject_key: `customer:${customerId}:e2e-${randomBytes(3).toString('hex')}`,
      customer_id: customerId,
      attempt: 1,
      stage: 'won_back',
      owner_id: Number(owner.id),
      opened_on: at.slice(0, 10),
      ended_on: at.slice(0, 10),
      lost_value_minor: 0,
      source: 'app',
      created_at: at,
      updated_at: at,
    })
    .execute()
}
