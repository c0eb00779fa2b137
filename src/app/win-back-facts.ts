import { type FixTerms, fixCovers, type LossFacts } from '../domain/fix.js'
import { reasonGroupOf, type WinBackFactors } from '../domain/win-back-factors.js'
import {
  type IncidentTotals,
  listFixes,
  listResurfaced,
  readCaseLosses,
  readIncidentTotals,
  type Store,
} from '../store/index.js'
import { type KnownLoss, readKnownLosses } from './cases/known-losses.js'
import { liveReasonOfId, loadTaxonomy } from './cases/taxonomy.js'

const DAYS_PER_YEAR = 365.25
const DAY_MS = 86_400_000

/**
 * What the company knows about its losses beyond the orders, read once per analysis (or rescore):
 * why each subject was lost, the fixes, new decision makers, failed attempts and incidents.
 */
export interface WinBackKnowledge {
  /** known losses by subject key (`customer:<id>`, `deal:<id>`) */
  readonly known: ReadonlyMap<string, KnownLoss>
  /** every fix, with its reason resolved to the live one */
  readonly fixes: readonly FixTerms[]
  /** the dates a new decision maker was recorded, by subject key */
  readonly decisionMakerChanges: ReadonlyMap<string, readonly string[]>
  /** ended cases that did not win the subject back, by subject key */
  readonly failedAttempts: ReadonlyMap<string, number>
  readonly incidents: ReadonlyMap<string, IncidentTotals>
}

/**
 * Reads what moves a P(win back) besides the orders. `customerIds` narrows the incidents read (a
 * rescore of a few); without it every customer's are summed in one statement.
 * @example const knowledge = await loadWinBackKnowledge(store)
 */
export async function loadWinBackKnowledge(
  store: Store,
  options: { readonly customerIds?: readonly string[] } = {},
): Promise<WinBackKnowledge> {
  const taxonomy = await loadTaxonomy(store)
  const known = new Map((await readKnownLosses(store)).map((loss) => [loss.subjectKey, loss]))
  const fixes = (await listFixes(store)).map((row) => ({
    reasonId: liveReasonOfId(taxonomy, Number(row.reason_id))?.id ?? Number(row.reason_id),
    scope:
      row.scope_kind === null || row.scope_value === null
        ? null
        : { kind: row.scope_kind, value: row.scope_value },
    fixedOn: row.fixed_on,
  }))
  const decisionMakerChanges = new Map<string, string[]>()
  for (const row of await listResurfaced(store)) {
    if (row.trigger_kind === 'new_decision_maker') {
      decisionMakerChanges.set(row.subject_key, [
        ...(decisionMakerChanges.get(row.subject_key) ?? []),
        row.occurred_on,
      ])
    }
  }
  const failedAttempts = new Map<string, number>()
  for (const line of await readCaseLosses(store)) {
    if (line.endedOn !== null && line.stage !== 'won_back') {
      failedAttempts.set(line.subjectKey, (failedAttempts.get(line.subjectKey) ?? 0) + 1)
    }
  }
  const incidents = await readIncidentTotals(
    store,
    options.customerIds === undefined ? {} : { customerIds: options.customerIds },
  )
  return { known, fixes, decisionMakerChanges, failedAttempts, incidents }
}

/** True when one of the fixes (recorded by `day`, if given) answers the loss. */
export function isReasonFixed(
  fixes: readonly FixTerms[],
  loss: LossFacts,
  day: string | null = null,
): boolean {
  return fixes.some((fix) => (day === null || fix.fixedOn <= day) && fixCovers(fix, loss))
}

/** What the orders and the score say of one lost customer or lost deal. */
export interface SubjectFacts {
  readonly subjectKey: string
  readonly customerId: string
  /** when it was lost: lost since, a deal's close date */
  readonly lostOn: string | null
  readonly firstOrderOn: string | null
  /** its yearly value (value if won back) */
  readonly valueMinor: number
  readonly asOf: string
}

/**
 * The win-back factors of one lost customer or lost deal now, from the knowledge and its facts;
 * its value is measured against the company's typical yearly value.
 */
export function factorsOf(
  knowledge: WinBackKnowledge,
  facts: SubjectFacts,
  referenceValueMinor: number,
): WinBackFactors {
  const loss = knowledge.known.get(facts.subjectKey)
  const lostOn = facts.lostOn ?? loss?.lostOn ?? null
  const isCustomer = facts.subjectKey.startsWith('customer:')
  return {
    reasonGroup: reasonGroupOf(loss?.reasonCodes ?? []),
    reasonFixed: loss !== undefined && isReasonFixed(knowledge.fixes, loss),
    decisionMakerChanged: (knowledge.decisionMakerChanges.get(facts.subjectKey) ?? []).length > 0,
    tenureYears:
      isCustomer && facts.firstOrderOn !== null && lostOn !== null
        ? yearsBetween(facts.firstOrderOn, lostOn)
        : null,
    // a first lifetime's strength is a customer's; a failed sale's size says nothing of it
    relativeValue: isCustomer ? relativeValue(facts.valueMinor, referenceValueMinor) : null,
    yearsSinceLoss: lostOn === null ? 0 : yearsBetween(lostOn, facts.asOf),
    incidents: knowledge.incidents.get(facts.customerId)?.count ?? 0,
    failedAttempts: knowledge.failedAttempts.get(facts.subjectKey) ?? 0,
  }
}

/** A value over the typical one, or null when either is unknown or not positive. */
export function relativeValue(valueMinor: number, referenceValueMinor: number): number | null {
  return valueMinor > 0 && referenceValueMinor > 0 ? valueMinor / referenceValueMinor : null
}

/** Whole years (fractional) from one ISO day to another, never below 0. */
export function yearsBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS
  return Number.isFinite(days) ? Math.max(0, days / DAYS_PER_YEAR) : 0
}
