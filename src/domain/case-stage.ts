/**
 * The stages of a win-back case (SPEC "Case states") and what each one asks for. Open stages run
 * from Identified to Plan agreed; Resting (the icy shoulder) is open but paused; the three endings
 * close the case.
 */

/** The open stages, in the order a case moves through them. */
export const OPEN_STAGES = [
  'identified',
  'researching',
  'approached',
  'meeting_held',
  'plan_agreed',
] as const

/** The three ways a case ends ("ended cases" in the program figures). */
export const CASE_ENDINGS = ['won_back', 'not_compatible', 'let_go'] as const

export type OpenStage = (typeof OPEN_STAGES)[number]
export type CaseEnding = (typeof CASE_ENDINGS)[number]

/** Where a case stands: an open stage, resting until a date, or ended. */
export type CaseStage = OpenStage | 'resting' | CaseEnding

/** Every stage, board order: the open stages, resting, then the endings. */
export const CASE_STAGES: readonly CaseStage[] = [...OPEN_STAGES, 'resting', ...CASE_ENDINGS]

/** How an approach was made (the seeds: letters, cards, emails, calls, meetings, gifts). */
export const APPROACH_CHANNELS = [
  'letter',
  'card',
  'email',
  'call',
  'meeting',
  'gift',
  'other',
] as const
export type ApproachChannel = (typeof APPROACH_CHANNELS)[number]

/** True for the five open stages (not resting, not an ending). */
export function isOpenStage(stage: string): stage is OpenStage {
  return (OPEN_STAGES as readonly string[]).includes(stage)
}

/** True for won back, not compatible and let go. */
export function isCaseEnding(stage: string): stage is CaseEnding {
  return (CASE_ENDINGS as readonly string[]).includes(stage)
}

/** True for any stage name. */
export function isCaseStage(stage: string): stage is CaseStage {
  return (CASE_STAGES as readonly string[]).includes(stage)
}

/** A field of a case that a stage fills in. */
export type CaseField =
  | 'researchNotes'
  | 'approachChannel'
  | 'interviewerId'
  | 'customerWords'
  | 'reasons'
  | 'customerCost'
  | 'remedy'
  | 'planSummary'
  | 'endingNote'
  | 'restUntil'

/** One thing a stage asks for: the field it fills, the question put to people, and whether it must be answered. */
export interface StageQuestion {
  readonly field: CaseField
  readonly question: string
  readonly required: boolean
}

/**
 * What each stage asks for (the seeds: find out what happened, in the customer's words; what it
 * cost them; what they would like done; a specific plan both sides agree to).
 */
export const STAGE_QUESTIONS: Readonly<Record<CaseStage, readonly StageQuestion[]>> = {
  identified: [],
  researching: [
    {
      field: 'researchNotes',
      question: 'What do we know: their history, incidents, who decides there now?',
      required: false,
    },
  ],
  approached: [
    {
      field: 'approachChannel',
      question: 'How did we approach them: letter, card, email, call, meeting or gift?',
      required: true,
    },
  ],
  meeting_held: [
    { field: 'interviewerId', question: 'Who held the exit interview?', required: true },
    {
      field: 'customerWords',
      question: 'What happened, in the customer’s own words?',
      required: true,
    },
    { field: 'reasons', question: 'Which reason codes fit?', required: true },
    { field: 'customerCost', question: 'What did it cost them?', required: true },
    { field: 'remedy', question: 'What would they like us to do?', required: true },
  ],
  plan_agreed: [
    {
      field: 'planSummary',
      question: 'What plan of action did both sides agree to, with its conditions?',
      required: true,
    },
  ],
  resting: [{ field: 'restUntil', question: 'Until when do we leave them alone?', required: true }],
  won_back: [],
  not_compatible: [
    { field: 'endingNote', question: 'Why are we no longer a fit?', required: true },
    { field: 'reasons', question: 'Which reason codes fit?', required: false },
  ],
  let_go: [
    { field: 'endingNote', question: 'Why do we let them go?', required: true },
    { field: 'reasons', question: 'Which reason codes fit?', required: false },
  ],
}

/** The next step a case gets by default when it enters a stage. */
export const SUGGESTED_NEXT_STEP: Readonly<Record<OpenStage, string>> = {
  identified: 'Research the account: history, incidents, who decides now',
  researching: 'Approach them: a letter, a card or a call asking for a meeting',
  approached: 'Hold the exit interview: listen and find out what happened',
  meeting_held: 'Propose a specific plan of action and a make-good',
  plan_agreed: 'Deliver the plan and ask for the first order',
}

/** The stage's position on the board (open stages first); used to tell forward from back. */
export function stageRank(stage: CaseStage): number {
  return CASE_STAGES.indexOf(stage)
}
