import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'
import type { ApiError } from '../api/api-error.js'
import { type CaseStage, STAGE_LABELS } from '../pages/case-stages.js'
import { type RuleOverrideInput, RuleRefusal, refusedRules } from './rule-refusal.js'
import {
  type Choice,
  EMPTY_DRAFT,
  type StageDraft,
  StageFields,
  type StageQuestionView,
} from './stage-fields.js'

const FOCUSABLE = 'button:not([disabled]), select, textarea, input, a[href]'

// Tab from the last control goes to the first and Shift+Tab from the first to the last, so
// keyboard focus never wanders behind the modal
function keepFocusInside(box: HTMLElement, event: KeyboardEvent<HTMLElement>): void {
  const controls = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)]
  const first = controls[0]
  const last = controls.at(-1)
  if (first === undefined || last === undefined) {
    return
  }
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * A modal dialog: focus moves into it (and stays there), Escape closes it, focus goes back to what opened it, and
 * the page behind is marked inert for assistive technology by `aria-modal`.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId()
  const boxRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const first = boxRef.current?.querySelector<HTMLElement>(
      'textarea, select, input, button:not(.dialog-close)',
    )
    ;(first ?? boxRef.current)?.focus()
    return () => opener?.focus()
  }, [])
  return (
    <div className="dialog-backdrop">
      <div
        ref={boxRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation()
            props.onClose()
          } else if (event.key === 'Tab' && boxRef.current !== null) {
            keepFocusInside(boxRef.current, event)
          }
        }}
      >
        <div className="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          <button
            type="button"
            className="button button-ghost dialog-close"
            aria-label="Close"
            onClick={props.onClose}
          >
            ×
          </button>
        </div>
        {props.children}
      </div>
    </div>
  )
}

/** What the stage dialog sends: the move's answers, and overrides when the rules refused it. */
export interface StageMove {
  readonly to: CaseStage
  readonly draft: StageDraft
  readonly overrides: readonly RuleOverrideInput[]
}

/**
 * The questions of the stage a case moves to, asked before the move is sent (SPEC: each stage
 * asks for what that step produces). A refusal by the case rules shows the override form; other
 * errors show the server's words beside the form.
 */
export function StageDialog(props: {
  to: CaseStage
  customerName: string
  questions: readonly StageQuestionView[]
  people: readonly Choice[]
  reasons: readonly Choice[]
  currency: string
  initial?: Partial<StageDraft>
  busy: boolean
  error: ApiError | undefined
  onSubmit: (move: StageMove) => void
  onClose: () => void
}) {
  const [draft, setDraft] = useState<StageDraft>({ ...EMPTY_DRAFT, ...props.initial })
  const refused = refusedRules(props.error)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    props.onSubmit({ to: props.to, draft, overrides: [] })
  }
  return (
    <Dialog title={`Move to ${STAGE_LABELS[props.to]}`} onClose={props.onClose}>
      <p className="muted">{props.customerName}</p>
      <form className="form" onSubmit={submit} aria-label={`Answers for ${STAGE_LABELS[props.to]}`}>
        {props.questions.length === 0 ? (
          <p>This step asks for nothing more. Move the case?</p>
        ) : (
          <StageFields
            questions={props.questions}
            draft={draft}
            onEdit={setDraft}
            people={props.people}
            reasons={props.reasons}
            currency={props.currency}
          />
        )}
        {props.error !== undefined && refused.length === 0 ? (
          <div className="form-error" role="alert">
            <p>{props.error.message}</p>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={props.busy}>
            {props.busy ? 'Moving…' : `Move to ${STAGE_LABELS[props.to]}`}
          </button>
          <button type="button" className="button button-ghost" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
      {refused.length === 0 ? null : (
        <RuleRefusal
          rules={refused}
          busy={props.busy}
          onOverride={(overrides) => props.onSubmit({ to: props.to, draft, overrides })}
        />
      )}
    </Dialog>
  )
}
