import {
  type CustomerListItem,
  type CustomerOverview,
  getCustomerOverviewAs,
  listCustomersAs,
} from '../../app/index.js'
import {
  type CustomerDetailResponse,
  type CustomerSummary,
  customerDetailResponseSchema,
  customerListQuerySchema,
  customerListResponseSchema,
  customerParamsSchema,
} from '../contract/customers.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute } from '../route-definition.js'
import { signedInActor } from '../signed-in.js'

const numberOrNull = (value: number | null): number | null =>
  value === null ? null : Number(value)

function toCustomerSummary(row: CustomerListItem): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    segment: row.segment,
    territory: row.territory,
    ownerId: numberOrNull(row.owner_id),
    createdAt: row.created_at,
    orderCount: row.order_count,
    firstOrderedOn: row.first_ordered_on,
    lastOrderedOn: row.last_ordered_on,
    revenueMinor: row.revenue_minor,
  }
}

function toCustomerDetail(overview: CustomerOverview): CustomerDetailResponse {
  const { detail } = overview
  const { customer, orders } = detail
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      segment: customer.segment,
      territory: customer.territory,
      ownerId: numberOrNull(customer.owner_id),
      createdAt: customer.created_at,
    },
    owner: detail.owner === null ? null : { id: Number(detail.owner.id), name: detail.owner.name },
    orders: {
      placedCount: orders.placed_count,
      cancelledCount: orders.cancelled_count,
      refundedCount: orders.refunded_count,
      firstOrderedOn: orders.first_ordered_on,
      lastOrderedOn: orders.last_ordered_on,
      revenueMinor: orders.revenue_minor,
    },
    recentOrders: detail.recentOrders.map((order) => ({
      id: Number(order.id),
      orderId: order.order_id,
      orderedOn: order.ordered_on,
      amountMinor: Number(order.amount_minor),
      currency: order.currency,
      status: order.status,
    })),
    contacts: detail.contacts.map((contact) => ({
      id: Number(contact.id),
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      role: contact.role,
      hasLeft: Number(contact.has_left) === 1,
    })),
    contracts: detail.contracts.map((contract) => ({
      id: Number(contract.id),
      startsOn: contract.starts_on,
      endsOn: contract.ends_on,
      valueMinor: Number(contract.value_minor),
      currency: contract.currency,
      renewed: Number(contract.renewed) === 1,
    })),
    deals: detail.deals.map((deal) => ({
      id: Number(deal.id),
      name: deal.name,
      status: deal.status,
      valueMinor: Number(deal.value_minor),
      currency: deal.currency,
      closedOn: deal.closed_on,
      lostReason: deal.lost_reason,
      competitor: deal.competitor,
    })),
    incidents: detail.incidents.map((incident) => ({
      id: Number(incident.id),
      kind: incident.kind,
      occurredOn: incident.occurred_on,
      costMinor: Number(incident.cost_minor),
      currency: incident.currency,
      description: incident.description,
    })),
    score: overview.score,
    statusHistory: overview.statusHistory,
    orderHistory: overview.orderHistory,
  }
}

const listCustomersRoute = defineRoute({
  method: 'get',
  path: '/customers',
  operationId: 'listCustomers',
  summary: 'Customers the caller may read, paged (limit with offset or cursor), filtered, sorted',
  tag: 'customers',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  query: customerListQuerySchema,
  response: customerListResponseSchema,
  async handle({ query, ctx }) {
    // a search counts against the caller's quota (TESTPLAN T18)
    ctx.deps.quotas.spendSearch(signedInActor(ctx).userId, query.search)
    const page = await listCustomersAs(ctx.deps.store, signedInActor(ctx), dropUndefined(query))
    return {
      items: page.rows.map(toCustomerSummary),
      total: page.total,
      nextCursor: page.nextCursor,
    }
  },
})

const getCustomerRoute = defineRoute({
  method: 'get',
  path: '/customers/{id}',
  operationId: 'getCustomer',
  summary:
    'One customer: orders, contacts, contracts, deals, incidents, the newest score, status over time, orders by month',
  tag: 'customers',
  access: { kind: 'policy', resource: 'customer', action: 'read' },
  params: customerParamsSchema,
  response: customerDetailResponseSchema,
  async handle({ params, ctx }) {
    return toCustomerDetail(
      await getCustomerOverviewAs(ctx.deps.store, signedInActor(ctx), params.id, ctx.audit),
    )
  },
})

/** The customer list and the customer page. */
export const CUSTOMER_ROUTES: readonly ApiRoute[] = [listCustomersRoute, getCustomerRoute]
