import type { CustomerDetail } from '../../app/index.js'
import { type Column, formatMinor, renderFields, renderTable } from '../output.js'

type Detail = CustomerDetail
type OrderLine = Detail['recentOrders'][number]
type ContactLine = Detail['contacts'][number]
type ContractLine = Detail['contracts'][number]
type DealLine = Detail['deals'][number]
type IncidentLine = Detail['incidents'][number]

const money = <TRow>(key: string, header: string, read: (row: TRow) => number): Column<TRow> => ({
  key,
  header,
  value: read,
  display: (row) => formatMinor(read(row)),
  align: 'right',
})

const ORDER_COLUMNS: readonly Column<OrderLine>[] = [
  { key: 'order_id', header: 'order', value: (row) => row.order_id ?? row.order_key },
  { key: 'ordered_on', header: 'date', value: (row) => row.ordered_on },
  { key: 'status', header: 'status', value: (row) => row.status },
  money('amount_minor', 'amount', (row) => row.amount_minor),
  { key: 'currency', header: '', value: (row) => row.currency },
]

const CONTACT_COLUMNS: readonly Column<ContactLine>[] = [
  { key: 'name', header: 'name', value: (row) => row.name },
  { key: 'role', header: 'role', value: (row) => row.role },
  { key: 'email', header: 'email', value: (row) => row.email },
  { key: 'phone', header: 'phone', value: (row) => row.phone },
  { key: 'has_left', header: 'left', value: (row) => row.has_left === 1 },
]

const CONTRACT_COLUMNS: readonly Column<ContractLine>[] = [
  { key: 'starts_on', header: 'starts', value: (row) => row.starts_on },
  { key: 'ends_on', header: 'ends', value: (row) => row.ends_on },
  money('value_minor', 'value', (row) => row.value_minor),
  { key: 'renewed', header: 'renewed', value: (row) => row.renewed === 1 },
]

const DEAL_COLUMNS: readonly Column<DealLine>[] = [
  { key: 'name', header: 'deal', value: (row) => row.name },
  { key: 'status', header: 'status', value: (row) => row.status },
  money('value_minor', 'value', (row) => row.value_minor),
  { key: 'closed_on', header: 'closed', value: (row) => row.closed_on },
  { key: 'lost_reason', header: 'reason', value: (row) => row.lost_reason },
  { key: 'competitor', header: 'competitor', value: (row) => row.competitor },
]

const INCIDENT_COLUMNS: readonly Column<IncidentLine>[] = [
  { key: 'occurred_on', header: 'date', value: (row) => row.occurred_on },
  { key: 'kind', header: 'kind', value: (row) => row.kind },
  money('cost_minor', 'cost to them', (row) => row.cost_minor),
  { key: 'description', header: 'what happened', value: (row) => row.description },
]

/** One customer for people: their fields, then a small table per kind of record. */
export function renderCustomerDetail(detail: Detail): string {
  const { customer, owner, orders } = detail
  const header = renderFields([
    ['id', customer.id],
    ['name', customer.name],
    ['segment', customer.segment],
    ['territory', customer.territory],
    ['owner', owner === null ? null : `${owner.name} <${owner.email}>`],
    [
      'orders',
      `${orders.placed_count} placed, ${orders.cancelled_count} cancelled, ${orders.refunded_count} refunded`,
    ],
    ['first order', orders.first_ordered_on],
    ['last order', orders.last_ordered_on],
    ['revenue', formatMinor(orders.revenue_minor)],
  ])
  const sections = [
    section('recent orders', detail.recentOrders, ORDER_COLUMNS),
    section('contacts', detail.contacts, CONTACT_COLUMNS),
    section('contracts', detail.contracts, CONTRACT_COLUMNS),
    section('deals', detail.deals, DEAL_COLUMNS),
    section('incidents', detail.incidents, INCIDENT_COLUMNS),
  ]
  return [header, ...sections.filter((text) => text !== '')].join('\n')
}

function section<TRow>(
  title: string,
  rows: readonly TRow[],
  columns: readonly Column<TRow>[],
): string {
  return rows.length === 0 ? '' : `${title}\n${renderTable(rows, columns)}`
}
