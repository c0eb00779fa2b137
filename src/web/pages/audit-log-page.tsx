import { useState } from 'react'
import type { AuditEntry, AuditListResponse } from '../../server/contract/audit.js'
import { PageHeader } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { humanize } from '../lib/format.js'
import { navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { AuditFilterForm, type AuditFilters, auditFiltersFromSearch } from './audit-log-filters.js'

const PAGE_SIZE = 50

/**
 * The audit log for the admin and the VP: who did what to which object and when, newest first,
 * filtered and paged back in time. Rows name people by id and fields by name, never values.
 */
export function AuditLogPage() {
  const api = useApi()
  const { search } = useLocation()
  const filters = auditFiltersFromSearch(search)
  const before = /^\d+$/.test(search.get('before') ?? '') ? (search.get('before') ?? '') : ''
  // the pages already seen, so "Newer" can go back the way "Older" came
  const [newer, setNewer] = useState<string[]>([])
  const go = (next: AuditFilters, nextBefore: string) =>
    navigate(pathWithQuery('/audit', { ...next, before: nextBefore }), { replace: true })
  const page = useApiQuery(JSON.stringify([filters, before]), (signal) =>
    api.get<AuditListResponse>('/audit', {
      query: { ...filters, limit: PAGE_SIZE, beforeId: before },
      signal,
    }),
  )
  return (
    <>
      <PageHeader title="Audit log" lead="Who did what, to which record, and when (UTC)." />
      <AuditFilterForm
        filters={filters}
        onApply={(next) => {
          setNewer([])
          go(next, '')
        }}
      />
      {page.data === undefined && page.loading ? (
        <LoadingState label="Loading the audit log…" />
      ) : null}
      {page.error === undefined ? null : <ErrorState error={page.error} onRetry={page.reload} />}
      {page.data !== undefined && page.error === undefined ? (
        page.data.items.length === 0 ? (
          <EmptyState title="No entries match these filters" />
        ) : (
          <div className={page.loading ? 'is-reloading' : undefined} aria-busy={page.loading}>
            <AuditTable items={page.data.items} />
            <nav className="pager" aria-label="Audit log pages">
              <p aria-live="polite">
                {`${page.data.items.length} ${page.data.items.length === 1 ? 'entry' : 'entries'}, newest first`}
              </p>
              <div className="pager-buttons">
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={newer.length === 0}
                  onClick={() => {
                    go(filters, newer.at(-1) ?? '')
                    setNewer(newer.slice(0, -1))
                  }}
                >
                  ← Newer
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={page.data.nextBeforeId === null}
                  onClick={() => {
                    setNewer([...newer, before])
                    go(filters, String(page.data?.nextBeforeId ?? ''))
                  }}
                >
                  Older →
                </button>
              </div>
            </nav>
          </div>
        )
      ) : null}
    </>
  )
}

function AuditTable(props: { items: readonly AuditEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Audit log entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Fields</th>
            <th scope="col">Request</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">{entry.at.replace('T', ' ').replace(/\.\d+Z$/, '')}</td>
              <td>
                {entry.actor}
                <span className="muted small"> · {entry.via}</span>
              </td>
              <td>{humanize(entry.action)}</td>
              <td>
                {humanize(entry.objectType)}
                {entry.objectId === null ? null : (
                  <span className="muted small"> · {entry.objectId}</span>
                )}
              </td>
              <td className="small">{entry.fields.length === 0 ? '–' : entry.fields.join(', ')}</td>
              <td className="muted small">{entry.requestId ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
