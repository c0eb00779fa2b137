import { isIsoDate } from '../../domain/case-dates.js'
import { ValidationError } from '../../domain/errors.js'
import type { PlanConditionChanges } from '../../store/index.js'
import type { LoadedCase } from '../cases/case-support.js'
import { cleanText } from '../cases/next-step.js'

/** A condition as someone writes it: which side owes it, its owner (ours) or contact (theirs). */
export interface PlanConditionInput {
  readonly text: string
  readonly side: 'us' | 'customer' | string
  /** ours: the user who owns it, one of the case's people (the case owner when left out) */
  readonly ownerId?: number | null
  /** theirs: the customer's named contact who owes it */
  readonly contactName?: string | null
  readonly dueOn: string
  readonly note?: string | null
}

/** A checked condition, as stored. */
export interface ConditionColumns extends PlanConditionChanges {
  text: string
  side: 'us' | 'customer'
  owner_id: number | null
  contact_name: string | null
  due_on: string
  note: string | null
}

const invalid = (field: string, message: string) =>
  new ValidationError(`${field}: ${message}`, { issues: [{ path: [field], message }] })

// our conditions go on the owner's to-do list, so the owner must be someone who works the case
function ourOwner(input: PlanConditionInput, loaded: LoadedCase): number {
  const { participants } = loaded
  const ownerId = input.ownerId ?? participants.ownerId
  const people = [participants.ownerId, ...participants.repIds, participants.interviewerId]
  if (!people.includes(ownerId)) {
    throw invalid(
      'ownerId',
      `user ${ownerId} does not work this case (its owner, a rep on it or the interviewer)`,
    )
  }
  return ownerId
}

/**
 * Checks a condition and turns it into stored columns; errors name the field.
 * @throws ValidationError
 * @example conditionColumns({ text: 'Weekly delivery report', side: 'us', dueOn: '2025-03-01' }, loaded)
 */
export function conditionColumns(input: PlanConditionInput, loaded: LoadedCase): ConditionColumns {
  const text = cleanText('text', input.text)
  if (text == null) {
    throw invalid('text', 'say what the condition is')
  }
  if (input.side !== 'us' && input.side !== 'customer') {
    throw invalid('side', `a condition is owed by "us" or the "customer", not "${input.side}"`)
  }
  if (typeof input.dueOn !== 'string' || !isIsoDate(input.dueOn)) {
    throw invalid('dueOn', `a due date is written YYYY-MM-DD, not "${input.dueOn}"`)
  }
  const note = cleanText('note', input.note) ?? null
  if (input.side === 'us') {
    return {
      text,
      side: 'us',
      owner_id: ourOwner(input, loaded),
      contact_name: null,
      due_on: input.dueOn,
      note,
    }
  }
  const contact = cleanText('contactName', input.contactName)
  if (contact == null) {
    throw invalid('contactName', "a customer's condition names the contact who owes it")
  }
  return {
    text,
    side: 'customer',
    owner_id: null,
    contact_name: contact,
    due_on: input.dueOn,
    note,
  }
}

/** The to-do title of one of our conditions. */
export function conditionTaskTitle(text: string): string {
  return `Plan: ${text}`
}
