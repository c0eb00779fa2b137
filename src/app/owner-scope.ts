import { type Actor, ownerFilter, type ResourceType, scopeOf } from '../domain/access-policy.js'

/**
 * The owners whose records of `resource` a list may show the actor: null for every record (and
 * then exactly the owners asked for, if any), else the owners their scope reaches — all of their
 * team, themselves, or no one — narrowed to those asked for. Asking for someone outside the scope
 * never widens it: the answer is then empty. Every scoped list goes through here (SPEC access
 * policy), so a list cannot show what `can` would refuse one by one.
 * @example readableOwners(rep, 'customer', undefined) // [rep.userId]
 * @example readableOwners(analyst, 'customer', 7) // [7]
 */
export function readableOwners(
  actor: Actor,
  resource: ResourceType,
  requested?: number | readonly number[],
): readonly number[] | null {
  const allowed = ownerFilter(actor, scopeOf(actor.role, 'read', resource))
  if (requested === undefined) {
    return allowed
  }
  const asked = typeof requested === 'number' ? [requested] : requested
  return allowed === null ? asked : asked.filter((id) => allowed.includes(id))
}
