import { type ReactNode, useState } from 'react'
import { toApiError } from '../api/api-error.js'
import type {
  LetGoResponse,
  LetGoSuggestionItem,
  LetGoSuggestionsResponse,
} from '../api/keep-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, humanize } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

/**
 * Let go (SPEC §7): customers the data says are not worth winning back, each with the rule that
 * fired; sales management lets them go (leave them happy, ask for a referral; no campaigns) or
 * dismisses the suggestion.
 */
export function LetGoPage() {
  const api = useApi()
  const suggestions = useApiQuery('let-go-suggestions', (signal) =>
    api.get<LetGoSuggestionsResponse>('/let-go/suggestions', { signal }),
  )
  let body: ReactNode
  if (suggestions.data === undefined) {
    body =
      suggestions.error === undefined ? (
        <LoadingState label="Loading suggestions…" />
      ) : (
        <ErrorState error={suggestions.error} onRetry={suggestions.reload} />
      )
  } else if (suggestions.data.items.length === 0) {
    body = <EmptyState title="Nobody to let go">No customer meets the let-go rule.</EmptyState>
  } else {
    body = <SuggestionTable items={suggestions.data.items} onChange={suggestions.reload} />
  }
  return (
    <>
      <PageHeader
        title="Let go"
        lead="Difficult or unprofitable customers: leave them happy, keep them referring."
      />
      <Panel title="Suggested by the data" id="let-go-suggestions">
        {body}
      </Panel>
    </>
  )
}

function SuggestionTable(props: { items: readonly LetGoSuggestionItem[]; onChange: () => void }) {
  const api = useApi()
  const [problem, setProblem] = useState('')
  const decide = (item: LetGoSuggestionItem, decision: 'let_go' | 'dismissed') =>
    api
      .send<LetGoResponse>('POST', `/customers/${encodeURIComponent(item.customerId)}/let-go`, {
        decision,
        ...(decision === 'let_go' ? { reason: item.reason } : {}),
      })
      .then(props.onChange, (failure: unknown) => setProblem(toApiError(failure).message))
  return (
    <>
      {problem === '' ? null : (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" aria-label="Let-go suggestions">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Incidents</th>
              <th scope="col">Orders undone</th>
              <th scope="col">Why</th>
              <th scope="col">Decide</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr key={item.customerId}>
                <td>
                  <Link to={`/customers/${encodeURIComponent(item.customerId)}`}>
                    {item.customerName ?? item.customerId}
                  </Link>
                </td>
                <td>{formatCount(item.incidents)}</td>
                <td>
                  {formatCount(item.refundedOrCancelled)} of {formatCount(item.orders)}
                </td>
                <td>
                  {humanize(item.reason)}: {item.findings.map((finding) => finding.rule).join('; ')}
                </td>
                <td>
                  <button
                    type="button"
                    className="button small"
                    onClick={() => decide(item, 'let_go')}
                  >
                    Let go
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-secondary small"
                    onClick={() => decide(item, 'dismissed')}
                  >
                    Dismiss
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
