import { z } from 'zod'

/** What the lost list sorts by; a leading `-` sorts descending. */
export const LOST_SORT_KEYS = [
  'expectedValue',
  'valueIfWonBack',
  'winBackProbability',
  'overdueDays',
  'lostSince',
  'name',
] as const
const LOST_SORTS = [...LOST_SORT_KEYS, ...LOST_SORT_KEYS.map((key) => `-${key}` as const)] as const

/** The lapse statuses the lost list can show (SPEC "Lapse status"). */
export const listedStatusSchema = z.enum(['lost', 'lapsed', 'at_risk'])

/**
 * `GET /api/lost` query: paging (offset + limit at most 100,000 deep), filters and sort. Money in
 * minor units. The status defaults to `lost`; without `kind`, lost deals are listed beside
 * customers.
 */
export const lostListQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(100_000).optional(),
    kind: z.enum(['customer', 'deal']).optional(),
    status: listedStatusSchema.optional(),
    segment: z.string().min(1).max(200).optional(),
    ownerId: z.coerce.number().int().positive().optional(),
    reason: z.string().min(1).max(200).optional(),
    minValueMinor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    minOverdueDays: z.coerce.number().int().min(0).max(100_000).optional(),
    search: z.string().max(200).optional(),
    sort: z.enum(LOST_SORTS).optional(),
  })
  .refine((query) => (query.offset ?? 0) + (query.limit ?? 50) <= 100_000, {
    message: 'offset + limit may be at most 100000: narrow the list with filters instead',
    path: ['offset'],
  })

/** One row of the lost list: a customer (lost, lapsed or at risk) or a lost deal. */
export const lostListItemSchema = z.object({
  kind: z.enum(['customer', 'deal']),
  /** the customer id, or the deal id for a deal */
  id: z.string(),
  /** the customer the row belongs to (a deal's prospect), for the customer page link */
  customerId: z.string(),
  name: z.string().nullable(),
  segment: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  status: listedStatusSchema,
  statusRule: z.string(),
  /** when the customer became lost; a deal's close date */
  lostSince: z.string().nullable(),
  probabilityAlive: z.number().nullable(),
  overdueDays: z.number().int().nullable(),
  valueIfWonBackMinor: z.number().int(),
  winBackProbability: z.number(),
  expectedValueMinor: z.number().int(),
  /** the loss reason (the deal's, or the code an exit interview found), if known */
  reason: z.string().nullable(),
  /** the live reason codes of the loss (the newest finding's, or a deal's mapped reason) */
  reasons: z.array(z.string()),
  /** true when a fix covers one of `reasons`: the "reason now fixed" badge */
  reasonFixed: z.boolean(),
  explanation: z.string(),
})

/** A page of the lost list, how many rows match, and the values the filters can take. */
export const lostListResponseSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  total: z.number().int(),
  /** true when counting stopped early: at least `total` rows match */
  totalIsLowerBound: z.boolean(),
  items: z.array(lostListItemSchema),
  facets: z.object({
    segments: z.array(z.string()),
    owners: z.array(z.object({ id: z.number().int(), name: z.string() })),
    reasons: z.array(z.string()),
  }),
})

export type ListedStatus = z.infer<typeof listedStatusSchema>
export type LostListSortKey = (typeof LOST_SORT_KEYS)[number]
/** A sort key, descending with a leading `-`. */
export type LostListSort = (typeof LOST_SORTS)[number]
export type LostListQuery = z.output<typeof lostListQuerySchema>
export type LostListItem = z.infer<typeof lostListItemSchema>
export type LostListResponse = z.infer<typeof lostListResponseSchema>
