import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConflictError } from '../domain/errors.js'
import { listUsers, openStore, ownershipHistory, type Store, stats } from '../store/index.js'
import { createTestPgUrl } from '../test-support/pg.js'
import { loadDemoCompany } from './load-demo.js'

const OPTIONS = { seed: 4, customers: 150, asOf: '2025-06-30', actor: 'local-admin' } as const

function describeLoad(name: string, open: () => Promise<Store>): void {
  describe(`loadDemoCompany on ${name}`, () => {
    it('writes every generated record, with owners, their history and an audit entry', async () => {
      const store = await open()
      try {
        const { company, counts } = await loadDemoCompany(store, OPTIONS)
        const stored = await stats(store)
        expect(stored).toMatchObject({
          customers: company.customers.length,
          orders: company.orders.length,
          deals: company.deals.length,
          incidents: company.incidents.length,
          contacts: company.contacts.length,
          contracts: company.contracts.length,
          users: company.users.length,
        })
        expect(counts.winBackAttempts).toBe(company.winBackAttempts.length)
        const users = await listUsers(store)
        const leaver = company.users.find((user) => user.leftOn !== null)
        expect(users.find((user) => user.email === leaver?.email)?.active).toBe(0)
        const moved = company.ownership.find((spell) => spell.toDate !== null)
        const history = await ownershipHistory(store, moved?.customerId ?? '')
        expect(history.length).toBeGreaterThanOrEqual(2)
        const audit = await store.db
          .selectFrom('audit_log')
          .select(['actor', 'via'])
          .where('action', '=', 'load_demo')
          .execute()
        expect(audit).toEqual([{ actor: 'local-admin', via: 'cli' }])
        const current = await store.db
          .selectFrom('account_ownership')
          .select(['customer_id', 'user_id'])
          .where('to_date', 'is', null)
          .execute()
        const owners = await store.db.selectFrom('customers').select(['id', 'owner_id']).execute()
        const ownerOf = new Map(owners.map((row) => [row.id, row.owner_id]))
        expect(current.length).toBe(company.customers.length)
        expect(current.every((spell) => ownerOf.get(spell.customer_id) === spell.user_id)).toBe(
          true,
        )
      } finally {
        await store.close()
      }
    })

    it('refuses to load a second company into a database that has customers', async () => {
      const store = await open()
      try {
        await expect(loadDemoCompany(store, { ...OPTIONS, customers: 10 })).rejects.toThrow(
          ConflictError,
        )
      } finally {
        await store.close()
      }
    })
  })
}

const folder = mkdtempSync(join(tmpdir(), 'comeback-demo-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describeLoad('SQLite', async () => {
  const store = await openStore(join(folder, 'demo.db'))
  await store.migrate()
  return store
})

const testPg = await createTestPgUrl()
describe.skipIf(testPg === null)('on PostgreSQL', () => {
  afterAll(() => testPg?.drop())
  describeLoad('PostgreSQL', async () => {
    const store = await openStore(testPg?.url)
    await store.migrate()
    return store
  })
})
