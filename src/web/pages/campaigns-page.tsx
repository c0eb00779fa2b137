import type { CampaignItem } from '../api/outreach-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, formatPercent, humanize } from '../lib/format.js'
import { Link, navigate, useLocation } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { CampaignCreateForm } from './campaign-create-form.js'
import { CAMPAIGN_WRITERS } from './campaign-page.js'
import { filtersFromSearch } from './lost-list-filters.js'

/**
 * Campaigns, newest first, and (`/campaigns/new`, for those who run them) a form that makes one
 * from the lost list's filters — those in the URL, so a link from the lost list carries them.
 */
export function CampaignsPage(props: { creating?: boolean }) {
  const api = useApi()
  const me = useMe()
  const { search } = useLocation()
  const campaigns = useApiQuery('campaigns', (signal) =>
    api.get<{ items: CampaignItem[] }>('/campaigns', { signal }),
  )
  const canWrite = CAMPAIGN_WRITERS.has(me.user.role)
  return (
    <>
      <PageHeader
        title={props.creating === true ? 'New campaign' : 'Campaigns'}
        lead="An approach to a saved segment of the lost list, with a random holdout that gets nothing, so the lift is measured."
        actions={
          canWrite && props.creating !== true ? (
            <Link className="button button-primary" to="/campaigns/new">
              New campaign
            </Link>
          ) : undefined
        }
      />
      {canWrite && props.creating === true ? (
        <Panel title="Make a campaign" id="campaign-new">
          <CampaignCreateForm
            initialFilters={filtersFromSearch(search)}
            onCreated={(created) => navigate(`/campaigns/${created.campaign.id}`)}
          />
        </Panel>
      ) : null}
      <Panel title="All campaigns" id="campaign-list">
        {campaigns.data === undefined && campaigns.loading ? (
          <LoadingState label="Loading the campaigns…" />
        ) : null}
        {campaigns.error === undefined ? null : (
          <ErrorState error={campaigns.error} onRetry={campaigns.reload} />
        )}
        {campaigns.data === undefined ? null : campaigns.data.items.length === 0 ? (
          <EmptyState title="No campaigns yet" />
        ) : (
          <CampaignTable items={campaigns.data.items} />
        )}
      </Panel>
    </>
  )
}

function CampaignTable(props: { items: readonly CampaignItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table campaigns-table">
        <caption className="visually-hidden">Campaigns, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Template</th>
            <th scope="col">Holdout</th>
            <th scope="col">Send on</th>
            <th scope="col">Launched</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/campaigns/${item.id}`}>{item.name}</Link>
              </td>
              <td>{humanize(item.status)}</td>
              <td>{item.templateKey}</td>
              <td>{formatPercent(item.holdoutShare)}</td>
              <td>{formatDate(item.scheduledOn)}</td>
              <td>{formatDate(item.launchedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
