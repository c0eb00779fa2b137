import {
  type Actor,
  can,
  isWithinScope,
  type ResourceType,
  scopeOf,
} from '../../domain/access-policy.js'
import { ForbiddenError, NotFoundError } from '../../domain/errors.js'
import {
  type CustomerDetail,
  type CustomerListOptions,
  type CustomerPage,
  getCustomer,
  listCustomers,
  listUsers,
  type Store,
  type StoreStats,
  stats,
  type UserRow,
} from '../../store/index.js'
import { readableOwners } from '../owner-scope.js'
import { type AuditContext, auditAuth } from './audit.js'

/**
 * Throws ForbiddenError, after auditing the denial, unless the actor's role reaches any record of
 * this kind for this action.
 * @example await assertMayAccess(store, actor, 'read', 'user', context)
 */
export async function assertMayAccess(
  store: Store,
  access: { actor: Actor; action: 'read' | 'write'; type: ResourceType },
  context: AuditContext,
): Promise<void> {
  if (can(access.actor, access.action, { type: access.type })) {
    return
  }
  await auditAuth(store, context, { action: `denied_${access.action}`, objectType: access.type })
  throw new ForbiddenError(`a ${access.actor.role} may not ${access.action} ${access.type} records`)
}

/**
 * One page of the customers the actor may read: all of them, their team's, or those assigned to
 * them (SPEC access policy), narrowed further by the caller's own filters.
 * @example const page = await listCustomersAs(store, rep, { limit: 20 })
 */
export async function listCustomersAs(
  store: Store,
  actor: Actor,
  options: CustomerListOptions,
): Promise<CustomerPage> {
  const owners = readableOwners(actor, 'customer', options.ownerId)
  return await listCustomers(store, owners === null ? options : { ...options, ownerId: owners })
}

/**
 * One customer, if the actor may read it. A customer they may not read answers exactly like one
 * that does not exist (no existence oracle, TESTPLAN T9); the denial is audited.
 * @throws NotFoundError for a missing or hidden customer
 * @example const detail = await getCustomerAs(store, rep, 'C-1001', context)
 */
export async function getCustomerAs(
  store: Store,
  actor: Actor,
  customerId: string,
  context: AuditContext,
): Promise<CustomerDetail> {
  const detail = await getCustomer(store, customerId)
  if (detail === undefined) {
    throw new NotFoundError('customer not found')
  }
  const ownerId = detail.customer.owner_id === null ? null : Number(detail.customer.owner_id)
  if (!isWithinScope(actor, scopeOf(actor.role, 'read', 'customer'), ownerId)) {
    await auditAuth(store, context, {
      action: 'denied_read',
      objectType: 'customer',
      objectId: customerId,
    })
    throw new NotFoundError('customer not found')
  }
  return detail
}

/**
 * The users the actor may read: everyone, their team, or only themselves.
 * @example const users = await listUsersAs(store, manager)
 */
export async function listUsersAs(store: Store, actor: Actor): Promise<UserRow[]> {
  const scope = scopeOf(actor.role, 'read', 'user')
  const users = await listUsers(store)
  return users.filter((user) => isWithinScope(actor, scope, Number(user.id)))
}

/**
 * The store's aggregate counts, which every role reads (SPEC: everyone reads the dashboard).
 * @example const figures = await statsAs(store, actor)
 */
export async function statsAs(store: Store, actor: Actor): Promise<StoreStats> {
  if (!can(actor, 'read', { type: 'figures' })) {
    throw new ForbiddenError(`a ${actor.role} may not read figures`)
  }
  return await stats(store)
}
