import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type BasisFacts,
  outreachRefusal,
  type PrivacyCutoffs,
  privacyCutoffs,
} from '../../domain/privacy.js'
import { createTestPgUrl } from '../../test-support/pg.js'
import { openStore } from '../store.js'
import { lawfulContact } from './privacy.js'

// the lawful-basis rule exists twice — in SQL for the claim, in TypeScript for the reason given —
// and the two must agree on every contact (TESTPLAN T22)
const dir = mkdtempSync(join(tmpdir(), 'comeback-privacy-sql-'))
const pg = await createTestPgUrl()
const targets = [
  { name: 'SQLite', url: join(dir, 'privacy.db') },
  ...(pg === null ? [] : [{ name: 'PostgreSQL', url: pg.url }]),
]
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await pg?.drop()
})

const day = fc
  .date({
    min: new Date('2015-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10))
const facts: fc.Arbitrary<BasisFacts> = fc.record({
  lawfulBasis: fc.constantFrom(
    null,
    '',
    ' ',
    'consent',
    'Consent ',
    'legitimate_interest',
    'contract',
  ),
  consent: fc.boolean(),
  basisOn: fc.option(day, { nil: null }),
  lastOrderOn: fc.option(day, { nil: null }),
})
const settings = fc.record({
  impliedConsentYears: fc.integer({ min: 1, max: 5 }),
  retentionYears: fc.integer({ min: 1, max: 5 }),
})

describe.each(targets)('the lawful-basis rule in SQL on $name', (target) => {
  it('agrees with outreachRefusal on random contacts, windows and days', async () => {
    const store = await openStore(target.url)
    try {
      await store.migrate()
      const cases = fc.sample(fc.tuple(facts, settings, day), { numRuns: 300, seed: 20_261_123 })
      for (const [index, [contact, windows, today]] of cases.entries()) {
        const customerId = `P-${index}`
        await store.db
          .insertInto('customers')
          .values({
            id: customerId,
            name: null,
            segment: null,
            territory: null,
            owner_id: null,
            created_at: today,
            import_id: null,
          })
          .execute()
        await store.db
          .insertInto('contacts')
          .values({
            contact_key: `k-${index}`,
            customer_id: customerId,
            name: null,
            email: null,
            phone: null,
            postal_address: null,
            role: 'decision_maker',
            has_left: 0,
            lawful_basis: contact.lawfulBasis,
            basis_source: null,
            basis_on: contact.basisOn,
            consent: contact.consent ? 1 : 0,
            import_id: null,
          })
          .execute()
        if (contact.lastOrderOn !== null) {
          await store.db
            .insertInto('orders')
            .values({
              order_key: `o-${index}`,
              order_id: null,
              customer_id: customerId,
              ordered_on: contact.lastOrderOn,
              amount_minor: 100,
              currency: 'USD',
              status: 'placed',
              import_id: null,
            })
            .execute()
        }
        const cutoffs: PrivacyCutoffs = privacyCutoffs(new Date(`${today}T12:00:00Z`), windows)
        const row = await store.db
          .selectFrom('contacts as c')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('c.customer_id', '=', customerId)
          .where(lawfulContact('c', cutoffs))
          .executeTakeFirstOrThrow()
        const lawfulInSql = Number(row.n) === 1
        expect(lawfulInSql, JSON.stringify({ contact, windows, today })).toBe(
          outreachRefusal(contact, cutoffs) === null,
        )
      }
    } finally {
      await store.close()
    }
  }, 300_000)
})
