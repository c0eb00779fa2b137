import type { Insertable, Selectable } from 'kysely'
import type { ShadowContentTable, ShadowTouchesTable } from '../schema-jobs-shadow.js'
import { jobsShadowDb } from './jobs.js'
import { dbOf, type Queryable } from './queryable.js'

/**
 * What the shadow portfolio reads (SPEC §7 and "Case states"): the lost customers of the newest
 * analysis and the lost deals, with what decides whether and when they get a value-adding touch.
 * Whole-table reads grouped by customer or subject: the portfolio is planned once a day.
 */

/** One ex-customer or failed sale that might be in the portfolio. */
export interface ShadowCandidateRow {
  readonly subjectKind: 'customer' | 'deal'
  /** `customer:<id>` or `deal:<id>`, as cases name their subject */
  readonly subjectKey: string
  readonly customerId: string
  readonly dealId: number | null
  readonly name: string | null
  readonly segment: string | null
  readonly ownerId: number | null
  /** the day they were lost: lost since, or the deal's close */
  readonly lostOn: string | null
  /** a lost deal's next supplier choice */
  readonly nextChoiceOn: string | null
}

/** The lost customers of the newest analysis run and every lost deal. */
export async function readShadowCandidates(target: Queryable): Promise<ShadowCandidateRow[]> {
  const db = dbOf(target)
  const run = await db
    .selectFrom('analysis_runs')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  const runId = run?.id === null || run?.id === undefined ? null : Number(run.id)
  const customers =
    runId === null
      ? []
      : await db
          .selectFrom('customer_scores as s')
          .innerJoin('visible_customers as c', 'c.id', 's.customer_id')
          .select(['c.id', 'c.name', 'c.segment', 'c.owner_id', 's.lost_since'])
          .where('s.run_id', '=', runId)
          .where('s.status', '=', 'lost')
          .orderBy('c.id')
          .execute()
  const deals = await db
    .selectFrom('visible_deals as d')
    .leftJoin('visible_customers as c', 'c.id', 'd.customer_id')
    .select((eb) => [
      'd.id',
      'd.customer_id',
      'd.name',
      'd.closed_on',
      'd.next_choice_on',
      'c.segment',
      eb.fn.coalesce('d.owner_id', 'c.owner_id').as('owner_id'),
    ])
    .where('d.status', '=', 'lost')
    .orderBy('d.id')
    .execute()
  return [
    ...customers.map((row) => ({
      subjectKind: 'customer' as const,
      subjectKey: `customer:${row.id}`,
      customerId: row.id,
      dealId: null,
      name: row.name,
      segment: row.segment,
      ownerId: row.owner_id === null ? null : Number(row.owner_id),
      lostOn: row.lost_since,
      nextChoiceOn: null,
    })),
    ...deals.map((row) => ({
      subjectKind: 'deal' as const,
      subjectKey: `deal:${row.id}`,
      customerId: row.customer_id,
      dealId: Number(row.id),
      name: row.name,
      segment: row.segment,
      ownerId: row.owner_id === null ? null : Number(row.owner_id),
      lostOn: row.closed_on,
      nextChoiceOn: row.next_choice_on,
    })),
  ]
}

/** The open cases (resting ones included) by subject key, with the day a resting one wakes. */
export async function readOpenCaseSubjects(
  target: Queryable,
): Promise<Map<string, { stage: string; restUntil: string | null }>> {
  const rows = await dbOf(target)
    .selectFrom('cases')
    .select(['subject_key', 'stage', 'rest_until'])
    .where('ended_on', 'is', null)
    .execute()
  return new Map(
    rows.map((row) => [row.subject_key, { stage: row.stage, restUntil: row.rest_until }]),
  )
}

/** Each customer's newest touch (any channel), as its timestamp. */
export async function readLastTouchAt(target: Queryable): Promise<Map<string, string>> {
  const rows = await dbOf(target)
    .selectFrom('touches')
    .select((eb) => ['customer_id', eb.fn.max('at').as('at')])
    .groupBy('customer_id')
    .execute()
  return new Map(rows.map((row) => [row.customer_id, String(row.at)]))
}

/** A contact as the shadow touch chooses among them. */
export interface ShadowContactRow {
  readonly id: number
  readonly customerId: string
  readonly role: string
  readonly email: string | null
  readonly phone: string | null
}

/** Every contact still at their company, in id order. */
export async function readPresentContacts(target: Queryable): Promise<ShadowContactRow[]> {
  const rows = await dbOf(target)
    .selectFrom('visible_contacts')
    .select(['id', 'customer_id', 'role', 'email', 'phone'])
    .where('has_left', '=', 0)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: row.customer_id,
    role: row.role,
    email: row.email,
    phone: row.phone,
  }))
}

/** The suppressed contact ids and addresses (any kind: each means "do not contact"). */
export async function readSuppressedKeys(
  target: Queryable,
): Promise<{ contactIds: Set<number>; emails: Set<string> }> {
  const rows = await dbOf(target)
    .selectFrom('suppressions')
    .select(['contact_id', 'email_normalised'])
    .execute()
  const contactIds = new Set<number>()
  const emails = new Set<string>()
  for (const row of rows) {
    if (row.contact_id !== null) {
      contactIds.add(Number(row.contact_id))
    }
    if (row.email_normalised !== null) {
      emails.add(row.email_normalised)
    }
  }
  return { contactIds, emails }
}

/** One planned shadow touch. */
export type ShadowTouchRow = Selectable<ShadowTouchesTable>
export type NewShadowTouch = Omit<Insertable<ShadowTouchesTable>, 'id'>

/** Records a planned touch; false when its key was recorded before (nothing changes). */
export async function insertShadowTouch(
  target: Queryable,
  touch: NewShadowTouch,
): Promise<boolean> {
  const row = await jobsShadowDb(target)
    .insertInto('shadow_touches')
    .values(touch)
    .onConflict((conflict) => conflict.column('touch_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** Whether a touch with this key was recorded. */
export async function hasShadowTouch(target: Queryable, touchKey: string): Promise<boolean> {
  const row = await jobsShadowDb(target)
    .selectFrom('shadow_touches')
    .select('id')
    .where('touch_key', '=', touchKey)
    .executeTakeFirst()
  return row !== undefined
}

/** Per subject: how many shadow touches it had, and the newest one's value kind and day. */
export async function readShadowHistory(
  target: Queryable,
): Promise<Map<string, { count: number; lastKind: string; lastDueOn: string }>> {
  const rows = await jobsShadowDb(target)
    .selectFrom('shadow_touches')
    .select(['subject_key', 'value_kind', 'due_on'])
    .where('touch_key', 'like', 'shadow:%')
    .orderBy('due_on')
    .orderBy('id')
    .execute()
  const history = new Map<string, { count: number; lastKind: string; lastDueOn: string }>()
  for (const row of rows) {
    const seen = history.get(row.subject_key)
    history.set(row.subject_key, {
      count: (seen?.count ?? 0) + 1,
      lastKind: row.value_kind,
      lastDueOn: row.due_on,
    })
  }
  return history
}

/** One content library item. */
export type ShadowContentRow = Selectable<ShadowContentTable>
export type NewShadowContent = Omit<Insertable<ShadowContentTable>, 'id' | 'active'>

/** Adds an item and returns it. */
export async function insertShadowContent(
  target: Queryable,
  item: NewShadowContent,
): Promise<ShadowContentRow> {
  return jobsShadowDb(target)
    .insertInto('shadow_content')
    .values({ ...item, active: 1 })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The library, oldest first; `activeOnly` leaves out retired items. */
export async function listShadowContent(
  target: Queryable,
  options: { readonly activeOnly?: boolean } = {},
): Promise<ShadowContentRow[]> {
  let query = jobsShadowDb(target).selectFrom('shadow_content').selectAll()
  if (options.activeOnly === true) {
    query = query.where('active', '=', 1)
  }
  return query.orderBy('id').execute()
}

/** One item, or undefined. */
export async function getShadowContent(
  target: Queryable,
  id: number,
): Promise<ShadowContentRow | undefined> {
  return jobsShadowDb(target)
    .selectFrom('shadow_content')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * Retires an item (kept, since past touches name it); false when there is no such active item.
 */
export async function retireShadowContent(target: Queryable, id: number): Promise<boolean> {
  const result = await jobsShadowDb(target)
    .updateTable('shadow_content')
    .set({ active: 0 })
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A customer's shadow touches, newest first (the timeline shows their value kind and state). */
export async function listShadowTouchesOf(
  target: Queryable,
  customerId: string,
): Promise<(ShadowTouchRow & { outbox_status: string | null; content_title: string | null })[]> {
  return jobsShadowDb(target)
    .selectFrom('shadow_touches as t')
    .leftJoin('outbox_messages as o', 'o.id', 't.outbox_message_id')
    .leftJoin('shadow_content as sc', 'sc.id', 't.content_id')
    .selectAll('t')
    .select(['o.status as outbox_status', 'sc.title as content_title'])
    .where('t.customer_id', '=', customerId)
    .orderBy('t.due_on', 'desc')
    .orderBy('t.id', 'desc')
    .execute()
}

/** The outbox state of each of these messages, by id. */
export async function readOutboxStatuses(
  target: Queryable,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await dbOf(target)
    .selectFrom('outbox_messages')
    .select(['id', 'status'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((row) => [Number(row.id), row.status]))
}
