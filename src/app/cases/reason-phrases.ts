import { ValidationError } from '../../domain/errors.js'
import {
  type MappedReason,
  mapReasonText,
  normalizeReasonText,
  type ReasonPhrase,
} from '../../domain/reason-mapping.js'
import {
  deleteReasonPhrase,
  listReasonPhrases,
  type Queryable,
  readLostDeals,
  type Store,
  upsertReasonPhrase,
} from '../../store/index.js'
import { actorLabel, auditCaseChange, type CaseActor } from './case-support.js'
import { assertMayEditTaxonomy } from './reasons.js'
import { liveReasonOf, liveReasonOfId, loadTaxonomy } from './taxonomy.js'

/** One entry of the mapping, with the live code it leads to today. */
export interface ReasonPhraseView {
  readonly phrase: string
  readonly code: string
  readonly liveCode: string
}

/** One distinct imported deal reason, what it maps to, and how many lost deals carry it. */
export interface ImportedReasonMapping extends MappedReason {
  readonly deals: number
}

/**
 * Loads the taxonomy and the mapping once and returns a function mapping free text to a live
 * code (SPEC: imported deal reasons; unmapped text becomes `other`, its words kept).
 * @example const mapText = await loadReasonMapper(store); mapText('Too expensive').code // 'price'
 */
export async function loadReasonMapper(target: Queryable): Promise<(text: string) => MappedReason> {
  const taxonomy = await loadTaxonomy(target)
  const phrases: ReasonPhrase[] = (await listReasonPhrases(target)).map((row) => ({
    phrase: row.phrase,
    code: liveReasonOfId(taxonomy, Number(row.reason_id))?.code ?? row.code,
  }))
  return (text) => mapReasonText(text, taxonomy.live, phrases)
}

/**
 * The mapping, phrase order. Everyone reads it.
 * @example const phrases = await listReasonPhraseViews(store)
 */
export async function listReasonPhraseViews(target: Queryable): Promise<ReasonPhraseView[]> {
  const taxonomy = await loadTaxonomy(target)
  return (await listReasonPhrases(target)).map((row) => ({
    phrase: row.phrase,
    code: row.code,
    liveCode: liveReasonOfId(taxonomy, Number(row.reason_id))?.code ?? row.code,
  }))
}

/**
 * Maps a phrase of imported loss reasons to a code (an admin only); the phrase is stored
 * normalised, and mapping it again replaces the code. Lost deals are read through the mapping
 * every time, so the change applies at once.
 * @throws ForbiddenError; ValidationError for an empty phrase or an unknown code
 * @example await mapReasonPhrase(store, who, { phrase: 'Went with a cheaper vendor', code: 'poached_on_price' })
 */
export async function mapReasonPhrase(
  store: Store,
  who: CaseActor,
  input: { readonly phrase: string; readonly code: string },
): Promise<ReasonPhraseView & { readonly created: boolean }> {
  await assertMayEditTaxonomy(store, who)
  const phrase = normalizeReasonText(input.phrase)
  if (phrase === '' || phrase.length > 200) {
    throw new ValidationError('a phrase is 1-200 letters or digits')
  }
  const reason = liveReasonOf(await loadTaxonomy(store), input.code)
  const created = await store.db.transaction().execute(async (trx) => {
    const isNew = await upsertReasonPhrase(trx, {
      phrase,
      reasonId: reason.id,
      createdBy: actorLabel(who.audit),
    })
    await auditCaseChange(trx, who.audit, {
      action: isNew ? 'create' : 'update',
      objectType: 'reason_phrase',
      objectId: phrase,
      fields: ['phrase', 'reason_id'],
    })
    return isNew
  })
  return { phrase, code: reason.code, liveCode: reason.code, created }
}

/**
 * Removes a phrase from the mapping (an admin only); returns whether it was there.
 * @example await unmapReasonPhrase(store, who, 'too pricey')
 */
export async function unmapReasonPhrase(
  store: Store,
  who: CaseActor,
  phraseText: string,
): Promise<boolean> {
  await assertMayEditTaxonomy(store, who)
  const phrase = normalizeReasonText(phraseText)
  return store.db.transaction().execute(async (trx) => {
    const removed = await deleteReasonPhrase(trx, phrase)
    if (removed) {
      await auditCaseChange(trx, who.audit, {
        action: 'delete',
        objectType: 'reason_phrase',
        objectId: phrase,
        fields: ['phrase'],
      })
    }
    return removed
  })
}

/**
 * Every distinct loss reason on imported lost deals and the code it maps to now, most deals first:
 * how an admin sees what the mapping does and what still falls to `other`.
 * @example const unmapped = (await importedReasonMappings(store)).filter((m) => m.matchedBy === 'unmapped')
 */
export async function importedReasonMappings(store: Store): Promise<ImportedReasonMapping[]> {
  const mapText = await loadReasonMapper(store)
  const counts = new Map<string, number>()
  for (const deal of await readLostDeals(store)) {
    const text = deal.lostReason?.trim() ?? ''
    if (text !== '') {
      counts.set(text, (counts.get(text) ?? 0) + 1)
    }
  }
  return [...counts]
    .map(([text, deals]) => ({ ...mapText(text), deals }))
    .sort((left, right) => right.deals - left.deals || left.words.localeCompare(right.words))
}
