import { campaignDb } from './campaigns.js'
import { dbOf, type Queryable } from './queryable.js'
import type { NewTouch, TouchRow } from './touches.js'

/** Adds a touch a person recorded (a call, a meeting …) and returns it. */
export async function insertRecordedTouch(target: Queryable, touch: NewTouch): Promise<TouchRow> {
  return dbOf(target).insertInto('touches').values(touch).returningAll().executeTakeFirstOrThrow()
}

/** The customer a campaign member is about, or undefined when there is no such member. */
export async function campaignMemberCustomer(
  target: Queryable,
  memberId: number,
): Promise<string | undefined> {
  const row = await campaignDb(target)
    .selectFrom('campaign_members')
    .select('customer_id')
    .where('id', '=', memberId)
    .executeTakeFirst()
  return row?.customer_id
}

/** The customer a contact belongs to, with its address, or undefined. */
export async function contactOfCustomer(
  target: Queryable,
  contactId: number,
): Promise<{ customerId: string; email: string | null } | undefined> {
  const row = await dbOf(target)
    .selectFrom('contacts')
    .select(['customer_id', 'email'])
    .where('id', '=', contactId)
    .executeTakeFirst()
  return row === undefined ? undefined : { customerId: row.customer_id, email: row.email }
}
