import { randomBytes } from 'node:crypto'
import {
  createUser,
  insertCustomers,
  insertDeals,
  insertOrders,
  makeGoodDb,
  type Store,
} from '../../../store/index.js'

/**
 * A constructed history for the program-figures tests: people, customers, cases, orders, status
 * history, deals, make-goods and bounty earnings, written straight into a real store. The tests
 * derive every expected figure from these same rows, never from the code under test.
 */

/** The day the history treats as today; the default period is the twelve months to it. */
export const HISTORY_TODAY = '2024-06-30'
/** the status-history run dated just before the default period's start */
export const START_RUN_AS_OF = '2023-06-20'

export type PersonKey = 'vp' | 'north' | 'south' | 'repA' | 'repB' | 'repC'

export interface CaseSpec {
  readonly customer: string
  readonly stage: 'won_back' | 'not_compatible' | 'let_go' | 'identified'
  readonly openedOn: string
  readonly endedOn: string | null
  readonly owner: PersonKey
  readonly reps: readonly PersonKey[]
  readonly reasons: readonly string[]
}

export interface CustomerSpec {
  readonly id: string
  readonly segment: string
  readonly owner: PersonKey
  /** status in the run at START_RUN_AS_OF, and in the run at HISTORY_TODAY with its lost since */
  readonly startStatus: 'active' | 'at_risk' | 'lapsed' | 'lost' | null
  readonly endStatus: 'active' | 'at_risk' | 'lapsed' | 'lost'
  readonly lostSince: string | null
  readonly firstOrderOn: string
}

export interface OrderSpec {
  readonly customer: string
  readonly on: string
  readonly amountMinor: number
  readonly status: 'placed' | 'cancelled' | 'refunded'
}

export interface DealSpec {
  readonly customer: string
  readonly status: 'won' | 'lost' | 'open'
  readonly closedOn: string | null
  readonly owner: PersonKey | null
}

/** a make-good on a case (by index in `cases`), maybe paid out */
export interface MakeGoodSpec {
  readonly caseIndex: number
  readonly kind: 'gift' | 'price_concession'
  readonly status: 'proposed' | 'approved' | 'rejected'
  readonly proposedAt: string
  readonly payout: { readonly amountMinor: number; readonly at: string } | null
}

export interface EarningSpec {
  readonly caseIndex: number
  readonly person: PersonKey
  readonly amountMinor: number
  readonly at: string
}

export interface HistorySpec {
  readonly segments: readonly [string, string]
  readonly reasonCodes: readonly [string, string, string]
  readonly customers: readonly CustomerSpec[]
  readonly cases: readonly CaseSpec[]
  readonly orders: readonly OrderSpec[]
  readonly deals: readonly DealSpec[]
  readonly makeGoods: readonly MakeGoodSpec[]
  readonly earnings: readonly EarningSpec[]
}

// one case per line: customer, stage, opened, ended, owner, reps, reason codes (first is primary)
const kase = (
  customer: string,
  stage: CaseSpec['stage'],
  openedOn: string,
  endedOn: string | null,
  owner: PersonKey,
  reps: readonly PersonKey[],
  reasons: readonly string[],
): CaseSpec => ({ customer, stage, openedOn, endedOn, owner, reps, reasons })

function casesOf(price: string, service: string, quality: string): CaseSpec[] {
  return [
    // 0: won in the period; revenue since the win, a refund row, a cancelled order
    kase('C1', 'won_back', '2023-09-01', '2023-12-01', 'north', ['repA'], [price, service]),
    // 1: won before the period, relapsed within a year (matured cohort)
    kase('C2', 'won_back', '2022-03-01', '2022-10-01', 'south', ['repB'], [service]),
    // 2: won before the period, still with us (matured cohort)
    kase('C3', 'won_back', '2022-01-01', '2022-08-15', 'north', ['repA', 'repC'], [price]),
    // 3: not compatible in the period, no rep
    kase('C4', 'not_compatible', '2023-08-01', '2024-02-01', 'south', [], [quality]),
    // 4: let go in the period, owned by the VP, no reason recorded
    kase('C5', 'let_go', '2023-10-01', '2024-05-01', 'vp', ['repC'], []),
    // 5: won in the period and lost again since (so far)
    kase('C6', 'won_back', '2024-01-01', '2024-04-01', 'north', ['repA'], [service, price]),
    // 6: ended before the period
    kase('C7', 'not_compatible', '2023-01-01', '2023-06-15', 'south', ['repB'], [quality]),
    // 7: still open, with a make-good paid
    kase('C8', 'identified', '2023-07-15', null, 'south', ['repC'], [price]),
    // 8: C1 won back a second time (its revenue counts once, from the first win)
    kase('C1', 'won_back', '2024-02-15', '2024-03-01', 'south', ['repB'], [quality]),
  ]
}

const customer = (
  id: string,
  segment: string,
  owner: PersonKey,
  startStatus: CustomerSpec['startStatus'],
  endStatus: CustomerSpec['endStatus'],
  lostSince: string | null,
  firstOrderOn = '2021-01-01',
): CustomerSpec => ({ id, segment, owner, startStatus, endStatus, lostSince, firstOrderOn })

function customersOf(segA: string, segB: string): CustomerSpec[] {
  return [
    customer('C1', segA, 'repA', 'lost', 'active', null),
    customer('C2', segB, 'repB', 'active', 'lost', '2023-05-01'),
    customer('C3', segA, 'repA', 'at_risk', 'active', null),
    customer('C4', segB, 'repB', 'lapsed', 'lost', '2022-01-01'),
    customer('C5', segA, 'repC', 'lost', 'lost', '2021-06-01'),
    customer('C6', segA, 'repA', 'active', 'lost', '2024-06-01'),
    customer('C7', segB, 'repB', 'lost', 'lost', '2022-02-01'),
    customer('C8', segB, 'repC', 'at_risk', 'lapsed', null),
    customer('X1', segA, 'repA', 'active', 'lost', '2024-02-01'),
    customer('X2', segB, 'repB', 'active', 'lost', '2023-06-01'),
    customer('X3', segA, 'north', 'active', 'active', null),
    customer('X4', segB, 'repC', 'at_risk', 'lost', '2023-07-01'),
    // a new customer of the period, lost in it: not among the active at the start
    customer('X5', segB, 'repB', null, 'lost', '2024-03-01', '2023-09-01'),
  ]
}

const order = (
  customerId: string,
  on: string,
  amountMinor: number,
  status: OrderSpec['status'] = 'placed',
): OrderSpec => ({ customer: customerId, on, amountMinor, status })

const ORDERS: readonly OrderSpec[] = [
  order('C1', '2023-11-15', 1_000),
  order('C1', '2023-12-01', 2_500),
  order('C1', '2024-01-10', 5_000),
  order('C1', '2024-02-10', -1_500),
  order('C1', '2024-03-01', 9_999, 'cancelled'),
  order('C1', '2024-04-02', 4_000),
  order('C1', '2024-07-02', 7_777),
  order('C2', '2022-11-01', 3_000),
  order('C2', '2023-08-01', 2_000),
  order('C3', '2024-05-05', 6_000, 'refunded'),
  order('C3', '2024-05-06', 1_200),
  order('C6', '2024-04-20', 800),
  order('C5', '2024-01-01', 999),
]

const deal = (
  customerId: string,
  status: DealSpec['status'],
  closedOn: string | null,
  owner: PersonKey | null,
): DealSpec => ({ customer: customerId, status, closedOn, owner })

const DEALS: readonly DealSpec[] = [
  deal('X1', 'won', '2023-10-01', 'repA'),
  deal('X1', 'won', '2024-06-30', null),
  deal('X3', 'lost', '2023-07-01', 'repA'),
  deal('X3', 'lost', '2024-01-01', 'repA'),
  deal('X2', 'lost', '2024-02-02', 'repB'),
  deal('X2', 'lost', '2024-03-03', 'south'),
  deal('X4', 'lost', '2024-04-04', 'repC'),
  deal('X4', 'won', '2023-01-01', 'repC'),
  deal('X4', 'open', null, 'repC'),
]

const paid = (amountMinor: number, at: string) => ({ amountMinor, at })

const MAKE_GOODS: readonly MakeGoodSpec[] = [
  {
    caseIndex: 0,
    kind: 'gift',
    status: 'approved',
    proposedAt: '2023-11-01T10:00:00.000Z',
    payout: paid(3_000, '2024-01-05T10:00:00.000Z'),
  },
  {
    caseIndex: 0,
    kind: 'price_concession',
    status: 'approved',
    proposedAt: '2024-01-02T10:00:00.000Z',
    // the period's very last moment still counts
    payout: paid(1_000, '2024-06-30T23:59:59.000Z'),
  },
  {
    caseIndex: 3,
    kind: 'price_concession',
    status: 'rejected',
    proposedAt: '2023-09-09T10:00:00.000Z',
    payout: null,
  },
  {
    caseIndex: 7,
    kind: 'gift',
    status: 'approved',
    proposedAt: '2023-07-20T10:00:00.000Z',
    payout: paid(500, '2023-08-01T10:00:00.000Z'),
  },
  {
    caseIndex: 2,
    kind: 'gift',
    status: 'approved',
    proposedAt: '2022-05-01T10:00:00.000Z',
    payout: paid(700, '2022-05-02T10:00:00.000Z'),
  },
]

const EARNINGS: readonly EarningSpec[] = [
  { caseIndex: 0, person: 'repA', amountMinor: 500, at: '2024-01-11T10:00:00.000Z' },
  { caseIndex: 0, person: 'repA', amountMinor: -150, at: '2024-02-11T10:00:00.000Z' },
  { caseIndex: 0, person: 'north', amountMinor: 200, at: '2024-01-11T10:00:00.000Z' },
  { caseIndex: 2, person: 'repA', amountMinor: 400, at: '2023-01-01T10:00:00.000Z' },
  { caseIndex: 5, person: 'repA', amountMinor: 90, at: '2024-04-21T10:00:00.000Z' },
]

/** The history; `names` replaces the segment and reason names (hostile ones for TESTPLAN T14). */
export function historySpec(
  names: { segments?: readonly [string, string]; reasons?: readonly [string, string, string] } = {},
): HistorySpec {
  const [segA, segB] = names.segments ?? ['Retail', 'Wholesale']
  const [price, service, quality] = names.reasons ?? ['price', 'service', 'quality']
  return {
    segments: [segA, segB],
    reasonCodes: [price, service, quality],
    customers: customersOf(segA, segB),
    cases: casesOf(price, service, quality),
    orders: ORDERS,
    deals: DEALS,
    makeGoods: MAKE_GOODS,
    earnings: EARNINGS,
  }
}

/** What the history wrote: the people's ids and the cases' ids, in spec order. */
export interface WrittenHistory {
  readonly spec: HistorySpec
  readonly people: Readonly<Record<PersonKey, number>>
  /** the store's customer ids, by spec id (made unique per store) */
  readonly customerIds: Readonly<Record<string, string>>
  readonly caseIds: readonly number[]
}

/** the staff's names by default; tests of spreadsheet safety pass hostile ones */
const PEOPLE_NAMES = [
  'Vera VP',
  'Nora North',
  'Sam South',
  'Rita Rep',
  'Rob Rep',
  'Ray Rep',
] as const

/** What one write of the history shares: the store, a tag that keeps its keys apart, the ids. */
interface Writing {
  readonly store: Store
  readonly tag: string
  readonly people: Readonly<Record<PersonKey, number>>
  readonly cid: (specId: string) => string
}

async function writePeople(
  store: Store,
  tag: string,
  names: readonly string[],
): Promise<Record<PersonKey, number>> {
  const person = async (index: number, role: 'vp' | 'manager' | 'rep', managerId: number | null) =>
    Number(
      (
        await createUser(store, {
          email: `p${randomBytes(4).toString('hex')}-${tag}@figures.test`,
          name: names[index] ?? PEOPLE_NAMES[index] ?? 'Someone',
          role,
          manager_id: managerId,
          started_on: '2019-01-01',
          active: 1,
          password_hash: null,
        })
      ).id,
    )
  const vp = await person(0, 'vp', null)
  const north = await person(1, 'manager', vp)
  const south = await person(2, 'manager', vp)
  return {
    vp,
    north,
    south,
    repA: await person(3, 'rep', north),
    repB: await person(4, 'rep', south),
    repC: await person(5, 'rep', north),
  }
}

async function writeAccounts(writing: Writing, spec: HistorySpec): Promise<void> {
  const { store, tag, people, cid } = writing
  await insertCustomers(
    store,
    spec.customers.map((row) => ({
      id: cid(row.id),
      name: `Secret Customer ${row.id}`,
      segment: row.segment,
      territory: null,
      owner_id: people[row.owner],
    })),
  )
  await insertOrders(
    store,
    spec.orders.map((row, index) => ({
      order_key: `k:${tag}:${index}`,
      customer_id: cid(row.customer),
      ordered_on: row.on,
      amount_minor: row.amountMinor,
      currency: 'USD',
      status: row.status,
    })),
  )
  await insertDeals(
    store,
    spec.deals.map((row, index) => ({
      deal_key: `d:${tag}:${index}`,
      customer_id: cid(row.customer),
      status: row.status,
      value_minor: 10_000,
      currency: 'USD',
      recurring: 0,
      closed_on: row.closedOn,
      owner_id: row.owner === null ? null : people[row.owner],
    })),
  )
}

async function insertRun(store: Store, asOf: string): Promise<number> {
  const row = await store.db
    .insertInto('analysis_runs')
    .values({
      as_of: asOf,
      time_unit: 'day',
      model_requested: 'auto',
      model: null,
      params_json: null,
      fit_json: null,
      validation_json: null,
      choice_reason: 'constructed history',
      notes_json: '[]',
      settings_json: '{}',
      currency: 'USD',
      customer_count: 0,
      status_counts_json: '{}',
      created_at: `${asOf}T12:00:00.000Z`,
      actor: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The status history: a run just before the period's start and one at its end. */
async function writeStatusHistory(writing: Writing, spec: HistorySpec): Promise<void> {
  const score = (runId: number, row: CustomerSpec, status: CustomerSpec['endStatus']) => ({
    run_id: runId,
    customer_id: writing.cid(row.id),
    status,
    status_rule: 'test',
    lost_since: status === 'lost' ? row.lostSince : null,
    p_alive: null,
    expected_orders: null,
    expected_next_order: null,
    overdue_days: null,
    first_order_on: row.firstOrderOn,
    last_order_on: null,
    purchase_days: 1,
    historical_value_minor: 0,
    value_if_won_back_minor: 0,
    clv_minor: null,
    win_back_probability: 0.3,
    expected_value_minor: 0,
    explanation: 'test',
  })
  const startRun = await insertRun(writing.store, START_RUN_AS_OF)
  const endRun = await insertRun(writing.store, HISTORY_TODAY)
  const startScores = spec.customers.flatMap((row) =>
    row.startStatus === null ? [] : [score(startRun, row, row.startStatus)],
  )
  await writing.store.db.insertInto('customer_scores').values(startScores).execute()
  await writing.store.db
    .insertInto('customer_scores')
    .values(spec.customers.map((row) => score(endRun, row, row.endStatus)))
    .execute()
}

/** The reason codes' ids, added to the taxonomy when missing. */
async function reasonIdsOf(store: Store, codes: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const code of new Set(codes)) {
    const found = await store.db
      .selectFrom('reasons')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst()
    const at = '2020-01-01T00:00:00.000Z'
    const id =
      found?.id ??
      (
        await store.db
          .insertInto('reasons')
          .values({
            code,
            label: code,
            fixable: 1,
            parent_id: null,
            merged_into_id: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    ids.set(code, Number(id))
  }
  return ids
}

const CASE_BLANKS = {
  deal_id: null,
  resume_stage: null,
  rest_until: null,
  interviewer_id: null,
  next_step: null,
  next_step_due_on: null,
  lost_on: null,
  losing_rep_id: null,
  lost_value_minor: 0,
  research_notes: null,
  approach_channel: null,
  customer_words: null,
  customer_cost_minor: null,
  customer_cost_note: null,
  remedy: null,
  plan_summary: null,
  ending_note: null,
  competitor: null,
  reason_note: null,
  source: 'app',
  source_key: null,
} as const

async function writeCases(writing: Writing, spec: HistorySpec): Promise<number[]> {
  const { store, people, cid } = writing
  const reasonIds = await reasonIdsOf(store, spec.reasonCodes)
  const caseIds: number[] = []
  for (const [index, row] of spec.cases.entries()) {
    const at = `${row.openedOn}T09:00:00.000Z`
    const inserted = await store.db
      .insertInto('cases')
      .values({
        ...CASE_BLANKS,
        subject_kind: 'customer',
        subject_key: `customer:${cid(row.customer)}`,
        customer_id: cid(row.customer),
        attempt: index + 1,
        stage: row.stage,
        owner_id: people[row.owner],
        opened_on: row.openedOn,
        ended_on: row.endedOn,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const caseId = Number(inserted.id)
    caseIds.push(caseId)
    for (const rep of row.reps) {
      await store.db
        .insertInto('case_reps')
        .values({ case_id: caseId, user_id: people[rep], added_at: at })
        .execute()
    }
    for (const [order, code] of row.reasons.entries()) {
      await store.db
        .insertInto('case_reasons')
        .values({
          case_id: caseId,
          reason_id: reasonIds.get(code) ?? 0,
          recorded_at: `${row.openedOn}T1${order}:00:00.000Z`,
        })
        .execute()
    }
  }
  return caseIds
}

const FLAGS = { gift: '[]', price_concession: '["price_concession"]' } as const

async function writeMakeGoods(
  writing: Writing,
  spec: HistorySpec,
  caseIds: readonly number[],
): Promise<void> {
  const db = makeGoodDb(writing.store)
  for (const offer of spec.makeGoods) {
    const made = await db
      .insertInto('make_goods')
      .values({
        case_id: caseIds[offer.caseIndex] ?? 0,
        customer_id: writing.cid(spec.cases[offer.caseIndex]?.customer ?? ''),
        kind: offer.kind,
        value_minor: offer.payout?.amountMinor ?? 100,
        currency: 'USD',
        incident_ids_json: '[]',
        answers_remedy: 0,
        description: null,
        reason: offer.kind === 'price_concession' ? 'they asked' : null,
        suggested_minor: 0,
        flags_json: FLAGS[offer.kind],
        status: offer.status,
        proposed_by: writing.people.north,
        proposed_at: offer.proposedAt,
        decided_by: offer.status === 'proposed' ? null : writing.people.vp,
        decided_at: offer.status === 'proposed' ? null : offer.proposedAt,
        decision_note: null,
        updated_at: offer.proposedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (offer.payout !== null) {
      await db
        .insertInto('make_good_payouts')
        .values({
          make_good_id: Number(made.id),
          amount_minor: offer.payout.amountMinor,
          currency: 'USD',
          approved_by: writing.people.vp,
          created_at: offer.payout.at,
        })
        .execute()
    }
  }
}

async function writeEarnings(
  writing: Writing,
  spec: HistorySpec,
  caseIds: readonly number[],
): Promise<void> {
  const db = makeGoodDb(writing.store)
  const at = '2020-01-01T00:00:00.000Z'
  const rule = await db
    .insertInto('bounty_rules')
    .values({
      name: `Figures ${writing.tag}`,
      fixed_minor: 100,
      multiplier: 1,
      months: 6,
      cap_minor: null,
      manager_share: 0.2,
      effective_from: '2020-01-01',
      active: 1,
      created_at: at,
      created_by: 'test',
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [index, earning] of spec.earnings.entries()) {
    await db
      .insertInto('earnings')
      .values({
        rule_id: Number(rule.id),
        user_id: writing.people[earning.person],
        case_id: caseIds[earning.caseIndex] ?? 0,
        customer_id: writing.cid(spec.cases[earning.caseIndex]?.customer ?? ''),
        order_id: index + 1,
        kind: 'fixed',
        entry: earning.amountMinor < 0 ? 'reversal' : 'credit',
        amount_minor: earning.amountMinor,
        currency: 'USD',
        once_key: `${writing.tag}:${index}`,
        created_at: earning.at,
      })
      .execute()
  }
}

/** Writes the history into a migrated store (again and again: each write has its own ids). */
export async function writeHistory(
  store: Store,
  spec: HistorySpec,
  names: readonly string[] = PEOPLE_NAMES,
): Promise<WrittenHistory> {
  const tag = randomBytes(3).toString('hex')
  const people = await writePeople(store, tag, names)
  const customerIds = Object.fromEntries(spec.customers.map((row) => [row.id, `${row.id}-${tag}`]))
  const writing: Writing = { store, tag, people, cid: (id) => customerIds[id] ?? id }
  await writeAccounts(writing, spec)
  await writeStatusHistory(writing, spec)
  const caseIds = await writeCases(writing, spec)
  await writeMakeGoods(writing, spec, caseIds)
  await writeEarnings(writing, spec, caseIds)
  return { spec, people, customerIds, caseIds }
}
