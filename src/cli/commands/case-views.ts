import type { CaseDetail, CaseSummary, CaseTimelineEntry } from '../../app/index.js'
import { type Column, formatMinor, renderFields, renderTable, writeOut } from '../output.js'

/** The columns of `comeback case list`. */
export const CASE_COLUMNS: readonly Column<CaseSummary>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'version', header: 'v', value: (row) => row.version, align: 'right' },
  { key: 'stage', header: 'stage', value: (row) => row.stage },
  { key: 'subject', header: 'subject', value: (row) => row.subjectKey },
  { key: 'customerName', header: 'customer', value: (row) => row.customerName },
  { key: 'attempt', header: 'try', value: (row) => row.attempt, align: 'right' },
  { key: 'owner', header: 'owner', value: (row) => row.owner.name },
  { key: 'reps', header: 'reps', value: (row) => row.reps.map((rep) => rep.name).join(', ') },
  { key: 'nextStep', header: 'next step', value: (row) => row.nextStep },
  { key: 'nextStepDueOn', header: 'due', value: (row) => row.nextStepDueOn },
  { key: 'overdue', header: 'late', value: (row) => row.overdue },
  { key: 'reasons', header: 'reasons', value: (row) => row.reasons.join(' ') },
  { key: 'endedOn', header: 'ended', value: (row) => row.endedOn },
]

const TIMELINE_COLUMNS: readonly Column<CaseTimelineEntry>[] = [
  { key: 'at', header: 'when', value: (row) => row.at.slice(0, 19).replace('T', ' ') },
  { key: 'actor', header: 'who', value: (row) => row.actor },
  { key: 'kind', header: 'what', value: (row) => row.kind },
  {
    key: 'stage',
    header: 'stage',
    value: (row) => (row.toStage === null ? '' : `${row.fromStage ?? ''} → ${row.toStage}`),
  },
  { key: 'note', header: 'note', value: (row) => row.note },
]

/** Prints one case for people: its fields, its finding, the next stage's questions, its timeline. */
export function writeCaseDetail(detail: CaseDetail): void {
  const finding = detail.finding
  writeOut(
    renderFields([
      ['case', `${detail.id} (version ${detail.version})`],
      ['subject', `${detail.subjectKey} ${detail.customerName ?? ''}`.trim()],
      ['attempt', detail.attempt],
      ['stage', detail.stage === 'resting' ? `resting until ${detail.restUntil}` : detail.stage],
      ['owner', detail.owner.name],
      ['reps', detail.reps.map((rep) => rep.name).join(', ')],
      ['interviewer', detail.interviewer?.name ?? `${detail.owner.name} (owner)`],
      ['next step', detail.nextStep],
      ['due', `${detail.nextStepDueOn ?? ''}${detail.overdue ? ' (overdue)' : ''}`],
      ['lost on', detail.lostOn],
      ['lost value', formatMinor(detail.lostValueMinor)],
      ['reasons', detail.reasons.join(', ')],
      ['their words', finding.customerWords],
      [
        'their cost',
        finding.customerCostMinor === null
          ? finding.customerCostNote
          : `${formatMinor(finding.customerCostMinor)} ${finding.customerCostNote ?? ''}`.trim(),
      ],
      ['their remedy', finding.remedy],
      ['competitor', finding.competitor],
      ['plan', detail.planSummary],
      ['ended', detail.endedOn === null ? null : `${detail.endedOn}: ${detail.endingNote ?? ''}`],
    ]),
  )
  for (const override of detail.overrides) {
    writeOut(`override ${override.rule} by ${override.actor}: ${override.reason}\n`)
  }
  const open = detail.nextQuestions.filter((question) => !question.answered)
  if (open.length > 0) {
    writeOut(`\n${open[0]?.stage} asks:\n`)
    for (const question of open) {
      writeOut(`  ${question.required ? '*' : '-'} ${question.question}\n`)
    }
  }
  writeOut(`\n${renderTable(detail.timeline, TIMELINE_COLUMNS)}`)
}

/** Prints a case as JSON or for people. */
export function writeDetail(detail: CaseDetail, json: boolean): void {
  if (json) {
    writeOut(`${JSON.stringify(detail, null, 2)}\n`)
  } else {
    writeCaseDetail(detail)
  }
}
