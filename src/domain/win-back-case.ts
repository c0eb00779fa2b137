import {
  type CaseField,
  type CaseStage,
  isCaseEnding,
  isOpenStage,
  OPEN_STAGES,
  type OpenStage,
  STAGE_QUESTIONS,
  type StageQuestion,
  stageRank,
} from './case-stage.js'
import type { Issue } from './errors.js'

/**
 * What the state machine needs to know about a case: where it stands and what it has recorded so
 * far (after the move's own answers are merged in).
 */
export interface CaseFacts {
  readonly stage: CaseStage
  /** the open stage a resting case returns to */
  readonly resumeStage: OpenStage | null
  readonly restUntil: string | null
  readonly researchNotes: string | null
  readonly approachChannel: string | null
  readonly interviewerId: number | null
  readonly customerWords: string | null
  readonly reasonCount: number
  readonly customerCostMinor: number | null
  readonly customerCostNote: string | null
  readonly remedy: string | null
  readonly planSummary: string | null
  readonly endingNote: string | null
}

/** Where a case stands after an allowed move. */
export interface MoveOutcome {
  readonly stage: CaseStage
  readonly resumeStage: OpenStage | null
  readonly restUntil: string | null
  /** true when the case ends with this move */
  readonly ends: boolean
}

/**
 * Why a case cannot move from `from` to `to`, or null when the move is allowed. Every move is
 * allowed except out of an ending (a new attempt is a new case) and onto the stage it is already
 * in (resting again with a new date is allowed).
 * @example transitionProblem('won_back', 'approached') // 'case has ended as won_back: …'
 */
export function transitionProblem(from: CaseStage, to: CaseStage): string | null {
  if (isCaseEnding(from)) {
    return `the case has ended as ${from}: a new attempt is a new case`
  }
  if (from === to && to !== 'resting') {
    return `the case is already at ${to}`
  }
  return null
}

/**
 * The questions a case must have answered to stand at `stage`: for an open stage, those of every
 * open stage up to it (skipping a step still has to produce what that step produces); for won back,
 * those of every open stage; for the other endings and resting, their own.
 * @example requiredQuestions('meeting_held').map((q) => q.field) // ['approachChannel', 'interviewerId', …]
 */
export function requiredQuestions(stage: CaseStage): StageQuestion[] {
  const own = (name: CaseStage) => STAGE_QUESTIONS[name].filter((question) => question.required)
  if (isOpenStage(stage) || stage === 'won_back') {
    const upTo = OPEN_STAGES.filter((open) => stageRank(open) <= stageRank(stage))
    return [...upTo.flatMap(own), ...(stage === 'won_back' ? own('won_back') : [])]
  }
  return own(stage)
}

/** True when the case has an answer for `field`. */
export function isAnswered(facts: CaseFacts, field: CaseField): boolean {
  switch (field) {
    case 'reasons':
      return facts.reasonCount > 0
    case 'interviewerId':
      return facts.interviewerId !== null
    case 'customerCost':
      return facts.customerCostMinor !== null || hasText(facts.customerCostNote)
    case 'restUntil':
      return facts.restUntil !== null
    default:
      return hasText(facts[field])
  }
}

/**
 * Checks a move against the machine: the transition, every question the target stage needs
 * answered, and for resting a date after today. Returns the problems as issues (empty when the
 * move is allowed).
 * @example checkMove(facts, 'meeting_held', '2024-05-01') // [{ path: ['customerWords'], … }]
 */
export function checkMove(facts: CaseFacts, to: CaseStage, today: string): Issue[] {
  const problem = transitionProblem(facts.stage, to)
  if (problem !== null) {
    return [{ path: ['stage'], message: problem }]
  }
  const issues: Issue[] = requiredQuestions(to)
    .filter((question) => !isAnswered(facts, question.field))
    .map((question) => ({
      path: [question.field],
      message: `${to} needs an answer: ${question.question}`,
    }))
  if (to === 'resting' && facts.restUntil !== null && facts.restUntil <= today) {
    issues.push({ path: ['restUntil'], message: `rest until a date after today (${today})` })
  }
  return issues
}

/**
 * Where a case stands after moving from `from` to `to` (already checked with `checkMove`): a
 * resting case remembers the open stage it left, an open stage forgets any rest, an ending ends.
 * @example moveOutcome({ stage: 'approached', … }, 'resting') // { stage: 'resting', resumeStage: 'approached', … }
 */
export function moveOutcome(facts: CaseFacts, to: CaseStage): MoveOutcome {
  if (to === 'resting') {
    const resumeStage = isOpenStage(facts.stage) ? facts.stage : facts.resumeStage
    return { stage: to, resumeStage, restUntil: facts.restUntil, ends: false }
  }
  return { stage: to, resumeStage: null, restUntil: null, ends: isCaseEnding(to) }
}

/**
 * The open stage a resting case comes back to on `today`, or null while it still rests (SPEC: on
 * the date it comes back with a next step).
 * @example stageAfterRest({ stage: 'resting', restUntil: '2024-05-01', resumeStage: 'approached', … }, '2024-05-01') // 'approached'
 */
export function stageAfterRest(facts: CaseFacts, today: string): OpenStage | null {
  if (facts.stage !== 'resting' || facts.restUntil === null || facts.restUntil > today) {
    return null
  }
  return facts.resumeStage ?? 'identified'
}

function hasText(value: string | null): boolean {
  return value !== null && value.trim() !== ''
}
