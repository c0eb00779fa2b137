import type { Kysely } from 'kysely'
import { addDays } from '../../domain/case-dates.js'
import {
  type Database,
  insertCaseEvent,
  insertResurfaced,
  insertTask,
  setResurfacedTask,
  type UserRow,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from './case-support.js'
import type { OpenCaseRef } from './known-losses.js'

/** Days the "tell them what changed" task is due in: soon, the news is the opening. */
export const TELL_WHAT_CHANGED_DAYS = 7

/** A lost customer or deal to bring back on the radar. */
export interface ResurfaceTarget {
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly dealId: number | null
  readonly openCase: OpenCaseRef | null
  /** the reason the trigger answers; null for a new decision maker */
  readonly reasonId: number | null
  readonly accountOwnerId: number | null
}

/** One loss brought back: what, and the task made for it. */
export interface ResurfacedItem {
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly dealId: number | null
  readonly caseId: number | null
  /** null only when nobody could be given the task (no open case, owner, manager or fallback) */
  readonly taskId: number | null
  readonly taskOwnerId: number | null
  readonly taskDueOn: string | null
}

/** What brought the losses back. */
export interface ResurfaceTrigger {
  readonly key: string
  readonly kind: 'fix' | 'new_decision_maker'
  readonly fixId: number | null
  readonly occurredOn: string
  readonly taskTitle: string
  /** who gets a task when a loss has no open case and no active account owner or manager */
  readonly fallbackOwnerId: number | null
  readonly today: string
}

/**
 * Brings losses back in the caller's transaction: each gets a row on the "reason now fixed" list
 * (its win-back flag), a "tell them what changed" task for the open case's owner — or the account
 * owner, or their manager when the owner has left — and a timeline entry on its open case. A
 * subject this trigger already brought back is skipped, so a rerun adds nothing.
 */
export async function resurface(
  trx: Kysely<Database>,
  who: CaseActor,
  change: {
    readonly trigger: ResurfaceTrigger
    readonly targets: readonly ResurfaceTarget[]
    readonly users: ReadonlyMap<number, UserRow>
  },
): Promise<ResurfacedItem[]> {
  const { trigger } = change
  const items: ResurfacedItem[] = []
  for (const target of change.targets) {
    const id = await insertResurfaced(trx, {
      trigger_key: trigger.key,
      trigger_kind: trigger.kind,
      fix_id: trigger.fixId,
      subject_kind: target.subjectKind,
      subject_key: target.subjectKey,
      customer_id: target.customerId,
      deal_id: target.dealId,
      case_id: target.openCase?.id ?? null,
      reason_id: target.reasonId,
      occurred_on: trigger.occurredOn,
      task_id: null,
    })
    if (id === null) {
      continue
    }
    items.push(await followUp(trx, who, { trigger, target, resurfacedId: id, users: change.users }))
  }
  return items
}

async function followUp(
  trx: Kysely<Database>,
  who: CaseActor,
  step: {
    trigger: ResurfaceTrigger
    target: ResurfaceTarget
    resurfacedId: number
    users: ReadonlyMap<number, UserRow>
  },
): Promise<ResurfacedItem> {
  const { trigger, target } = step
  const ownerId =
    target.openCase?.ownerId ??
    activeOwner(target.accountOwnerId, step.users) ??
    trigger.fallbackOwnerId
  const soon = addDays(trigger.today, TELL_WHAT_CHANGED_DAYS)
  // a resting case asked to be left alone until its date
  const restUntil = target.openCase?.restUntil ?? null
  const dueOn = restUntil !== null && restUntil > soon ? restUntil : soon
  const actor = actorLabel(who.audit)
  const task =
    ownerId === null
      ? null
      : await insertTask(trx, {
          owner_id: ownerId,
          customer_id: target.customerId,
          deal_id: target.dealId,
          case_id: target.openCase?.id ?? null,
          kind: 'tell_what_changed',
          title: trigger.taskTitle,
          due_on: dueOn,
          source_key: `resurfaced:${step.resurfacedId}`,
          created_by: actor,
        })
  if (task !== null) {
    await setResurfacedTask(trx, step.resurfacedId, task.id)
    await auditCaseChange(trx, who.audit, {
      action: 'create',
      objectType: 'task',
      objectId: String(task.id),
      fields: ['owner_id', 'customer_id', 'deal_id', 'kind', 'due_on'],
    })
  }
  if (target.openCase !== null) {
    await insertCaseEvent(trx, {
      case_id: target.openCase.id,
      actor,
      kind: trigger.kind === 'fix' ? 'reason_fixed' : 'new_decision_maker',
      from_stage: null,
      to_stage: null,
      note: trigger.taskTitle,
      data_json: JSON.stringify({ trigger: trigger.key, taskId: task?.id ?? null }),
    })
  }
  return {
    subjectKind: target.subjectKind,
    subjectKey: target.subjectKey,
    customerId: target.customerId,
    dealId: target.dealId,
    caseId: target.openCase?.id ?? null,
    taskId: task?.id ?? null,
    taskOwnerId: task === null ? null : ownerId,
    taskDueOn: task === null ? null : dueOn,
  }
}

/**
 * The person who looks after an account: its owner while active, else their manager (SPEC: an
 * account whose owner left falls to that owner's manager), else nobody.
 */
export function activeOwner(
  ownerId: number | null,
  users: ReadonlyMap<number, UserRow>,
): number | null {
  const owner = ownerId === null ? undefined : users.get(ownerId)
  if (owner === undefined) {
    return null
  }
  if (owner.active === 1) {
    return Number(owner.id)
  }
  const manager = owner.manager_id === null ? undefined : users.get(Number(owner.manager_id))
  return manager !== undefined && manager.active === 1 ? Number(manager.id) : null
}
