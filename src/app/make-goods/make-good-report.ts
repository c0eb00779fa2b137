import { scopeOf } from '../../domain/access-policy.js'
import { canOnCase } from '../../domain/case-access.js'
import type { MakeGoodFlag, MakeGoodStatus } from '../../domain/make-good.js'
import { getCaseRow, listMakeGoods, type Store } from '../../store/index.js'
import { type CaseActor, withParticipants } from '../cases/case-support.js'
import { type MakeGoodView, toMakeGoodView } from './make-good-view.js'

/** Which offers a report lists; every filter narrows. */
export interface MakeGoodReportFilter {
  readonly status?: MakeGoodStatus
  /** e.g. `price_concession`: the discouraged ones, flagged in reports (SPEC §6) */
  readonly flag?: MakeGoodFlag
}

/**
 * Every offer on a case the actor may read, newest first, narrowed by status or flag: the
 * make-goods report, where price concessions stand out by their flag.
 * @example const concessions = await listMakeGoodsAs(store, vp, { flag: 'price_concession' })
 */
export async function listMakeGoodsAs(
  store: Store,
  who: CaseActor,
  filter: MakeGoodReportFilter = {},
): Promise<MakeGoodView[]> {
  const rows = await listMakeGoods(
    store,
    filter.status === undefined ? {} : { status: filter.status },
  )
  const views = rows
    .map(toMakeGoodView)
    .filter((view) => filter.flag === undefined || view.flags.includes(filter.flag))
  if (scopeOf(who.actor.role, 'read', 'case') === 'all') {
    return views
  }
  const readable = new Map<number, boolean>()
  for (const caseId of new Set(views.map((view) => view.caseId))) {
    const row = await getCaseRow(store, caseId)
    const loaded = row === undefined ? undefined : await withParticipants(store, row)
    readable.set(caseId, loaded !== undefined && canOnCase(who.actor, 'read', loaded.participants))
  }
  return views.filter((view) => readable.get(view.caseId) === true)
}
