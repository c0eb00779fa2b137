import { ValidationError } from '../../domain/errors.js'
import { isMakeGoodKind, type MakeGoodKind, makeGoodFlags } from '../../domain/make-good.js'
import { insertCaseEvent, insertMakeGood, listMakeGoods, type Store } from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor, loadCaseFor } from '../cases/case-support.js'
import { companyCurrency } from '../cases/golden-lessons.js'
import { cleanText } from '../cases/next-step.js'
import { adviceFor } from './make-good-suggestion.js'
import { type MakeGoodView, toMakeGoodView } from './make-good-view.js'

/** A make-good offer someone puts forward on a case. */
export interface MakeGoodProposal {
  readonly caseId: number
  readonly kind: MakeGoodKind | string
  readonly valueMinor: number
  /** the incidents of that customer it answers */
  readonly incidentIds?: readonly number[]
  /** whether it answers what the customer asked for (the finding's remedy) */
  readonly answersRemedy?: boolean
  readonly description?: string | null
  /** why; a price concession needs one (SPEC §6) */
  readonly reason?: string | null
}

function checkProposal(proposal: MakeGoodProposal): MakeGoodKind {
  if (!isMakeGoodKind(proposal.kind)) {
    throw new ValidationError(
      `a make-good is a service_credit, free_work, extended_warranty, gift or price_concession, not "${proposal.kind}"`,
      { issues: [{ path: ['kind'], message: 'unknown kind' }] },
    )
  }
  const value = proposal.valueMinor
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ValidationError('a make-good is worth a whole amount in minor units above 0', {
      issues: [{ path: ['valueMinor'], message: 'not a whole positive amount' }],
    })
  }
  return proposal.kind
}

/**
 * Puts a make-good forward on a case the actor may work (reps included: they carry out the
 * steps). It is sized against the suggestion and flagged too small, too large or a price
 * concession; the timeline and the audit log record it.
 * @throws NotFoundError, ForbiddenError, ValidationError (an incident of another customer …)
 * @example await proposeMakeGood(store, who, { caseId: 7, kind: 'free_work', valueMinor: 250_000, incidentIds: [3] })
 */
export async function proposeMakeGood(
  store: Store,
  who: CaseActor,
  proposal: MakeGoodProposal,
): Promise<MakeGoodView> {
  const { row } = await loadCaseFor(store, who, proposal.caseId, 'write')
  const kind = checkProposal(proposal)
  const incidentIds = [...new Set(proposal.incidentIds ?? [])]
  const currency = await companyCurrency(store)
  const advice = await adviceFor(
    store,
    row,
    currency,
    incidentIds.length > 0 ? incidentIds : undefined,
  )
  const known = new Set(advice.incidents.map((line) => line.id))
  const foreign = incidentIds.filter((id) => !known.has(id))
  if (foreign.length > 0) {
    throw new ValidationError(`incident ${foreign.join(', ')} is not one of this customer's`, {
      issues: [{ path: ['incidentIds'], message: 'not an incident of this customer' }],
    })
  }
  const flags = makeGoodFlags(proposal.valueMinor, kind, advice.suggestion)
  const offer = await store.db.transaction().execute(async (trx) => {
    const inserted = await insertMakeGood(trx, {
      case_id: Number(row.id),
      customer_id: row.customer_id,
      kind,
      value_minor: proposal.valueMinor,
      currency,
      incident_ids_json: JSON.stringify(incidentIds),
      answers_remedy: proposal.answersRemedy === true ? 1 : 0,
      description: cleanText('description', proposal.description) ?? null,
      reason: cleanText('reason', proposal.reason) ?? null,
      suggested_minor: advice.suggestion.suggestedMinor,
      flags_json: JSON.stringify(flags),
      proposed_by: who.actor.userId,
    })
    await insertCaseEvent(trx, {
      case_id: Number(row.id),
      actor: actorLabel(who.audit),
      kind: 'make_good_proposed',
      from_stage: null,
      to_stage: null,
      note: null,
      data_json: JSON.stringify({ makeGoodId: Number(inserted.id), kind, flags }),
    })
    await auditCaseChange(trx, who.audit, {
      action: 'propose',
      objectType: 'make_good',
      objectId: String(inserted.id),
      fields: ['kind', 'valueMinor', 'incidentIds'],
    })
    return inserted
  })
  return toMakeGoodView(offer)
}

/**
 * The offers on a case the actor may read, newest first.
 * @throws NotFoundError
 */
export async function listCaseMakeGoods(
  store: Store,
  who: CaseActor,
  caseId: number,
): Promise<MakeGoodView[]> {
  await loadCaseFor(store, who, caseId, 'read')
  return (await listMakeGoods(store, { caseId })).map(toMakeGoodView)
}
