import {
  DEFAULT_PRIVACY_SETTINGS,
  type OutreachRefusal,
  outreachRefusal,
  PRIVACY_SETTING,
  type PrivacyCutoffs,
  type PrivacySettings,
  parsePrivacySettings,
  privacyCutoffs,
} from '../../domain/privacy.js'
import { getSetting, type Queryable, readContactBasis } from '../../store/index.js'

/**
 * The retention and implied-consent windows: the stored `privacy` setting over the defaults
 * (2 years implied consent per CASL s. 10(10), 3 years retention; see `domain/privacy.ts`).
 */
export async function getPrivacySettings(store: Queryable): Promise<PrivacySettings> {
  return getSetting(store, PRIVACY_SETTING, DEFAULT_PRIVACY_SETTINGS, parsePrivacySettings)
}

/** The cutoff days at `now` under the stored windows. */
export async function cutoffsAt(store: Queryable, now: Date): Promise<PrivacyCutoffs> {
  return privacyCutoffs(now, await getPrivacySettings(store))
}

/** Why contact `contactId` may not be written to at `cutoffs`, or null (also when not found). */
export async function contactRefusal(
  store: Queryable,
  contactId: number,
  cutoffs: PrivacyCutoffs,
): Promise<OutreachRefusal | null> {
  const facts = await readContactBasis(store, contactId)
  return facts === undefined ? null : outreachRefusal(facts, cutoffs)
}
