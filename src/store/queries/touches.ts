import type { Insertable, Selectable } from 'kysely'
import type { TouchesTable } from '../schema-outreach.js'
import { dbOf, type Queryable } from './queryable.js'

/** One touch on a customer's timeline. */
export type TouchRow = Selectable<TouchesTable>

export type NewTouch = Omit<Insertable<TouchesTable>, 'id'>

/** Adds a touch; a message already on the timeline is not added twice. */
export async function insertTouch(target: Queryable, touch: NewTouch): Promise<void> {
  await dbOf(target)
    .insertInto('touches')
    .values(touch)
    .onConflict((conflict) => conflict.column('outbox_message_id').doNothing())
    .execute()
}

/** A customer's touches, newest first. */
export async function listTouches(target: Queryable, customerId: string): Promise<TouchRow[]> {
  return dbOf(target)
    .selectFrom('touches')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
