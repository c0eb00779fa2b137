import { afterAll, beforeAll, describe } from 'vitest'
import { describeCustomersContract } from './contract/customers.contract.js'
import { describeMoneyContract } from './contract/money.contract.js'
import { describePeopleContract } from './contract/people.contract.js'
import { describeIntegrityContract, describeMigrationContract } from './contract/schema.contract.js'
import { describeVisibilityContract } from './contract/visibility.contract.js'
import type { Store } from './store.js'

/**
 * The suite every dialect must pass (Hono's `runTest`, Kysely's `DIALECTS`). `location` names one
 * database that starts empty and unmigrated, and `open` opens a new connection to it; the suite
 * migrates it itself (from child processes too) and keeps tests apart by giving each its own keys.
 * @example describeStore('SQLite file', () => openStore(path), path)
 */
export function describeStore(name: string, open: () => Promise<Store>, location: string): void {
  describe(`store contract on ${name}`, () => {
    describeMigrationContract(open, location)
    describe('on a migrated database', () => {
      let store: Store | undefined
      const current = (): Store => {
        if (store === undefined) {
          throw new Error('the contract store is not open')
        }
        return store
      }
      beforeAll(async () => {
        store = await open()
        await store.migrate()
      })
      afterAll(async () => {
        await store?.close()
      })
      describeIntegrityContract(current)
      describeVisibilityContract(current)
      describeCustomersContract(current)
      describePeopleContract(current)
      describeMoneyContract(current)
    })
  })
}
