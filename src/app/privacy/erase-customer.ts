import { sql } from 'kysely'
import { can } from '../../domain/access-policy.js'
import { ForbiddenError, NotFoundError } from '../../domain/errors.js'
import {
  insertErasure,
  readContactPii,
  readPrivacyKey,
  type Store,
  scrubCustomerWords,
  setErasureCounts,
  sweepValues,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { warmLostList } from '../lost-list-warm.js'
import { sweepTargetOf } from './fingerprints.js'
import { forgetContacts } from './forget-contacts.js'

/** What an erasure changed, counted by table (never the values). */
export interface ErasureResult {
  readonly erasureId: number
  readonly customerId: string
  readonly contacts: number
  readonly counts: Readonly<Record<string, number>>
}

/**
 * Erases a customer's personal data (GDPR Art. 17, TESTPLAN T23); the admin only. In one
 * transaction: every contact forgotten (values emptied, kept as keyed hashes, suppressed
 * `erased`), the customer's name and words emptied from its cases, notes, messages and touches,
 * and every remaining occurrence of those values in any text column replaced. Orders, contracts,
 * cases and figures stay under the same customer id: the company's account key is not a
 * person's value, and keeping it keeps the books whole. The audit entry names only the id and
 * the tables changed. On SQLite the freed bytes are zeroed and the WAL checkpointed, so the
 * values leave the file too.
 * @throws ForbiddenError for anyone but the admin; NotFoundError for an unknown customer
 */
export async function eraseCustomer(
  store: Store,
  who: CaseActor,
  customerId: string,
  options: { readonly now?: () => Date } = {},
): Promise<ErasureResult> {
  if (!can(who.actor, 'write', { type: 'personal_data' })) {
    await auditAuth(store, who.audit, { action: 'denied_write', objectType: 'personal_data' })
    throw new ForbiddenError(`a ${who.actor.role} may not erase personal data: the admin does`)
  }
  const customer = await store.db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('id', '=', customerId)
    .executeTakeFirst()
  if (customer === undefined) {
    throw new NotFoundError(`no customer ${customerId}`)
  }
  const at = (options.now ?? (() => new Date()))().toISOString()
  const actor = actorLabel(who.audit)
  const key = await readPrivacyKey(store)
  if (store.dialect === 'sqlite') {
    // overwrite deleted and replaced content with zeros instead of leaving it in free space
    await sql`pragma secure_delete = on`.execute(store.db)
  }
  const result = await store.db.transaction().execute(async (trx) => {
    const contacts = await readContactPii(trx, { customerId })
    const erasureId = await insertErasure(trx, {
      customerId,
      scope: 'customer',
      at,
      actor,
      counts: {},
    })
    const forgotten = await forgetContacts(trx, contacts, { key, erasureId, at, actor })
    const words = await scrubCustomerWords(trx, customerId, at)
    const swept = await sweepValues(
      trx,
      sweepTargetOf(contacts, {
        customerId,
        values: customer.name === null ? [] : [customer.name],
      }),
    )
    const counts = { ...words, ...forgotten, contacts: contacts.length, swept_cells: swept }
    await setErasureCounts(trx, erasureId, counts)
    await auditAuth(trx, who.audit, {
      action: 'erase',
      objectType: 'customer',
      objectId: customerId,
      fields: Object.keys(counts).sort(),
    })
    return { erasureId, customerId, contacts: contacts.length, counts }
  })
  await checkpoint(store)
  // the lost list serves its last summary while a newer one is summed: wait for the newer, so
  // the erased name is not found by a search after this returns
  await warmLostList(store)
  return result
}

/** SQLite: move the WAL's pages (old versions included) into the file and empty the WAL. */
export async function checkpoint(store: Store): Promise<void> {
  if (store.dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db)
  }
}
