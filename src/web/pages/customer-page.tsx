import type {
  CustomerDetailResponse,
  CustomerScore,
  CustomerScoreExtras,
} from '../api/contract-types.js'
import { Figure, PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { StatusBadge } from '../components/status-badge.js'
import {
  formatCount,
  formatDate,
  formatDays,
  formatMoney,
  formatPercent,
  humanize,
} from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { AliveHistoryPanel, OrderHistoryPanel } from './customer-charts.js'
import { CustomerLettersPanel } from './customer-letters.js'
import { ContactsPanel, ContractsPanel, DealsPanel, IncidentsPanel } from './customer-sections.js'
import { CustomerTimelinePanel } from './customer-timeline.js'
import { KeepPlanPanel } from './keep-plan-panel.js'
import { NewDecisionMakerForm } from './new-decision-maker-form.js'

type Detail = CustomerDetailResponse & CustomerScoreExtras

/** One customer: the model's figures and why, order history, P(alive), incidents, contacts, deals. */
export function CustomerPage(props: { customerId: string }) {
  const api = useApi()
  const detail = useApiQuery(`customer:${props.customerId}`, (signal) =>
    api.get<Detail>(`/customers/${encodeURIComponent(props.customerId)}`, { signal }),
  )
  if (detail.data === undefined && detail.loading) {
    return <LoadingState label="Loading the customer…" />
  }
  if (detail.error !== undefined) {
    return detail.error.status === 404 ? (
      <>
        <PageHeader title="Customer not found" />
        <EmptyState title="There is no such customer, or it is not one of yours.">
          <Link to="/customers">Back to customers</Link>
        </EmptyState>
      </>
    ) : (
      <ErrorState error={detail.error} onRetry={detail.reload} />
    )
  }
  return detail.data === undefined ? null : <CustomerView detail={detail.data} />
}

function CustomerView(props: { detail: Detail }) {
  const { detail } = props
  const { customer, orders } = detail
  const currency = detail.recentOrders[0]?.currency ?? detail.deals[0]?.currency ?? 'USD'
  const role = useMe().user.role
  const canOpenCases = mayOpenCases(role)
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/customers">Customers</Link> <span aria-hidden="true">/</span>{' '}
        <span>{customer.id}</span>
      </nav>
      <PageHeader
        title={
          <>
            {customer.name ?? customer.id}{' '}
            {detail.score === undefined || detail.score === null ? null : (
              <StatusBadge status={detail.score.status} />
            )}
          </>
        }
        lead={[
          customer.id,
          customer.segment,
          customer.territory,
          detail.owner === null ? 'no owner' : `owned by ${detail.owner.name}`,
        ]
          .filter((part) => part !== null)
          .join(' · ')}
      />
      {canOpenCases ? <OpenCaseLink customerId={customer.id} /> : null}
      <ScorePanel score={detail.score} currency={currency} />
      {role === 'analyst' ? null : (
        <Panel title="A new decision maker?" id="new-decision-maker">
          <NewDecisionMakerForm customerId={customer.id} />
        </Panel>
      )}
      <dl className="figures">
        <Figure
          label="Orders"
          value={formatCount(orders.placedCount)}
          note={`${formatCount(orders.cancelledCount)} cancelled · ${formatCount(orders.refundedCount)} refunded`}
        />
        <Figure label="Revenue" value={formatMoney(orders.revenueMinor, currency)} />
        <Figure label="First order" value={formatDate(orders.firstOrderedOn)} />
        <Figure label="Last order" value={formatDate(orders.lastOrderedOn)} />
      </dl>
      <div className="grid-2">
        <OrderHistoryPanel detail={detail} currency={currency} />
        <AliveHistoryPanel history={detail.statusHistory} />
      </div>
      <div className="grid-2">
        <IncidentsPanel incidents={detail.incidents} />
        <ContactsPanel contacts={detail.contacts} />
      </div>
      <DealsPanel deals={detail.deals} mayOpenCases={canOpenCases} />
      <ContractsPanel contracts={detail.contracts} />
      <KeepPlanPanel customerId={customer.id} />
      <CustomerTimelinePanel customerId={customer.id} />
      <CustomerLettersPanel customerId={customer.id} contacts={detail.contacts} />
    </>
  )
}

function ScorePanel(props: { score: CustomerScore | null | undefined; currency: string }) {
  const { score, currency } = props
  if (score === undefined || score === null) {
    return (
      <Panel id="score" title="What the model says">
        <EmptyState title="Not scored yet">
          <p>
            P(alive), the value if won back and the win-back chance appear after the next analysis
            run.
          </p>
        </EmptyState>
      </Panel>
    )
  }
  return (
    <Panel
      id="score"
      title="What the model says"
      aside={
        <span className="muted small">
          {score.model ?? 'rules only'} · as of {formatDate(score.asOf)}
        </span>
      }
    >
      <p className="explanation-lead">{score.explanation}</p>
      <dl className="figures figures-compact">
        <Figure
          label="P(alive)"
          value={formatPercent(score.probabilityAlive)}
          note={`status rule: ${humanize(score.statusRule)}`}
        />
        <Figure
          label="Next order expected"
          value={formatDate(score.expectedNextOrder)}
          note={score.overdueDays === null ? undefined : `${formatDays(score.overdueDays)} overdue`}
        />
        <Figure
          label="P(win back)"
          value={formatPercent(score.winBackProbability)}
          note="prior 20–40 % for ex-customers"
        />
        <Figure
          label="Value if won back"
          value={formatMoney(score.valueIfWonBackMinor, currency)}
          note={
            score.clvMinor === null
              ? '12 months ahead'
              : `CLV ${formatMoney(score.clvMinor, currency)}`
          }
        />
        <Figure
          label="Expected value"
          value={formatMoney(score.expectedValueMinor, currency)}
          note={score.lostSince === null ? undefined : `lost since ${formatDate(score.lostSince)}`}
        />
      </dl>
    </Panel>
  )
}

/** Cases are owned by a manager or the VP (SPEC "Sales management drives"); the admin may open them too. */
function mayOpenCases(role: string): boolean {
  return role === 'manager' || role === 'vp' || role === 'admin'
}

/** The way from a lost customer to a win-back case about them, for those who may own one. */
function OpenCaseLink(props: { customerId: string }) {
  return (
    <p className="page-actions">
      <Link
        to={`/cases/new?customerId=${encodeURIComponent(props.customerId)}`}
        className="button button-secondary"
      >
        Open a win-back case
      </Link>
    </p>
  )
}
