import { can } from '../../domain/access-policy.js'
import { ForbiddenError, NotFoundError } from '../../domain/errors.js'
import { readSubjectData, type Store, type SubjectRow } from '../../store/index.js'
import { auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'

/** A subject's data as a whole (GDPR Art. 15): every table's rows about them, as JSON. */
export interface PersonalDataExport {
  readonly customerId: string
  readonly exportedAt: string
  /** table name → its rows about the subject (empty tables left out) */
  readonly tables: Readonly<Record<string, readonly SubjectRow[]>>
}

// PostgreSQL's bigint comes back as a string or a BigInt; JSON wants plain numbers
function plain(row: SubjectRow): SubjectRow {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'bigint' ? Number(value) : value,
    ]),
  )
}

/**
 * All of a customer's data, for an access request (GDPR Art. 15, TESTPLAN T23): the admin and the
 * VP. Audited as an export naming the customer id, never the values.
 * @throws ForbiddenError for other roles; NotFoundError for an unknown customer
 */
export async function exportPersonalData(
  store: Store,
  who: CaseActor,
  customerId: string,
): Promise<PersonalDataExport> {
  if (!can(who.actor, 'read', { type: 'personal_data' })) {
    await auditAuth(store, who.audit, { action: 'denied_read', objectType: 'personal_data' })
    throw new ForbiddenError(`a ${who.actor.role} may not export personal data: admin and VP do`)
  }
  const data = await readSubjectData(store, customerId)
  if ((data['customers'] ?? []).length === 0) {
    throw new NotFoundError(`no customer ${customerId}`)
  }
  await auditAuth(store, who.audit, {
    action: 'export',
    objectType: 'personal_data',
    objectId: customerId,
  })
  const tables = Object.fromEntries(
    Object.entries(data)
      .filter(([, rows]) => rows.length > 0)
      .map(([table, rows]) => [table, rows.map(plain)]),
  )
  return { customerId, exportedAt: new Date().toISOString(), tables }
}
