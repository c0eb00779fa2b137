import { useState } from 'react'
import type { ImportFieldsResponse, ImportJob, ImportListResponse } from '../api/contract-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatDate, humanize } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { ImportCounts } from './import-progress.js'
import { ImportUpload } from './import-upload.js'

/** Imports: upload a CSV, map its columns with a preview, watch it run, get the rejected rows. */
export function ImportsPage() {
  const api = useApi()
  const fields = useApiQuery('import-fields', (signal) =>
    api.get<ImportFieldsResponse>('/imports/fields', { signal }),
  )
  const [finished, setFinished] = useState(0)
  const recent = useApiQuery(`imports:${finished}`, (signal) =>
    api.get<ImportListResponse>('/imports', { signal }),
  )
  return (
    <>
      <PageHeader
        title="Imports"
        lead="Bring in orders, customers, contacts, contracts, deals and incidents from a CSV file."
      />
      <Panel id="new-import" title="New import">
        {fields.data === undefined && fields.loading ? (
          <LoadingState label="Loading the import fields…" />
        ) : null}
        {fields.error === undefined ? null : (
          <ErrorState
            title="Imports are not available"
            error={fields.error}
            onRetry={fields.reload}
          />
        )}
        {fields.data === undefined ? null : (
          <ImportUpload fields={fields.data} onFinished={() => setFinished((count) => count + 1)} />
        )}
      </Panel>
      <Panel id="recent-imports" title="Recent imports">
        {recent.data === undefined && recent.loading ? <LoadingState /> : null}
        {recent.error === undefined ? null : (
          <ErrorState error={recent.error} onRetry={recent.reload} />
        )}
        {recent.data === undefined ? null : <RecentImports items={recent.data.items} />}
      </Panel>
    </>
  )
}

function RecentImports(props: { items: readonly ImportJob[] }) {
  if (props.items.length === 0) {
    return <EmptyState title="No imports yet" />
  }
  return (
    <ul className="import-list">
      {props.items.map((job) => (
        <li key={job.id}>
          <div className="import-head">
            <strong>
              #{job.id} {humanize(job.kind)}
            </strong>{' '}
            <span className="muted">{job.fileName ?? 'unnamed file'}</span>{' '}
            <span
              className={`badge badge-${job.state === 'committed' ? 'active' : job.state === 'failed' ? 'lost' : 'at_risk'}`}
            >
              {humanize(job.state)}
            </span>
            <span className="muted small">
              {' '}
              · {formatDate(job.startedAt)} ·{' '}
              {formatCount(job.inserted + job.updated + job.unchanged + job.rejected)} records
            </span>
          </div>
          <ImportCounts job={job} />
        </li>
      ))}
    </ul>
  )
}
