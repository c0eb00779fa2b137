import { type FormEvent, useState } from 'react'
import { type ApiError, toApiError } from '../api/api-error.js'
import {
  MERGE_FIELD_HELP,
  type TemplateInputBody,
  type TemplateItem,
  type TemplateKind,
} from '../api/outreach-types.js'
import { ErrorState } from '../components/states.js'
import { humanize } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { etagOf } from './case-move.js'
import { TemplatePreviewPane } from './template-preview-pane.js'

export const TEMPLATE_KINDS: readonly TemplateKind[] = [
  'email',
  'letter',
  'card_note',
  'call_script',
]

/** The facts a preview merges in besides the sample customer and contact. */
interface Facts {
  readonly reason: string
  readonly whatWasFixed: string
  readonly offer: string
}

const SAMPLE_FACTS: Facts = {
  reason: 'late deliveries',
  whatWasFixed: 'a second warehouse now ships within two days',
  offer: 'a free service upgrade for three months',
}

const BLANK: TemplateInputBody = {
  kind: 'email',
  tone: 'professional',
  name: '',
  subject: '',
  body: 'Dear {{contact}},\n\n',
}

/**
 * Writes a template, or a new version of one, beside its live preview. Those who may not write
 * templates (reps) see the same fields read-only and the preview; the API refuses their writes too.
 */
export function TemplateEditor(props: {
  template: TemplateItem | null
  canWrite: boolean
  onSaved: (saved: TemplateItem) => void
}) {
  const api = useApi()
  const [draft, setDraft] = useState<TemplateInputBody>(
    props.template === null
      ? BLANK
      : {
          kind: props.template.kind,
          tone: props.template.tone,
          name: props.template.name,
          subject: props.template.subject,
          body: props.template.body,
        },
  )
  const [facts, setFacts] = useState<Facts>(SAMPLE_FACTS)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<TemplateInputBody>) => setDraft({ ...draft, ...patch })
  const body = { ...draft, subject: draft.kind === 'email' ? (draft.subject ?? '') : null }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    const saving =
      props.template === null
        ? api.send<TemplateItem>('POST', '/templates', body)
        : api.send<TemplateItem>('PATCH', `/templates/${props.template.key}`, body, {
            ifMatch: etagOf(props.template.version),
          })
    saving.then(
      (saved) => {
        setBusy(false)
        setError(undefined)
        props.onSaved(saved)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(toApiError(failure))
      },
    )
  }
  const readOnly = !props.canWrite
  return (
    <div className="grid-2 template-editor">
      <form className="form" onSubmit={submit} aria-label="Template">
        <TemplateFields
          draft={draft}
          set={set}
          readOnly={readOnly}
          isNew={props.template === null}
        />
        <FactFields facts={facts} setFacts={setFacts} />
        <MergeFieldList />
        {error === undefined ? null : (
          <ErrorState error={error} title="The template was not saved" />
        )}
        {readOnly ? (
          <p className="muted">
            Reps read templates; a manager, the VP or an analyst changes them.
          </p>
        ) : (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy
                ? 'Saving…'
                : props.template === null
                  ? 'Save the template'
                  : 'Save a new version'}
            </button>
          </div>
        )}
      </form>
      <TemplatePreviewPane
        draft={{ kind: body.kind, subject: body.subject, body: body.body, ...facts }}
      />
    </div>
  )
}

function TemplateFields(props: {
  draft: TemplateInputBody
  set: (patch: Partial<TemplateInputBody>) => void
  readOnly: boolean
  isNew: boolean
}) {
  const { draft, set, readOnly } = props
  return (
    <>
      <div className="form-row">
        <label className="field">
          <span>Kind</span>
          <select
            name="kind"
            value={draft.kind}
            disabled={readOnly || !props.isNew}
            onChange={(e) => set({ kind: e.target.value as TemplateKind })}
          >
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
            value={draft.tone}
            disabled={readOnly || !props.isNew}
            onChange={(e) => set({ tone: e.target.value as TemplateInputBody['tone'] })}
          >
            <option value="professional">Professional</option>
            <option value="fun">Fun</option>
          </select>
        </label>
        <label className="field field-grow">
          <span>Name</span>
          <input
            name="name"
            required
            readOnly={readOnly}
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
      </div>
      {draft.kind === 'email' ? (
        <label className="field">
          <span>Subject</span>
          <input
            name="subject"
            readOnly={readOnly}
            value={draft.subject ?? ''}
            onChange={(e) => set({ subject: e.target.value })}
          />
        </label>
      ) : null}
      <label className="field">
        <span>Text</span>
        <textarea
          name="body"
          rows={12}
          readOnly={readOnly}
          value={draft.body}
          onChange={(e) => set({ body: e.target.value })}
        />
      </label>
    </>
  )
}

function FactFields(props: { facts: Facts; setFacts: (facts: Facts) => void }) {
  const { facts, setFacts } = props
  const field = (name: keyof Facts, label: string) => (
    <label className="field field-grow">
      <span>{label}</span>
      <input
        name={`sample-${name}`}
        value={facts[name]}
        onChange={(e) => setFacts({ ...facts, [name]: e.target.value })}
      />
    </label>
  )
  return (
    <fieldset className="field-group">
      <legend>Sample facts for the preview</legend>
      <div className="form-row">
        {field('reason', 'Reason they left')}
        {field('whatWasFixed', 'What was fixed')}
        {field('offer', 'The offer')}
      </div>
    </fieldset>
  )
}

function MergeFieldList() {
  return (
    <details className="merge-fields" open>
      <summary>Merge fields</summary>
      <ul aria-label="Merge fields">
        {MERGE_FIELD_HELP.map(([name, help]) => (
          <li key={name}>
            <code>{`{{${name}}}`}</code> <span className="muted small">{help}</span>
          </li>
        ))}
      </ul>
    </details>
  )
}
