import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ACCESS_POLICY,
  type Actor,
  can,
  ownerFilter,
  type ResourceType,
  ROLES,
  scopeOf,
  teamUserIds,
} from './access-policy.js'
import { mayManageCases } from './case-access.js'

const actor = (userId: number, role: Actor['role'], team: number[] = [userId]): Actor => ({
  userId,
  role,
  teamUserIds: new Set(team),
})

describe('the access policy table', () => {
  it('gives every role a read and a write scope for every resource', () => {
    for (const [resource, row] of Object.entries(ACCESS_POLICY)) {
      expect(Object.keys(row).sort(), resource).toEqual([...ROLES].sort())
    }
  })

  it('never lets a role write what it cannot read', () => {
    const reach = { none: 0, own: 1, assigned: 1, team: 2, all: 3 }
    for (const resource of Object.keys(ACCESS_POLICY) as ResourceType[]) {
      for (const role of ROLES) {
        const read = reach[scopeOf(role, 'read', resource)]
        const write = reach[scopeOf(role, 'write', resource)]
        expect(write, `${role} ${resource}`).toBeLessThanOrEqual(read)
      }
    }
  })

  it('says what SPEC says: admin writes users, reps read only their accounts, analysts import', () => {
    expect(scopeOf('admin', 'write', 'user')).toBe('all')
    expect(ROLES.filter((role) => scopeOf(role, 'write', 'user') !== 'none')).toEqual(['admin'])
    expect(scopeOf('rep', 'read', 'customer')).toBe('assigned')
    expect(scopeOf('manager', 'read', 'customer')).toBe('team')
    expect(scopeOf('manager', 'read', 'figures')).toBe('all')
    expect(scopeOf('analyst', 'write', 'import')).toBe('all')
    expect(scopeOf('rep', 'write', 'template')).toBe('none')
    expect(scopeOf('rep', 'read', 'bounty_ledger')).toBe('own')
    expect(ROLES.filter((role) => scopeOf(role, 'read', 'contact_export') !== 'none')).toEqual([
      'admin',
      'vp',
      'analyst',
    ])
    for (const role of ROLES) {
      expect(scopeOf(role, 'read', 'golden_lessons')).toBe('all')
      expect(scopeOf(role, 'read', 'leaderboard')).toBe('all')
    }
  })

  it('lets only the admin and the VP read the audit log, and nobody write it', () => {
    expect(ROLES.filter((role) => scopeOf(role, 'read', 'audit_log') !== 'none')).toEqual([
      'admin',
      'vp',
    ])
    expect(ROLES.filter((role) => scopeOf(role, 'write', 'audit_log') !== 'none')).toEqual([])
  })

  it('lets everyone read the bounty rules and only the admin set them; ledgers own, team, all', () => {
    for (const role of ROLES) {
      expect(scopeOf(role, 'read', 'bounty_rule')).toBe('all')
    }
    expect(ROLES.filter((role) => scopeOf(role, 'write', 'bounty_rule') !== 'none')).toEqual([
      'admin',
    ])
    expect(ROLES.map((role) => scopeOf(role, 'read', 'bounty_ledger'))).toEqual([
      'all',
      'all',
      'team',
      'own',
      'all',
    ])
    expect(ROLES.filter((role) => scopeOf(role, 'write', 'approval') !== 'none')).toEqual([
      'admin',
      'vp',
      'manager',
      'rep',
    ])
  })

  it('lets sales management open and staff cases: the same roles as mayManageCases', () => {
    const managing = ROLES.filter((role) => scopeOf(role, 'write', 'case_management') !== 'none')
    expect(managing).toEqual(['admin', 'vp', 'manager'])
    expect(managing).toEqual(ROLES.filter((role) => mayManageCases(actor(1, role))))
    expect(scopeOf('manager', 'write', 'case_management')).toBe('team')
  })
})

describe('can', () => {
  it('lets a rep read an account assigned to them and no other', () => {
    const rep = actor(7, 'rep')
    expect(can(rep, 'read', { type: 'customer', ownerId: 7 })).toBe(true)
    expect(can(rep, 'read', { type: 'customer', ownerId: 8 })).toBe(false)
    expect(can(rep, 'read', { type: 'customer', ownerId: null })).toBe(false)
  })

  it("lets a manager read their team's accounts, including a departed rep's", () => {
    const manager = actor(3, 'manager', [3, 7, 9])
    expect(can(manager, 'read', { type: 'customer', ownerId: 9 })).toBe(true)
    expect(can(manager, 'read', { type: 'customer', ownerId: 8 })).toBe(false)
  })

  it('answers for a kind of record whether the role reaches any of them', () => {
    expect(can(actor(1, 'rep'), 'read', { type: 'customer' })).toBe(true)
    expect(can(actor(1, 'rep'), 'read', { type: 'import' })).toBe(false)
    expect(can(actor(1, 'analyst'), 'write', { type: 'import' })).toBe(true)
  })

  it('agrees with ownerFilter: a record passes can exactly when its owner is in the filter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(...(Object.keys(ACCESS_POLICY) as ResourceType[])),
        fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        (role, type, team, ownerId) => {
          const [userId = 1] = team
          const who = actor(userId, role, team)
          const filter = ownerFilter(who, scopeOf(role, 'read', type))
          const allowed = filter === null || (ownerId !== null && filter.includes(ownerId))
          expect(can(who, 'read', { type, ownerId })).toBe(allowed)
        },
      ),
    )
  })
})

describe('teamUserIds', () => {
  it('follows reporting lines down through managers', () => {
    const users = [
      { id: 2, managerId: 1 },
      { id: 3, managerId: 2 },
      { id: 4, managerId: null },
      { id: 5, managerId: 3 },
    ]
    expect([...teamUserIds(1, users)].sort()).toEqual([1, 2, 3, 5])
    expect([...teamUserIds(4, users)]).toEqual([4])
  })

  it('ends on cycles and always holds the manager and only known ids', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.integer({ min: 1, max: 15 }),
            managerId: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 15 }),
        (users, managerId) => {
          const team = teamUserIds(managerId, users)
          expect(team.has(managerId)).toBe(true)
          const known = new Set([managerId, ...users.map((user) => user.id)])
          for (const id of team) {
            expect(known.has(id)).toBe(true)
          }
        },
      ),
    )
  })
})
