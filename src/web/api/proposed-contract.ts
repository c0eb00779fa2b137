/**
 * Endpoints the web app needs that the server does not serve yet (see the web helper's report).
 * The pages are built against these shapes; when the server adds a zod schema for one, its type
 * replaces the interface here (`import type` from `server/contract`).
 */

import type { ImportKind } from '../../domain/records.js'

/** The lapse statuses the lost list can show (SPEC "Lapse status"). */
export type ListedStatus = 'lost' | 'lapsed' | 'at_risk'

/** `GET /api/lost` query: server-side paging, filters and sort. Money in minor units. */
export interface LostListQuery {
  readonly limit?: number
  readonly offset?: number
  readonly kind?: 'customer' | 'deal'
  readonly status?: ListedStatus
  readonly segment?: string
  readonly ownerId?: number
  readonly reason?: string
  readonly minValueMinor?: number
  readonly minOverdueDays?: number
  readonly search?: string
  readonly sort?: LostListSort
}

export const LOST_LIST_SORT_KEYS = [
  'expectedValue',
  'valueIfWonBack',
  'winBackProbability',
  'overdueDays',
  'lostSince',
  'name',
] as const
export type LostListSortKey = (typeof LOST_LIST_SORT_KEYS)[number]
/** A sort key, descending with a leading `-`. */
export type LostListSort = LostListSortKey | `-${LostListSortKey}`

/** One row of the lost list: a customer (lost, lapsed or at risk) or a lost deal. */
export interface LostListItem {
  readonly kind: 'customer' | 'deal'
  /** the customer id, or the deal id for a deal */
  readonly id: string
  /** the customer the row belongs to (a deal's prospect), for the customer page link */
  readonly customerId: string
  readonly name: string | null
  readonly segment: string | null
  readonly ownerId: number | null
  readonly ownerName: string | null
  readonly status: ListedStatus
  readonly statusRule: string
  readonly lostSince: string | null
  readonly probabilityAlive: number | null
  readonly overdueDays: number | null
  readonly valueIfWonBackMinor: number
  readonly winBackProbability: number
  readonly expectedValueMinor: number
  /** the loss reason code (deal reason or exit-interview finding), if known */
  readonly reason: string | null
  readonly explanation: string
}

/** A page of the lost list, with the values the filters can take. */
export interface LostListResponse {
  readonly asOf: string
  readonly currency: string
  readonly total: number
  readonly items: readonly LostListItem[]
  readonly facets: {
    readonly segments: readonly string[]
    readonly owners: readonly { readonly id: number; readonly name: string }[]
    readonly reasons: readonly string[]
  }
}

/** `GET /api/dashboard`: the program's headline figures from the newest analysis run. */
export interface DashboardResponse {
  readonly asOf: string
  readonly currency: string
  readonly statusCounts: Readonly<Record<'active' | 'at_risk' | 'lapsed' | 'lost', number>>
  readonly lostDeals: { readonly count: number; readonly valueMinor: number }
  /** value if won back, summed over lost customers and lost deals */
  readonly valueAtStakeMinor: number
  readonly expectedValueMinor: number
  readonly churn: {
    readonly periodStart: string
    readonly periodEnd: string
    readonly becameLost: number
    readonly activeAtStart: number
    /** becameLost ÷ activeAtStart, or null when no one was active at the start */
    readonly rate: number | null
  }
  readonly lostByMonth: readonly {
    readonly month: string
    readonly customers: number
    readonly deals: number
  }[]
  readonly topReasons: readonly {
    readonly reason: string
    readonly count: number
    readonly valueMinor: number
  }[]
}

/** Proposed additions to `GET /api/customers/{id}`: the newest score and the history. */
export interface CustomerScoreExtras {
  readonly score?: CustomerScore | null
  readonly statusHistory?: readonly {
    readonly asOf: string
    readonly status: ListedStatus | 'active'
    readonly probabilityAlive: number | null
  }[]
  readonly orderHistory?: readonly {
    readonly month: string
    readonly orders: number
    readonly amountMinor: number
  }[]
}

/** One customer's figures from the newest analysis run. */
export interface CustomerScore {
  readonly asOf: string
  readonly model: string | null
  readonly status: ListedStatus | 'active'
  readonly statusRule: string
  readonly lostSince: string | null
  readonly probabilityAlive: number | null
  readonly expectedOrders: number | null
  readonly expectedNextOrder: string | null
  readonly overdueDays: number | null
  readonly valueIfWonBackMinor: number
  readonly clvMinor: number | null
  readonly winBackProbability: number
  readonly expectedValueMinor: number
  readonly explanation: string
}

/** `GET /api/imports/fields`: the fields each import kind reads. */
export interface ImportFieldsResponse {
  readonly kinds: Readonly<
    Record<
      ImportKind,
      readonly {
        readonly name: string
        readonly required: boolean
        readonly aliases: readonly string[]
      }[]
    >
  >
}

/** One import as `POST /api/imports` (202) and `GET /api/imports/{id}` describe it. */
export interface ImportJob {
  readonly id: number
  readonly kind: ImportKind
  readonly fileName: string | null
  readonly state: 'running' | 'committed' | 'failed'
  readonly bytesRead: number
  readonly bytesTotal: number | null
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly rejected: number
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly error: string | null
  /** where the rejected-rows report is, when there are rejected rows */
  readonly rejectsUrl: string | null
}

/** `GET /api/imports`: recent imports, newest first. */
export interface ImportListResponse {
  readonly items: readonly ImportJob[]
}
