import type { ApproachChannel, CaseStage } from '../../domain/case-stage.js'

export type { CaseStage }

/**
 * The case stages as the web shows them. The web may import the domain's types only (SPEC
 * architecture: it talks to the server over HTTP), so the board order is a copy of
 * `src/domain/case-stage.ts` checked against its types by the compiler; the questions each move
 * asks come from the server (`allowedMoves` of a case).
 */
export const BOARD_STAGES = [
  'identified',
  'researching',
  'approached',
  'meeting_held',
  'plan_agreed',
  'resting',
  'won_back',
  'not_compatible',
  'let_go',
] as const satisfies readonly CaseStage[]

type MissingStage = Exclude<CaseStage, (typeof BOARD_STAGES)[number]>
/** True by construction: fails to compile when the domain gains a stage the board lacks. */
export const BOARD_STAGES_ARE_COMPLETE: [MissingStage] extends [never] ? true : never = true

/** The open stages, in the order a case moves through them. */
export const OPEN_STAGES: readonly CaseStage[] = BOARD_STAGES.slice(0, 5)

/** The endings: a case in one of them is closed. */
export const ENDINGS: readonly CaseStage[] = ['won_back', 'not_compatible', 'let_go']

/** Each stage in words. */
export const STAGE_LABELS: Readonly<Record<CaseStage, string>> = {
  identified: 'Identified',
  researching: 'Researching',
  approached: 'Approached',
  meeting_held: 'Meeting held',
  plan_agreed: 'Plan agreed',
  resting: 'Resting',
  won_back: 'Won back',
  not_compatible: 'Not compatible',
  let_go: 'Let go',
}

/** The approach channels the server accepts. */
export const APPROACH_CHANNELS = [
  'letter',
  'card',
  'email',
  'call',
  'meeting',
  'gift',
  'other',
] as const satisfies readonly ApproachChannel[]

/** True for the endings. */
export function isEnding(stage: CaseStage): boolean {
  return ENDINGS.includes(stage)
}
