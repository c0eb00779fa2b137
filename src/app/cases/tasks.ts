import { isWithinScope, ownerFilter, scopeOf } from '../../domain/access-policy.js'
import { NotFoundError } from '../../domain/errors.js'
import {
  completeTask,
  getTask,
  listResurfaced,
  listTasks,
  readCustomerNames,
  type Store,
} from '../../store/index.js'
import { completeConditionOfTask } from '../plans/complete-condition.js'
import {
  auditCaseChange,
  auditDenied,
  type CaseActor,
  dayOf,
  requireVersion,
} from './case-support.js'

/** A task as lists show it. */
export interface TaskView {
  readonly id: number
  readonly version: number
  readonly ownerId: number
  readonly customerId: string
  readonly customerName: string | null
  readonly dealId: number | null
  readonly caseId: number | null
  readonly kind: string
  readonly title: string
  readonly dueOn: string
  readonly done: boolean
  readonly overdue: boolean
}

/** One line of the "reason now fixed" list. */
export interface ReasonFixedView {
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly customerName: string | null
  readonly dealId: number | null
  readonly caseId: number | null
  readonly trigger: 'fix' | 'new_decision_maker'
  readonly fixId: number | null
  readonly reasonCode: string | null
  readonly note: string | null
  readonly occurredOn: string
  readonly resurfacedAt: string
  readonly taskId: number | null
  readonly taskOwnerId: number | null
  readonly taskDone: boolean
}

// tasks follow the case policy: reps see their own, managers their team's, the rest everyone's
function taskOwners(who: CaseActor): readonly number[] | null {
  return ownerFilter(who.actor, scopeOf(who.actor.role, 'read', 'case'))
}

/**
 * The tasks the actor may see, soonest due first; `open` keeps those not done.
 * @example const mine = await listTasksAs(store, who, { open: true })
 */
export async function listTasksAs(
  store: Store,
  who: CaseActor,
  options: { readonly open?: boolean; readonly today?: string } = {},
): Promise<TaskView[]> {
  const owners = taskOwners(who)
  const today = dayOf(options.today)
  const rows = await listTasks(store, {
    ...(owners === null ? {} : { ownerIds: owners }),
    ...(options.open === true ? { done: false } : {}),
  })
  const names = await readCustomerNames(
    store,
    rows.map((row) => row.customer_id),
  )
  return rows.map((row) => ({
    id: Number(row.id),
    version: Number(row.version),
    ownerId: Number(row.owner_id),
    customerId: row.customer_id,
    customerName: names.get(row.customer_id) ?? null,
    dealId: row.deal_id === null ? null : Number(row.deal_id),
    caseId: row.case_id === null ? null : Number(row.case_id),
    kind: row.kind,
    title: row.title,
    dueOn: row.due_on,
    done: Number(row.done) === 1,
    overdue: Number(row.done) === 0 && row.due_on < today,
  }))
}

/**
 * Marks a task done, if it is the actor's (or their team's, or they see everyone's) and still at
 * `expectedVersion`.
 * @throws NotFoundError for a task they may not see; PreconditionFailedError when stale
 * @example await completeTaskAs(store, who, { taskId: 41, expectedVersion: 1 })
 */
export async function completeTaskAs(
  store: Store,
  who: CaseActor,
  input: { readonly taskId: number; readonly expectedVersion: number | undefined },
): Promise<number> {
  const expected = requireVersion(input.expectedVersion)
  const task = await getTask(store, input.taskId)
  const scope = scopeOf(who.actor.role, 'write', 'case')
  if (task === undefined || !isWithinScope(who.actor, scope, Number(task.owner_id))) {
    if (task !== undefined) {
      await auditDenied(store, who, 'denied_write', null)
    }
    throw new NotFoundError(`task ${input.taskId} not found`)
  }
  return store.db.transaction().execute(async (trx) => {
    const version = await completeTask(trx, input.taskId, expected)
    // a plan condition's task: the condition is done with it (kept in step, same transaction)
    await completeConditionOfTask(trx, who, task.source_key)
    await auditCaseChange(trx, who.audit, {
      action: 'complete',
      objectType: 'task',
      objectId: String(input.taskId),
      fields: ['done', 'done_at'],
    })
    return version
  })
}

/**
 * The "reason now fixed" list (SPEC §3): losses a fix or a new decision maker brought back, newest
 * first, narrowed to one trigger (`fix:<id>`) when asked; the actor sees those whose task is
 * theirs or their team's, or all of them.
 * @example const list = await listReasonFixedAs(store, who)
 */
export async function listReasonFixedAs(
  store: Store,
  who: CaseActor,
  options: { readonly triggerKey?: string } = {},
): Promise<ReasonFixedView[]> {
  const owners = taskOwners(who)
  const rows = await listResurfaced(
    store,
    options.triggerKey === undefined ? {} : { triggerKey: options.triggerKey },
  )
  return rows
    .filter(
      (row) =>
        owners === null ||
        (row.task_owner_id !== null && owners.includes(Number(row.task_owner_id))),
    )
    .map((row) => ({
      subjectKind: row.subject_kind as 'customer' | 'deal',
      subjectKey: row.subject_key,
      customerId: row.customer_id,
      customerName: row.customer_name,
      dealId: row.deal_id === null ? null : Number(row.deal_id),
      caseId: row.case_id === null ? null : Number(row.case_id),
      trigger: row.trigger_kind,
      fixId: row.fix_id === null ? null : Number(row.fix_id),
      reasonCode: row.reason_code,
      note: row.fix_note,
      occurredOn: row.occurred_on,
      resurfacedAt: row.resurfaced_at,
      taskId: row.task_id === null ? null : Number(row.task_id),
      taskOwnerId: row.task_owner_id === null ? null : Number(row.task_owner_id),
      taskDone: Number(row.task_done) === 1,
    }))
}
