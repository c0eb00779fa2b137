import { ConflictError } from '../../domain/errors.js'
import { type OutreachRefusal, REFUSAL_MESSAGES } from '../../domain/privacy.js'
import type { Queryable } from '../../store/index.js'
import { contactRefusal, cutoffsAt } from './privacy-settings.js'

/** A contact that may not be written to: no lawful basis, no consent, or past a window. */
export class UnlawfulOutreachError extends ConflictError {
  readonly refusal: OutreachRefusal

  constructor(refusal: OutreachRefusal) {
    super(REFUSAL_MESSAGES[refusal])
    this.refusal = refusal
  }
}

/**
 * Refuses outreach to contact `contactId` at `now` unless it has a lawful basis within the
 * windows (TESTPLAN T22).
 * @throws UnlawfulOutreachError naming why
 */
export async function assertLawfulContact(
  store: Queryable,
  contactId: number,
  now: Date = new Date(),
): Promise<void> {
  const refusal = await contactRefusal(store, contactId, await cutoffsAt(store, now))
  if (refusal !== null) {
    throw new UnlawfulOutreachError(refusal)
  }
}
