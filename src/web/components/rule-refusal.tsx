import { type FormEvent, useId, useState } from 'react'
import type { ApiError } from '../api/api-error.js'

/** One case rule the server refused a change for, as its error names it. */
export interface RefusedRule {
  readonly rule: string
  readonly message: string
}

/** A written decision to set a rule aside on one case. */
export interface RuleOverrideInput {
  readonly rule: string
  readonly reason: string
}

/** The server's shortest accepted override reason (`MIN_OVERRIDE_REASON_LENGTH` in the domain). */
export const MIN_OVERRIDE_REASON = 10

/**
 * The case rules an error says refuse a change: the server lists each as an issue at
 * `['rules', <rule>]` (case-rules.ts `violationIssues`). Empty for any other error.
 */
export function refusedRules(error: ApiError | undefined): RefusedRule[] {
  if (error === undefined) {
    return []
  }
  return error.issues.flatMap((issue) =>
    issue.path[0] === 'rules' && typeof issue.path[1] === 'string'
      ? [{ rule: issue.path[1], message: issue.message }]
      : [],
  )
}

const RULE_NAMES: Readonly<Record<string, string>> = {
  owner_manager_or_vp: 'Owner is a manager or the VP',
  interviewer_not_losing_rep: 'The losing rep does not hold the exit interview',
  new_rep_not_alone: 'A new rep is never alone on a case',
  ending_needs_reason: 'An ending needs a reason code',
}

/** A rule's name in words (the code when unknown). */
export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? rule
}

/**
 * The rules that refused a change, each with a box for the written reason to override it; sending
 * retries the change with those overrides (SPEC §4: a user may override a rule only with a written
 * reason, which is kept on the case's timeline).
 */
export function RuleRefusal(props: {
  rules: readonly RefusedRule[]
  busy: boolean
  onOverride: (overrides: RuleOverrideInput[]) => void
}) {
  const baseId = useId()
  const [reasons, setReasons] = useState<Readonly<Record<string, string>>>({})
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const short = props.rules.find(
      (rule) => (reasons[rule.rule] ?? '').trim().length < MIN_OVERRIDE_REASON,
    )
    if (short !== undefined) {
      setProblem(
        `Write why you override “${ruleName(short.rule)}” (at least ${MIN_OVERRIDE_REASON} characters).`,
      )
      return
    }
    setProblem(null)
    props.onOverride(
      props.rules.map((rule) => ({ rule: rule.rule, reason: (reasons[rule.rule] ?? '').trim() })),
    )
  }
  return (
    <form className="rule-refusal" onSubmit={submit} aria-labelledby={`${baseId}-title`}>
      <h3 id={`${baseId}-title`} role="alert">
        The case rules refuse this
      </h3>
      {props.rules.map((rule, index) => (
        <div key={rule.rule} className="rule-refusal-item">
          <p className="strong">{ruleName(rule.rule)}</p>
          <p className="muted small">{rule.message}</p>
          <label className="field" htmlFor={`${baseId}-${index}`}>
            <span>Why override this rule? (kept on the case)</span>
            <textarea
              id={`${baseId}-${index}`}
              name={`override-${rule.rule}`}
              rows={2}
              value={reasons[rule.rule] ?? ''}
              onChange={(event) => setReasons({ ...reasons, [rule.rule]: event.target.value })}
            />
          </label>
        </div>
      ))}
      {problem === null ? null : (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.busy}>
          Override with this reason
        </button>
      </div>
    </form>
  )
}
