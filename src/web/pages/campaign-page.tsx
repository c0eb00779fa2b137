import { useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { LostListResponse } from '../api/contract-types.js'
import type {
  CampaignItem,
  CampaignMemberItem,
  CampaignMemberListResponse,
  CampaignResultsResponse,
  LaunchOutcomeResponse,
} from '../api/outreach-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatDate, formatPercent, humanize } from '../lib/format.js'
import { Link, pathWithQuery } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { CampaignMembersTable } from './campaign-members-table.js'
import { CampaignResultsPanel } from './campaign-results-panel.js'

/** Who runs campaigns (SPEC access policy: campaign write). */
export const CAMPAIGN_WRITERS = new Set(['admin', 'vp', 'manager', 'analyst'])

/** One campaign: its terms, launch, members by arm with their outcomes, and its results. */
export function CampaignPage(props: { campaignId: string }) {
  const api = useApi()
  const me = useMe()
  const base = `/campaigns/${encodeURIComponent(props.campaignId)}`
  const campaign = useApiQuery(`campaign:${props.campaignId}`, (signal) =>
    api.get<CampaignItem>(base, { signal }),
  )
  const [round, setRound] = useState(0)
  const results = useApiQuery(`campaign-results:${props.campaignId}:${round}`, (signal) =>
    api.get<CampaignResultsResponse>(`${base}/results`, { signal }),
  )
  const members = useApiQuery(`campaign-members:${props.campaignId}:${round}`, (signal) =>
    api.get<CampaignMemberListResponse>(`${base}/members`, { signal }),
  )
  // revenue is in the company's one currency, which the lost list names
  const lost = useApiQuery('campaign-currency', (signal) =>
    api.get<LostListResponse>('/lost', { query: { limit: 1 }, signal }),
  )
  const refresh = () => {
    campaign.reload()
    setRound((count) => count + 1)
  }
  if (campaign.data === undefined) {
    return campaign.error === undefined ? (
      <LoadingState label="Loading the campaign…" />
    ) : (
      <ErrorState error={campaign.error} onRetry={campaign.reload} />
    )
  }
  const data = campaign.data
  const canWrite = CAMPAIGN_WRITERS.has(me.user.role)
  return (
    <>
      <PageHeader
        title={data.name}
        lead={`${humanize(data.status)} · template ${data.templateKey} · holdout ${formatPercent(data.holdoutShare)} · ${data.scheduledOn === null ? 'no date set' : `scheduled ${formatDate(data.scheduledOn)}`}`}
        actions={
          <>
            <Link
              className="button button-secondary"
              to={pathWithQuery('/outbox', { campaignId: String(data.id) })}
            >
              Its outbox
            </Link>
            {canWrite ? <LaunchButton campaign={data} onLaunched={refresh} /> : null}
          </>
        }
      />
      <CampaignTerms campaign={data} />
      {results.data === undefined ? (
        results.error === undefined ? (
          <LoadingState label="Loading the results…" />
        ) : (
          <ErrorState error={results.error} onRetry={results.reload} />
        )
      ) : (
        <CampaignResultsPanel results={results.data} currency={lost.data?.currency ?? 'USD'} />
      )}
      <Panel title="Members" id="campaign-members">
        {members.error === undefined ? null : (
          <ErrorState error={members.error} onRetry={members.reload} />
        )}
        {members.data === undefined ? null : (
          <CampaignMembersTable
            campaignId={data.id}
            members={members.data.items as CampaignMemberItem[]}
            launched={data.launchedAt !== null}
            canRecord={canWrite}
            onRecorded={refresh}
          />
        )}
      </Panel>
    </>
  )
}

function CampaignTerms(props: { campaign: CampaignItem }) {
  const segment = Object.entries(props.campaign.segment)
  const excluded = Object.entries(props.campaign.excluded)
  return (
    <Panel title="Segment" id="campaign-segment">
      <dl className="facts">
        {segment.length === 0 ? <dd>The whole lost list</dd> : null}
        {segment.map(([name, value]) => (
          <div key={name}>
            <dt>{humanize(name)}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
        {excluded.map(([why, count]) => (
          <div key={why}>
            <dt>Left out: {humanize(why)}</dt>
            <dd>{formatCount(count)}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  )
}

function LaunchButton(props: { campaign: CampaignItem; onLaunched: () => void }) {
  const api = useApi()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<LaunchOutcomeResponse | null>(null)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const launch = () => {
    setBusy(true)
    api.send<LaunchOutcomeResponse>('POST', `/campaigns/${props.campaign.id}/launch`).then(
      (answer) => {
        setBusy(false)
        setOutcome(answer)
        setError(undefined)
        props.onLaunched()
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  return (
    <div className="launch">
      <button type="button" className="button button-primary" disabled={busy} onClick={launch}>
        {props.campaign.launchedAt === null ? 'Launch' : 'Launch again (adds only the new)'}
      </button>
      {outcome === null ? null : (
        <p role="status" className="small">
          Queued {formatCount(outcome.queued)} · no contact {formatCount(outcome.noContact)} ·
          unreachable {formatCount(outcome.unreachable)} · held out {formatCount(outcome.holdout)}
        </p>
      )}
      {error === undefined ? null : <ErrorState error={error} title="Not launched" />}
    </div>
  )
}
