import type { Insertable } from 'kysely'
import { ConflictError, ValidationError } from '../../domain/errors.js'
import type { UserRole, UsersTable } from '../schema.js'
import {
  dbOf,
  isForeignKeyViolation,
  isUniqueViolation,
  nowTimestamp,
  type Queryable,
} from './queryable.js'
import type { UserRow } from './rows.js'

/**
 * What it takes to create a user, in the columns of `users`; the email is stored lower-case, so
 * sign-in ignores case. Commission rate defaults to 0 and `active` to 1.
 */
export type NewUser = Omit<Insertable<UsersTable>, 'id' | 'created_at'>

/** Filters for `listUsers`. */
export interface UserFilter {
  readonly role?: UserRole
  readonly managerId?: number
  readonly activeOnly?: boolean
}

const normalizeEmail = (email: string): string => email.trim().toLowerCase()

/**
 * Creates a user and returns the stored row.
 * @throws ConflictError when the email is taken; ValidationError when the manager does not exist
 * @example const rep = await createUser(store, { email: 'a@x.test', name: 'Ann', role: 'rep', started_on: '2024-01-01' })
 */
export async function createUser(target: Queryable, user: NewUser): Promise<UserRow> {
  const email = normalizeEmail(user.email)
  try {
    return await dbOf(target)
      .insertInto('users')
      .values({ ...user, email, created_at: nowTimestamp() })
      .returningAll()
      .executeTakeFirstOrThrow()
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`a user with email ${email} already exists`, { cause: error })
    }
    if (isForeignKeyViolation(error)) {
      throw new ValidationError(`manager ${String(user.manager_id)} does not exist`, {
        cause: error,
      })
    }
    throw error
  }
}

/**
 * The user with this email (any case), or undefined.
 * @example const user = await findUserByEmail(store, 'Ann@X.test')
 */
export async function findUserByEmail(
  target: Queryable,
  email: string,
): Promise<UserRow | undefined> {
  return dbOf(target)
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst()
}

/**
 * The user with this id, or undefined.
 * @example const user = await getUser(store, 1)
 */
export async function getUser(target: Queryable, id: number): Promise<UserRow | undefined> {
  return dbOf(target).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Users by name, optionally one role, one manager's team, or only active ones.
 * @example const reps = await listUsers(store, { role: 'rep', activeOnly: true })
 */
export async function listUsers(target: Queryable, filter: UserFilter = {}): Promise<UserRow[]> {
  let query = dbOf(target).selectFrom('users').selectAll()
  if (filter.role !== undefined) {
    query = query.where('role', '=', filter.role)
  }
  if (filter.managerId !== undefined) {
    query = query.where('manager_id', '=', filter.managerId)
  }
  if (filter.activeOnly === true) {
    query = query.where('active', '=', 1)
  }
  return query.orderBy('name').orderBy('id').execute()
}
