import { type FormEvent, useEffect, useRef, useState } from 'react'
import type { ApiError } from '../api/api-error.js'
import { toApiError } from '../api/api-error.js'
import type { ImportFieldsResponse, ImportJob } from '../api/contract-types.js'
import { ErrorState } from '../components/states.js'
import { type CsvPreview, previewCsv, suggestMapping } from '../lib/csv-preview.js'
import { humanize } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { ImportMapping, missingRequired } from './import-mapping.js'
import { ImportProgress } from './import-progress.js'

type Kind = keyof ImportFieldsResponse['kinds']
const KINDS: readonly Kind[] = [
  'orders',
  'customers',
  'contacts',
  'contracts',
  'deals',
  'incidents',
]
const PREVIEW_BYTES = 256 * 1024
const POLL_MS = 700

/** The upload form: kind, file, column mapping with preview, then progress and results. */
export function ImportUpload(props: { fields: ImportFieldsResponse; onFinished: () => void }) {
  const api = useApi()
  const [kind, setKind] = useState<Kind>('orders')
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<CsvPreview | null>(null)
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [uploadFraction, setUploadFraction] = useState<number | null>(null)
  const [job, setJob] = useState<ImportJob | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const fields = props.fields.kinds[kind] ?? []

  const allFields = props.fields
  useEffect(() => {
    if (preview !== null) {
      setMapping(suggestMapping(allFields.kinds[kind] ?? [], preview.headers))
    }
  }, [allFields, kind, preview])

  usePollJob(job, setJob, props.onFinished)

  async function choose(chosen: File | null) {
    setFile(chosen)
    setJob(null)
    setError(null)
    setPreview(null)
    if (chosen !== null) {
      const head = await chosen.slice(0, PREVIEW_BYTES).text()
      setPreview(previewCsv(head, { maxRows: 8, complete: chosen.size <= PREVIEW_BYTES }))
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (file === null) {
      return
    }
    setError(null)
    setUploadFraction(0)
    try {
      const started = await api.upload<ImportJob>('/imports', file, {
        contentType: 'text/csv',
        query: { kind, fileName: file.name, map: JSON.stringify(mapping) },
        onProgress: setUploadFraction,
      })
      setJob(started)
    } catch (failure) {
      setError(toApiError(failure))
    } finally {
      setUploadFraction(null)
    }
  }

  const missing = missingRequired(fields, mapping)
  const running = uploadFraction !== null || job?.state === 'running'
  return (
    <form className="form import-form" onSubmit={submit}>
      <ImportSource
        kind={kind}
        disabled={running}
        onKind={setKind}
        onFile={(chosen) => void choose(chosen)}
      />
      {preview === null ? null : preview.headers.length === 0 ? (
        <p className="state state-error" role="alert">
          This file looks empty: there is no header row.
        </p>
      ) : (
        <ImportMapping fields={fields} preview={preview} mapping={mapping} onMapping={setMapping} />
      )}
      {error === null ? null : <ErrorState title="The import could not start" error={error} />}
      {missing.length === 0 || preview === null ? null : (
        <p className="muted" id="missing-fields">
          Map these required fields first: {missing.map(humanize).join(', ')}.
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={file === null || preview === null || missing.length > 0 || running}
        >
          {running ? 'Importing…' : 'Import'}
        </button>
      </div>
      <ImportProgress uploadFraction={uploadFraction} job={job} />
    </form>
  )
}

// asks for the import's state until it is no longer running, then says so once
function usePollJob(
  job: ImportJob | null,
  setJob: (job: ImportJob) => void,
  onFinished: () => void,
): void {
  const api = useApi()
  const onFinishedRef = useRef(onFinished)
  onFinishedRef.current = onFinished
  const reported = useRef<number | null>(null)
  useEffect(() => {
    if (job === null) {
      return
    }
    if (job.state !== 'running') {
      if (reported.current !== job.id) {
        reported.current = job.id
        onFinishedRef.current()
      }
      return
    }
    const timer = window.setTimeout(() => {
      // a failed poll tries again on the next tick
      api.get<ImportJob>(`/imports/${job.id}`).then(setJob, () => setJob({ ...job }))
    }, POLL_MS)
    return () => window.clearTimeout(timer)
  }, [api, job, setJob])
}

function ImportSource(props: {
  kind: Kind
  disabled: boolean
  onKind: (kind: Kind) => void
  onFile: (file: File | null) => void
}) {
  return (
    <div className="form-row">
      <label className="field">
        <span>What the file holds</span>
        <select
          name="kind"
          value={props.kind}
          disabled={props.disabled}
          onChange={(event) => props.onKind(event.target.value as Kind)}
        >
          {KINDS.map((one) => (
            <option key={one} value={one}>
              {humanize(one)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-grow">
        <span>CSV file (UTF-8, with a header row)</span>
        <input
          type="file"
          name="file"
          accept=".csv,text/csv"
          disabled={props.disabled}
          onChange={(event) => props.onFile(event.target.files?.[0] ?? null)}
        />
      </label>
    </div>
  )
}
