import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InsufficientDataError, NotFoundError, ValidationError } from '../domain/errors.js'
import { insertCustomers, insertOrders, openStore, type Store } from '../store/index.js'
import { FIXTURE_AS_OF, seedFixtureCompany } from '../test-support/analysis-fixtures.js'
import { createTestPgUrl } from '../test-support/pg.js'
import { analyze } from './analyze.js'
import { listLost } from './list-lost.js'

const directory = mkdtempSync(path.join(tmpdir(), 'comeback-analyze-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

async function freshStore(name: string): Promise<Store> {
  const store = await openStore(path.join(directory, `${name}.db`))
  await store.migrate()
  return store
}

async function scoresOf(store: Store, runId: number) {
  const rows = await store.db
    .selectFrom('customer_scores')
    .selectAll()
    .where('run_id', '=', runId)
    .execute()
  return new Map(rows.map((row) => [row.customer_id, row]))
}

function describeAnalyze(name: string, open: () => Promise<Store | null>) {
  describe(`analyze on ${name}`, () => {
    let store: Store | null = null
    beforeAll(async () => {
      store = await open()
      if (store !== null) {
        await seedFixtureCompany(store)
      }
    })
    afterAll(async () => {
      await store?.close()
    })

    it('chooses a model on a holdout, stores every customer, and gives each status its rule', async () => {
      if (store === null) {
        return
      }
      const run = await analyze(store, { asOf: FIXTURE_AS_OF, actor: 'test', model: 'auto' })
      expect(run.method).toBe('holdout')
      expect(['mbgnbd', 'pareto-nbd']).toContain(run.model)
      expect(run.reason).toMatch(/^chose (MBG\/NBD|Pareto\/NBD): on the holdout it forecast/)
      expect(run.validation?.byFrequency).toHaveLength(8)
      expect(run.customers).toBe(66)
      const scores = await scoresOf(store, run.runId)
      expect(scores.get('C-once-old')).toMatchObject({
        status: 'lost',
        status_rule: 'six_month_rule',
        lost_since: '2022-12-30',
      })
      expect(scores.get('C-once-new')).toMatchObject({
        status: 'active',
        status_rule: 'six_month_rule_recent',
      })
      expect(scores.get('C-gone')?.status).toBe('lost')
      expect(scores.get('C-regular')?.status).toBe('active')
      expect(scores.get('K-contract')).toMatchObject({
        status: 'lost',
        status_rule: 'contract_ended_unrenewed',
        lost_since: '2024-01-01',
        value_if_won_back_minor: 1_200_000,
      })
      // the cancelled order is left out, the refund row nets into the historical value
      expect(scores.get('C-refund')).toMatchObject({
        purchase_days: 3,
        historical_value_minor: 10_000,
      })
      for (const row of scores.values()) {
        for (const value of Object.values(row)) {
          if (typeof value === 'number') {
            expect(Number.isFinite(value)).toBe(true)
          }
        }
        expect(row.explanation).not.toMatch(/NaN|Infinity|undefined/)
      }
    })

    it('lists lost customers and lost deals, best expected value first, money in major units', async () => {
      if (store === null) {
        return
      }
      const list = await listLost(store)
      expect(list.rows.map((row) => row.kind)).toContain('deal')
      const values = list.rows.map((row) => row.expectedValue)
      expect(values).toEqual([...values].sort((left, right) => right - left))
      const deal = list.rows.find((row) => row.kind === 'deal')
      expect(deal).toMatchObject({
        name: 'Fleet renewal',
        pAlive: null,
        expectedNextOrder: null,
        overdueDays: null,
        valueIfWonBack: 12_000,
        currency: 'USD',
      })
      // the deal prior (10 % until there are enough closed deals) moved by what is known, no
      // incidents so no cost: expected value is P × value, and the explanation says why
      expect(deal?.expectedValue).toBeCloseTo((deal?.winBackProbability ?? 0) * 12_000, 1)
      expect(deal?.explanation).toMatch(
        /chance to win back \(the prior for lost deals[^)]*: .+pts\)/,
      )
      const contract = list.rows.find((row) => row.id === 'K-contract')
      expect(contract?.valueIfWonBack).toBe(12_000)
      expect(contract?.expectedValue).toBeCloseTo((contract?.winBackProbability ?? 0) * 12_000, 1)
      expect((await listLost(store, { top: 2 })).rows).toHaveLength(2)
    })

    it('fits plain BG/NBD only when asked, and keeps the 6-month rule for one-time buyers', async () => {
      if (store === null) {
        return
      }
      const run = await analyze(store, { asOf: FIXTURE_AS_OF, actor: 'test', model: 'bgnbd' })
      expect(run.model).toBe('bgnbd')
      expect(run.method).toBe('only_candidate')
      const scores = await scoresOf(store, run.runId)
      expect(scores.get('C-once-old')?.status).toBe('lost')
    })
  })
}

describeAnalyze('SQLite', () => freshStore('fixture'))

const testPg = await createTestPgUrl()
describe.skipIf(testPg === null)('PostgreSQL', () => {
  afterAll(() => testPg?.drop())
  describeAnalyze('PostgreSQL', async () => {
    const store = await openStore(testPg?.url)
    await store.migrate()
    return store
  })
})

describe('analyze with bad or thin data', () => {
  it('refuses an empty store, an as-of before every order and a future as-of, naming the problem', async () => {
    const store = await freshStore('thin')
    try {
      await expect(analyze(store, { actor: 'test' })).rejects.toBeInstanceOf(InsufficientDataError)
      await insertCustomers(store, [{ id: 'A' }])
      await insertOrders(store, [
        {
          order_key: 'k:a',
          customer_id: 'A',
          ordered_on: '2024-01-10',
          amount_minor: 100,
          currency: 'USD',
          status: 'placed',
        },
      ])
      await expect(analyze(store, { asOf: '2023-12-31', actor: 'test' })).rejects.toThrow(
        /before every order/,
      )
      await expect(
        analyze(store, {
          asOf: '2024-02-01',
          actor: 'test',
          now: new Date('2024-01-20T12:00:00Z'),
        }),
      ).rejects.toBeInstanceOf(ValidationError)
      await expect(listLost(store)).rejects.toBeInstanceOf(NotFoundError)
    } finally {
      await store.close()
    }
  })

  it('falls back to the 6-month rule for everyone when there are only one-time buyers, and says so', async () => {
    const store = await freshStore('one-time')
    try {
      const ids = ['A', 'B', 'C']
      await insertCustomers(
        store,
        ids.map((id) => ({ id })),
      )
      await insertOrders(
        store,
        ids.map((id, k) => ({
          order_key: `k:${id}`,
          customer_id: id,
          ordered_on: k === 0 ? '2024-06-01' : '2022-01-01',
          amount_minor: 100,
          currency: 'USD',
          status: 'placed' as const,
        })),
      )
      const run = await analyze(store, { asOf: '2024-06-30', actor: 'test' })
      expect(run.model).toBeNull()
      expect(run.method).toBe('rules_only')
      expect(run.notes.join(' ')).toMatch(/only one-time buyers/)
      expect(run.statusCounts).toEqual({ active: 1, lost: 2 })
    } finally {
      await store.close()
    }
  })
})
