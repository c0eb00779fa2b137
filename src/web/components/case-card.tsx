import { useEffect, useId, useRef, useState } from 'react'
import type { CaseSummaryItem } from '../api/contract-types.js'
import { formatDate } from '../lib/format.js'
import { Link } from '../lib/router.js'
import { BOARD_STAGES, type CaseStage, isEnding, STAGE_LABELS } from '../pages/case-stages.js'

/** What a case is about, in words: the customer, and the deal when it is a lost deal. */
export function caseSubject(item: CaseSummaryItem): string {
  const name = item.customerName ?? item.customerId
  return item.subjectKind === 'deal' ? `${name} · lost deal #${item.dealId ?? ''}` : name
}

/** The media type a dragged case card carries (its id), so drops from elsewhere are ignored. */
export const CASE_DRAG_TYPE = 'application/x-comeback-case'

/**
 * "Move to…": the keyboard- and screen-reader-usable way to do what dragging a card does. A
 * disclosure button opens a list of the other stages; Escape closes it and returns focus.
 */
export function MoveMenu(props: {
  subject: string
  stage: CaseStage
  onMove: (to: CaseStage) => void
}) {
  const [open, setOpen] = useState(false)
  const listId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  useEffect(() => {
    if (open) {
      listRef.current?.querySelector('button')?.focus()
    }
  }, [open])
  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }
  return (
    <div className="move-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button-secondary small"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`Move ${props.subject} to…`}
        onClick={() => setOpen(!open)}
      >
        Move to…
      </button>
      {open ? (
        <ul
          id={listId}
          ref={listRef}
          aria-label={`Stages for ${props.subject}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation()
              close()
            }
          }}
        >
          {BOARD_STAGES.filter((stage) => stage !== props.stage || stage === 'resting').map(
            (stage) => (
              <li key={stage}>
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => {
                    // focus goes back to the card's button, where the move dialog returns it
                    setOpen(false)
                    buttonRef.current?.focus()
                    props.onMove(stage)
                  }}
                >
                  {STAGE_LABELS[stage]}
                </button>
              </li>
            ),
          )}
        </ul>
      ) : null}
    </div>
  )
}

/**
 * One case on the board: subject, owner, next step and its due date, overdue in red and in words.
 * Dragging it to another column moves it; "Move to…" does the same from the keyboard.
 */
export function CaseCard(props: { item: CaseSummaryItem; onMove: (to: CaseStage) => void }) {
  const { item } = props
  const subject = caseSubject(item)
  const ended = isEnding(item.stage)
  return (
    <li
      className={`case-card${item.overdue ? ' is-overdue' : ''}`}
      draggable={!ended}
      data-case-id={item.id}
      onDragStart={(event) => {
        event.dataTransfer.setData(CASE_DRAG_TYPE, String(item.id))
        event.dataTransfer.setData('text/plain', subject)
        event.dataTransfer.effectAllowed = 'move'
      }}
    >
      <Link className="case-subject" to={`/cases/${item.id}`}>
        {subject}
      </Link>
      <p className="muted small">Owner: {item.owner.name}</p>
      {ended ? (
        <p className="small">Ended {formatDate(item.endedOn)}</p>
      ) : (
        <>
          <p className="small">{item.nextStep ?? 'No next step yet'}</p>
          <p className="small">
            Due {formatDate(item.nextStepDueOn)}
            {item.overdue ? <span className="overdue-flag"> · overdue</span> : null}
          </p>
          <MoveMenu subject={subject} stage={item.stage} onMove={props.onMove} />
        </>
      )}
    </li>
  )
}
