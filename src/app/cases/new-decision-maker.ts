import { canOnCase } from '../../domain/case-access.js'
import { isIsoDate } from '../../domain/case-dates.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import {
  readCaseLosses,
  readCustomerBasics,
  readLatestStatuses,
  readLostDeals,
  type Store,
} from '../../store/index.js'
import { prepareWinBackRescore } from '../win-back-rescore.js'
import { auditCaseChange, auditDenied, type CaseActor, dayOf, usersById } from './case-support.js'
import { caseRefs, isSettled } from './known-losses.js'
import { seniorUser } from './record-fix.js'
import { type ResurfacedItem, type ResurfaceTarget, resurface } from './resurface.js'

/**
 * Records that a lost account has a new decision maker, which brings it back like a fix does (the
 * seeds: the one who turned you down is no longer there): the customer, if lost, and its lost deals
 * closed before the change land on the "reason now fixed" list with a task to introduce ourselves
 * and tell them what changed. Whoever may work the account's cases may record it.
 * @throws NotFoundError; ForbiddenError; ValidationError for a bad or future date
 * @example await recordNewDecisionMaker(store, who, { customerId: 'C-1', changedOn: '2024-04-02' })
 */
export async function recordNewDecisionMaker(
  store: Store,
  who: CaseActor,
  input: { readonly customerId: string; readonly changedOn: string; readonly today?: string },
): Promise<{ readonly resurfaced: readonly ResurfacedItem[] }> {
  const today = dayOf(input.today)
  if (!isIsoDate(input.changedOn) || input.changedOn > today) {
    throw new ValidationError(`the change happened on a date up to today, not "${input.changedOn}"`)
  }
  const customer = await readCustomerBasics(store, input.customerId)
  if (customer === undefined) {
    throw new NotFoundError(`customer ${input.customerId} not found`)
  }
  const owner = customer.ownerId
  const people = { ownerId: owner ?? -1, repIds: [], interviewerId: null, accountOwnerId: owner }
  if (!canOnCase(who.actor, 'write', people)) {
    await auditDenied(store, who, 'denied_write', null)
    throw new NotFoundError(`customer ${input.customerId} not found`)
  }
  const targets = await decisionMakerTargets(store, customer.id, customer.ownerId, input.changedOn)
  const users = await usersById(store)
  // read before the transaction: their P(win back) and expected value rise in it (issue 5 part 4)
  const rescore = await prepareWinBackRescore(store, {
    decisionMaker: { subjectKeys: targets.map((target) => target.subjectKey), on: input.changedOn },
    customerIds: [customer.id],
  })
  const resurfaced = await store.db.transaction().execute(async (trx) => {
    await auditCaseChange(trx, who.audit, {
      action: 'new_decision_maker',
      objectType: 'customer',
      objectId: customer.id,
      fields: ['decision_maker'],
    })
    const items = await resurface(trx, who, {
      trigger: {
        key: `decision_maker:${customer.id}:${input.changedOn}`,
        kind: 'new_decision_maker',
        fixId: null,
        occurredOn: input.changedOn,
        taskTitle: 'Meet the new decision maker: introduce us and tell them what changed',
        fallbackOwnerId: who.actor.userId > 0 ? who.actor.userId : seniorUser(users),
        today,
      },
      targets,
      users,
    })
    await rescore?.apply(trx, items)
    return items
  })
  return { resurfaced }
}

async function decisionMakerTargets(
  store: Store,
  customerId: string,
  accountOwnerId: number | null,
  changedOn: string,
): Promise<ResurfaceTarget[]> {
  const cases = (await readCaseLosses(store)).filter((line) => line.customerId === customerId)
  const status = (await readLatestStatuses(store, [customerId])).get(customerId)?.status
  const targets: ResurfaceTarget[] = []
  const customerKey = `customer:${customerId}`
  const customerCases = cases.filter((line) => line.subjectKey === customerKey)
  const refs = caseRefs(customerCases)
  const lostNow = status === 'lost' || status === 'lapsed'
  if (!isSettled(refs) && (refs.openCase !== null || refs.lastEnding !== null || lostNow)) {
    targets.push({
      subjectKind: 'customer',
      subjectKey: customerKey,
      customerId,
      dealId: null,
      openCase: refs.openCase,
      reasonId: null,
      accountOwnerId,
    })
  }
  for (const deal of await readLostDeals(store, { customerId })) {
    const key = `deal:${deal.id}`
    const dealRefs = caseRefs(cases.filter((line) => line.subjectKey === key))
    if (!isSettled(dealRefs) && (deal.closedOn === null || deal.closedOn < changedOn)) {
      targets.push({
        subjectKind: 'deal',
        subjectKey: key,
        customerId,
        dealId: deal.id,
        openCase: dealRefs.openCase,
        reasonId: null,
        accountOwnerId,
      })
    }
  }
  return targets
}
