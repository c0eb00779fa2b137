import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe } from 'vitest'
import { type Role, teamUserIds } from '../../../domain/access-policy.js'
import { addDays } from '../../../domain/case-dates.js'
import {
  createUser,
  insertCustomers,
  insertDeals,
  insertOrders,
  listUsers,
  openStore,
  type Store,
  setAccountOwner,
  type UserRow,
} from '../../../store/index.js'
import { createTestPgUrl } from '../../../test-support/pg.js'
import type { CaseActor } from '../case-support.js'

/** The day the world's tests treat as today. */
export const TODAY = '2024-06-30'

/** The people of the test company. */
export interface CaseWorld {
  readonly runId: number
  readonly admin: UserRow
  readonly vp: UserRow
  readonly managerNorth: UserRow
  readonly managerSouth: UserRow
  /** reports to managerNorth, started years ago */
  readonly repOld: UserRow
  /** reports to managerNorth, started two months before TODAY */
  readonly repNew: UserRow
  /** reports to managerNorth, has left (inactive) */
  readonly repLeft: UserRow
  readonly repSouth: UserRow
  readonly analyst: UserRow
}

/** One database per dialect for a test file: a SQLite file and, when a server answers, PostgreSQL. */
export interface WorldTarget {
  readonly name: string
  /** the SQLite path or PostgreSQL URL */
  readonly location: string
  readonly open: () => Promise<Store>
}

/** Creates a SQLite file and a PostgreSQL database (always in CI) for one test file. */
export async function caseDialects(): Promise<WorldTarget[]> {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cases-'))
  const path = join(dir, 'cases.db')
  const targets: WorldTarget[] = [{ name: 'SQLite', location: path, open: () => openStore(path) }]
  const pg = await createTestPgUrl()
  if (pg !== null) {
    targets.push({ name: 'PostgreSQL', location: pg.url, open: () => openStore(pg.url) })
  }
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await pg?.drop()
  })
  return targets
}

/**
 * Runs `body` once per dialect with a migrated store and a seeded world, both open for the block.
 */
export function describeWorld(
  title: string,
  targets: readonly WorldTarget[],
  body: (current: () => { store: Store; world: CaseWorld }, target: WorldTarget) => void,
): void {
  for (const target of targets) {
    describe(`${title} on ${target.name}`, () => {
      let opened: { store: Store; world: CaseWorld } | undefined
      beforeAll(async () => {
        const store = await target.open()
        await store.migrate()
        opened = { store, world: await seedCaseWorld(store) }
      })
      afterAll(async () => {
        await opened?.store.close()
      })
      body(() => {
        if (opened === undefined) {
          throw new Error(`the ${target.name} store is not open`)
        }
        return opened
      }, target)
    })
  }
}

async function user(
  store: Store,
  tag: string,
  fields: { role: Role; manager?: UserRow; startedOn?: string; active?: 0 | 1 },
): Promise<UserRow> {
  return createUser(store, {
    email: `${tag}-${randomBytes(3).toString('hex')}@cases.test`,
    name: tag,
    role: fields.role,
    manager_id: fields.manager === undefined ? null : fields.manager.id,
    started_on: fields.startedOn ?? '2019-01-01',
    active: fields.active ?? 1,
    password_hash: null,
  })
}

/** Seeds the people and an analysis run the world's customers are scored in. */
export async function seedCaseWorld(store: Store): Promise<CaseWorld> {
  const admin = await user(store, 'admin', { role: 'admin' })
  const vp = await user(store, 'vp', { role: 'vp' })
  const managerNorth = await user(store, 'manager-north', { role: 'manager', manager: vp })
  const managerSouth = await user(store, 'manager-south', { role: 'manager', manager: vp })
  const repOld = await user(store, 'rep-old', { role: 'rep', manager: managerNorth })
  const repNew = await user(store, 'rep-new', {
    role: 'rep',
    manager: managerNorth,
    startedOn: addDays(TODAY, -60),
  })
  const repLeft = await user(store, 'rep-left', { role: 'rep', manager: managerNorth, active: 0 })
  const repSouth = await user(store, 'rep-south', { role: 'rep', manager: managerSouth })
  const analyst = await user(store, 'analyst', { role: 'analyst' })
  const run = await store.db
    .insertInto('analysis_runs')
    .values({
      as_of: TODAY,
      time_unit: 'day',
      model_requested: 'auto',
      model: null,
      params_json: null,
      fit_json: null,
      validation_json: null,
      choice_reason: 'test world',
      notes_json: '[]',
      settings_json: '{}',
      currency: 'USD',
      customer_count: 0,
      status_counts_json: '{}',
      created_at: new Date().toISOString(),
      actor: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const people = { admin, vp, managerNorth, managerSouth, repOld, repNew, repLeft, repSouth }
  return { runId: Number(run.id), ...people, analyst }
}

/** Who a world user is to the use cases: their role, team and audit name. */
export async function actorOf(store: Store, person: UserRow): Promise<CaseActor> {
  const links = (await listUsers(store)).map((row) => ({
    id: Number(row.id),
    managerId: row.manager_id === null ? null : Number(row.manager_id),
  }))
  const id = Number(person.id)
  return {
    actor: {
      userId: id,
      role: person.role,
      teamUserIds: person.role === 'manager' ? teamUserIds(id, links) : new Set([id]),
    },
    audit: { actorUserId: id, via: 'api', requestId: null },
  }
}

/** What a test customer looks like: where it falls, who owned it when, its status and revenue. */
export interface LostCustomerOptions {
  readonly segment?: string
  readonly territory?: string
  /** the owner from 2020 on, when no history is given */
  readonly ownerId: number
  /** every owner spell, oldest first, as [userId, fromDate]; the last is the current owner */
  readonly history?: readonly (readonly [number, string])[]
  readonly status?: 'active' | 'at_risk' | 'lapsed' | 'lost'
  readonly lostSince?: string | null
  /** one order of this amount 30 days before the loss */
  readonly revenueMinor?: number
}

/** Adds a customer scored in the world's run (lost by default) and returns its id. */
export async function addCustomer(
  store: Store,
  world: CaseWorld,
  options: LostCustomerOptions,
): Promise<string> {
  const id = `C-${randomBytes(4).toString('hex')}`
  const lostSince = options.lostSince === undefined ? '2024-01-15' : options.lostSince
  await insertCustomers(store, [
    {
      id,
      name: `Customer ${id}`,
      segment: options.segment ?? 'Mid-market',
      territory: options.territory ?? 'North',
    },
  ])
  for (const [userId, fromDate] of options.history ?? [[options.ownerId, '2020-01-01']]) {
    await setAccountOwner(store, id, userId, fromDate)
  }
  if (options.revenueMinor !== undefined) {
    await insertOrders(store, [
      {
        order_key: `k:${id}`,
        customer_id: id,
        ordered_on: addDays(lostSince ?? TODAY, -30),
        amount_minor: options.revenueMinor,
        currency: 'USD',
        status: 'placed',
      },
    ])
  }
  await scoreCustomer(store, world, id, options.status ?? 'lost', lostSince)
  return id
}

async function scoreCustomer(
  store: Store,
  world: CaseWorld,
  customerId: string,
  status: 'active' | 'at_risk' | 'lapsed' | 'lost',
  lostSince: string | null,
): Promise<void> {
  await store.db
    .insertInto('customer_scores')
    .values({
      run_id: world.runId,
      customer_id: customerId,
      status,
      status_rule: 'test',
      lost_since: status === 'lost' ? lostSince : null,
      p_alive: null,
      expected_orders: null,
      expected_next_order: null,
      overdue_days: null,
      first_order_on: null,
      last_order_on: null,
      purchase_days: 1,
      historical_value_minor: 0,
      value_if_won_back_minor: 0,
      clv_minor: null,
      win_back_probability: 0.3,
      expected_value_minor: 0,
      explanation: 'test',
    })
    .execute()
}

/** Adds a lost deal on a customer and returns its id. */
export async function addLostDeal(
  store: Store,
  deal: {
    customerId: string
    lostReason: string | null
    closedOn: string
    ownerId: number | null
    valueMinor?: number
    recurring?: boolean
  },
): Promise<number> {
  const key = `d-${randomBytes(4).toString('hex')}`
  await insertDeals(store, [
    {
      deal_key: key,
      customer_id: deal.customerId,
      status: 'lost',
      value_minor: deal.valueMinor ?? 50_000,
      currency: 'USD',
      recurring: deal.recurring === true ? 1 : 0,
      closed_on: deal.closedOn,
      lost_reason: deal.lostReason,
      owner_id: deal.ownerId,
    },
  ])
  const row = await store.db
    .selectFrom('deals')
    .select('id')
    .where('deal_key', '=', key)
    .executeTakeFirstOrThrow()
  return Number(row.id)
}
