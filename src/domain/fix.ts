import { isIsoDate } from './case-dates.js'
import type { Issue } from './errors.js'

/**
 * A fix: a dated change that removes a loss reason ("prices are now competitive", "the abrasive
 * rep in the North was replaced"), everywhere or in one scope (SPEC: fix scopes are segment,
 * territory or rep). Recording one resurfaces every loss it answers.
 */

export const FIX_SCOPE_KINDS = ['segment', 'territory', 'rep'] as const
export type FixScopeKind = (typeof FIX_SCOPE_KINDS)[number]

/** Where a fix applies: one segment, one territory, or the accounts one rep lost (their user id). */
export interface FixScope {
  readonly kind: FixScopeKind
  readonly value: string
}

/** What a fix says: which reason (resolved id), where, and from when. */
export interface FixTerms {
  readonly reasonId: number
  readonly scope: FixScope | null
  readonly fixedOn: string
}

/** One loss as fixes see it: its reasons (resolved ids), when, and where it falls. */
export interface LossFacts {
  readonly reasonIds: readonly number[]
  /** when it was lost; null when unknown, which no fix can date */
  readonly lostOn: string | null
  readonly segment: string | null
  readonly territory: string | null
  /** who owned the account (or the deal) when it was lost */
  readonly losingRepId: number | null
}

/**
 * True when the fix answers this loss: lost for the fix's reason, before the fix's date, inside
 * its scope.
 * @example fixCovers({ reasonId: 6, scope: null, fixedOn: '2024-06-01' }, { reasonIds: [6], lostOn: '2024-01-10', … }) // true
 */
export function fixCovers(fix: FixTerms, loss: LossFacts): boolean {
  if (!loss.reasonIds.includes(fix.reasonId) || loss.lostOn === null) {
    return false
  }
  return loss.lostOn < fix.fixedOn && isInScope(fix.scope, loss)
}

/**
 * True when a loss falls inside a scope (no scope: everywhere).
 * @example isInScope({ kind: 'territory', value: 'North' }, { territory: 'North', … }) // true
 */
export function isInScope(scope: FixScope | null, loss: LossFacts): boolean {
  if (scope === null) {
    return true
  }
  switch (scope.kind) {
    case 'segment':
      return loss.segment === scope.value
    case 'territory':
      return loss.territory === scope.value
    case 'rep':
      return loss.losingRepId !== null && String(loss.losingRepId) === scope.value
  }
}

/**
 * Reads a scope written `kind:value` (`territory:North`, `segment:Enterprise`, `rep:12`).
 * @example parseFixScope('territory:North') // { kind: 'territory', value: 'North' }
 */
export function parseFixScope(text: string): FixScope | Issue {
  const colon = text.indexOf(':')
  const kind = colon < 0 ? text : text.slice(0, colon)
  const value = colon < 0 ? '' : text.slice(colon + 1).trim()
  const known = FIX_SCOPE_KINDS.find((candidate) => candidate === kind.trim())
  if (known === undefined || value === '') {
    return {
      path: ['scope'],
      message: `a scope is segment:NAME, territory:NAME or rep:USER, not "${text}"`,
    }
  }
  return { kind: known, value }
}

/**
 * Problems with a fix's date and note: a real `YYYY-MM-DD` date, not after today (a fix records a
 * change already made), and a note saying what changed.
 * @example fixIssues({ fixedOn: '2024-13-01', note: '' }, '2024-05-01') // two issues
 */
export function fixIssues(
  fix: { readonly fixedOn: string; readonly note: string },
  today: string,
): Issue[] {
  const issues: Issue[] = []
  if (!isIsoDate(fix.fixedOn)) {
    issues.push({ path: ['fixedOn'], message: `a fix date is YYYY-MM-DD, not "${fix.fixedOn}"` })
  } else if (fix.fixedOn > today) {
    issues.push({
      path: ['fixedOn'],
      message: `a fix records a change already made: ${fix.fixedOn} is after today (${today})`,
    })
  }
  if (fix.note.trim() === '') {
    issues.push({ path: ['note'], message: 'say what changed ("prices are now competitive")' })
  }
  return issues
}
