import type { CampaignResultsResponse } from '../api/outreach-types.js'
import { BarList } from '../charts/bar-list.js'
import { ChartTable } from '../charts/chart-table.js'
import { LiftIntervalChart } from '../charts/lift-interval-chart.js'
import { Panel } from '../components/page-header.js'
import { EmptyState } from '../components/states.js'
import { formatCount, formatMoney, formatPercent } from '../lib/format.js'

type Arm = CampaignResultsResponse['treated']

/** win-backs ÷ members, or null for an empty arm */
export function winBackRate(arm: Arm): number | null {
  return arm.members === 0 ? null : arm.winBacks / arm.members
}

/** A difference of two rates in percentage points, signed: `+5.0 pp`. */
export function formatPoints(difference: number): string {
  const points = difference * 100
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±'
  return `${sign}${Math.abs(points).toFixed(1)}\u00a0pp`
}

const ARM_NAMES: Readonly<Record<string, string>> = {
  treated: 'Treated (sent)',
  holdout: 'Holdout (nothing sent)',
}

/**
 * A campaign's results since launch: each arm's members, messages, replies and meetings,
 * win-backs and revenue; the win-back rate per arm as bars; and the lift over the holdout with its
 * 95 % interval (Newcombe 1998 hybrid score, right for small lists) as an interval bar. Every
 * chart has its numbers in a table.
 */
export function CampaignResultsPanel(props: {
  results: CampaignResultsResponse
  currency: string
}) {
  const { results, currency } = props
  if (results.launchedAt === null) {
    return (
      <Panel title="Results" id="campaign-results">
        <EmptyState title="Not launched yet: results count from the launch" />
      </Panel>
    )
  }
  const arms = [results.treated, results.holdout]
  return (
    <Panel title="Results" id="campaign-results">
      <ArmTable arms={arms} currency={currency} />
      <h3>Win-back rate by arm</h3>
      <BarList
        label="Win-back rate by arm"
        items={arms.map((arm) => ({
          label: ARM_NAMES[arm.arm] ?? arm.arm,
          value: winBackRate(arm) ?? 0,
          display: formatPercent(winBackRate(arm), 1),
          tone: arm.arm === 'treated' ? 'brand' : 'muted',
        }))}
      />
      <h3>Lift over the holdout</h3>
      {results.lift === null ? (
        <EmptyState title="No lift yet: each arm needs at least one member" />
      ) : (
        <div data-testid="lift">
          <p>
            Win-back rate lift{' '}
            <strong data-testid="lift-estimate">{formatPoints(results.lift.estimate)}</strong>, 95 %
            interval{' '}
            <span data-testid="lift-interval">
              {formatPoints(results.lift.lower)} to {formatPoints(results.lift.upper)}
            </span>
            {results.lift.lower <= 0 && results.lift.upper >= 0 ? (
              <span className="muted"> — the interval includes no lift at all</span>
            ) : null}
          </p>
          <LiftIntervalChart
            value={results.lift}
            label="Lift in win-back rate over the holdout"
            format={formatPoints}
          />
          <ChartTable
            caption="Lift in win-back rate over the holdout, with its 95 % interval"
            columns={['Estimate', 'Lower bound', 'Upper bound']}
            rows={[
              [
                formatPoints(results.lift.estimate),
                formatPoints(results.lift.lower),
                formatPoints(results.lift.upper),
              ],
            ]}
          />
        </div>
      )}
    </Panel>
  )
}

function ArmTable(props: { arms: readonly Arm[]; currency: string }) {
  return (
    <div className="table-wrap">
      <table className="table campaign-arms" aria-label="Results by arm">
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Members</th>
            <th scope="col">Messages sent</th>
            <th scope="col">Replies and meetings</th>
            <th scope="col">Win-backs</th>
            <th scope="col">Win-back rate</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {props.arms.map((arm) => (
            <tr key={arm.arm} data-arm={arm.arm}>
              <th scope="row">{ARM_NAMES[arm.arm] ?? arm.arm}</th>
              <td>{formatCount(arm.members)}</td>
              <td>{formatCount(arm.sent)}</td>
              <td>{formatCount(arm.responses)}</td>
              <td>{formatCount(arm.winBacks)}</td>
              <td>{formatPercent(winBackRate(arm), 1)}</td>
              <td>{formatMoney(arm.revenueMinor, props.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
