import { sql } from 'kysely'
import {
  appendAudit,
  contactsPastRetention,
  insertErasure,
  readContactPii,
  readPrivacyKey,
  type Store,
  setErasureCounts,
} from '../../store/index.js'
import { warmLostList } from '../lost-list-warm.js'
import { checkpoint } from './erase-customer.js'
import { forgetContacts } from './forget-contacts.js'
import { cutoffsAt } from './privacy-settings.js'

/** What one purge did, or would do on a dry run. */
export interface PurgeResult {
  /** contacts anonymised (on a dry run: that would be) */
  readonly purged: number
  /** the day before which a contact's last sign of the relationship puts it past retention */
  readonly retainedBefore: string
  readonly dryRun: boolean
}

const ACTOR = 'job:retention-purge'
const BATCH = 500

/**
 * The retention purge (TESTPLAN T24), the job handler another job runner calls: anonymises every
 * contact past the retention window at `now` — personal values emptied, identifying values kept
 * only as keyed hashes, suppressed `erased` so a re-import stays suppressed. A second run finds
 * nothing and returns 0. Campaigns already pass such contacts over before the purge.
 * @example const { purged } = await purgeExpiredContacts(store, { now: new Date() })
 */
export async function purgeExpiredContacts(
  store: Store,
  options: {
    readonly now?: Date
    readonly dryRun?: boolean
    /** who runs it, for the audit log (default the job) */
    readonly actor?: string
    readonly via?: 'cli' | 'api' | 'job'
  } = {},
): Promise<PurgeResult> {
  const now = options.now ?? new Date()
  const cutoffs = await cutoffsAt(store, now)
  const dryRun = options.dryRun === true
  const actor = options.actor ?? ACTOR
  if (dryRun) {
    const due = await contactsPastRetention(store, { cutoffs, limit: Number.MAX_SAFE_INTEGER })
    return { purged: due.length, retainedBefore: cutoffs.retainedBefore, dryRun }
  }
  const key = await readPrivacyKey(store)
  if (store.dialect === 'sqlite') {
    await sql`pragma secure_delete = on`.execute(store.db)
  }
  let purged = 0
  for (;;) {
    const due = await contactsPastRetention(store, { cutoffs, limit: BATCH })
    if (due.length === 0) {
      break
    }
    const at = now.toISOString()
    // each batch is one transaction: the next run resumes where a stopped one left off
    await store.db.transaction().execute(async (trx) => {
      const contacts = await readContactPii(trx, { contactIds: due.map((row) => row.id) })
      const erasureId = await insertErasure(trx, {
        customerId: '(retention purge)',
        scope: 'contacts',
        at,
        actor,
        counts: {},
      })
      const counts = await forgetContacts(trx, contacts, { key, erasureId, at, actor })
      await setErasureCounts(trx, erasureId, counts)
      await appendAudit(trx, {
        actor,
        via: options.via ?? 'job',
        action: 'purge',
        objectType: 'contact',
        objectId: null,
        fields: ['name', 'email', 'phone', 'postal_address', 'contact_key'],
      })
    })
    purged += due.length
  }
  if (purged > 0) {
    await checkpoint(store)
    await warmLostList(store)
  }
  return { purged, retainedBefore: cutoffs.retainedBefore, dryRun }
}
