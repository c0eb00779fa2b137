import type { ReactNode } from 'react'
import type { ApiError } from '../api/api-error.js'

/** A spinner with words, announced politely to screen readers. */
export function LoadingState(props: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{props.label ?? 'Loading…'}</span>
    </div>
  )
}

/** What went wrong, in the API's words, with a way to try again. */
export function ErrorState(props: { error: ApiError; onRetry?: () => void; title?: string }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{props.title ?? 'Something went wrong'}</p>
      <p>{props.error.message}</p>
      {props.error.issues.length > 0 ? (
        <ul className="issues">
          {props.error.issues.map((issue) => (
            <li key={`${issue.path.join('.')}:${issue.message}`}>
              {issue.path.length > 0 ? <code>{issue.path.join('.')}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {props.onRetry === undefined ? null : (
        <button type="button" className="button button-secondary" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{props.title}</p>
      {props.children === undefined ? null : <div className="state-body">{props.children}</div>}
    </div>
  )
}
