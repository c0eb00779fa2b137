import {
  type CaseLossLine,
  type LostDealLine,
  listCaseReasons,
  readCaseLosses,
  readLostDeals,
  type Store,
} from '../../store/index.js'
import { loadReasonMapper } from './reason-phrases.js'
import { RECURRING_MONTHS_PER_YEAR } from './subject-loss.js'
import { liveReasonOfId, loadTaxonomy, type Taxonomy } from './taxonomy.js'

/** The case a loss has open now, if any. */
export interface OpenCaseRef {
  readonly id: number
  readonly ownerId: number
  readonly stage: string
  readonly restUntil: string | null
}

/**
 * A lost customer or lost deal whose reason is known: from a case's finding (the newest case that
 * recorded reasons), or for a deal without one, from its imported reason through the mapping.
 */
export interface KnownLoss {
  readonly subjectKind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly dealId: number | null
  readonly source: 'case' | 'deal_reason'
  /** the case the reasons come from */
  readonly caseId: number | null
  readonly openCase: OpenCaseRef | null
  /** how the subject's newest case ended, if it did */
  readonly lastEnding: string | null
  /** live reason ids and codes (merges resolved), no repeats */
  readonly reasonIds: readonly number[]
  readonly reasonCodes: readonly string[]
  /** the imported words, for a deal's mapped reason */
  readonly words: string | null
  readonly lostOn: string | null
  readonly losingRepId: number | null
  readonly lostRevenueMinor: number
  readonly segment: string | null
  readonly territory: string | null
  readonly accountOwnerId: number | null
}

/**
 * Every loss whose reason is known, one per subject (SPEC §3: a customer or deal is lost for a
 * reason when a case finding says so or an imported deal reason maps to it).
 * @example const losses = await readKnownLosses(store)
 */
export async function readKnownLosses(store: Store): Promise<KnownLoss[]> {
  const taxonomy = await loadTaxonomy(store)
  const reasonsByCase = new Map<number, number[]>()
  for (const line of await listCaseReasons(store)) {
    const ids = reasonsByCase.get(line.case_id)
    if (ids === undefined) {
      reasonsByCase.set(line.case_id, [line.reason_id])
    } else {
      ids.push(line.reason_id)
    }
  }
  const casesBySubject = new Map<string, CaseLossLine[]>()
  for (const line of await readCaseLosses(store)) {
    const cases = casesBySubject.get(line.subjectKey)
    if (cases === undefined) {
      casesBySubject.set(line.subjectKey, [line])
    } else {
      cases.push(line)
    }
  }
  const losses: KnownLoss[] = []
  for (const cases of casesBySubject.values()) {
    const withReasons = cases.find((line) => (reasonsByCase.get(line.caseId) ?? []).length > 0)
    if (withReasons !== undefined) {
      const ids = liveIds(taxonomy, reasonsByCase.get(withReasons.caseId) ?? [])
      losses.push(fromCase(withReasons, cases, ids, taxonomy))
    }
  }
  const known = new Set(losses.map((loss) => loss.subjectKey))
  const mapText = await loadReasonMapper(store)
  for (const deal of await readLostDeals(store)) {
    const key = `deal:${deal.id}`
    const text = deal.lostReason?.trim() ?? ''
    if (known.has(key) || text === '') {
      continue
    }
    const reason = taxonomy.byCode.get(mapText(text).code)
    if (reason !== undefined) {
      losses.push(
        fromDeal(deal, casesBySubject.get(key) ?? [], {
          id: reason.id,
          code: reason.code,
          words: text,
        }),
      )
    }
  }
  return losses
}

function liveIds(taxonomy: Taxonomy, ids: readonly number[]): number[] {
  const live = ids.map((id) => liveReasonOfId(taxonomy, id)?.id ?? id)
  return [...new Set(live)]
}

/** Endings after which a loss is not brought back: they came back, or we let them go for good. */
const SETTLED_ENDINGS: ReadonlySet<string> = new Set(['won_back', 'let_go'])

/** True when a subject has no open case and its newest case ended won back or let go. */
export function isSettled(refs: Pick<KnownLoss, 'openCase' | 'lastEnding'>): boolean {
  return refs.openCase === null && refs.lastEnding !== null && SETTLED_ENDINGS.has(refs.lastEnding)
}

/** A subject's open case and how its newest case ended, from its cases (newest first). */
export function caseRefs(
  cases: readonly CaseLossLine[],
): Pick<KnownLoss, 'openCase' | 'lastEnding'> {
  const open = cases.find((line) => line.endedOn === null)
  const newest = cases[0]
  return {
    openCase:
      open === undefined
        ? null
        : { id: open.caseId, ownerId: open.ownerId, stage: open.stage, restUntil: open.restUntil },
    lastEnding: newest === undefined || newest.endedOn === null ? null : newest.stage,
  }
}

function fromCase(
  line: CaseLossLine,
  cases: readonly CaseLossLine[],
  reasonIds: readonly number[],
  taxonomy: Taxonomy,
): KnownLoss {
  return {
    subjectKind: line.subjectKind,
    subjectKey: line.subjectKey,
    customerId: line.customerId,
    dealId: line.dealId,
    source: 'case',
    caseId: line.caseId,
    ...caseRefs(cases),
    reasonIds,
    reasonCodes: reasonIds.map((id) => taxonomy.byId.get(id)?.code ?? `#${id}`),
    words: null,
    lostOn: line.lostOn,
    losingRepId: line.losingRepId,
    lostRevenueMinor: line.lostValueMinor,
    segment: line.segment,
    territory: line.territory,
    accountOwnerId: line.accountOwnerId,
  }
}

function fromDeal(
  deal: LostDealLine,
  cases: readonly CaseLossLine[],
  reason: { id: number; code: string; words: string },
): KnownLoss {
  return {
    subjectKind: 'deal',
    subjectKey: `deal:${deal.id}`,
    customerId: deal.customerId,
    dealId: deal.id,
    source: 'deal_reason',
    caseId: null,
    ...caseRefs(cases),
    reasonIds: [reason.id],
    reasonCodes: [reason.code],
    words: reason.words,
    lostOn: deal.closedOn,
    losingRepId: deal.ownerId ?? deal.accountOwnerId,
    lostRevenueMinor: deal.valueMinor * (deal.recurring ? RECURRING_MONTHS_PER_YEAR : 1),
    segment: deal.segment,
    territory: deal.territory,
    accountOwnerId: deal.accountOwnerId,
  }
}
