import { can } from '../../domain/access-policy.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import {
  type CustomerBasics,
  readCustomerBasics,
  type Store,
  type TemplateRow,
} from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { latestOrThrow } from './templates.js'

/** The template kinds a letter can be printed from. */
const PRINTABLE_KINDS = new Set(['letter', 'card_note'])

/**
 * The customer, if `who` may write to them (`action` write) or see their outreach (read): those
 * who work the account, per the policy's `case` row (reps their own accounts, managers their
 * team's). One out of reach is answered like one that does not exist, so ids reveal nothing; the
 * denial is audited.
 */
export async function customerToReach(
  store: Store,
  who: CaseActor,
  customerId: string,
  action: 'read' | 'write' = 'write',
): Promise<CustomerBasics> {
  const customer = await readCustomerBasics(store, customerId)
  if (
    customer === undefined ||
    !can(who.actor, action, { type: 'case', ownerId: customer.ownerId })
  ) {
    if (customer !== undefined) {
      await auditAuth(store, who.audit, {
        action: `denied_${action}`,
        objectType: 'customer',
        objectId: customerId,
      })
    }
    throw new NotFoundError(`no customer ${customerId}`)
  }
  return customer
}

/** The newest version of `key`, which must be a letter or card note. */
export async function printableTemplate(store: Store, key: string): Promise<TemplateRow> {
  const template = await latestOrThrow(store, key)
  if (!PRINTABLE_KINDS.has(template.kind)) {
    throw new ValidationError(
      `template: ${key} is for ${template.kind}; letters print a letter or card_note template`,
    )
  }
  return template
}
