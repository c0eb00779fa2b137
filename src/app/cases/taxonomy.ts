import { ValidationError } from '../../domain/errors.js'
import { isLiveReason, type LossReason, resolveReason } from '../../domain/reason.js'
import { listReasons, type Queryable, type ReasonRow } from '../../store/index.js'

/** The loss-reason taxonomy loaded once: every reason by id and code, merges resolved on demand. */
export interface Taxonomy {
  readonly byId: ReadonlyMap<number, LossReason>
  readonly byCode: ReadonlyMap<string, LossReason>
  /** the live reasons, taxonomy order */
  readonly live: readonly LossReason[]
}

/** A stored reason as the domain sees it. */
export function toLossReason(row: ReasonRow): LossReason {
  return {
    id: Number(row.id),
    code: row.code,
    label: row.label,
    fixable: Number(row.fixable) === 1,
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    mergedIntoId: row.merged_into_id === null ? null : Number(row.merged_into_id),
  }
}

/**
 * Loads every reason, merged ones too.
 * @example const taxonomy = await loadTaxonomy(store)
 */
export async function loadTaxonomy(target: Queryable): Promise<Taxonomy> {
  return taxonomyOf(await listReasons(target))
}

/** The taxonomy of stored reason rows. */
export function taxonomyOf(rows: readonly ReasonRow[]): Taxonomy {
  const reasons = rows.map(toLossReason)
  return {
    byId: new Map(reasons.map((reason) => [reason.id, reason])),
    byCode: new Map(reasons.map((reason) => [reason.code, reason])),
    live: reasons.filter(isLiveReason),
  }
}

/**
 * The live reason a code stands for (a merged code resolves to the reason it was merged into).
 * @throws ValidationError naming the unknown code
 * @example liveReasonOf(taxonomy, 'pricing').code // 'price' once "pricing" was merged into it
 */
export function liveReasonOf(taxonomy: Taxonomy, code: string): LossReason {
  const found = taxonomy.byCode.get(code.trim())
  const live = found === undefined ? undefined : resolveReason(found.id, taxonomy.byId)
  if (live === undefined) {
    throw new ValidationError(`no reason with code "${code}" (see: comeback reason list)`, {
      issues: [{ path: ['reasons'], message: `unknown reason code ${code}` }],
    })
  }
  return live
}

/** The live reason an id (perhaps merged away) stands for today. */
export function liveReasonOfId(taxonomy: Taxonomy, id: number): LossReason | undefined {
  return resolveReason(id, taxonomy.byId)
}
