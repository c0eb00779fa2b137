import { NotFoundError, ValidationError } from '../../domain/errors.js'
import { dbOf, inTransaction, isForeignKeyViolation, type Queryable } from './queryable.js'
import type { AccountOwnershipRow } from './rows.js'

/** One spell of ownership with the owner's name, for the account's history. */
export interface OwnershipSpell extends AccountOwnershipRow {
  readonly user_name: string
}

/**
 * Makes `userId` the account's owner from `fromDate` (`YYYY-MM-DD`): the open spell ends that day,
 * a new one starts, and `customers.owner_id` follows. `null` leaves the account unowned. Setting the
 * current owner again changes nothing.
 * @throws NotFoundError for an unknown customer; ValidationError for an unknown user or a date
 * before the current spell began
 * @example await setAccountOwner(store, 'C-1001', rep.id, '2024-03-01')
 */
export async function setAccountOwner(
  target: Queryable,
  customerId: string,
  userId: number | null,
  fromDate: string,
): Promise<void> {
  await inTransaction(target, async (trx) => {
    const customer = await trx
      .selectFrom('customers')
      .select('id')
      .where('id', '=', customerId)
      .executeTakeFirst()
    if (customer === undefined) {
      throw new NotFoundError(`customer ${customerId} not found`)
    }
    const open = await trx
      .selectFrom('account_ownership')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('to_date', 'is', null)
      .executeTakeFirst()
    if (open !== undefined && open.user_id === userId) {
      return
    }
    if (open !== undefined && fromDate < open.from_date) {
      throw new ValidationError(
        `ownership of ${customerId} cannot change on ${fromDate}: the current spell began ${open.from_date}`,
      )
    }
    if (open !== undefined) {
      await trx
        .updateTable('account_ownership')
        .set({ to_date: fromDate })
        .where('id', '=', open.id)
        .execute()
    }
    await startSpell(trx, customerId, userId, fromDate)
  })
}

async function startSpell(
  trx: ReturnType<typeof dbOf>,
  customerId: string,
  userId: number | null,
  fromDate: string,
): Promise<void> {
  try {
    if (userId !== null) {
      await trx
        .insertInto('account_ownership')
        .values({ customer_id: customerId, user_id: userId, from_date: fromDate, to_date: null })
        .execute()
    }
    await trx
      .updateTable('customers')
      .set({ owner_id: userId })
      .where('id', '=', customerId)
      .execute()
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new ValidationError(`user ${String(userId)} does not exist`, { cause: error })
    }
    throw error
  }
}

/**
 * Who owned the account when, oldest spell first; the open spell has `to_date` null.
 * @example const spells = await ownershipHistory(store, 'C-1001')
 */
export async function ownershipHistory(
  target: Queryable,
  customerId: string,
): Promise<OwnershipSpell[]> {
  return dbOf(target)
    .selectFrom('account_ownership as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .selectAll('o')
    .select('u.name as user_name')
    .where('o.customer_id', '=', customerId)
    .orderBy('o.from_date')
    .orderBy('o.id')
    .execute()
}
