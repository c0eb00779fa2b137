import type { TemplateItem } from '../api/outreach-types.js'
import { PageHeader, Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatDate, humanize } from '../lib/format.js'
import { Link, navigate, pathWithQuery, useLocation } from '../lib/router.js'
import { useApi, useMe } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { TEMPLATE_KINDS, TemplateEditor } from './template-editor.js'

/** Who writes templates (SPEC access policy: managers, VP, analysts, admin; reps read). */
export const TEMPLATE_WRITERS = new Set(['admin', 'vp', 'manager', 'analyst'])

/** Templates by kind and set, and the editor with its live preview (`?key=` or `?key=new`). */
export function TemplatesPage() {
  const api = useApi()
  const me = useMe()
  const { search } = useLocation()
  const kind = search.get('kind') ?? ''
  const tone = search.get('tone') ?? ''
  const key = search.get('key') ?? ''
  const templates = useApiQuery('templates', (signal) =>
    api.get<{ items: TemplateItem[] }>('/templates', { signal }),
  )
  const canWrite = TEMPLATE_WRITERS.has(me.user.role)
  const go = (query: Record<string, string>) =>
    navigate(pathWithQuery('/templates', { kind, tone, key, ...query }), { replace: true })
  const items = (templates.data?.items ?? []).filter(
    (item) => (kind === '' || item.kind === kind) && (tone === '' || item.tone === tone),
  )
  const open = templates.data?.items.find((item) => item.key === key)
  return (
    <>
      <PageHeader
        title="Templates"
        lead="Emails, letters, card notes and call scripts, in a fun and a professional set."
        actions={
          canWrite ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => go({ key: 'new' })}
            >
              New template
            </button>
          ) : undefined
        }
      />
      <TemplateFilters kind={kind} tone={tone} onChange={go} />
      {key === '' ? null : key === 'new' || open !== undefined ? (
        <Panel
          title={open === undefined ? 'New template' : `${open.name} · version ${open.version}`}
          id="template-edit"
        >
          <TemplateEditor
            key={`${key}:${open?.version ?? 0}`}
            template={open ?? null}
            canWrite={canWrite}
            onSaved={(saved) => {
              templates.reload()
              go({ key: saved.key })
            }}
          />
        </Panel>
      ) : templates.loading ? null : (
        <EmptyState title={`No template ${key}`} />
      )}
      <Panel title="All templates" id="template-list">
        {templates.data === undefined && templates.loading ? (
          <LoadingState label="Loading the templates…" />
        ) : null}
        {templates.error === undefined ? null : (
          <ErrorState error={templates.error} onRetry={templates.reload} />
        )}
        {templates.data === undefined ? null : items.length === 0 ? (
          <EmptyState title="No templates of this kind and set" />
        ) : (
          <TemplateTable items={items} />
        )}
      </Panel>
    </>
  )
}

function TemplateFilters(props: {
  kind: string
  tone: string
  onChange: (query: Record<string, string>) => void
}) {
  return (
    <form
      className="filters"
      aria-label="Filter the templates"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="field">
        <span>Kind</span>
        <select
          name="kind"
          value={props.kind}
          onChange={(e) => props.onChange({ kind: e.target.value })}
        >
          <option value="">All kinds</option>
          {TEMPLATE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {humanize(kind)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Set</span>
        <select
          name="tone"
          value={props.tone}
          onChange={(e) => props.onChange({ tone: e.target.value })}
        >
          <option value="">Both sets</option>
          <option value="fun">Fun</option>
          <option value="professional">Professional</option>
        </select>
      </label>
    </form>
  )
}

function TemplateTable(props: { items: readonly TemplateItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table templates-table">
        <caption className="visually-hidden">Templates, newest version of each</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Set</th>
            <th scope="col">Version</th>
            <th scope="col">Changed</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.key}>
              <td>
                <Link to={pathWithQuery('/templates', { key: item.key })}>{item.name}</Link>
                {item.shipped ? <span className="muted small"> · shipped</span> : null}
              </td>
              <td>{humanize(item.kind)}</td>
              <td>{humanize(item.tone)}</td>
              <td>{item.version}</td>
              <td>{formatDate(item.createdAt.slice(0, 10))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
