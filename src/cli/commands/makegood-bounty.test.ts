import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, openStore } from '../../app/index.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']
const MANAGER = 'manager@cli-makegood.test'
const REP = 'rep@cli-makegood.test'

function comeback(db: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [...CLI, '--db', db, ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function comebackJson(db: string, args: readonly string[]): unknown {
  const run = comeback(db, args)
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
  return JSON.parse(run.stdout)
}

/** A manager and their rep (5 % base commission), and customer C-1, lost, owned by the rep. */
async function seed(db: string): Promise<void> {
  const store = await openStore(db)
  try {
    await store.migrate()
    const manager = await createUser(store, {
      email: MANAGER,
      name: 'Max',
      role: 'manager',
      started_on: '2016-01-01',
      base_commission_rate: 0.05,
    })
    const rep = await createUser(store, {
      email: REP,
      name: 'Rita',
      role: 'rep',
      manager_id: manager.id,
      started_on: '2018-01-01',
      base_commission_rate: 0.05,
    })
    const at = new Date().toISOString()
    await store.db
      .insertInto('customers')
      .values({
        id: 'C-1',
        name: 'Acme',
        segment: null,
        territory: null,
        owner_id: rep.id,
        created_at: at,
        import_id: null,
      })
      .execute()
    await store.db
      .insertInto('account_ownership')
      .values({ customer_id: 'C-1', user_id: rep.id, from_date: '2020-01-01', to_date: null })
      .execute()
    await store.db
      .insertInto('incidents')
      .values({
        incident_key: 'i-1',
        customer_id: 'C-1',
        kind: 'downtime',
        occurred_on: '2023-12-01',
        cost_minor: 3_000_000,
        currency: 'USD',
        description: null,
        import_id: null,
      })
      .execute()
  } finally {
    await store.close()
  }
}

async function winCaseWithOrders(db: string): Promise<void> {
  const store = await openStore(db)
  try {
    await store.db
      .updateTable('cases')
      .set({ stage: 'won_back', ended_on: '2024-07-01' })
      .where('id', '=', 1)
      .execute()
    await store.db
      .insertInto('orders')
      .values([
        {
          order_key: 'o-1',
          order_id: null,
          customer_id: 'C-1',
          ordered_on: '2024-07-15',
          amount_minor: 100_000,
          currency: 'USD',
          status: 'placed',
          import_id: null,
        },
        {
          order_key: 'o-2',
          order_id: null,
          customer_id: 'C-1',
          ordered_on: '2024-08-15',
          amount_minor: 100_000,
          currency: 'USD',
          status: 'placed',
          import_id: null,
        },
      ])
      .execute()
  } finally {
    await store.close()
  }
}

describe('comeback makegood and bounty', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-makegood-'))
  const db = join(dir, 'makegood.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  beforeAll(async () => {
    await seed(db)
  })

  it('suggests, proposes and approves a make-good within the limits', () => {
    comebackJson(db, ['--as', MANAGER, 'case', 'open', '--customer', 'C-1', '--rep', REP, '--json'])
    const advice = comebackJson(db, ['--as', REP, 'makegood', 'suggest', '1', '--json']) as {
      suggestion: { suggestedMinor: number; explanation: string }
    }
    expect(advice.suggestion.suggestedMinor).toBe(300_000)
    const offer = comebackJson(db, [
      '--as',
      REP,
      'makegood',
      'propose',
      '1',
      '--kind',
      'gift',
      '--value',
      '15',
      '--incident',
      '1',
      '--json',
    ]) as {
      id: number
      flags: string[]
    }
    expect(offer.flags).toEqual(['too_small'])
    const big = comebackJson(db, [
      '--as',
      REP,
      'makegood',
      'propose',
      '1',
      '--kind',
      'free_work',
      '--value',
      '2500',
      '--json',
    ]) as { id: number }
    const refused = comeback(db, ['--as', REP, 'makegood', 'approve', String(big.id)])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/above the rep limit/)
    const approved = comebackJson(db, [
      '--as',
      MANAGER,
      'makegood',
      'approve',
      String(big.id),
      '--json',
    ])
    expect(approved).toMatchObject({ status: 'approved', version: 2 })
    const listed = comebackJson(db, ['--as', REP, 'makegood', 'list', '1', '--json']) as unknown[]
    expect(listed).toHaveLength(2)
  })

  it('adds a rule, books earnings once from the orders, and shows ledger, statement and leaderboard', async () => {
    const rule = comebackJson(db, [
      'bounty',
      'add-rule',
      '--name',
      'Double',
      '--fixed',
      '100',
      '--multiplier',
      '2',
      '--months',
      '3',
      '--from',
      '2024-01-01',
      '--json',
    ])
    expect(rule).toMatchObject({ fixedMinor: 10_000, multiplier: 2, months: 3 })
    await winCaseWithOrders(db)
    // per person: half of $100 + 5 % × half of each $1,000 order
    expect(comebackJson(db, ['bounty', 'accrue', '--json'])).toMatchObject({
      credited: 6,
      reversed: 0,
    })
    expect(comebackJson(db, ['bounty', 'accrue', '--json'])).toMatchObject({ credited: 0 })
    const ledger = comebackJson(db, ['--as', REP, 'bounty', 'ledger', '--json']) as {
      totalMinor: number
      items: unknown[]
    }
    expect(ledger.totalMinor).toBe(5_000 + 2_500 + 2_500)
    expect(ledger.items).toHaveLength(3)
    const statement = comeback(db, ['--as', REP, 'bounty', 'statement'])
    expect(statement.stdout.split('\r\n')[0]).toBe(
      'booked_at,person,customer_id,customer,case_id,order_id,rule_id,kind,entry,amount,currency',
    )
    expect(statement.stdout).toMatch(/total,+100,USD/)
    const board = comebackJson(db, ['--as', REP, 'bounty', 'leaderboard', '--json']) as {
      net: string
    }[]
    expect(board).toHaveLength(2)
  })
})
