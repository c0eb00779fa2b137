import { addDays } from '../../domain/case-dates.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import {
  ownerOnDate,
  type Queryable,
  readCustomerBasics,
  readLatestStatuses,
  readLostDeals,
  revenueInYearBefore,
} from '../../store/index.js'

/** What a case is about: a lost customer, or a lost deal (a failed sale). */
export type CaseSubject =
  | { readonly kind: 'customer'; readonly customerId: string }
  | { readonly kind: 'deal'; readonly dealId: number }

/** What is known about a subject's loss when a case opens on it. */
export interface SubjectLoss {
  readonly kind: 'customer' | 'deal'
  readonly subjectKey: string
  readonly customerId: string
  readonly dealId: number | null
  readonly lostOn: string | null
  readonly losingRepId: number | null
  readonly lostValueMinor: number
  readonly accountOwnerId: number | null
}

/** A recurring deal's value is monthly; SPEC annualises it (like the analysis default, 12). */
export const RECURRING_MONTHS_PER_YEAR = 12

/** The subject key a case and a resurfaced loss are filed under. */
export function subjectKeyOf(subject: CaseSubject): string {
  return subject.kind === 'customer' ? `customer:${subject.customerId}` : `deal:${subject.dealId}`
}

/**
 * What is known about a lost customer or lost deal: when it was lost (the newest analysis's "lost
 * since", else the day the case opens; or the deal's close date), who owned it then, and the yearly revenue lost (the year of
 * orders before the loss, or the deal's annual value).
 * @throws NotFoundError for an unknown customer or a deal that is not lost; ValidationError for a
 * customer the newest analysis calls active or at risk
 */
export async function readSubjectLoss(
  target: Queryable,
  subject: CaseSubject,
  today: string,
): Promise<SubjectLoss> {
  if (subject.kind === 'deal') {
    return dealLoss(target, subject.dealId)
  }
  const customer = await readCustomerBasics(target, subject.customerId)
  if (customer === undefined) {
    throw new NotFoundError(`customer ${subject.customerId} not found`)
  }
  const status = (await readLatestStatuses(target, [customer.id])).get(customer.id)
  if (status !== undefined && (status.status === 'active' || status.status === 'at_risk')) {
    throw new ValidationError(
      `customer ${customer.id} is ${status.status} in the newest analysis: a case is for a lost customer`,
    )
  }
  // without an analysis dating the loss, the day the case opens is the latest it can have happened
  const lostOn = status?.lostSince ?? today
  return {
    kind: 'customer',
    subjectKey: subjectKeyOf(subject),
    customerId: customer.id,
    dealId: null,
    lostOn,
    losingRepId: await ownerOnDate(target, customer.id, lostOn),
    lostValueMinor: await revenueInYearBefore(target, customer.id, lostOn, addDays(lostOn, -365)),
    accountOwnerId: customer.ownerId,
  }
}

async function dealLoss(target: Queryable, dealId: number): Promise<SubjectLoss> {
  const [deal] = await readLostDeals(target, { dealId })
  if (deal === undefined) {
    throw new NotFoundError(`no lost deal ${dealId}`)
  }
  return {
    kind: 'deal',
    subjectKey: `deal:${deal.id}`,
    customerId: deal.customerId,
    dealId: deal.id,
    lostOn: deal.closedOn,
    losingRepId: deal.ownerId ?? deal.accountOwnerId,
    lostValueMinor: deal.valueMinor * (deal.recurring ? RECURRING_MONTHS_PER_YEAR : 1),
    accountOwnerId: deal.accountOwnerId,
  }
}
