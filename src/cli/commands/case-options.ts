import { type CaseActor, findUserByEmail, getCaseAs, type Store } from '../../app/index.js'
import { CASE_RULES, type CaseRule, type RuleOverride } from '../../domain/case-rules.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import { minorUnitDigits } from '../../domain/explanation.js'
import { parseWholeNumber } from '../arguments.js'
import type { CliContext } from '../context.js'

/** Commander's collector for an option given several times (`--rep a --rep b`). */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value]
}

/** The acting user as the case use cases want them, audit name included (`local-admin` or `user:<id>`). */
export function caseActorOf(context: CliContext): CaseActor {
  return { actor: context.actor, audit: { ...context.audit, actorLabel: context.auditActor } }
}

/**
 * A user named on the command line by email or by id.
 * @throws NotFoundError naming the option
 */
export async function userIdOf(store: Store, option: string, text: string): Promise<number> {
  if (/^\d+$/.test(text.trim())) {
    return Number(text.trim())
  }
  const user = await findUserByEmail(store, text)
  if (user === undefined) {
    throw new NotFoundError(`${option}: no user with email ${text}`)
  }
  return Number(user.id)
}

/**
 * Reads `--override RULE=REASON` options.
 * @example parseOverrides(['new_rep_not_alone=pairs with the VP on every call'])
 */
export function parseOverrides(texts: readonly string[]): RuleOverride[] {
  return texts.map((text) => {
    const equals = text.indexOf('=')
    const rule = (equals < 0 ? text : text.slice(0, equals)).trim()
    if (!(CASE_RULES as readonly string[]).includes(rule)) {
      throw new ValidationError(
        `--override is RULE=REASON with RULE one of ${CASE_RULES.join(', ')}, not "${text}"`,
      )
    }
    return { rule: rule as CaseRule, reason: equals < 0 ? '' : text.slice(equals + 1) }
  })
}

/** Reads a case id argument. */
export function parseCaseId(text: string): number {
  return parseWholeNumber('case id', text, { min: 1, max: Number.MAX_SAFE_INTEGER })
}

/**
 * The version a change is based on: `--if-version`, or else the case's version right now. A CLI
 * user acts on what they just saw, so reading it here is the command-line form of If-Match; give
 * `--if-version` to be refused when someone changed the case meanwhile.
 */
export async function versionFor(
  store: Store,
  who: CaseActor,
  caseId: number,
  ifVersion: string | undefined,
): Promise<number> {
  if (ifVersion !== undefined) {
    return parseWholeNumber('--if-version', ifVersion, { min: 1, max: Number.MAX_SAFE_INTEGER })
  }
  return (await getCaseAs(store, who, caseId)).version
}

/**
 * An amount in major units (`1500`, `1500.50`) as whole minor units of `currency`.
 * @throws ValidationError naming the option
 */
export function parseMinorAmount(option: string, text: string, currency: string): number {
  const digits = minorUnitDigits(currency)
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim())
  const fraction = match?.[2] ?? ''
  if (match === null || fraction.length > digits) {
    throw new ValidationError(
      `${option} is an amount in ${currency} with at most ${digits} decimals, not "${text}"`,
    )
  }
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  if (!Number.isSafeInteger(minor)) {
    throw new ValidationError(`${option} is too large`)
  }
  return minor
}
