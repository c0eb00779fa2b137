import { isWithinScope, ownerFilter, scopeOf } from '../../domain/access-policy.js'
import { addDays, todayIso } from '../../domain/case-dates.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import {
  isLetGoReason,
  LET_GO_REASONS,
  type LetGoFinding,
  type LetGoReason,
  letGoFindings,
} from '../../domain/let-go-rule.js'
import {
  decideLetGo,
  insertTask,
  letGoCustomers,
  listLetGoDecisions,
  listTasks,
  readCustomerOwners,
  readLetGoFacts,
  type Store,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from '../cases/case-support.js'
import { getLetGoRule } from './keep-settings.js'

// the same week the let-go ending of a case gives its task (move-apply.ts)
const LET_GO_TASK_DAYS = 7
const MAX_NOTE = 2_000

/** What marking a customer let go needs. */
export interface MarkLetGoInput {
  readonly customerId: string
  readonly reason: string
  readonly note?: string
  readonly today?: string
}

/** What a let-go decision did. */
export interface LetGoOutcome {
  readonly customerId: string
  readonly decision: 'let_go' | 'dismissed'
  /** false when the customer was already let go (or, for a dismissal, already decided) */
  readonly changed: boolean
  /** the leave-them-happy task, when this decision made it */
  readonly taskId: number | null
}

async function customerInScope(store: Store, who: CaseActor, customerId: string) {
  const owner = (await readCustomerOwners(store, [customerId])).get(customerId)
  const scope = scopeOf(who.actor.role, 'write', 'case_management')
  if (owner === undefined || !isWithinScope(who.actor, scope, owner.ownerId)) {
    if (owner !== undefined) {
      await auditCaseChange(store, who.audit, {
        action: 'denied_write',
        objectType: 'customer',
        objectId: customerId,
        fields: [],
      })
    }
    throw new NotFoundError(`customer ${customerId} not found`)
  }
  return owner
}

function checkReason(reason: string): LetGoReason {
  if (!isLetGoReason(reason)) {
    throw new ValidationError(`reason: one of ${LET_GO_REASONS.join(', ')}, not "${reason}"`, {
      issues: [{ path: ['reason'], message: 'unknown let-go reason' }],
    })
  }
  return reason
}

/**
 * Marks a customer not worth winning back, without a case (SPEC §7 "let go"): with a reason and a
 * note; the owner gets one "leave them happy, ask for a referral" task (none if the customer
 * already has one, from a case that ended let go); campaigns leave them out from then on. Sales
 * management decides (the case-management row of the access policy). Marking twice changes nothing.
 * @throws ValidationError naming the field; NotFoundError for a customer out of reach
 * @example await markLetGo(store, manager, { customerId: 'C-1', reason: 'too_many_incidents', note: 'Five failures this year' })
 */
export async function markLetGo(
  store: Store,
  who: CaseActor,
  input: MarkLetGoInput,
): Promise<LetGoOutcome> {
  const reason = checkReason(input.reason)
  const note = input.note?.trim() ?? ''
  if (note.length > MAX_NOTE) {
    throw new ValidationError(`note: at most ${MAX_NOTE} characters`)
  }
  const today = input.today ?? todayIso()
  const owner = await customerInScope(store, who, input.customerId)
  return store.db.transaction().execute(async (trx) => {
    const { changed } = await decideLetGo(trx, {
      customer_id: input.customerId,
      decision: 'let_go',
      reason_code: reason,
      note: note === '' ? null : note,
      decided_by: who.actor.userId > 0 ? who.actor.userId : null,
      decided_on: today,
    })
    if (!changed) {
      return { customerId: input.customerId, decision: 'let_go', changed, taskId: null }
    }
    const existing = await listTasks(trx, {
      customerId: input.customerId,
      kind: 'leave_happy_referral',
    })
    const taskOwner = owner.ownerId ?? (who.actor.userId > 0 ? who.actor.userId : null)
    const task =
      existing.length > 0 || taskOwner === null
        ? null
        : await insertTask(trx, {
            owner_id: taskOwner,
            customer_id: input.customerId,
            deal_id: null,
            case_id: null,
            kind: 'leave_happy_referral',
            title: 'Leave them happy and ask for a referral',
            due_on: addDays(today, LET_GO_TASK_DAYS),
            source_key: `let_go_customer:${input.customerId}`,
            created_by: actorLabel(who.audit),
          })
    await auditCaseChange(trx, who.audit, {
      action: 'let_go',
      objectType: 'customer',
      objectId: input.customerId,
      fields: ['decision', 'reason_code', 'note'],
    })
    return { customerId: input.customerId, decision: 'let_go', changed, taskId: task?.id ?? null }
  })
}

/**
 * Dismisses a let-go suggestion: the customer stays, and is not suggested again.
 * @throws NotFoundError for a customer out of reach
 * @example await dismissLetGo(store, manager, { customerId: 'C-1' })
 */
export async function dismissLetGo(
  store: Store,
  who: CaseActor,
  input: { readonly customerId: string; readonly note?: string; readonly today?: string },
): Promise<LetGoOutcome> {
  await customerInScope(store, who, input.customerId)
  return store.db.transaction().execute(async (trx) => {
    const { changed } = await decideLetGo(trx, {
      customer_id: input.customerId,
      decision: 'dismissed',
      reason_code: null,
      note: input.note?.trim() || null,
      decided_by: who.actor.userId > 0 ? who.actor.userId : null,
      decided_on: input.today ?? todayIso(),
    })
    if (changed) {
      await auditCaseChange(trx, who.audit, {
        action: 'dismiss_let_go',
        objectType: 'customer',
        objectId: input.customerId,
        fields: ['decision'],
      })
    }
    return { customerId: input.customerId, decision: 'dismissed', changed, taskId: null }
  })
}

/** A customer the data says may not be worth winning back, and the rule that says so. */
export interface LetGoSuggestion {
  readonly customerId: string
  readonly customerName: string | null
  readonly ownerId: number | null
  readonly orders: number
  readonly refundedOrCancelled: number
  readonly incidents: number
  readonly incidentCostMinor: number
  /** the suggested reason: the first part of the rule that fired */
  readonly reason: LetGoReason
  readonly findings: LetGoFinding[]
}

/**
 * Customers the let-go rule suggests (SPEC §2: "Difficult or unprofitable customers are flagged
 * let go"), among those the actor may read, leaving out anyone let go already (by a case or a mark)
 * or whose suggestion was dismissed; most incidents first. Each names the rule that fired.
 * @example const list = await letGoSuggestions(store, who) // [{ customerId: 'C-9', findings: [{ rule: '4 incidents in 365 days (rule: 3 or more)' }] }]
 */
export async function letGoSuggestions(
  store: Store,
  who: CaseActor,
  options: { readonly today?: string } = {},
): Promise<LetGoSuggestion[]> {
  const rule = await getLetGoRule(store)
  const since = addDays(options.today ?? todayIso(), -rule.windowDays)
  const facts = await readLetGoFacts(store, since)
  const candidates = facts
    .map((fact) => ({ fact, findings: letGoFindings(fact, rule) }))
    .filter((one) => one.findings.length > 0)
  const ids = candidates.map((one) => one.fact.customerId)
  const decided = new Set((await listLetGoDecisions(store)).map((row) => row.customer_id))
  const letGo = await letGoCustomers(store, ids)
  const owners = await readCustomerOwners(store, ids)
  const visible = ownerFilter(who.actor, scopeOf(who.actor.role, 'read', 'customer'))
  return candidates
    .filter(({ fact }) => !decided.has(fact.customerId) && !letGo.has(fact.customerId))
    .flatMap(({ fact, findings }) => {
      const owner = owners.get(fact.customerId)
      if (owner === undefined || (visible !== null && !visible.includes(owner.ownerId ?? -1))) {
        return []
      }
      const [first] = findings
      return first === undefined
        ? []
        : [
            {
              ...fact,
              customerName: owner.name,
              ownerId: owner.ownerId,
              reason: first.reason,
              findings,
            },
          ]
    })
    .sort((a, b) => b.incidents - a.incidents || a.customerId.localeCompare(b.customerId))
}
