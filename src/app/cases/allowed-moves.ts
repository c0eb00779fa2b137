import { CASE_STAGES, type CaseStage, STAGE_QUESTIONS } from '../../domain/case-stage.js'
import {
  type CaseFacts,
  isAnswered,
  requiredQuestions,
  transitionProblem,
} from '../../domain/win-back-case.js'
import type { OpenQuestion } from './case-detail.js'

/** A stage a case may be moved to now, what that move asks, and whether it is all answered. */
export interface AllowedMove {
  readonly stage: CaseStage
  readonly questions: readonly OpenQuestion[]
  readonly ready: boolean
}

/**
 * Every stage the case may move to (the board's drop targets), each with the target stage's own
 * questions and any required earlier one still unanswered, so the move dialog can ask them all.
 * @example allowedMoves(caseFacts(row, 0)).map((move) => move.stage) // ['researching', …]
 */
export function allowedMoves(facts: CaseFacts): AllowedMove[] {
  return CASE_STAGES.filter((to) => transitionProblem(facts.stage, to) === null).map((to) => {
    const required = requiredQuestions(to)
    const own = STAGE_QUESTIONS[to]
    const earlier = required.filter(
      (question) =>
        !own.some((mine) => mine.field === question.field) && !isAnswered(facts, question.field),
    )
    const questions = [...earlier, ...own].map((question) => ({
      stage: to,
      field: question.field,
      question: question.question,
      required: question.required || required.some((r) => r.field === question.field),
      answered: isAnswered(facts, question.field),
    }))
    return {
      stage: to,
      questions,
      ready: required.every((question) => isAnswered(facts, question.field)),
    }
  })
}
