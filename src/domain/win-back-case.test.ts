import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CASE_ENDINGS, CASE_STAGES, type CaseStage, OPEN_STAGES } from './case-stage.js'
import {
  type CaseFacts,
  checkMove,
  moveOutcome,
  requiredQuestions,
  stageAfterRest,
  transitionProblem,
} from './win-back-case.js'

const EMPTY: CaseFacts = {
  stage: 'identified',
  resumeStage: null,
  restUntil: null,
  researchNotes: null,
  approachChannel: null,
  interviewerId: 7,
  customerWords: null,
  reasonCount: 0,
  customerCostMinor: null,
  customerCostNote: null,
  remedy: null,
  planSummary: null,
  endingNote: null,
}

const ANSWERED: CaseFacts = {
  ...EMPTY,
  approachChannel: 'letter',
  customerWords: 'You were late three times',
  reasonCount: 1,
  customerCostNote: 'a lost production day',
  remedy: 'a delivery guarantee',
  planSummary: 'fixed slot, credit note',
  endingNote: 'moved abroad',
}

const fields = (stage: CaseStage, facts: CaseFacts = EMPTY) =>
  checkMove(facts, stage, '2024-05-01').map((issue) => issue.path[0])

describe('the win-back case state machine', () => {
  it('asks Meeting held for the customer’s words, reason codes, their cost and their remedy', () => {
    expect(fields('meeting_held', { ...EMPTY, approachChannel: 'call' })).toEqual([
      'customerWords',
      'reasons',
      'customerCost',
      'remedy',
    ])
  })

  it('asks a skipped stage’s questions too: Won back needs everything the open stages produce', () => {
    expect(fields('won_back')).toEqual([
      'approachChannel',
      'customerWords',
      'reasons',
      'customerCost',
      'remedy',
      'planSummary',
    ])
    expect(fields('won_back', ANSWERED)).toEqual([])
  })

  it('takes a cost in money or in words', () => {
    const withAmount = { ...ANSWERED, customerCostNote: null, customerCostMinor: 3_000_000 }
    expect(fields('meeting_held', withAmount)).toEqual([])
    expect(fields('meeting_held', { ...withAmount, customerCostMinor: null })).toEqual([
      'customerCost',
    ])
  })

  it('ends Not compatible or Let go with a note, from any open stage', () => {
    for (const stage of OPEN_STAGES) {
      expect(fields('not_compatible', { ...EMPTY, stage })).toEqual(['endingNote'])
      expect(fields('let_go', { ...EMPTY, stage, endingNote: 'difficult' })).toEqual([])
    }
  })

  it('never moves out of an ending: a new attempt is a new case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_ENDINGS), fc.constantFrom(...CASE_STAGES), (from, to) => {
        expect(transitionProblem(from, to)).toMatch(/new attempt is a new case/)
      }),
    )
  })

  it('allows every other move between different stages, and resting again with a new date', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPEN_STAGES, 'resting' as const),
        fc.constantFrom(...CASE_STAGES),
        (from, to) => {
          const problem = transitionProblem(from, to)
          expect(problem === null).toBe(from !== to || to === 'resting')
        },
      ),
    )
  })

  it('rests until a date after today and remembers the open stage it left', () => {
    const facts = { ...EMPTY, stage: 'approached' as const, restUntil: '2024-05-01' }
    expect(fields('resting', facts)).toEqual(['restUntil'])
    const later = { ...facts, restUntil: '2024-09-01' }
    expect(fields('resting', later)).toEqual([])
    expect(moveOutcome(later, 'resting')).toEqual({
      stage: 'resting',
      resumeStage: 'approached',
      restUntil: '2024-09-01',
      ends: false,
    })
    const resting = { ...later, stage: 'resting' as const, resumeStage: 'approached' as const }
    expect(moveOutcome({ ...resting, restUntil: '2024-10-01' }, 'resting').resumeStage).toBe(
      'approached',
    )
  })

  it('brings a resting case back on its date, not before', () => {
    const resting: CaseFacts = {
      ...EMPTY,
      stage: 'resting',
      resumeStage: 'researching',
      restUntil: '2024-09-01',
    }
    expect(stageAfterRest(resting, '2024-08-31')).toBeNull()
    expect(stageAfterRest(resting, '2024-09-01')).toBe('researching')
    expect(stageAfterRest({ ...resting, resumeStage: null }, '2024-09-02')).toBe('identified')
    expect(stageAfterRest({ ...resting, stage: 'approached' }, '2024-09-02')).toBeNull()
  })

  it('marks an ending as ending and clears any rest when a case moves on', () => {
    expect(moveOutcome(ANSWERED, 'won_back').ends).toBe(true)
    const back = moveOutcome(
      { ...EMPTY, stage: 'resting', resumeStage: 'approached', restUntil: '2024-09-01' },
      'approached',
    )
    expect(back).toEqual({ stage: 'approached', resumeStage: null, restUntil: null, ends: false })
  })

  it('grows the required questions with each open stage', () => {
    const counts = OPEN_STAGES.map((stage) => requiredQuestions(stage).length)
    expect(counts).toEqual([...counts].sort((left, right) => left - right))
    expect(requiredQuestions('identified')).toEqual([])
  })
})
