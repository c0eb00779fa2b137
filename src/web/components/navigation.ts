import type { Role } from '../api/contract-types.js'

/** One entry of the main navigation and the roles that see it. */
export interface NavItem {
  readonly path: string
  readonly label: string
  readonly roles: readonly Role[]
}

const EVERYONE: readonly Role[] = ['admin', 'vp', 'manager', 'rep', 'analyst']

/**
 * The main navigation. The server decides what each role may read and write; this only hides
 * pages a role cannot use (imports are written by analysts and admins, SPEC access policy).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'Dashboard', roles: EVERYONE },
  { path: '/program', label: 'Program', roles: EVERYONE },
  { path: '/lost', label: 'Lost list', roles: EVERYONE },
  { path: '/customers', label: 'Customers', roles: EVERYONE },
  { path: '/imports', label: 'Imports', roles: ['admin', 'analyst'] },
  { path: '/audit', label: 'Audit log', roles: ['admin', 'vp'] },
  { path: '/cases', label: 'Cases', roles: EVERYONE },
  { path: '/todo', label: 'To do', roles: ['admin', 'vp', 'manager', 'rep'] },
  { path: '/alerts', label: 'Alerts', roles: EVERYONE },
  { path: '/let-go', label: 'Let go', roles: ['admin', 'vp', 'manager'] },
  { path: '/lessons', label: 'Lessons', roles: EVERYONE },
  { path: '/fixes', label: 'Fixes', roles: EVERYONE },
  { path: '/templates', label: 'Templates', roles: EVERYONE },
  { path: '/campaigns', label: 'Campaigns', roles: ['admin', 'vp', 'manager', 'analyst'] },
  { path: '/shadow', label: 'Shadow portfolio', roles: EVERYONE },
  { path: '/outbox', label: 'Outbox', roles: ['admin', 'vp', 'manager', 'analyst'] },
  { path: '/suppressions', label: 'Suppressions', roles: ['admin', 'vp', 'analyst'] },
  { path: '/earnings', label: 'My earnings', roles: EVERYONE },
  { path: '/leaderboard', label: 'Leaderboard', roles: EVERYONE },
  { path: '/settings/cases', label: 'Settings', roles: ['admin', 'vp'] },
]

/** The navigation entries a role sees. */
export function navItemsFor(role: Role): readonly NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role))
}

/** Whether `pathname` is in the section of a navigation entry. */
export function isCurrentSection(itemPath: string, pathname: string): boolean {
  return itemPath === '/'
    ? pathname === '/'
    : pathname === itemPath || pathname.startsWith(`${itemPath}/`)
}

const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  vp: 'Head of sales',
  manager: 'Sales manager',
  rep: 'Sales rep',
  analyst: 'Sales ops analyst',
}

/** A role as people say it. */
export function roleName(role: Role): string {
  return ROLE_NAMES[role]
}
