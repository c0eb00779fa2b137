import { ownerFilter, scopeOf } from '../../domain/access-policy.js'
import {
  letGoCustomers,
  listShadowContent,
  readLastTouchAt,
  readOpenCaseSubjects,
  readPresentContacts,
  readShadowCandidates,
  readShadowHistory,
  readSuppressedKeys,
  type Store,
} from '../../store/index.js'
import { type CaseActor, dayOf } from '../cases/case-support.js'
import {
  planShadowPortfolio,
  type ShadowExclusion,
  type ShadowFacts,
  type ShadowMember,
  type ShadowPlan,
} from './shadow-plan.js'
import { cadenceStartedOn, getShadowSettings, type ShadowSettings } from './shadow-settings.js'

/** Reads everything the plan needs, at once. */
export async function readShadowFacts(
  store: Store,
  today: string,
  options: { readonly recordStart: boolean },
): Promise<ShadowFacts> {
  const candidates = await readShadowCandidates(store)
  // the let-go flag as campaigns read it (a case ended let go, or a customer marked so)
  const letGo = await letGoCustomers(store, [...new Set(candidates.map((row) => row.customerId))])
  const [openCases, lastTouchAt, contacts, suppressed, history, content] = await Promise.all([
    readOpenCaseSubjects(store),
    readLastTouchAt(store),
    readPresentContacts(store),
    readSuppressedKeys(store),
    readShadowHistory(store),
    listShadowContent(store, { activeOnly: true }),
  ])
  return {
    candidates,
    openCases,
    letGoCustomerIds: letGo,
    lastTouchAt,
    contacts,
    suppressed,
    touchCounts: new Map([...history].map(([key, seen]) => [key, seen.count])),
    content,
    startedOn: await cadenceStartedOn(store, today, { record: options.recordStart }),
  }
}

/** The portfolio as `GET /api/shadow` and `comeback shadow` show it. */
export interface ShadowPortfolioView {
  readonly today: string
  readonly settings: ShadowSettings
  readonly members: ShadowMember[]
  /** lost subjects kept out, by why (over the whole company: counts reveal no account) */
  readonly excluded: Readonly<Record<ShadowExclusion, number>>
}

/**
 * The shadow portfolio `who` may read (the customer row of the access policy: reps their accounts,
 * managers their team's, the rest everyone's), soonest next touch first.
 * @example const view = await shadowPortfolioAs(store, who)
 */
export async function shadowPortfolioAs(
  store: Store,
  who: CaseActor,
  options: { readonly today?: string } = {},
): Promise<ShadowPortfolioView> {
  const today = dayOf(options.today)
  const settings = await getShadowSettings(store)
  const plan: ShadowPlan = planShadowPortfolio(
    await readShadowFacts(store, today, { recordStart: false }),
    settings,
    today,
  )
  const owners = ownerFilter(who.actor, scopeOf(who.actor.role, 'read', 'customer'))
  const members = plan.members
    .filter(
      (member) => owners === null || (member.ownerId !== null && owners.includes(member.ownerId)),
    )
    .sort(
      (a, b) =>
        a.nextTouchOn.localeCompare(b.nextTouchOn) || a.subjectKey.localeCompare(b.subjectKey),
    )
  return { today, settings, members, excluded: plan.excluded }
}
