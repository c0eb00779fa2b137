import { randomBytes } from 'node:crypto'
import {
  createUser,
  insertCustomers,
  insertDeals,
  insertOrders,
  makeGoodDb,
  type Store,
} from '../../../store/index.js'
import {
  type CustomerSpec,
  HISTORY_TODAY,
  type HistorySpec,
  type PersonKey,
  START_RUN_AS_OF,
} from './program-history-spec.js'

export * from './program-history-spec.js'

/**
 * A constructed history for the program-figures tests: people, customers, cases, orders, status
 * history, deals, make-goods and bounty earnings, written straight into a real store. The tests
 * derive every expected figure from these same rows, never from the code under test.
 */

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
