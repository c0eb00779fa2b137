import { can, ownerFilter, scopeOf } from '../../domain/access-policy.js'
import { ValidationError } from '../../domain/errors.js'
import {
  isPlainEmail,
  normaliseEmail,
  OLD_ADDRESS_FLAG,
  type SuppressionKind,
} from '../../domain/suppression.js'
import {
  flagContactsByEmail,
  insertSuppression,
  listSuppressions,
  type Store,
  type SuppressionRow,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import { assertMayAccess } from '../auth/authorized-reads.js'
import type { CaseActor } from '../cases/case-support.js'

/** A suppression as the API and CLI show it. */
export interface SuppressionView {
  readonly id: number
  readonly email: string | null
  readonly contactId: number | null
  readonly kind: string
  readonly source: string
  readonly createdAt: string
  readonly createdBy: string
}

function suppressionView(row: SuppressionRow): SuppressionView {
  return {
    id: Number(row.id),
    email: row.email_normalised,
    contactId: row.contact_id === null ? null : Number(row.contact_id),
    kind: row.kind,
    source: row.source,
    createdAt: row.created_at,
    createdBy: row.created_by,
  }
}

/** Whom to suppress: an address, a contact, or both. */
export interface SuppressionTarget {
  readonly email?: string | null
  readonly contactId?: number | null
}

function checkedTarget(target: SuppressionTarget): {
  emailNormalised: string | null
  contactId: number | null
} {
  const email = target.email?.trim() ? normaliseEmail(target.email) : null
  if (email !== null && !isPlainEmail(email)) {
    throw new ValidationError(`"${email}" is not one plain email address`)
  }
  const contactId = target.contactId ?? null
  if (email === null && contactId === null) {
    throw new ValidationError('say whom to suppress: an email address, a contact id, or both')
  }
  return { emailNormalised: email, contactId }
}

/**
 * Records that someone must not be contacted. Anyone signed in may add one (a rep who hears "never
 * call me again" must be able to say so); a bounce also flags the contacts at that address.
 * Adding the same one again changes nothing.
 */
export async function addSuppression(
  store: Store,
  who: CaseActor,
  entry: SuppressionTarget & { readonly kind: SuppressionKind; readonly source?: string },
): Promise<{ added: boolean; flaggedContacts: number }> {
  if (entry.kind === 'bounced') {
    return recordBounce(store, who, entry)
  }
  const target = checkedTarget(entry)
  const added = await store.db.transaction().execute(async (trx) => {
    const inserted = await insertSuppression(trx, {
      ...target,
      kind: entry.kind,
      source: entry.source ?? `added by ${actorLabel(who.audit)}`,
      createdBy: actorLabel(who.audit),
    })
    if (inserted) {
      await auditAuth(trx, who.audit, {
        action: 'create',
        objectType: 'suppression',
        objectId: target.contactId === null ? null : `contact:${target.contactId}`,
        fields: ['kind'],
      })
    }
    return inserted
  })
  return { added, flaggedContacts: 0 }
}

/**
 * Records a bounce: the address is suppressed and every contact at it flagged "old address — find
 * the current decision maker" (SPEC §5). Those who run campaigns record bounces.
 */
export async function recordBounce(
  store: Store,
  who: CaseActor,
  entry: SuppressionTarget & { readonly source?: string },
): Promise<{ added: boolean; flaggedContacts: number }> {
  await assertMayAccess(store, { actor: who.actor, action: 'write', type: 'campaign' }, who.audit)
  const target = checkedTarget(entry)
  if (target.emailNormalised === null) {
    throw new ValidationError('a bounce names the address that bounced')
  }
  const email = target.emailNormalised
  return store.db.transaction().execute(async (trx) => {
    const added = await insertSuppression(trx, {
      ...target,
      kind: 'bounced',
      source: entry.source ?? 'bounce',
      createdBy: actorLabel(who.audit),
    })
    const flagged = await flagContactsByEmail(trx, {
      emailNormalised: email,
      flag: OLD_ADDRESS_FLAG,
    })
    await auditAuth(trx, who.audit, {
      action: 'bounce',
      objectType: 'suppression',
      objectId: null,
      fields: ['kind', 'address_flag'],
    })
    return { added, flaggedContacts: flagged.length }
  })
}

/**
 * The suppression list, newest first. It is a list of people's addresses, so it is read by those
 * who may export contacts' personal data (admin, VP, analyst).
 */
export async function listSuppressionsAs(
  store: Store,
  who: CaseActor,
  page: { readonly limit: number; readonly offset: number; readonly search?: string },
): Promise<SuppressionView[]> {
  await assertMayAccess(
    store,
    { actor: who.actor, action: 'read', type: 'contact_export' },
    who.audit,
  )
  return (await listSuppressions(store, page)).map(suppressionView)
}

/** The owners whose customers' messages `who` may see in the outbox (null: all). */
export function outboxOwnerFilter(who: CaseActor): readonly number[] | null {
  return can(who.actor, 'read', { type: 'campaign' })
    ? ownerFilter(who.actor, scopeOf(who.actor.role, 'read', 'campaign'))
    : []
}
