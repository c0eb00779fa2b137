import { can, isWithinScope, scopeOf } from '../../domain/access-policy.js'
import { ForbiddenError, ValidationError } from '../../domain/errors.js'
import { type FixScope, fixCovers, fixIssues } from '../../domain/fix.js'
import {
  insertFix,
  listFixes,
  readLatestStatuses,
  type Store,
  type UserRow,
} from '../../store/index.js'
import { prepareWinBackRescore } from '../win-back-rescore.js'
import {
  actorLabel,
  auditCaseChange,
  auditDenied,
  type CaseActor,
  dayOf,
  usersById,
} from './case-support.js'
import { isSettled, type KnownLoss, readKnownLosses } from './known-losses.js'
import { type ResurfacedItem, resurface } from './resurface.js'
import { liveReasonOf, liveReasonOfId, loadTaxonomy } from './taxonomy.js'

/** What a fix says: which reason, from when, where, who owns it, and what changed. */
export interface RecordFixInput {
  readonly reasonCode: string
  readonly fixedOn: string
  readonly scope?: FixScope | null
  /** who owns the fix; default the actor */
  readonly ownerId?: number
  readonly note: string
  readonly today?: string
}

/** A recorded fix. */
export interface FixView {
  readonly id: number
  readonly reasonCode: string
  readonly liveReasonCode: string
  readonly scope: FixScope | null
  readonly fixedOn: string
  readonly ownerId: number | null
  readonly note: string
  readonly createdAt: string
}

/** A fix and the losses it brought back. */
export interface FixResult {
  readonly fix: FixView
  readonly resurfaced: readonly ResurfacedItem[]
}

/**
 * Records a fix and at once resurfaces every lost customer and lost deal lost for that reason
 * (in the fix's scope) before its date (SPEC §3): each lands on the "reason now fixed" list with a
 * raised win-back flag and a "tell them what changed" task. Customers won back, let go, or active
 * again in the newest analysis are left alone. Recorded by the VP, by analysts, by admins, and by
 * managers for a rep of their team (SPEC access policy: within their team's scope).
 * @throws ForbiddenError; ValidationError for an unknown or unfixable reason, a bad date or scope
 * @example const { resurfaced } = await recordFix(store, who, { reasonCode: 'price', fixedOn: '2024-06-01', note: 'prices are now competitive' })
 */
export async function recordFix(
  store: Store,
  who: CaseActor,
  input: RecordFixInput,
): Promise<FixResult> {
  const today = dayOf(input.today)
  const scope = input.scope ?? null
  await assertMayRecordFix(store, who, scope)
  const issues = fixIssues(input, today)
  if (issues.length > 0) {
    throw new ValidationError(issues.map((issue) => issue.message).join('; '), { issues })
  }
  const taxonomy = await loadTaxonomy(store)
  const reason = liveReasonOf(taxonomy, input.reasonCode)
  if (!reason.fixable) {
    throw new ValidationError(`reason ${reason.code} is not marked fixable`)
  }
  const users = await usersById(store)
  const ownerId = input.ownerId ?? (who.actor.userId > 0 ? who.actor.userId : null)
  if (scope?.kind === 'rep' && !users.has(Number(scope.value))) {
    throw new ValidationError(`a rep scope names a user id; there is no user ${scope.value}`)
  }
  const terms = { reasonId: reason.id, scope, fixedOn: input.fixedOn }
  const covered = await unsettled(
    store,
    (await readKnownLosses(store)).filter((loss) => fixCovers(terms, loss)),
  )
  // read before the transaction: their P(win back) and expected value rise in it (issue 5 part 4)
  const rescore = await prepareWinBackRescore(store, {
    fix: terms,
    customerIds: covered.map((loss) => loss.customerId),
  })
  const result = await store.db.transaction().execute(async (trx) => {
    const id = await insertFix(trx, {
      reason_id: reason.id,
      scope_kind: scope?.kind ?? null,
      scope_value: scope?.value ?? null,
      fixed_on: input.fixedOn,
      owner_id: ownerId,
      note: input.note.trim(),
      created_by: actorLabel(who.audit),
    })
    await auditCaseChange(trx, who.audit, {
      action: 'create',
      objectType: 'fix',
      objectId: String(id),
      fields: ['reason_id', 'scope', 'fixed_on', 'owner_id', 'note'],
    })
    const resurfaced = await resurface(trx, who, {
      trigger: {
        key: `fix:${id}`,
        kind: 'fix',
        fixId: id,
        occurredOn: input.fixedOn,
        taskTitle: `Tell them what changed: ${input.note.trim()}`,
        fallbackOwnerId: ownerId ?? seniorUser(users),
        today,
      },
      targets: covered.map((loss) => ({ ...loss, reasonId: reason.id })),
      users,
    })
    await rescore?.apply(trx, resurfaced)
    return { id, resurfaced }
  })
  const fix = (await listFixViews(store)).find((view) => view.id === result.id)
  if (fix === undefined) {
    throw new ValidationError(`fix ${result.id} was not stored`)
  }
  return { fix, resurfaced: result.resurfaced }
}

/**
 * Every fix, newest date first. Everyone reads them (SPEC access policy).
 * @example const fixes = await listFixViews(store)
 */
export async function listFixViews(store: Store): Promise<FixView[]> {
  const taxonomy = await loadTaxonomy(store)
  return (await listFixes(store)).map((row) => ({
    id: Number(row.id),
    reasonCode: row.reason_code,
    liveReasonCode: liveReasonOfId(taxonomy, Number(row.reason_id))?.code ?? row.reason_code,
    scope:
      row.scope_kind === null || row.scope_value === null
        ? null
        : { kind: row.scope_kind, value: row.scope_value },
    fixedOn: row.fixed_on,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    note: row.note,
    createdAt: row.created_at,
  }))
}

/**
 * The losses still worth bringing back: not won back or let go in their newest case, and (for a
 * customer) not active or at risk again in the newest analysis.
 */
export async function unsettled(store: Store, losses: readonly KnownLoss[]): Promise<KnownLoss[]> {
  const statuses = await readLatestStatuses(
    store,
    losses.filter((loss) => loss.subjectKind === 'customer').map((loss) => loss.customerId),
  )
  return losses.filter((loss) => {
    if (isSettled(loss)) {
      return false
    }
    const status = statuses.get(loss.customerId)?.status
    return !(loss.subjectKind === 'customer' && (status === 'active' || status === 'at_risk'))
  })
}

async function assertMayRecordFix(
  store: Store,
  who: CaseActor,
  scope: FixScope | null,
): Promise<void> {
  const reach = scopeOf(who.actor.role, 'write', 'fix')
  const allowed =
    can(who.actor, 'write', { type: 'fix' }) &&
    (reach === 'all' ||
      (scope?.kind === 'rep' && isWithinScope(who.actor, reach, Number(scope.value))))
  if (!allowed) {
    await auditDenied(store, who, 'denied_create', null)
    throw new ForbiddenError(
      reach === 'none'
        ? `a ${who.actor.role} may not record fixes`
        : 'a manager records fixes scoped to a rep of their team (rep:USER); the VP or an analyst records wider ones',
    )
  }
}

/** The first active VP, else the first active admin: who gets a task nobody else can take. */
export function seniorUser(users: ReadonlyMap<number, UserRow>): number | null {
  const active = [...users.values()].filter((user) => user.active === 1)
  const senior =
    active.find((user) => user.role === 'vp') ?? active.find((user) => user.role === 'admin')
  return senior === undefined ? null : Number(senior.id)
}
