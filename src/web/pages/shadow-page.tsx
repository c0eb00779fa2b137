import type { ShadowMemberResponse, ShadowPortfolioResponse } from '../api/shadow-types.js'
import { Figure, PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatDate, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { ShadowContentPanel } from './shadow-content-panel.js'

/**
 * The shadow portfolio (SPEC §7): ex-customers and failed sales with no open case, not let go and
 * not suppressed, kept warm with value-adding touches on a cadence — never random calls. Each row
 * says when they were last touched, when the next touch is due and what value it will carry.
 */
export function ShadowPage() {
  const api = useApi()
  const role = useMe().user.role
  const portfolio = useApiQuery('shadow-portfolio', (signal) =>
    api.get<ShadowPortfolioResponse>('/shadow', { signal }),
  )
  const data = portfolio.data
  return (
    <>
      <PageHeader
        title="Shadow portfolio"
        lead={
          data === undefined
            ? 'Ex-customers and failed sales kept warm with value-adding touches.'
            : `Ex-customers and failed sales kept warm with a touch every ${data.settings.minDays}–${data.settings.maxDays} days; lost deals come back on the radar ${data.settings.radarDays} days before they choose a supplier.`
        }
      />
      {data === undefined && portfolio.loading ? (
        <LoadingState label="Loading the shadow portfolio…" />
      ) : null}
      {portfolio.error === undefined ? null : (
        <ErrorState error={portfolio.error} onRetry={portfolio.reload} />
      )}
      {data === undefined ? null : (
        <>
          <dl className="figures">
            <Figure label="In the portfolio" value={formatCount(data.members.length)} />
            <Figure
              label="Due now"
              value={formatCount(data.members.filter((member) => member.due).length)}
            />
            <Figure
              label="On the radar"
              value={formatCount(data.members.filter((member) => member.onRadar).length)}
            />
            <Figure
              label="Kept out"
              value={formatCount(Object.values(data.excluded).reduce((sum, n) => sum + n, 0))}
              note={`${data.excluded.open_case} in a case · ${data.excluded.resting} resting · ${data.excluded.let_go} let go · ${data.excluded.suppressed} suppressed`}
            />
          </dl>
          <Panel title="Who is kept warm" id="shadow-members">
            {data.members.length === 0 ? (
              <EmptyState title="No one is in the shadow portfolio" />
            ) : (
              <MemberTable members={data.members} />
            )}
          </Panel>
        </>
      )}
      <ShadowContentPanel mayWrite={role !== 'rep'} />
    </>
  )
}

function MemberTable(props: { members: readonly ShadowMemberResponse[] }) {
  return (
    <div className="table-wrap">
      <table className="table shadow-table">
        <caption className="visually-hidden">The shadow portfolio, next touch first</caption>
        <thead>
          <tr>
            <th scope="col">Who</th>
            <th scope="col">Lost</th>
            <th scope="col">Last touch</th>
            <th scope="col">Next touch</th>
            <th scope="col">Value</th>
            <th scope="col">By</th>
            <th scope="col">Radar</th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((member) => (
            <tr key={member.subjectKey} data-testid="shadow-member">
              <td>
                <Link to={`/customers/${encodeURIComponent(member.customerId)}`}>
                  {member.name ?? member.customerId}
                </Link>
                {member.subjectKind === 'deal' ? (
                  <span className="muted small"> (deal)</span>
                ) : null}
              </td>
              <td>{formatDate(member.lostOn)}</td>
              <td>{formatDate(member.lastTouchOn)}</td>
              <td>
                {formatDate(member.nextTouchOn)}
                {member.due ? <span className="badge"> due</span> : null}
              </td>
              <td>{humanize(member.nextValueKind)}</td>
              <td>{member.contactId === null ? 'call task' : 'email'}</td>
              <td>{member.onRadar ? `chooses ${formatDate(member.nextChoiceOn)}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
