/**
 * SPEC's access policy as one table: for each kind of record, each role and each action, how far
 * that role reaches. The server enforces it in one place; nothing else decides who sees what.
 */

/** A user's role: admin, head of sales (`vp`), sales manager, sales rep, sales ops analyst. */
export type Role = 'admin' | 'vp' | 'manager' | 'rep' | 'analyst'

/** Every role, in the order the SPEC lists them. */
export const ROLES: readonly Role[] = ['admin', 'vp', 'manager', 'rep', 'analyst']

export type Action = 'read' | 'write'

/**
 * How far a role reaches: every record, the records owned by anyone in its team (itself and
 * everyone who reports to it, directly or not), the records assigned to it, the records that are
 * about itself, or none.
 */
export type Scope = 'all' | 'team' | 'assigned' | 'own' | 'none'

/** The kinds of record the policy speaks about. */
export type ResourceType =
  | 'customer'
  | 'case'
  | 'user'
  | 'setting'
  | 'import'
  | 'analysis'
  | 'figures'
  | 'golden_lessons'
  | 'leaderboard'
  | 'bounty_ledger'
  | 'fix'
  | 'approval'
  | 'template'
  | 'campaign'
  | 'report'
  | 'contact_export'
  | 'case_management'
  | 'audit_log'
  | 'bounty_rule'
  | 'personal_data'

type Grant = readonly [read: Scope, write: Scope]
type PolicyRow = Readonly<Record<Role, Grant>>

const EVERYONE_READS: PolicyRow = {
  admin: ['all', 'all'],
  vp: ['all', 'none'],
  manager: ['all', 'none'],
  rep: ['all', 'none'],
  analyst: ['all', 'none'],
}

/**
 * The policy table (SPEC, Decisions: access policy): `[read, write]` per role. Approval amounts
 * (rep limit, manager limit) are business settings checked on top of this table, not in it.
 */
export const ACCESS_POLICY: Readonly<Record<ResourceType, PolicyRow>> = {
  // accounts change through imports; people work them through cases
  customer: {
    admin: ['all', 'all'],
    vp: ['all', 'none'],
    manager: ['team', 'none'],
    rep: ['assigned', 'none'],
    analyst: ['all', 'none'],
  },
  case: {
    admin: ['all', 'all'],
    vp: ['all', 'all'],
    manager: ['team', 'team'],
    rep: ['assigned', 'assigned'],
    analyst: ['all', 'none'],
  },
  user: {
    admin: ['all', 'all'],
    vp: ['all', 'none'],
    manager: ['team', 'none'],
    rep: ['own', 'none'],
    analyst: ['all', 'none'],
  },
  setting: EVERYONE_READS,
  import: {
    admin: ['all', 'all'],
    vp: ['all', 'none'],
    manager: ['none', 'none'],
    rep: ['none', 'none'],
    analyst: ['all', 'all'],
  },
  analysis: {
    admin: ['all', 'all'],
    vp: ['all', 'none'],
    manager: ['all', 'none'],
    rep: ['none', 'none'],
    analyst: ['all', 'all'],
  },
  // aggregate figures and the dashboard: everyone reads them
  figures: EVERYONE_READS,
  golden_lessons: EVERYONE_READS,
  leaderboard: EVERYONE_READS,
  bounty_ledger: {
    admin: ['all', 'all'],
    vp: ['all', 'none'],
    manager: ['team', 'none'],
    rep: ['own', 'none'],
    analyst: ['all', 'none'],
  },
  fix: {
    admin: ['all', 'all'],
    vp: ['all', 'all'],
    manager: ['all', 'team'],
    rep: ['all', 'none'],
    analyst: ['all', 'all'],
  },
  approval: {
    admin: ['all', 'all'],
    vp: ['all', 'all'],
    manager: ['team', 'team'],
    rep: ['assigned', 'assigned'],
    analyst: ['all', 'none'],
  },
  template: {
    admin: ['all', 'all'],
    vp: ['all', 'all'],
    manager: ['all', 'all'],
    rep: ['all', 'none'],
    analyst: ['all', 'all'],
  },
  campaign: {
    admin: ['all', 'all'],
    vp: ['all', 'all'],
    manager: ['team', 'team'],
    rep: ['none', 'none'],
    analyst: ['all', 'all'],
  },
  report: {
    admin: ['all', 'all'],
    vp: ['all', 'all'],
    manager: ['team', 'none'],
    rep: ['assigned', 'none'],
    analyst: ['all', 'all'],
  },
  // contacts' personal data beyond one's own accounts: admin, VP and analyst only
  contact_export: {
    admin: ['all', 'none'],
    vp: ['all', 'none'],
    manager: ['none', 'none'],
    rep: ['none', 'none'],
    analyst: ['all', 'none'],
  },
  // opening cases and choosing who works them: sales management (SPEC §4; reps carry out the steps)
  case_management: {
    admin: ['all', 'all'],
    vp: ['all', 'all'],
    manager: ['team', 'team'],
    rep: ['none', 'none'],
    analyst: ['none', 'none'],
  },
  // who did what: the admin and the VP read it (issue 5); nobody writes it but the app itself
  audit_log: {
    admin: ['all', 'none'],
    vp: ['all', 'none'],
    manager: ['none', 'none'],
    rep: ['none', 'none'],
    analyst: ['none', 'none'],
  },
  // pay for victories (issue 7): everyone reads how victories are paid; an admin sets the rules
  // and books earnings by hand (imports book them on their own)
  bounty_rule: EVERYONE_READS,
  // a subject's data as a whole (GDPR Art. 15 access export, Art. 17 erasure, TESTPLAN T23):
  // the admin and the VP read it; only the admin erases
  personal_data: {
    admin: ['all', 'all'],
    vp: ['all', 'none'],
    manager: ['none', 'none'],
    rep: ['none', 'none'],
    analyst: ['none', 'none'],
  },
}

/** Who is asking: their user id, role, and the ids of their team (themselves included). */
export interface Actor {
  readonly userId: number
  readonly role: Role
  readonly teamUserIds: ReadonlySet<number>
}

/**
 * A record, or a kind of record when `ownerId` is left out. `ownerId` is the user a record is
 * assigned to (an account's owner), or for `own` records the user it is about.
 */
export interface ResourceRef {
  readonly type: ResourceType
  readonly ownerId?: number | null
}

/**
 * How far `role` reaches for `action` on records of `type`.
 * @example scopeOf('rep', 'read', 'customer') // 'assigned'
 */
export function scopeOf(role: Role, action: Action, type: ResourceType): Scope {
  const [read, write] = ACCESS_POLICY[type][role]
  return action === 'read' ? read : write
}

/**
 * Whether `actor` may do `action` on `resource`: on a kind of record, whether the role reaches any
 * of them; on one record, whether its owner falls inside the role's scope.
 * @example can(rep, 'read', { type: 'customer', ownerId: rep.userId }) // true
 */
export function can(actor: Actor, action: Action, resource: ResourceRef): boolean {
  const scope = scopeOf(actor.role, action, resource.type)
  if (resource.ownerId === undefined) {
    return scope !== 'none'
  }
  return isWithinScope(actor, scope, resource.ownerId)
}

/**
 * Whether a record owned by `ownerId` (null: nobody) falls inside `scope` for `actor`.
 * @example isWithinScope(manager, 'team', repOfManager) // true
 */
export function isWithinScope(actor: Actor, scope: Scope, ownerId: number | null): boolean {
  switch (scope) {
    case 'all':
      return true
    case 'team':
      return ownerId !== null && actor.teamUserIds.has(ownerId)
    case 'assigned':
    case 'own':
      return ownerId === actor.userId
    case 'none':
      return false
  }
}

/**
 * The owners whose records `scope` lets `actor` see, for filtering a list in the database; null
 * means no filter (every record).
 * @example ownerFilter(rep, 'assigned') // [rep.userId]
 */
export function ownerFilter(actor: Actor, scope: Scope): readonly number[] | null {
  switch (scope) {
    case 'all':
      return null
    case 'team':
      return [...actor.teamUserIds]
    case 'assigned':
    case 'own':
      return [actor.userId]
    case 'none':
      return []
  }
}

/**
 * The ids of `managerId` and everyone who reports to them, directly or through other managers
 * (SPEC: users carry their manager, which defines teams). Cycles in bad data end the walk.
 * @example teamUserIds(1, [{ id: 2, managerId: 1 }, { id: 3, managerId: 2 }]) // Set {1, 2, 3}
 */
export function teamUserIds(
  managerId: number,
  users: readonly { readonly id: number; readonly managerId: number | null }[],
): ReadonlySet<number> {
  const reportsByManager = new Map<number, number[]>()
  for (const user of users) {
    if (user.managerId !== null) {
      const reports = reportsByManager.get(user.managerId) ?? []
      reports.push(user.id)
      reportsByManager.set(user.managerId, reports)
    }
  }
  const team = new Set<number>([managerId])
  const queue = [managerId]
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const report of reportsByManager.get(next) ?? []) {
      if (!team.has(report)) {
        team.add(report)
        queue.push(report)
      }
    }
  }
  return team
}

/** Roles that must sign in with a second factor (issue 4: required for admin and VP). */
export const ROLES_REQUIRING_MFA: ReadonlySet<Role> = new Set<Role>(['admin', 'vp'])
