import type { CaseDetailResponse } from '../api/contract-types.js'
import { ruleName } from '../components/rule-refusal.js'
import { formatDate, formatMoney, humanize } from '../lib/format.js'
import { type CaseStage, isEnding, OPEN_STAGES, STAGE_LABELS } from './case-stages.js'

type TimelineEntry = CaseDetailResponse['timeline'][number]

const stageLabel = (stage: string | null) =>
  stage === null ? '–' : (STAGE_LABELS[stage as CaseStage] ?? humanize(stage))

function ruleOf(data: unknown): string | null {
  return typeof data === 'object' &&
    data !== null &&
    'rule' in data &&
    typeof data.rule === 'string'
    ? data.rule
    : null
}

/** One timeline entry in words: what happened, between which stages or to which rule. */
export function timelineWhat(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'moved':
      return `Moved from ${stageLabel(entry.fromStage)} to ${stageLabel(entry.toStage)}`
    case 'rule_overridden': {
      const rule = ruleOf(entry.data)
      return `Rule overridden: ${rule === null ? 'a case rule' : ruleName(rule)}`
    }
    case 'finding_recorded':
      return 'Finding recorded'
    case 'assigned':
      return 'People changed'
    case 'opened':
      return 'Case opened'
    default:
      return humanize(entry.kind)
  }
}

// the server names people `user:<id>`; the page shows the names it knows
function actorName(actor: string, names: ReadonlyMap<number, string>): string {
  const id = /^user:(\d+)$/.exec(actor)?.[1]
  return id === undefined ? actor : (names.get(Number(id)) ?? actor)
}

// a move's note is the next step the case got; an override's is its written reason
function noteOf(entry: TimelineEntry): string | null {
  if (entry.note === null) {
    return null
  }
  return entry.kind === 'moved' || entry.kind === 'opened' || entry.kind === 'assigned'
    ? `Next step: ${entry.note}`
    : entry.note
}

/** Everything that happened on the case, oldest first, each with who and when. */
export function CaseTimeline(props: {
  entries: CaseDetailResponse['timeline']
  names: ReadonlyMap<number, string>
}) {
  if (props.entries.length === 0) {
    return <p className="muted">Nothing has happened yet.</p>
  }
  return (
    <ol className="timeline" aria-label="Timeline">
      {props.entries.map((entry, index) => (
        // entries have no id; their order never changes
        // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only
        <li key={index}>
          <span className="timeline-what">{timelineWhat(entry)}</span>
          <span className="muted small">
            {' '}
            · {actorName(entry.actor, props.names)} · {formatDate(entry.at)}
          </span>
          {entry.note === null ? null : <p className="timeline-note">{noteOf(entry)}</p>}
        </li>
      ))}
    </ol>
  )
}

/** The open stages as steps, the current one marked for screen readers too. */
export function StageSteps(props: { stage: CaseStage }) {
  const steps: readonly CaseStage[] =
    isEnding(props.stage) || props.stage === 'resting'
      ? [...OPEN_STAGES, props.stage]
      : [...OPEN_STAGES, 'won_back']
  return (
    <ol className="stage-steps" aria-label="Stages">
      {steps.map((stage) => (
        <li key={stage} {...(stage === props.stage ? { 'aria-current': 'step' as const } : {})}>
          {STAGE_LABELS[stage]}
        </li>
      ))}
    </ol>
  )
}

function Answer(props: { term: string; value: string | null }) {
  return props.value === null || props.value === '' ? null : (
    <>
      <dt>{props.term}</dt>
      <dd>{props.value}</dd>
    </>
  )
}

/** What the case has found so far, in the words people typed. */
export function CaseAnswers(props: { detail: CaseDetailResponse; currency: string }) {
  const { detail, currency } = props
  const { finding } = detail
  const cost = [
    finding.customerCostMinor === null ? null : formatMoney(finding.customerCostMinor, currency),
    finding.customerCostNote,
  ]
    .filter((part) => part !== null && part !== '')
    .join(' · ')
  const reasons = finding.reasonsRecorded
    .map((reason) =>
      reason.code === reason.liveCode ? reason.code : `${reason.code} (now ${reason.liveCode})`,
    )
    .map(humanize)
    .join(', ')
  const rows: [string, string | null][] = [
    ['Research', detail.researchNotes],
    ['Approached by', detail.approachChannel === null ? null : humanize(detail.approachChannel)],
    ['Interviewer', detail.interviewer?.name ?? null],
    ['In the customer’s words', finding.customerWords],
    ['Reasons', reasons],
    ['Competitor', finding.competitor],
    ['Reason note', finding.reasonNote],
    ['What it cost them', cost],
    ['What they would like done', finding.remedy],
    ['Plan agreed', detail.planSummary],
    ['Ending note', detail.endingNote],
  ]
  if (rows.every(([, value]) => value === null || value === '')) {
    return <p className="muted">Nothing recorded yet.</p>
  }
  return (
    <dl className="answer-list">
      {rows.map(([term, value]) => (
        <Answer key={term} term={term} value={value} />
      ))}
    </dl>
  )
}

/** The rules set aside on this case, each with its written reason. */
export function CaseOverrides(props: {
  overrides: CaseDetailResponse['overrides']
  names: ReadonlyMap<number, string>
}) {
  if (props.overrides.length === 0) {
    return <p className="muted">No rule has been set aside.</p>
  }
  return (
    <ul className="contact-list">
      {props.overrides.map((override) => (
        <li key={`${override.rule}:${override.at}`}>
          <span className="strong">{ruleName(override.rule)}</span>
          <span className="muted small">
            {' '}
            · {actorName(override.actor, props.names)} · {formatDate(override.at)}
          </span>
          <p className="timeline-note">{override.reason}</p>
        </li>
      ))}
    </ul>
  )
}
