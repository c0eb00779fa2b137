import { useEffect, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import type { DraftPreviewBody, TemplatePreviewResponse } from '../api/outreach-types.js'
import { ErrorState } from '../components/states.js'
import { useApi } from '../lib/session.js'

/** How long typing must pause before the preview is asked for again. */
export const PREVIEW_DEBOUNCE_MS = 300

/**
 * The draft rendered by the server (`POST /api/template-preview`) a moment after typing stops:
 * what is shown is what would go out. A newer draft cancels the older request, so a slow answer
 * never overwrites a newer one.
 */
export function useDraftPreview(draft: DraftPreviewBody): {
  preview: TemplatePreviewResponse | undefined
  error: ApiError | undefined
  pending: boolean
} {
  const api = useApi()
  const [preview, setPreview] = useState<TemplatePreviewResponse | undefined>(undefined)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [pending, setPending] = useState(true)
  const key = JSON.stringify(draft)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft's JSON says when to ask again
  useEffect(() => {
    let live = true
    setPending(true)
    const timer = setTimeout(() => {
      api.send<TemplatePreviewResponse>('POST', '/template-preview', JSON.parse(key)).then(
        (answer) => {
          if (live) {
            setPreview(answer)
            setError(undefined)
            setPending(false)
          }
        },
        (failure: unknown) => {
          if (live) {
            setError(toApiError(failure))
            setPending(false)
          }
        },
      )
    }, PREVIEW_DEBOUNCE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [key])
  return { preview, error, pending }
}

/** The live preview: subject and text as plain text (never HTML), or the server's refusal. */
export function TemplatePreviewPane(props: { draft: DraftPreviewBody }) {
  const { preview, error, pending } = useDraftPreview(props.draft)
  return (
    <section
      className="template-preview"
      aria-labelledby="template-preview-title"
      aria-busy={pending}
    >
      <h3 id="template-preview-title">
        Preview <span className="muted small">(sample customer and contact)</span>
      </h3>
      {error === undefined ? null : <ErrorState error={error} title="This cannot be rendered" />}
      {preview === undefined || error !== undefined ? null : (
        <div data-testid="template-preview">
          {preview.subject === null ? null : (
            <p>
              <strong>Subject:</strong> <span data-testid="preview-subject">{preview.subject}</span>
            </p>
          )}
          <pre className="wrap preview-text" data-testid="preview-text">
            {preview.text}
          </pre>
        </div>
      )}
    </section>
  )
}
