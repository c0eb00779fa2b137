import fc from 'fast-check'
import { expect, it } from 'vitest'
import type {
  ContactRecord,
  ContractRecord,
  CustomerRecord,
  DealRecord,
  ImportKind,
  IncidentRecord,
  RecordByKind,
} from '../../domain/records.js'
import { createUser } from '../queries/users.js'
import type { Store } from '../store.js'
import { describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import { freshPrefix } from './__fixtures__/import-helpers.js'
import { beginImport } from './begin-import.js'

const dialects = await testDialects()

async function importRecords<TKind extends ImportKind>(
  store: Store,
  kind: TKind,
  records: readonly RecordByKind[TKind][],
) {
  const session = await beginImport(store, {
    kind,
    fileName: `${kind}.csv`,
    fileSha256: freshPrefix(),
    actor: 'test',
  })
  await session.write(records)
  return session.publish()
}

const customer = (id: string, line: number, ownerEmail: string | null): CustomerRecord => ({
  line,
  customerId: id,
  name: `Customer ${id}`,
  segment: 'smb',
  territory: 'north',
  ownerEmail,
})

async function insertsThenMatchesByKey<TKind extends ImportKind>(
  store: Store,
  kind: TKind,
  [first, second, editedSecond]: readonly [
    RecordByKind[TKind],
    RecordByKind[TKind],
    RecordByKind[TKind],
  ],
): Promise<void> {
  expect([kind, (await importRecords(store, kind, [first, second])).inserted]).toEqual([kind, 2])
  expect([kind, (await importRecords(store, kind, [first, second])).unchanged]).toEqual([kind, 2])
  const edited = await importRecords(store, kind, [first, editedSecond])
  expect([kind, edited.updated, edited.unchanged]).toEqual([kind, 1, 1])
}

describeEachDialect('each import kind', dialects, (current) => {
  it('customer owners resolve by email in any case; an unknown email leaves the owner empty', async () => {
    const store = current()
    const prefix = freshPrefix()
    const rep = await createUser(store, {
      email: `${prefix}@example.test`,
      name: 'Rep',
      role: 'rep',
      started_on: '2024-01-01',
    })
    const records = [
      customer(`${prefix}-1`, 2, `${prefix.toUpperCase()}@Example.TEST`),
      customer(`${prefix}-2`, 3, 'nobody@example.test'),
      customer(`${prefix}-3`, 4, null),
    ]
    expect(await importRecords(store, 'customers', records)).toMatchObject({ inserted: 3 })
    const rows = await store.db
      .selectFrom('visible_customers')
      .select('owner_id')
      .where('id', 'like', `${prefix}-%`)
      .orderBy('id')
      .execute()
    expect(rows.map((row) => (row.owner_id === null ? null : Number(row.owner_id)))).toEqual([
      rep.id,
      null,
      null,
    ])
    const renamed = records.map((record, index) =>
      index === 1 ? { ...record, name: 'Renamed' } : record,
    )
    expect(await importRecords(store, 'customers', renamed)).toEqual({
      read: 3,
      inserted: 0,
      updated: 1,
      unchanged: 2,
      rejected: 0,
    })
  })

  it('contacts, contracts, deals and incidents insert, re-import unchanged, update by key and create their customers', async () => {
    const store = current()
    const prefix = freshPrefix()
    const [a, b, one, two] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-k1`, `${prefix}-k2`]
    await insertsThenMatchesByKey(store, 'contacts', [
      contact(one, a),
      contact(two, b),
      { ...contact(two, b), hasLeft: true },
    ])
    await insertsThenMatchesByKey(store, 'contracts', [
      contract(one, a),
      contract(two, b),
      { ...contract(two, b), renewed: true },
    ])
    await insertsThenMatchesByKey(store, 'deals', [
      deal(one, a),
      deal(two, b),
      { ...deal(two, b), status: 'won', lostReason: null },
    ])
    await insertsThenMatchesByKey(store, 'incidents', [
      incident(one, a),
      incident(two, b),
      { ...incident(two, b), costMinor: 1 },
    ])
    const customers = await store.db
      .selectFrom('visible_customers')
      .select('id')
      .where('id', 'like', `${prefix}-%`)
      .execute()
    expect(customers.map((row) => row.id).sort()).toEqual([a, b])
  })

  it('any text survives the trip into the store unchanged (tabs, newlines, backslashes, quotes)', async () => {
    const store = current()
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\\', '\t', '\n', '\r', '\\N', '"', "'", ',', ' ', 'é', '😀'),
        fc.string({ unit: 'grapheme', maxLength: 3 }).filter((value) => !value.includes('\u0000')),
      ),
      maxLength: 20,
    })
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 8 }), async (names) => {
        const prefix = freshPrefix()
        const records = names.map((name, index) => ({
          ...customer(`${prefix}-${index}`, index + 2, null),
          name,
        }))
        await importRecords(store, 'customers', records)
        const rows = await store.db
          .selectFrom('visible_customers')
          .select(['id', 'name'])
          .where('id', 'like', `${prefix}-%`)
          .execute()
        const byId = new Map(rows.map((row) => [row.id, row.name]))
        expect(records.map((record) => byId.get(record.customerId))).toEqual(names)
      }),
      { numRuns: 15 },
    )
  })
})

function contact(key: string, customerId: string): ContactRecord {
  return {
    line: 2,
    key,
    customerId,
    name: 'Dana',
    email: 'dana@example.test',
    phone: null,
    postalAddress: null,
    role: 'decision_maker',
    hasLeft: false,
    lawfulBasis: null,
    basisSource: null,
    basisOn: null,
    consent: true,
  }
}

function contract(key: string, customerId: string): ContractRecord {
  return {
    line: 2,
    key,
    customerId,
    startsOn: '2023-01-01',
    endsOn: '2023-12-31',
    valueMinor: 120_000,
    currency: 'EUR',
    renewed: false,
  }
}

function deal(key: string, customerId: string): DealRecord {
  return {
    line: 2,
    key,
    customerId,
    name: 'Renewal',
    stage: 'closed',
    status: 'lost',
    valueMinor: 50_000,
    currency: 'EUR',
    recurring: true,
    createdOn: '2023-02-01',
    closedOn: '2023-03-01',
    lostReason: 'price',
    competitor: 'Rival',
    nextChoiceOn: '2025-03-01',
    ownerEmail: null,
  }
}

function incident(key: string, customerId: string): IncidentRecord {
  return {
    line: 2,
    key,
    customerId,
    kind: 'late_delivery',
    occurredOn: '2023-05-05',
    costMinor: 9_900,
    currency: 'EUR',
    description: 'three weeks late',
  }
}
