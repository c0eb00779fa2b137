import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../../domain/errors.js'
import { approvalRefusal, canApproveOnCase } from '../../domain/make-good-approval.js'
import {
  decideMakeGood as decideStored,
  getMakeGood,
  insertCaseEvent,
  insertMakeGoodPayout,
  type MakeGoodRow,
  type Queryable,
  type Store,
} from '../../store/index.js'
import {
  actorLabel,
  auditCaseChange,
  auditDenied,
  type CaseActor,
  loadCaseFor,
} from '../cases/case-support.js'
import { cleanText } from '../cases/next-step.js'
import { getMakeGoodSettings } from './make-good-settings.js'
import { type MakeGoodView, toMakeGoodView } from './make-good-view.js'

/** Approving or rejecting one offer. */
export interface MakeGoodDecision {
  readonly makeGoodId: number
  readonly decision: 'approve' | 'reject'
  /** the version read (If-Match); without it, the version as it stands */
  readonly expectedVersion?: number
  /** the written reason (a price concession needs one) or why it was rejected */
  readonly reason?: string | null
}

/**
 * Approves or rejects a proposed offer, atomically: a conditional UPDATE on status and version,
 * so of any number of concurrent deciders exactly one succeeds, writing one payout, one timeline
 * event and one audit entry (TESTPLAN T7). Approving checks the approver's limit: above it,
 * someone with a higher limit approves; a price concession needs the VP and a written reason.
 * @throws NotFoundError; ForbiddenError (above the limit …); ConflictError when already decided;
 *   PreconditionFailedError when the offer changed since it was read
 * @example await decideMakeGood(store, vp, { makeGoodId: 4, decision: 'approve', reason: 'their contract renewal needs it' })
 */
export async function decideMakeGood(
  store: Store,
  who: CaseActor,
  decision: MakeGoodDecision,
): Promise<MakeGoodView> {
  const offer = await getMakeGood(store, decision.makeGoodId)
  if (offer === undefined) {
    throw new NotFoundError(`make-good ${decision.makeGoodId} not found`)
  }
  const loaded = await loadCaseFor(store, who, Number(offer.case_id), 'read')
  if (!canApproveOnCase(who.actor, loaded.participants)) {
    await auditDenied(store, who, 'denied_approve', Number(offer.case_id))
    throw new ForbiddenError(`a ${who.actor.role} may not decide offers on this case`)
  }
  const version = decision.expectedVersion ?? Number(offer.version)
  assertUndecided(offer, version)
  const reason = cleanText('reason', decision.reason) ?? null
  if (decision.decision === 'approve') {
    const { limits } = await getMakeGoodSettings(store)
    const view = toMakeGoodView(offer)
    // the VP's own written reason: a reason the proposer gave does not approve a price concession
    const refusal = approvalRefusal(who.actor.role, view, limits, reason)
    if (refusal !== null) {
      await auditDenied(store, who, 'denied_approve', Number(offer.case_id))
      throw new ForbiddenError(refusal)
    }
  }
  await store.db.transaction().execute(async (trx) => {
    const status = decision.decision === 'approve' ? 'approved' : 'rejected'
    const won = await decideStored(trx, {
      id: Number(offer.id),
      expectedVersion: version,
      status,
      decidedBy: who.actor.userId,
      note: reason,
    })
    if (!won) {
      await explainLoss(trx, Number(offer.id), version)
    }
    if (status === 'approved') {
      await insertMakeGoodPayout(trx, {
        make_good_id: Number(offer.id),
        amount_minor: Number(offer.value_minor),
        currency: offer.currency,
        approved_by: who.actor.userId,
      })
    }
    await recordDecision(trx, who, offer, status)
  })
  const after = await getMakeGood(store, Number(offer.id))
  return toMakeGoodView(after ?? offer)
}

function assertUndecided(offer: MakeGoodRow, version: number): void {
  if (offer.status !== 'proposed') {
    throw new ConflictError(`make-good ${offer.id} is already ${offer.status}`)
  }
  if (Number(offer.version) !== version) {
    throw new PreconditionFailedError(
      `make-good ${offer.id} changed since you read it (version ${offer.version}): reload`,
    )
  }
}

// the conditional update changed nothing: someone decided first, or the offer moved on
async function explainLoss(target: Queryable, id: number, version: number): Promise<never> {
  const now = await getMakeGood(target, id)
  if (now === undefined) {
    throw new NotFoundError(`make-good ${id} not found`)
  }
  assertUndecided(now, version)
  throw new PreconditionFailedError(`make-good ${id} changed since you read it: reload`)
}

async function recordDecision(
  trx: Queryable,
  who: CaseActor,
  offer: MakeGoodRow,
  status: 'approved' | 'rejected',
): Promise<void> {
  await insertCaseEvent(trx, {
    case_id: Number(offer.case_id),
    actor: actorLabel(who.audit),
    kind: status === 'approved' ? 'make_good_approved' : 'make_good_rejected',
    from_stage: null,
    to_stage: null,
    note: null,
    data_json: JSON.stringify({ makeGoodId: Number(offer.id), kind: offer.kind }),
  })
  await auditCaseChange(trx, who.audit, {
    action: status === 'approved' ? 'approve' : 'reject',
    objectType: 'make_good',
    objectId: String(offer.id),
    fields: ['status'],
  })
}
