import type { ReactNode } from 'react'
import type { LeaderboardResponse } from '../../server/contract/bounties.js'
import type { Role } from '../api/contract-types.js'
import { BarList } from '../charts/bar-list.js'
import { roleName } from '../components/navigation.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatMoney } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { useCompanyCurrency } from './case-move.js'

const ROLES: readonly string[] = ['admin', 'vp', 'manager', 'rep', 'analyst']

/** Who earned most from victories, net of reversals; everyone reads it (SPEC access policy). */
export function LeaderboardPage() {
  const api = useApi()
  const currency = useCompanyCurrency()
  const board = useApiQuery('bounty-leaderboard', (signal) =>
    api.get<LeaderboardResponse>('/bounties/leaderboard', { signal }),
  )
  let body: ReactNode
  if (board.data === undefined) {
    body =
      board.error === undefined ? (
        <LoadingState label="Loading the leaderboard…" />
      ) : (
        <ErrorState error={board.error} onRetry={board.reload} />
      )
  } else if (board.data.items.length === 0) {
    body = (
      <EmptyState title="No bounty earned yet">
        The first won-back order puts someone here.
      </EmptyState>
    )
  } else {
    const items = board.data.items
    body = (
      <>
        <Panel title="Net bounty earned" id="leaderboard-chart">
          <BarList
            label="Net bounty earned per person"
            items={items.map((line) => ({
              label: `${line.rank}. ${line.name ?? `user ${line.userId}`}`,
              value: Math.max(0, line.netMinor),
              display: formatMoney(line.netMinor, currency),
            }))}
          />
        </Panel>
        <Panel title="Standings" id="leaderboard-table">
          <div className="table-wrap">
            <table className="table" aria-label="Leaderboard">
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Person</th>
                  <th scope="col">Role</th>
                  <th scope="col">Won cases paid</th>
                  <th scope="col">Net earned</th>
                </tr>
              </thead>
              <tbody>
                {items.map((line) => (
                  <tr key={line.userId}>
                    <td>{line.rank}</td>
                    <td>{line.name ?? `user ${line.userId}`}</td>
                    <td>
                      {line.role !== null && ROLES.includes(line.role)
                        ? roleName(line.role as Role)
                        : (line.role ?? '–')}
                    </td>
                    <td>{formatCount(line.cases)}</td>
                    <td className="strong">{formatMoney(line.netMinor, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      </>
    )
  }
  return (
    <>
      <PageHeader
        title="Leaderboard"
        lead="Pay for victories: bounties earned from won-back revenue."
      />
      {body}
    </>
  )
}
