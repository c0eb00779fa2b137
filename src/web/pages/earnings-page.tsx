import type { LedgerResponse } from '../../server/contract/bounties.js'
import { ExportButton } from '../components/export-button.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, formatMoney } from '../lib/format.js'
import { Link, navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import type { UserListResponse } from './case-move.js'
import { useCompanyCurrency } from './case-move.js'

/**
 * "My earnings": the bounty ledger with its statement. Each person reads their own, managers
 * their team's, VP, admin and analysts anyone (SPEC access policy); the server decides, and a
 * ledger out of reach (say a rep's `?userId=` of a colleague) shows the server's refusal.
 */
export function EarningsPage() {
  const api = useApi()
  const me = useMe()
  const { search } = useLocation()
  const picked = search.get('userId') ?? ''
  const userId = /^[1-9]\d*$/.test(picked) ? Number(picked) : undefined
  const ledger = useApiQuery(`bounty-ledger:${picked}`, (signal) =>
    api.get<LedgerResponse>('/bounties/ledger', { signal, query: { userId } }),
  )
  const chooses = me.user.role !== 'rep'
  return (
    <>
      <PageHeader
        title="My earnings"
        lead="Bounties are earned only when a won-back customer’s revenue arrives; reversals are never silent."
        actions={
          ledger.data === undefined ? undefined : (
            <ExportButton
              path="/bounties/statement.csv"
              query={{ userId }}
              fileName="bounty-statement.csv"
              label="Download statement (CSV)"
            />
          )
        }
      />
      {chooses ? <PersonPicker picked={picked} /> : null}
      {ledger.data === undefined ? (
        ledger.error === undefined ? (
          <LoadingState label="Loading the ledger…" />
        ) : (
          <ErrorState
            error={ledger.error}
            title={
              ledger.error.status === 404 || ledger.error.status === 403
                ? 'This ledger is not yours to see'
                : 'The ledger could not be loaded'
            }
            onRetry={ledger.reload}
          />
        )
      ) : (
        <Ledger ledger={ledger.data} />
      )}
    </>
  )
}

/** Whose ledger to read: managers pick from their team, VP, admin and analysts from everyone. */
function PersonPicker(props: { picked: string }) {
  const api = useApi()
  const me = useMe()
  const users = useApiQuery('earning-users', (signal) =>
    api.get<UserListResponse>('/users', { signal }),
  )
  return (
    <div className="filters">
      <label className="field field-narrow">
        <span>Whose earnings</span>
        <select
          name="userId"
          value={props.picked}
          onChange={(event) => navigate(pathWithQuery('/earnings', { userId: event.target.value }))}
        >
          <option value="">Everyone I may see</option>
          {(users.data?.items ?? []).map((user) => (
            <option key={user.id} value={String(user.id)}>
              {user.name}
              {user.id === me.user.id ? ' (me)' : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}

function Ledger(props: { ledger: LedgerResponse }) {
  const currency = useCompanyCurrency()
  const { ledger } = props
  const money = (minor: number, code = currency) => formatMoney(minor, code)
  if (ledger.items.length === 0) {
    return (
      <EmptyState title="No earnings yet">
        A bounty is booked when a won-back customer orders.
      </EmptyState>
    )
  }
  return (
    <>
      <Panel title="Totals" id="ledger-totals">
        <div className="table-wrap">
          <table className="table" aria-label="Totals per person">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Credited</th>
                <th scope="col">Reversed</th>
                <th scope="col">Net</th>
              </tr>
            </thead>
            <tbody>
              {ledger.people.map((person) => (
                <tr key={person.userId}>
                  <td>{person.name ?? `user ${person.userId}`}</td>
                  <td>{money(person.creditedMinor)}</td>
                  <td>{money(person.reversedMinor)}</td>
                  <td className="strong">{money(person.netMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          Total: <span className="strong">{money(ledger.totalMinor)}</span>
        </p>
      </Panel>
      <Panel title="Ledger" id="ledger-items">
        <div className="table-wrap">
          <table className="table" aria-label="Earnings">
            <thead>
              <tr>
                <th scope="col">Booked</th>
                <th scope="col">Person</th>
                <th scope="col">Customer</th>
                <th scope="col">Case</th>
                <th scope="col">Order</th>
                <th scope="col">Bounty</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {ledger.items.map((item) => (
                <tr key={item.id} data-order-id={item.orderId} data-entry={item.entry}>
                  <td className="nowrap">{formatDate(item.at)}</td>
                  <td>{item.userName ?? `user ${item.userId}`}</td>
                  <td>{item.customerName ?? item.customerId}</td>
                  <td>
                    <Link to={`/cases/${item.caseId}`}>#{item.caseId}</Link>
                  </td>
                  <td>#{item.orderId}</td>
                  <td>
                    {item.kind === 'fixed' ? 'Fixed bounty' : 'Commission multiplier'}
                    {item.entry === 'reversal' ? ' (reversal)' : ''}
                  </td>
                  <td className="nowrap">{money(item.amountMinor, item.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </>
  )
}
