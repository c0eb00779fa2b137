import type { Kysely } from 'kysely'
import { can } from '../../domain/access-policy.js'
import { addDays } from '../../domain/case-dates.js'
import type { CaseEnding } from '../../domain/case-stage.js'
import { ForbiddenError } from '../../domain/errors.js'
import type { MappedReason } from '../../domain/reason-mapping.js'
import {
  countCasesOf,
  type Database,
  insertCase,
  insertCaseEvent,
  ownerOnDate,
  readCustomerBasics,
  readPastAttempts,
  revenueInYearBefore,
  type Store,
  setCaseReasons,
  type UserRow,
  type WinBackAttemptRow,
} from '../../store/index.js'
import {
  actorLabel,
  auditCaseChange,
  auditDenied,
  type CaseActor,
  usersById,
} from './case-support.js'
import { loadReasonMapper } from './reason-phrases.js'
import { seniorUser } from './record-fix.js'
import { loadTaxonomy, type Taxonomy } from './taxonomy.js'

/** What loading past attempts did. */
export interface PastAttemptImport {
  readonly created: number
  /** attempts loaded by an earlier run */
  readonly alreadyLoaded: number
  /** attempts that could not become cases, with why */
  readonly skipped: readonly { readonly attemptId: number; readonly reason: string }[]
}

// "no response" ends like not compatible: the customer stays in the shadow portfolio (SPEC)
const ENDING_BY_OUTCOME: Readonly<Record<WinBackAttemptRow['outcome'], CaseEnding>> = {
  won_back: 'won_back',
  not_compatible: 'not_compatible',
  let_go: 'let_go',
  no_response: 'not_compatible',
}

const ATTEMPTS_PER_TRANSACTION = 500

/**
 * Loads the company's past win-back attempts as ended cases (issue 5: the demo company's past
 * attempts load as ended cases), so the program figures and golden lessons start from its
 * history. Idempotent: each attempt becomes at most one case (`win_back_attempt:<id>`). An
 * attempt's start date stands in for the loss date (the customer was lost by then at the latest).
 * Admins and analysts (who import data) may run it.
 * @throws ForbiddenError
 * @example const { created } = await importPastAttempts(store, who)
 */
export async function importPastAttempts(store: Store, who: CaseActor): Promise<PastAttemptImport> {
  if (!can(who.actor, 'write', { type: 'import' })) {
    await auditDenied(store, who, 'denied_create', null)
    throw new ForbiddenError(`a ${who.actor.role} may not import past attempts`)
  }
  const { attempts, loaded } = await readPastAttempts(store)
  const fresh = attempts.filter((attempt) => !loaded.has(sourceKey(attempt)))
  const skipped: { attemptId: number; reason: string }[] = []
  const lookups: Lookups = {
    mapText: await loadReasonMapper(store),
    taxonomy: await loadTaxonomy(store),
    users: await usersById(store),
  }
  let created = 0
  for (let start = 0; start < fresh.length; start += ATTEMPTS_PER_TRANSACTION) {
    const batch = fresh.slice(start, start + ATTEMPTS_PER_TRANSACTION)
    created += await store.db
      .transaction()
      .execute((trx) => loadBatch(trx, lookups, { who, batch, skipped }))
  }
  return { created, alreadyLoaded: attempts.length - fresh.length, skipped }
}

function sourceKey(attempt: WinBackAttemptRow): string {
  return `win_back_attempt:${attempt.id}`
}

interface Lookups {
  readonly mapText: (text: string) => MappedReason
  readonly taxonomy: Taxonomy
  readonly users: ReadonlyMap<number, UserRow>
}

async function loadBatch(
  trx: Kysely<Database>,
  lookups: Lookups,
  work: {
    who: CaseActor
    batch: readonly WinBackAttemptRow[]
    skipped: { attemptId: number; reason: string }[]
  },
): Promise<number> {
  const { mapText, taxonomy, users } = lookups
  let created = 0
  for (const attempt of work.batch) {
    const customer = await readCustomerBasics(trx, attempt.customer_id)
    const ownerId =
      (attempt.owner_id === null ? null : Number(attempt.owner_id)) ??
      customer?.ownerId ??
      seniorUser(users)
    if (customer === undefined || ownerId === null) {
      work.skipped.push({
        attemptId: Number(attempt.id),
        reason: customer === undefined ? 'unknown customer' : 'nobody to own the case',
      })
      continue
    }
    const text = attempt.reason_code?.trim() ?? ''
    const reason = text === '' ? undefined : taxonomy.byCode.get(mapText(text).code)
    await loadAttempt(trx, work.who, { attempt, ownerId, reasonId: reason?.id ?? null })
    created += 1
  }
  return created
}

async function loadAttempt(
  trx: Kysely<Database>,
  who: CaseActor,
  load: { attempt: WinBackAttemptRow; ownerId: number; reasonId: number | null },
): Promise<void> {
  const { attempt } = load
  const subjectKey = `customer:${attempt.customer_id}`
  const ending = ENDING_BY_OUTCOME[attempt.outcome]
  const lostOn = attempt.started_on
  const id = await insertCase(trx, {
    subject_kind: 'customer',
    subject_key: subjectKey,
    customer_id: attempt.customer_id,
    deal_id: null,
    attempt: (await countCasesOf(trx, subjectKey)) + 1,
    stage: ending,
    owner_id: load.ownerId,
    opened_on: attempt.started_on,
    ended_on: attempt.ended_on ?? attempt.started_on,
    lost_on: lostOn,
    losing_rep_id: await ownerOnDate(trx, attempt.customer_id, lostOn),
    lost_value_minor: await revenueInYearBefore(
      trx,
      attempt.customer_id,
      lostOn,
      addDays(lostOn, -365),
    ),
    ending_note: attempt.notes,
    source: 'past_attempt',
    source_key: sourceKey(attempt),
  })
  if (load.reasonId !== null) {
    await setCaseReasons(trx, id, [load.reasonId])
  }
  await insertCaseEvent(trx, {
    case_id: id,
    actor: actorLabel(who.audit),
    kind: 'imported',
    from_stage: null,
    to_stage: ending,
    note: attempt.notes,
    data_json: JSON.stringify({ attemptId: Number(attempt.id), outcome: attempt.outcome }),
  })
  await auditCaseChange(trx, who.audit, {
    action: 'import',
    objectType: 'case',
    objectId: String(id),
    fields: ['subject', 'stage', 'owner_id', 'opened_on', 'ended_on', 'reasons'],
  })
}
