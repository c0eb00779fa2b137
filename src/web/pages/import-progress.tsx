import type { ImportJob } from '../api/contract-types.js'
import { formatCount, formatPercent } from '../lib/format.js'

/** Where an upload and its import stand: a progress bar, then the counts and the report. */
export function ImportProgress(props: { uploadFraction: number | null; job: ImportJob | null }) {
  const { uploadFraction, job } = props
  if (job === null) {
    return uploadFraction === null ? null : (
      <div className="progress-block">
        <label htmlFor="upload-progress">Uploading… {formatPercent(uploadFraction)}</label>
        <progress id="upload-progress" max={1} value={uploadFraction} />
      </div>
    )
  }
  const fraction =
    job.bytesTotal === null || job.bytesTotal === 0 ? null : job.bytesRead / job.bytesTotal
  return (
    <div className="progress-block" aria-live="polite">
      {job.state === 'running' ? (
        <>
          <label htmlFor="import-progress">
            Importing… {fraction === null ? '' : formatPercent(fraction)}
          </label>
          {fraction === null ? (
            <progress id="import-progress" />
          ) : (
            <progress id="import-progress" max={1} value={fraction} />
          )}
        </>
      ) : null}
      {job.state === 'failed' ? (
        <p className="state state-error" role="alert">
          The import failed and nothing was published: {job.error ?? 'unknown error'}
        </p>
      ) : null}
      {job.state === 'committed' ? (
        <p className="notice notice-success">Import #{job.id} is published.</p>
      ) : null}
      <ImportCounts job={job} />
    </div>
  )
}

/** The four ways a record can end, and the rejected-rows report when there is one. */
export function ImportCounts(props: { job: ImportJob }) {
  const { job } = props
  return (
    <>
      <dl className="mini-figures">
        <div>
          <dt>Inserted</dt>
          <dd>{formatCount(job.inserted)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatCount(job.updated)}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{formatCount(job.unchanged)}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd className={job.rejected > 0 ? 'text-lost' : undefined}>
            {formatCount(job.rejected)}
          </dd>
        </div>
      </dl>
      {job.rejectsUrl !== null && job.rejected > 0 && job.rejectsUrl.startsWith('/api/') ? (
        <a className="button button-secondary" href={job.rejectsUrl} download>
          Download the rejected-rows report ({formatCount(job.rejected)} rows)
        </a>
      ) : null}
    </>
  )
}
