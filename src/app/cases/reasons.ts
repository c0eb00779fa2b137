import { can } from '../../domain/access-policy.js'
import { ConflictError, ForbiddenError, ValidationError } from '../../domain/errors.js'
import { reasonCodeIssues, reasonLabelIssues } from '../../domain/reason.js'
import {
  findReasonByCode,
  insertReason,
  listReasons,
  type Queryable,
  type ReasonRow,
  type Store,
  updateReason,
} from '../../store/index.js'
import { auditCaseChange, auditDenied, type CaseActor } from './case-support.js'
import { liveReasonOfId, taxonomyOf, toLossReason } from './taxonomy.js'

/** A reason as lists show it: merges and parents named by code. */
export interface ReasonView {
  readonly id: number
  readonly code: string
  readonly label: string
  readonly fixable: boolean
  readonly parentCode: string | null
  /** the reason it was merged into, if it was */
  readonly mergedIntoCode: string | null
  /** the live reason it stands for today (itself unless merged) */
  readonly liveCode: string
  readonly version: number
}

/**
 * The taxonomy: live reasons, or every reason with `includeMerged` (history). Everyone reads it.
 * @example const reasons = await listReasonViews(store)
 */
export async function listReasonViews(
  target: Queryable,
  options: { readonly includeMerged?: boolean } = {},
): Promise<ReasonView[]> {
  const rows = await listReasons(target)
  const taxonomy = taxonomyOf(rows)
  const codeOf = (id: number | null) => (id === null ? null : (taxonomy.byId.get(id)?.code ?? null))
  return rows
    .map((row) => ({ row, reason: toLossReason(row) }))
    .filter(({ reason }) => options.includeMerged === true || reason.mergedIntoId === null)
    .map(({ row, reason }) => ({
      id: reason.id,
      code: reason.code,
      label: reason.label,
      fixable: reason.fixable,
      parentCode: codeOf(reason.parentId),
      mergedIntoCode: codeOf(reason.mergedIntoId),
      liveCode: liveReasonOfId(taxonomy, reason.id)?.code ?? reason.code,
      version: Number(row.version),
    }))
}

/** Throws ForbiddenError (audited) unless the actor may edit business settings (admins). */
export async function assertMayEditTaxonomy(target: Queryable, who: CaseActor): Promise<void> {
  if (!can(who.actor, 'write', { type: 'setting' })) {
    await auditDenied(target, who, 'denied_write', null)
    throw new ForbiddenError(`a ${who.actor.role} may not edit the reason taxonomy: an admin does`)
  }
}

/**
 * Adds a reason to the taxonomy (an admin only).
 * @throws ForbiddenError; ValidationError for a bad code or label; ConflictError for a taken code
 * @example await addReason(store, who, { code: 'slow_quotes', label: 'Slow quotes', fixable: true })
 */
export async function addReason(
  store: Store,
  who: CaseActor,
  input: {
    readonly code: string
    readonly label: string
    readonly fixable: boolean
    readonly parentCode?: string
  },
): Promise<ReasonRow> {
  await assertMayEditTaxonomy(store, who)
  const issues = [...reasonCodeIssues(input.code), ...reasonLabelIssues(input.label)]
  if (issues.length > 0) {
    throw new ValidationError(issues.map((issue) => issue.message).join('; '), { issues })
  }
  const parent =
    input.parentCode === undefined ? undefined : await liveByCode(store, input.parentCode)
  return store.db.transaction().execute(async (trx) => {
    const row = await insertReason(trx, {
      code: input.code,
      label: input.label.trim(),
      fixable: input.fixable ? 1 : 0,
      parent_id: parent === undefined ? null : Number(parent.id),
      merged_into_id: null,
    })
    await auditCaseChange(trx, who.audit, {
      action: 'create',
      objectType: 'reason',
      objectId: String(row.id),
      fields: ['code', 'label', 'fixable', ...(parent === undefined ? [] : ['parent_id'])],
    })
    return row
  })
}

/**
 * Renames a reason (new code, new label) or changes whether it is fixable; findings keep pointing
 * at it by id, so nothing recorded under the old name is lost. With `expectedVersion`, refuses a
 * stale edit.
 * @throws ForbiddenError; ValidationError; NotFoundError; ConflictError; PreconditionFailedError
 * @example await renameReason(store, who, { code: 'service', label: 'Poor service or support' })
 */
export async function renameReason(
  store: Store,
  who: CaseActor,
  input: {
    readonly code: string
    readonly newCode?: string
    readonly label?: string
    readonly fixable?: boolean
    readonly expectedVersion?: number
  },
): Promise<ReasonRow> {
  await assertMayEditTaxonomy(store, who)
  const issues = [
    ...(input.newCode === undefined ? [] : reasonCodeIssues(input.newCode)),
    ...(input.label === undefined ? [] : reasonLabelIssues(input.label)),
  ]
  if (issues.length > 0) {
    throw new ValidationError(issues.map((issue) => issue.message).join('; '), { issues })
  }
  const reason = await existingByCode(store, input.code)
  const changes = {
    ...(input.newCode === undefined ? {} : { code: input.newCode }),
    ...(input.label === undefined ? {} : { label: input.label.trim() }),
    ...(input.fixable === undefined
      ? {}
      : { fixable: input.fixable ? (1 as const) : (0 as const) }),
  }
  return store.db.transaction().execute(async (trx) => {
    const row = await updateReason(
      trx,
      Number(reason.id),
      input.expectedVersion ?? Number(reason.version),
      changes,
    )
    await auditCaseChange(trx, who.audit, {
      action: 'update',
      objectType: 'reason',
      objectId: String(reason.id),
      fields: Object.keys(changes),
    })
    return row
  })
}

/**
 * Merges one reason into another: the first leaves the live taxonomy but keeps its findings,
 * fixes and phrases, which now roll up under the second (history is not rewritten).
 * @throws ForbiddenError; ValidationError for merging a reason into itself or into a merged one
 * @example await mergeReasons(store, who, { fromCode: 'pricing', intoCode: 'price' })
 */
export async function mergeReasons(
  store: Store,
  who: CaseActor,
  input: { readonly fromCode: string; readonly intoCode: string },
): Promise<ReasonRow> {
  await assertMayEditTaxonomy(store, who)
  const from = await existingByCode(store, input.fromCode)
  const into = await liveByCode(store, input.intoCode)
  if (from.merged_into_id !== null) {
    throw new ConflictError(`reason ${from.code} was already merged`)
  }
  if (Number(from.id) === Number(into.id)) {
    throw new ValidationError('a reason cannot be merged into itself')
  }
  return store.db.transaction().execute(async (trx) => {
    const row = await updateReason(trx, Number(from.id), Number(from.version), {
      merged_into_id: Number(into.id),
    })
    await auditCaseChange(trx, who.audit, {
      action: 'merge',
      objectType: 'reason',
      objectId: String(from.id),
      fields: ['merged_into_id'],
    })
    return row
  })
}

async function existingByCode(target: Queryable, code: string): Promise<ReasonRow> {
  const row = await findReasonByCode(target, code.trim())
  if (row === undefined) {
    throw new ValidationError(`no reason with code "${code}" (see: comeback reason list)`)
  }
  return row
}

async function liveByCode(target: Queryable, code: string): Promise<ReasonRow> {
  const row = await existingByCode(target, code)
  if (row.merged_into_id !== null) {
    throw new ValidationError(`reason ${row.code} was merged away: use the reason it lives on in`)
  }
  return row
}
