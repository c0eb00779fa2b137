import { z } from 'zod'

const SORT_KEYS = ['id', 'name', 'segment', 'territory', 'created_at'] as const
const SORTS = [...SORT_KEYS, ...SORT_KEYS.map((key) => `-${key}` as const)] as const

/** `GET /api/customers` query: paging (limit with offset or cursor), filters and sort. */
export const customerListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  cursor: z.string().max(1000).optional(),
  segment: z.string().max(200).optional(),
  territory: z.string().max(200).optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(SORTS).optional(),
})

/** One customer in the list, with a summary of their placed orders. */
export const customerSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  segment: z.string().nullable(),
  territory: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  createdAt: z.string(),
  orderCount: z.number().int(),
  firstOrderedOn: z.string().nullable(),
  lastOrderedOn: z.string().nullable(),
  revenueMinor: z.number().int(),
})

/** A page of customers: `nextCursor` fetches the next one; `total` counts every match. */
export const customerListResponseSchema = z.object({
  items: z.array(customerSummarySchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
})

/** `GET /api/customers/{id}` path. */
export const customerParamsSchema = z.strictObject({ id: z.string().min(1).max(200) })

const orderSchema = z.object({
  id: z.number().int(),
  orderId: z.string().nullable(),
  orderedOn: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: z.enum(['placed', 'cancelled', 'refunded']),
})

const contactSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string(),
  hasLeft: z.boolean(),
})

const dealSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  status: z.enum(['open', 'won', 'lost']),
  valueMinor: z.number().int(),
  currency: z.string(),
  closedOn: z.string().nullable(),
  lostReason: z.string().nullable(),
  competitor: z.string().nullable(),
})

const incidentSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  occurredOn: z.string(),
  costMinor: z.number().int(),
  currency: z.string(),
  description: z.string().nullable(),
})

const contractSchema = z.object({
  id: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  valueMinor: z.number().int(),
  currency: z.string(),
  renewed: z.boolean(),
})

const statusSchema = z.enum(['active', 'at_risk', 'lapsed', 'lost'])

/** One customer's figures from the newest analysis run that scored them (money in minor units). */
export const customerScoreSchema = z.object({
  asOf: z.string(),
  model: z.string().nullable(),
  status: statusSchema,
  statusRule: z.string(),
  lostSince: z.string().nullable(),
  probabilityAlive: z.number().nullable(),
  expectedOrders: z.number().nullable(),
  expectedNextOrder: z.string().nullable(),
  overdueDays: z.number().int().nullable(),
  valueIfWonBackMinor: z.number().int(),
  clvMinor: z.number().int().nullable(),
  winBackProbability: z.number(),
  expectedValueMinor: z.number().int(),
  explanation: z.string(),
})

/** Everything the customer page shows about one customer. */
export const customerDetailResponseSchema = z.object({
  customer: z.object({
    id: z.string(),
    name: z.string().nullable(),
    segment: z.string().nullable(),
    territory: z.string().nullable(),
    ownerId: z.number().int().nullable(),
    createdAt: z.string(),
  }),
  owner: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  orders: z.object({
    placedCount: z.number().int(),
    cancelledCount: z.number().int(),
    refundedCount: z.number().int(),
    firstOrderedOn: z.string().nullable(),
    lastOrderedOn: z.string().nullable(),
    revenueMinor: z.number().int(),
  }),
  recentOrders: z.array(orderSchema),
  contacts: z.array(contactSchema),
  contracts: z.array(contractSchema),
  deals: z.array(dealSchema),
  incidents: z.array(incidentSchema),
  /** the newest analysis run's score, or null before the customer was first scored */
  score: customerScoreSchema.nullable(),
  /** every run's status and P(alive) for the customer, oldest first */
  statusHistory: z.array(
    z.object({
      asOf: z.string(),
      status: statusSchema,
      probabilityAlive: z.number().nullable(),
    }),
  ),
  /** placed orders by month (`YYYY-MM`), oldest first, months without orders left out */
  orderHistory: z.array(
    z.object({ month: z.string(), orders: z.number().int(), amountMinor: z.number().int() }),
  ),
})

export type CustomerListQuery = z.infer<typeof customerListQuerySchema>
export type CustomerSummary = z.infer<typeof customerSummarySchema>
export type CustomerDetailResponse = z.infer<typeof customerDetailResponseSchema>
export type CustomerScore = z.infer<typeof customerScoreSchema>
