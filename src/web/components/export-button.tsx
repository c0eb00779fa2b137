import { useState } from 'react'
import { apiUrl, type QueryParams } from '../api/api-client.js'
import { type ApiError, apiErrorFrom, networkError } from '../api/api-error.js'

/** The name the server gives the download (`Content-Disposition`), or a fallback. */
function downloadName(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? ''
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback
}

/**
 * Downloads an export of the list with its current filters. The request goes through fetch, not a
 * plain link, so a refusal (403 for a bulk export the role may not make, 429 past the quota) shows
 * the server's words here instead of leaving the page.
 * @example <ExportButton path="/lost/export" query={filters} fileName="lost-list.csv" />
 */
export function ExportButton(props: {
  path: string
  query: QueryParams
  fileName: string
  label?: string
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const download = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(apiUrl(props.path, props.query), {
        credentials: 'same-origin',
        headers: { accept: 'text/csv' },
      })
      if (!response.ok) {
        setError(await apiErrorFrom(response))
        return
      }
      const url = URL.createObjectURL(await response.blob())
      const link = document.createElement('a')
      link.href = url
      link.download = downloadName(response, props.fileName)
      document.body.append(link)
      link.click()
      link.remove()
      // the browser has taken the file once the click ran; free the blob a little later
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (failure) {
      setError(networkError(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="export-action">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void download()}
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? 'Exporting…' : (props.label ?? 'Export CSV')}
      </button>
      {error === null ? null : (
        <p className="export-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  )
}
