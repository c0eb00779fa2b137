/**
 * The demo company as plain data: what its records say (users, customers, orders …) and what
 * only the generator knows (each customer's hidden truth). People are referred to by email and
 * customers by their key, so the data can be written to any store. Dates are `YYYY-MM-DD`; money
 * is integer cents in the demo's one currency, USD.
 */

export type DemoRole = 'admin' | 'vp' | 'manager' | 'rep' | 'analyst'
export type Segment = 'Enterprise' | 'Mid-market' | 'Small business'
export type Territory = 'North' | 'South' | 'East' | 'West'

/** A loss-reason code from SPEC's taxonomy. */
export type LossReason =
  | 'delivery'
  | 'billing'
  | 'missed_deadline'
  | 'quality'
  | 'service'
  | 'price'
  | 'poached_by_competitor'
  | 'rep_relationship'
  | 'decision_maker_change'
  | 'no_longer_needed'
  | 'no_one_stop_offer'

export type IncidentKind =
  | 'late_delivery'
  | 'billing_error'
  | 'missed_deadline'
  | 'quality'
  | 'poor_service'

/** An offer a win-back approach can bring (Kumar, Bhagwat & Zhang 2015 compare these). */
export type WinBackOffer = 'none' | 'service_upgrade' | 'discount' | 'discount_and_upgrade'

export interface DemoUser {
  readonly email: string
  readonly name: string
  readonly role: DemoRole
  readonly managerEmail: string | null
  readonly startedOn: string
  /** the day they left the company; null while they work there */
  readonly leftOn: string | null
  readonly baseCommissionRate: number
  readonly territory: Territory | null
}

export interface DemoCustomer {
  readonly id: string
  readonly name: string
  readonly segment: Segment
  readonly territory: Territory
  /** current owner (a rep, or the manager of a rep who left) */
  readonly ownerEmail: string
}

export interface DemoOwnershipSpell {
  readonly customerId: string
  readonly userEmail: string
  readonly fromDate: string
  readonly toDate: string | null
}

export interface DemoContact {
  readonly key: string
  readonly customerId: string
  readonly name: string
  readonly email: string
  readonly phone: string
  readonly postalAddress: string
  readonly role: 'decision_maker' | 'buyer' | 'user'
  readonly hasLeft: boolean
}

export interface DemoOrder {
  readonly orderId: string
  readonly customerId: string
  readonly orderedOn: string
  readonly amountMinor: number
  readonly status: 'placed' | 'cancelled' | 'refunded'
}

export interface DemoContract {
  readonly key: string
  readonly customerId: string
  readonly startsOn: string
  readonly endsOn: string
  readonly valueMinor: number
  readonly renewed: boolean
}

export interface DemoDeal {
  readonly key: string
  readonly customerId: string
  readonly name: string
  readonly stage: string
  readonly status: 'open' | 'won' | 'lost'
  readonly valueMinor: number
  readonly recurring: boolean
  readonly createdOn: string
  readonly closedOn: string | null
  readonly lostReason: LossReason | null
  readonly competitor: string | null
  readonly nextChoiceOn: string | null
  readonly ownerEmail: string
}

export interface DemoIncident {
  readonly key: string
  readonly customerId: string
  readonly kind: IncidentKind
  readonly occurredOn: string
  readonly costMinor: number
  readonly description: string
}

export interface DemoWinBackAttempt {
  readonly customerId: string
  readonly startedOn: string
  readonly endedOn: string
  readonly outcome: 'won_back' | 'not_compatible' | 'let_go' | 'no_response'
  readonly reasonCode: LossReason | null
  readonly ownerEmail: string
  readonly notes: string
}

/** A dated change that removed a loss reason, optionally only in one scope (SPEC: fix scopes). */
export interface DemoFix {
  readonly reason: LossReason
  readonly fixedOn: string
  readonly scope: { readonly kind: 'segment' | 'territory' | 'rep'; readonly value: string } | null
  readonly note: string
}

/** What a won-back customer would be worth: their second lifetime (Thomas, Blattberg & Fox 2004). */
export interface SecondLifetime {
  readonly monthlySpendMinor: number
  readonly expectedMonths: number
  /** revenue in the 12 months after coming back (SPEC: value if won back) */
  readonly valueFirst12MonthsMinor: number
  readonly valueMinor: number
}

export interface OfferResponse {
  readonly probabilityWinBack: number
  readonly secondLifetime: SecondLifetime
}

/** What only the generator knows about one customer or prospect. */
export interface DemoTruth {
  readonly customerId: string
  readonly kind: 'customer' | 'prospect'
  readonly segment: Segment
  readonly territory: Territory
  readonly acquiredOn: string | null
  /** still buying at the as-of date */
  readonly alive: boolean
  /** when they stopped buying for good (the end of their latest lifetime), or null */
  readonly diedOn: string | null
  readonly lossReason: LossReason | null
  /** when that reason was fixed (for them), or null */
  readonly reasonFixedOn: string | null
  readonly decisionMakerChangedSinceLoss: boolean
  /** hard to serve or unprofitable: better let go, happy */
  readonly difficult: boolean
  readonly wonBackBefore: boolean
  readonly purchaseRatePerYear: number
  readonly meanOrderValueMinor: number
  readonly firstLifetimeRevenueMinor: number
  /** chance they accept a plain win-back approach today; null while alive */
  readonly probabilityWinBack: number | null
  readonly secondLifetime: SecondLifetime | null
  readonly responseByOffer: Readonly<Record<WinBackOffer, OfferResponse>> | null
}

export interface DemoCompany {
  readonly seed: number
  readonly asOf: string
  readonly currency: 'USD'
  readonly users: readonly DemoUser[]
  readonly customers: readonly DemoCustomer[]
  readonly ownership: readonly DemoOwnershipSpell[]
  readonly contacts: readonly DemoContact[]
  readonly orders: readonly DemoOrder[]
  readonly contracts: readonly DemoContract[]
  readonly deals: readonly DemoDeal[]
  readonly incidents: readonly DemoIncident[]
  readonly winBackAttempts: readonly DemoWinBackAttempt[]
  readonly fixes: readonly DemoFix[]
  readonly truth: readonly DemoTruth[]
}
