import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CASE_RULES,
  type CaseRuleFacts,
  checkCaseRules,
  DEFAULT_CASE_RULE_SETTINGS,
  isNewRep,
  overrideIssues,
  parseCaseRuleSettings,
  unresolvedViolations,
  violationIssues,
} from './case-rules.js'

const FINE: CaseRuleFacts = {
  today: '2024-06-30',
  ownerRole: 'manager',
  reps: [{ id: 3, startedOn: '2020-01-01' }],
  interviewerId: 2,
  losingRepId: 3,
  endingTo: null,
  reasonCount: 0,
}

const broken = (facts: Partial<CaseRuleFacts>, settings = DEFAULT_CASE_RULE_SETTINGS) =>
  checkCaseRules({ ...FINE, ...facts }, settings).map((violation) => violation.rule)

describe('the case rules', () => {
  it('pass a case owned by a manager, worked by a seasoned rep, interviewed by someone else', () => {
    expect(broken({})).toEqual([])
    expect(broken({ ownerRole: 'vp' })).toEqual([])
  })

  it('want a manager or the VP as owner', () => {
    for (const role of ['rep', 'admin', 'analyst']) {
      expect(broken({ ownerRole: role })).toEqual(['owner_manager_or_vp'])
    }
  })

  it('keep the rep who lost the account away from the exit interview', () => {
    expect(broken({ interviewerId: 3 })).toEqual(['interviewer_not_losing_rep'])
    expect(broken({ interviewerId: 3, losingRepId: null })).toEqual([])
  })

  it('never leave a rep of less than six months alone on a case, but let them work it with another', () => {
    const newRep = { id: 9, startedOn: '2024-02-01' }
    expect(broken({ reps: [newRep] })).toEqual(['new_rep_not_alone'])
    expect(broken({ reps: [newRep, { id: 3, startedOn: '2020-01-01' }] })).toEqual([])
    expect(broken({ reps: [] })).toEqual([])
  })

  it('count months by the calendar: six months after a start the rep is no longer new', () => {
    expect(isNewRep('2024-01-31', '2024-07-30', 6)).toBe(true)
    expect(isNewRep('2024-01-31', '2024-07-31', 6)).toBe(false)
    expect(isNewRep('2023-08-31', '2024-02-28', 6)).toBe(true)
    expect(isNewRep('2023-08-31', '2024-02-29', 6)).toBe(false)
  })

  it('refuse an ending without a reason code', () => {
    expect(broken({ endingTo: 'let_go' })).toEqual(['ending_needs_reason'])
    expect(broken({ endingTo: 'let_go', reasonCount: 1 })).toEqual([])
  })

  it('report nothing for a rule an admin turned off, whatever the facts', () => {
    fc.assert(
      fc.property(
        fc.subarray([...CASE_RULES]),
        fc.constantFrom('rep', 'manager', 'admin'),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
        fc.boolean(),
        (off, ownerRole, interviewerId, ending) => {
          const enabled = { ...DEFAULT_CASE_RULE_SETTINGS.enabled }
          for (const rule of off) {
            enabled[rule] = false
          }
          const rules = broken(
            {
              ownerRole,
              interviewerId,
              reps: [{ id: 4, startedOn: '2024-06-01' }],
              losingRepId: 3,
              endingTo: ending ? 'let_go' : null,
            },
            { ...DEFAULT_CASE_RULE_SETTINGS, enabled },
          )
          expect(rules.filter((rule) => off.includes(rule))).toEqual([])
        },
      ),
    )
  })

  it('accept an override only with a written reason, and let it answer only its own rule', () => {
    expect(overrideIssues([{ rule: 'new_rep_not_alone', reason: 'too short' }])).toHaveLength(1)
    expect(
      overrideIssues([{ rule: 'new_rep_not_alone', reason: 'pairing with the VP on calls' }]),
    ).toEqual([])
    const violations = checkCaseRules(
      { ...FINE, ownerRole: 'rep', interviewerId: 3 },
      DEFAULT_CASE_RULE_SETTINGS,
    )
    const left = unresolvedViolations(violations, new Set(['interviewer_not_losing_rep']))
    expect(left.map((violation) => violation.rule)).toEqual(['owner_manager_or_vp'])
    expect(violationIssues(left)[0]?.path).toEqual(['rules', 'owner_manager_or_vp'])
  })

  it('read partial settings over the defaults and refuse the wrong types', () => {
    const settings = parseCaseRuleSettings({
      enabled: { new_rep_not_alone: false },
      newRepMonths: 3,
    })
    expect(settings.newRepMonths).toBe(3)
    expect(settings.enabled).toEqual({
      ...DEFAULT_CASE_RULE_SETTINGS.enabled,
      new_rep_not_alone: false,
    })
    expect(parseCaseRuleSettings(undefined)).toEqual(DEFAULT_CASE_RULE_SETTINGS)
    expect(() => parseCaseRuleSettings({ newRepMonths: 'six' })).toThrow()
  })
})
