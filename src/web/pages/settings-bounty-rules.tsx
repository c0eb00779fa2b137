import { type FormEvent, useState } from 'react'
import type { AddBountyRuleBody, BountyRuleItem } from '../../server/contract/bounties.js'
import { toApiError } from '../api/api-error.js'
import { ErrorState, LoadingState } from '../components/states.js'
import { moneyInputText, parseMoneyInput } from '../lib/money-input.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'
import { useCompanyCurrency } from './case-move.js'
import { SettingsMessage } from './settings-make-goods.js'

/** What the rule form holds, as typed. */
interface RuleTexts {
  readonly name: string
  readonly fixed: string
  readonly multiplier: string
  readonly months: string
  readonly cap: string
  readonly managerShare: string
  readonly effectiveFrom: string
  readonly active: boolean
}

const NEW_RULE: RuleTexts = {
  name: '',
  fixed: '0',
  multiplier: '1',
  months: '12',
  cap: '',
  managerShare: '50',
  effectiveFrom: '',
  active: true,
}

function textsOf(rule: BountyRuleItem, currency: string): RuleTexts {
  return {
    name: rule.name,
    fixed: moneyInputText(rule.fixedMinor, currency),
    multiplier: String(rule.multiplier),
    months: String(rule.months),
    cap: rule.capMinor === null ? '' : moneyInputText(rule.capMinor, currency),
    managerShare: String(Math.round(rule.managerShare * 1000) / 10),
    effectiveFrom: rule.effectiveFrom,
    active: rule.active,
  }
}

/**
 * A rule's body from what the admin typed, or the first problem naming its field (SPEC Decisions
 * "Bounties": a fixed bounty and/or a multiplier on the first N months, a cap, the manager's share).
 */
function bountyRuleBody(
  texts: RuleTexts,
  currency: string,
): { body: AddBountyRuleBody } | { problem: string } {
  const fixedMinor = parseMoneyInput(texts.fixed === '' ? '0' : texts.fixed, currency)
  const capMinor = texts.cap.trim() === '' ? null : parseMoneyInput(texts.cap, currency)
  const multiplier = Number(texts.multiplier)
  const months = Number(texts.months)
  const share = Number(texts.managerShare)
  // the first field that is wrong names the problem
  const problems: readonly [boolean, string][] = [
    [texts.name.trim() === '', 'Name: give the rule a name'],
    [fixedMinor === null, `Fixed bounty: an amount ≥ 0 in ${currency}`],
    [
      !Number.isFinite(multiplier) || multiplier < 1 || multiplier > 10,
      'Multiplier: a number from 1 (no extra) to 10',
    ],
    [
      !Number.isInteger(months) || months < 1 || months > 120,
      'Months: a whole number from 1 to 120',
    ],
    [
      texts.cap.trim() !== '' && capMinor === null,
      `Cap: an amount ≥ 0 in ${currency}, or empty for none`,
    ],
    [
      !Number.isFinite(share) || share < 0 || share > 100,
      'Manager share: a percentage from 0 to 100',
    ],
  ]
  const problem = problems.find(([wrong]) => wrong)?.[1]
  if (problem !== undefined || fixedMinor === null) {
    return { problem: problem ?? `Fixed bounty: an amount ≥ 0 in ${currency}` }
  }
  return {
    body: {
      name: texts.name.trim(),
      fixedMinor,
      multiplier,
      months,
      capMinor,
      managerShare: share / 100,
      ...(texts.effectiveFrom === '' ? {} : { effectiveFrom: texts.effectiveFrom }),
      active: texts.active,
    },
  }
}

/** Every bounty rule, each editable by an admin, and a form to add one. */
export function BountyRuleSettings(props: { canEdit: boolean }) {
  const api = useApi()
  const currency = useCompanyCurrency()
  const query = useApiQuery('bounty-rules', (signal) =>
    api.get<{ items: BountyRuleItem[] }>('/bounty-rules', { signal }),
  )
  if (query.data === undefined) {
    return query.error === undefined ? (
      <LoadingState label="Loading the bounty rules…" />
    ) : (
      <ErrorState error={query.error} onRetry={query.reload} />
    )
  }
  return (
    <>
      {query.data.items.length === 0 ? <p className="muted">No bounty rule yet.</p> : null}
      {query.data.items.map((rule) => (
        <RuleForm
          key={`${rule.id}:${rule.version}:${currency}`}
          rule={rule}
          currency={currency}
          canEdit={props.canEdit}
          onSaved={query.reload}
        />
      ))}
      {props.canEdit ? <h3>Add a bounty rule</h3> : null}
      {props.canEdit ? (
        <RuleForm
          key={`new:${query.data.items.length}`}
          currency={currency}
          canEdit
          onSaved={query.reload}
        />
      ) : null}
    </>
  )
}

function RuleForm(props: {
  rule?: BountyRuleItem
  currency: string
  canEdit: boolean
  onSaved: () => void
}) {
  const api = useApi()
  const { rule } = props
  const [texts, setTexts] = useState<RuleTexts>(() =>
    rule === undefined ? NEW_RULE : textsOf(rule, props.currency),
  )
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const checked = bountyRuleBody(texts, props.currency)
    if ('problem' in checked) {
      setMessage({ text: checked.problem, ok: false })
      return
    }
    const sent =
      rule === undefined
        ? api.send('POST', '/bounty-rules', checked.body)
        : api.send('PATCH', `/bounty-rules/${rule.id}`, checked.body, {
            ifMatch: `"${rule.version}"`,
          })
    sent.then(
      () => {
        setMessage({ text: 'The bounty rule was saved.', ok: true })
        props.onSaved()
      },
      (failure: unknown) => setMessage({ text: toApiError(failure).message, ok: false }),
    )
  }
  const label = rule === undefined ? 'New bounty rule' : `Bounty rule ${rule.name}`
  return (
    <form className="form" onSubmit={submit} aria-label={label} noValidate>
      <RuleFields
        texts={texts}
        set={setTexts}
        currency={props.currency}
        disabled={!props.canEdit}
      />
      <SettingsMessage message={message} />
      {props.canEdit ? (
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {rule === undefined ? 'Add the rule' : 'Save the rule'}
          </button>
        </div>
      ) : null}
    </form>
  )
}

function RuleFields(props: {
  texts: RuleTexts
  set: (texts: RuleTexts) => void
  currency: string
  disabled: boolean
}) {
  const { texts } = props
  const input = (name: Exclude<keyof RuleTexts, 'active'>, label: string, type = 'text') => (
    <label className={`field ${name === 'name' ? 'field-grow' : 'field-narrow'}`}>
      <span>{label}</span>
      <input
        name={name}
        type={type}
        disabled={props.disabled}
        value={texts[name]}
        onChange={(event) => props.set({ ...texts, [name]: event.target.value })}
      />
    </label>
  )
  return (
    <div className="form-row">
      {input('name', 'Rule name')}
      {input('fixed', `Fixed bounty (${props.currency})`)}
      {input('multiplier', 'Commission multiplier')}
      {input('months', 'For the first months')}
      {input('cap', `Cap per person and case (${props.currency})`)}
      {input('managerShare', 'Manager share (%)')}
      {input('effectiveFrom', 'Effective from', 'date')}
      <label className="check">
        <input
          type="checkbox"
          name="active"
          disabled={props.disabled}
          checked={texts.active}
          onChange={(event) => props.set({ ...texts, active: event.target.checked })}
        />
        <span>Active</span>
      </label>
    </div>
  )
}
