import type { CustomerDetailResponse } from '../api/contract-types.js'
import { Panel } from '../components/page-header.js'
import { EmptyState } from '../components/states.js'
import { StatusBadge } from '../components/status-badge.js'
import { formatDate, formatMoney, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'

type Detail = CustomerDetailResponse

/** Service failures on our side, with what they cost the customer. */
export function IncidentsPanel(props: { incidents: Detail['incidents'] }) {
  return (
    <Panel id="incidents" title="Incidents">
      {props.incidents.length === 0 ? (
        <EmptyState title="No incidents recorded" />
      ) : (
        <div className="table-wrap">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">What happened</th>
                <th scope="col" className="numeric">
                  Cost to them
                </th>
              </tr>
            </thead>
            <tbody>
              {props.incidents.map((incident) => (
                <tr key={incident.id}>
                  <td>{formatDate(incident.occurredOn)}</td>
                  <td>{humanize(incident.kind)}</td>
                  <td className="wrap">{incident.description ?? '–'}</td>
                  <td className="numeric">{formatMoney(incident.costMinor, incident.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  )
}

/** The people at the customer, and who has left. */
export function ContactsPanel(props: { contacts: Detail['contacts'] }) {
  return (
    <Panel id="contacts" title="Contacts">
      {props.contacts.length === 0 ? (
        <EmptyState title="No contacts yet" />
      ) : (
        <ul className="contact-list">
          {props.contacts.map((contact) => (
            <li key={contact.id}>
              <span className="contact-name">
                {contact.name ?? 'Unnamed'}
                {contact.hasLeft ? (
                  <span className="badge badge-left">Left the company</span>
                ) : null}
              </span>
              <span className="muted small">{humanize(contact.role)}</span>
              <span className="small">
                {[contact.email, contact.phone].filter((part) => part !== null).join(' · ') ||
                  'No email or phone'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}

/** Deals with the customer: won, lost (failed sales) and open. */
export function DealsPanel(props: { deals: Detail['deals']; mayOpenCases: boolean }) {
  return (
    <Panel id="deals" title="Deals">
      {props.deals.length === 0 ? (
        <EmptyState title="No deals" />
      ) : (
        <div className="table-wrap">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Deal</th>
                <th scope="col">Status</th>
                <th scope="col">Closed</th>
                <th scope="col">Reason · competitor</th>
                <th scope="col" className="numeric">
                  Value
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.deals.map((deal) => (
                <tr key={deal.id}>
                  <td>{deal.name ?? `Deal #${deal.id}`}</td>
                  <td>
                    <StatusBadge status={deal.status === 'lost' ? 'lost_deal' : deal.status} />
                  </td>
                  <td>{formatDate(deal.closedOn)}</td>
                  <td className="wrap">
                    {[deal.lostReason, deal.competitor]
                      .filter((part) => part !== null)
                      .join(' · ') || '–'}
                  </td>
                  <td className="numeric">{formatMoney(deal.valueMinor, deal.currency)}</td>
                  <td>
                    {props.mayOpenCases && deal.status === 'lost' ? (
                      <Link to={`/cases/new?dealId=${deal.id}`}>Open a case</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  )
}

/** Agreements with start and end; one that ended unrenewed makes a contract customer lost. */
export function ContractsPanel(props: { contracts: Detail['contracts'] }) {
  if (props.contracts.length === 0) {
    return null
  }
  return (
    <Panel id="contracts" title="Contracts">
      <ul className="contract-list">
        {props.contracts.map((contract) => (
          <li key={contract.id}>
            {formatDate(contract.startsOn)} – {formatDate(contract.endsOn)} ·{' '}
            {formatMoney(contract.valueMinor, contract.currency)}{' '}
            {contract.renewed ? (
              <span className="badge badge-active">Renewed</span>
            ) : (
              <span className="badge badge-lapsed">Not renewed</span>
            )}
          </li>
        ))}
      </ul>
    </Panel>
  )
}
