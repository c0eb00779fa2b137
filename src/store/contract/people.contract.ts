import { describe, expect, it } from 'vitest'
import { ownershipHistory, setAccountOwner } from '../queries/account-ownership.js'
import { insertCustomers } from '../queries/bulk-insert.js'
import { getSetting, listSettings, setSetting } from '../queries/settings.js'
import { createUser, findUserByEmail, getUser, listUsers } from '../queries/users.js'
import type { Store } from '../store.js'
import { type StoreGetter, uniqueKey } from './fixtures.js'

/** Users, who owned which account when, and business settings. */
export function describePeopleContract(current: StoreGetter): void {
  describe('users, ownership and settings', () => {
    it('creates users, finds them by email in any case, and lists a manager’s team', () =>
      checkUsers(current()))
    it('a new owner closes the previous spell on the same day and moves the account', () =>
      checkOwnershipHistory(current()))
    it('refuses an owner change dated before the current spell began, or for an unknown account', () =>
      checkOwnershipErrors(current()))
    it('a setting reads its fallback until set, then its latest JSON value', () =>
      checkSettings(current()))
  })
}

const newUser = (name: string, role: 'manager' | 'rep', managerId: number | null = null) => ({
  email: `${uniqueKey(name)}@Example.test`,
  name,
  role,
  manager_id: managerId,
  started_on: '2024-01-15',
})

async function checkUsers(store: Store): Promise<void> {
  const manager = await createUser(store, newUser('mia', 'manager'))
  const rep = await createUser(store, {
    ...newUser('rob', 'rep', manager.id),
    base_commission_rate: 0.05,
  })
  await createUser(store, { ...newUser('rae', 'rep', manager.id), active: 0 })
  expect(manager.email).toBe(manager.email.toLowerCase())
  expect(rep).toMatchObject({
    role: 'rep',
    manager_id: manager.id,
    base_commission_rate: 0.05,
    active: 1,
  })
  expect(manager.base_commission_rate).toBe(0)
  expect((await findUserByEmail(store, rep.email.toUpperCase()))?.id).toBe(rep.id)
  expect(await findUserByEmail(store, 'nobody@example.test')).toBeUndefined()
  expect(await getUser(store, rep.id)).toEqual(rep)
  const team = await listUsers(store, { managerId: manager.id })
  expect(team.map((user) => user.name)).toEqual(['rae', 'rob'])
  const activeTeam = await listUsers(store, { managerId: manager.id, activeOnly: true })
  expect(activeTeam.map((user) => user.id)).toEqual([rep.id])
  await expect(createUser(store, newUser('orphan', 'rep', 987_654_321))).rejects.toThrow(
    /manager 987654321 does not exist/,
  )
}

async function checkOwnershipHistory(store: Store): Promise<void> {
  const first = await createUser(store, newUser('fay', 'rep'))
  const second = await createUser(store, newUser('sam', 'rep'))
  const customerId = uniqueKey('acct')
  await insertCustomers(store, [{ id: customerId }])
  await setAccountOwner(store, customerId, first.id, '2023-01-01')
  await setAccountOwner(store, customerId, first.id, '2023-02-01')
  await setAccountOwner(store, customerId, second.id, '2024-06-01')
  const spells = await ownershipHistory(store, customerId)
  expect(
    spells.map(({ user_id, user_name, from_date, to_date }) => ({
      user_id,
      user_name,
      from_date,
      to_date,
    })),
  ).toEqual([
    { user_id: first.id, user_name: 'fay', from_date: '2023-01-01', to_date: '2024-06-01' },
    { user_id: second.id, user_name: 'sam', from_date: '2024-06-01', to_date: null },
  ])
  const owner = await store.db
    .selectFrom('customers')
    .select('owner_id')
    .where('id', '=', customerId)
    .executeTakeFirst()
  expect(owner?.owner_id).toBe(second.id)
  await setAccountOwner(store, customerId, null, '2024-09-01')
  const closed = await ownershipHistory(store, customerId)
  expect(closed.at(-1)?.to_date).toBe('2024-09-01')
  const unowned = await store.db
    .selectFrom('customers')
    .select('owner_id')
    .where('id', '=', customerId)
    .executeTakeFirst()
  expect(unowned?.owner_id).toBeNull()
}

async function checkOwnershipErrors(store: Store): Promise<void> {
  const owner = await createUser(store, newUser('ola', 'rep'))
  const other = await createUser(store, newUser('ivy', 'rep'))
  const customerId = uniqueKey('acct')
  await insertCustomers(store, [{ id: customerId }])
  await setAccountOwner(store, customerId, owner.id, '2024-03-01')
  await expect(setAccountOwner(store, customerId, other.id, '2024-02-01')).rejects.toThrow(
    /current spell began 2024-03-01/,
  )
  await expect(setAccountOwner(store, uniqueKey('none'), owner.id, '2024-03-01')).rejects.toThrow(
    /not found/,
  )
  await expect(setAccountOwner(store, customerId, 987_654_321, '2024-04-01')).rejects.toThrow(
    /user 987654321 does not exist/,
  )
  const spells = await ownershipHistory(store, customerId)
  expect(spells.map((spell) => [spell.user_id, spell.to_date])).toEqual([[owner.id, null]])
}

async function checkSettings(store: Store): Promise<void> {
  const key = uniqueKey('lapse.lostBelow.')
  expect(await getSetting(store, key, 0.3)).toBe(0.3)
  await setSetting(store, key, 0.25, 'admin@example.test')
  expect(await getSetting(store, key, 0.3)).toBe(0.25)
  const taxonomy = { codes: ['price', 'service'], fixed: { price: '2024-01-01' } }
  await setSetting(store, key, taxonomy)
  expect(await getSetting(store, key, {})).toEqual(taxonomy)
  const parse = (value: unknown): number => {
    if (typeof value !== 'number') {
      throw new Error('not a number')
    }
    return value
  }
  await expect(getSetting(store, key, 0.3, parse)).rejects.toThrow(/not a number/)
  const all = await listSettings(store)
  expect(all[key]).toEqual(taxonomy)
  const row = await store.db
    .selectFrom('settings')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst()
  expect(row?.updated_by).toBeNull()
}
