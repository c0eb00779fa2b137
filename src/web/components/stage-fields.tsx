import { useId } from 'react'
import type { AllowedMove } from '../api/contract-types.js'
import { humanize } from '../lib/format.js'
import { APPROACH_CHANNELS } from '../pages/case-stages.js'

/** One question a move asks, as the server words it. */
export type StageQuestionView = AllowedMove['questions'][number]

/** The typed answers of a stage's questions, as text until they are sent. */
export interface StageDraft {
  readonly researchNotes: string
  readonly approachChannel: string
  readonly interviewerId: string
  readonly customerWords: string
  readonly reasons: readonly string[]
  readonly competitor: string
  readonly customerCost: string
  readonly customerCostNote: string
  readonly remedy: string
  readonly planSummary: string
  readonly endingNote: string
  readonly restUntil: string
}

export const EMPTY_DRAFT: StageDraft = {
  researchNotes: '',
  approachChannel: '',
  interviewerId: '',
  customerWords: '',
  reasons: [],
  competitor: '',
  customerCost: '',
  customerCostNote: '',
  remedy: '',
  planSummary: '',
  endingNote: '',
  restUntil: '',
}

/** A choice of person or reason. */
export interface Choice {
  readonly value: string
  readonly label: string
}

interface FieldProps {
  question: StageQuestionView
  draft: StageDraft
  onEdit: (draft: StageDraft) => void
  people: readonly Choice[]
  reasons: readonly Choice[]
  currency: string
}

/** The inputs for a stage's questions, one labelled control (or group) per question. */
export function StageFields(
  props: Omit<FieldProps, 'question'> & {
    questions: readonly StageQuestionView[]
  },
) {
  const { questions, ...rest } = props
  return (
    <div className="stage-fields">
      {questions.map((question) => (
        <StageField key={question.field} question={question} {...rest} />
      ))}
    </div>
  )
}

function label(question: StageQuestionView): string {
  return question.required ? question.question : `${question.question} (optional)`
}

function TextAnswer(props: {
  question: StageQuestionView
  value: string
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label(props.question)}</label>
      <textarea
        id={id}
        name={props.question.field}
        rows={3}
        required={props.question.required}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  )
}

function StageField(props: FieldProps) {
  const { question, draft, onEdit } = props
  const id = useId()
  const set = (patch: Partial<StageDraft>) => onEdit({ ...draft, ...patch })
  switch (question.field) {
    case 'approachChannel':
    case 'interviewerId': {
      const options =
        question.field === 'approachChannel'
          ? APPROACH_CHANNELS.map((value) => ({ value, label: humanize(value) }))
          : props.people
      return (
        <div className="field">
          <label htmlFor={id}>{label(question)}</label>
          <select
            id={id}
            name={question.field}
            required={question.required}
            value={draft[question.field]}
            onChange={(event) => set({ [question.field]: event.target.value })}
          >
            <option value="">Choose…</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )
    }
    case 'reasons':
      return <ReasonChoices {...props} />
    case 'customerCost':
      return (
        <fieldset className="field-group">
          <legend>{label(question)}</legend>
          <label className="field field-narrow">
            <span>Amount ({props.currency})</span>
            <input
              type="number"
              name="customerCost"
              min="0"
              step="any"
              inputMode="decimal"
              value={draft.customerCost}
              onChange={(event) => set({ customerCost: event.target.value })}
            />
          </label>
          <label className="field field-grow">
            <span>In words</span>
            <input
              type="text"
              name="customerCostNote"
              value={draft.customerCostNote}
              onChange={(event) => set({ customerCostNote: event.target.value })}
            />
          </label>
        </fieldset>
      )
    case 'restUntil':
      return (
        <div className="field">
          <label htmlFor={id}>{label(question)}</label>
          <input
            id={id}
            type="date"
            name="restUntil"
            required
            value={draft.restUntil}
            onChange={(event) => set({ restUntil: event.target.value })}
          />
        </div>
      )
    default: {
      const field = question.field
      return (
        <TextAnswer
          question={question}
          value={draft[field]}
          onChange={(value) => set({ [field]: value })}
        />
      )
    }
  }
}

function ReasonChoices(props: FieldProps) {
  const { question, draft, onEdit } = props
  const toggle = (code: string, on: boolean) =>
    onEdit({
      ...draft,
      reasons: on ? [...draft.reasons, code] : draft.reasons.filter((value) => value !== code),
    })
  return (
    <fieldset className="field-group reason-choices">
      <legend>{label(question)}</legend>
      {props.reasons.map((reason) => (
        <label key={reason.value} className="check">
          <input
            type="checkbox"
            name="reasons"
            value={reason.value}
            checked={draft.reasons.includes(reason.value)}
            onChange={(event) => toggle(reason.value, event.target.checked)}
          />
          <span>{reason.label}</span>
        </label>
      ))}
      <label className="field field-grow">
        <span>Competitor (optional)</span>
        <input
          type="text"
          name="competitor"
          value={draft.competitor}
          onChange={(event) => onEdit({ ...draft, competitor: event.target.value })}
        />
      </label>
    </fieldset>
  )
}
