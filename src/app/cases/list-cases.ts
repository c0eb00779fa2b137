import { ownerFilter, scopeOf } from '../../domain/access-policy.js'
import { type CaseStage, isCaseStage } from '../../domain/case-stage.js'
import { ValidationError } from '../../domain/errors.js'
import { type CaseFilter, listCaseRows, listUsers, type Store } from '../../store/index.js'
import { type CaseActor, dayOf } from './case-support.js'
import { type CaseSummary, summarizeCases } from './case-view.js'

/** What a list of cases narrows to. */
export interface CaseListOptions {
  readonly stages?: readonly CaseStage[]
  /** true: open and resting cases; false: ended ones */
  readonly open?: boolean
  readonly ownerId?: number
  readonly customerId?: string
  readonly limit?: number
  readonly today?: string
}

/**
 * The cases the actor may read (all; a manager's team's; a rep's own), narrowed by the options,
 * most urgent next step first: the case board's data.
 * @example const board = await listCasesAs(store, who, { open: true })
 */
export async function listCasesAs(
  store: Store,
  who: CaseActor,
  options: CaseListOptions = {},
): Promise<CaseSummary[]> {
  for (const stage of options.stages ?? []) {
    if (!isCaseStage(stage)) {
      throw new ValidationError(`no stage named ${stage}`)
    }
  }
  const filter: CaseFilter = {
    ...visibilityFilter(who),
    ...(options.stages === undefined ? {} : { stages: options.stages }),
    ...(options.open === undefined ? {} : { open: options.open }),
    ...(options.ownerId === undefined ? {} : { ownerIds: [options.ownerId] }),
    ...(options.customerId === undefined ? {} : { customerId: options.customerId }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  }
  return summarizeCases(store, await listCaseRows(store, filter), dayOf(options.today))
}

/**
 * Open cases whose next step is overdue (due before today) on the actor's list: those they own and
 * those owned by the people who report to them (SPEC §4: overdue steps show on the owner's list
 * and their manager's). Admins see every overdue case.
 * @example const late = await listOverdueStepsAs(store, who, { today: '2024-05-01' })
 */
export async function listOverdueStepsAs(
  store: Store,
  who: CaseActor,
  options: { readonly today?: string } = {},
): Promise<CaseSummary[]> {
  const today = dayOf(options.today)
  const { actor } = who
  let ownerIds: number[] | undefined
  if (actor.role !== 'admin') {
    const reports = (await listUsers(store, { managerId: actor.userId })).map((user) =>
      Number(user.id),
    )
    ownerIds = [actor.userId, ...reports]
  }
  const rows = await listCaseRows(store, {
    open: true,
    dueBefore: today,
    ...(ownerIds === undefined ? {} : { ownerIds }),
  })
  return summarizeCases(store, rows, today)
}

function visibilityFilter(who: CaseActor): CaseFilter {
  const scope = scopeOf(who.actor.role, 'read', 'case')
  const allowed = ownerFilter(who.actor, scope)
  if (allowed === null) {
    return {}
  }
  return { participantIds: allowed, includeAccountOwners: scope === 'team' }
}
