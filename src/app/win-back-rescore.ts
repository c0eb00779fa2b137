import type { Kysely } from 'kysely'
import { parseAnalysisSettings } from '../domain/analysis-settings.js'
import { replaceWinBackWords } from '../domain/explanation.js'
import type { FixTerms } from '../domain/fix.js'
import { expectedValueMinor } from '../domain/win-back-value.js'
import {
  type Database,
  readCustomerWinBackBasis,
  readDealWinBackBasis,
  readLatestAnalysisRun,
  type Store,
  updateCustomerWinBack,
  updateDealWinBack,
} from '../store/index.js'
import { loadWinBackKnowledge, type WinBackKnowledge } from './win-back-facts.js'
import { runWinBackModel } from './win-back-model-as.js'
import { createWinBackScorer, type WinBackScorer } from './win-back-scorer.js'

/** A lost customer or deal just brought back, to rescore. */
export interface RescoreSubject {
  readonly subjectKind: 'customer' | 'deal'
  readonly customerId: string
  readonly dealId: number | null
}

/** What changed: a fix recorded, or a new decision maker at some subjects. */
export interface WinBackChange {
  readonly fix?: FixTerms
  readonly decisionMaker?: { readonly subjectKeys: readonly string[]; readonly on: string }
  /** the customers of the subjects that may be rescored (their incidents are read) */
  readonly customerIds: readonly string[]
}

/** Rescores subjects inside the caller's transaction; how many score rows it rewrote. */
export interface WinBackRescore {
  apply(trx: Kysely<Database>, subjects: readonly RescoreSubject[]): Promise<number>
}

/**
 * Prepares, before the caller's transaction, the rescoring a fix or a new decision maker brings at
 * once (issue 5 part 4: their win-back probability rises): the newest run's model and what is
 * known, with the change added. Undefined before the first analysis (nothing to rescore).
 * Everything is read here, so the transaction only reads the few score rows and writes them.
 * @example const rescore = await prepareWinBackRescore(store, { fix: terms, customerIds })
 */
export async function prepareWinBackRescore(
  store: Store,
  change: WinBackChange,
): Promise<WinBackRescore | undefined> {
  const run = await readLatestAnalysisRun(store)
  if (run === undefined || change.customerIds.length === 0) {
    return undefined
  }
  const settings = parseAnalysisSettings(JSON.parse(run.settings_json)).value
  const record = await runWinBackModel(store, run)
  const knowledge = withChange(
    await loadWinBackKnowledge(store, { customerIds: change.customerIds }),
    change,
  )
  const scorer = createWinBackScorer(knowledge, record, settings)
  const context = { runId: run.id, asOf: run.as_of, currency: run.currency, scorer }
  return {
    async apply(trx, subjects) {
      return (
        (await rescoreCustomers(trx, context, subjects)) +
        (await rescoreDeals(trx, context, subjects))
      )
    },
  }
}

function withChange(knowledge: WinBackKnowledge, change: WinBackChange): WinBackKnowledge {
  const changes = new Map(knowledge.decisionMakerChanges)
  for (const key of change.decisionMaker?.subjectKeys ?? []) {
    changes.set(key, [...(changes.get(key) ?? []), change.decisionMaker?.on ?? ''])
  }
  return {
    ...knowledge,
    fixes: change.fix === undefined ? knowledge.fixes : [...knowledge.fixes, change.fix],
    decisionMakerChanges: changes,
  }
}

interface RescoreContext {
  readonly runId: number
  readonly asOf: string
  readonly currency: string
  readonly scorer: WinBackScorer
}

async function rescoreCustomers(
  trx: Kysely<Database>,
  context: RescoreContext,
  subjects: readonly RescoreSubject[],
): Promise<number> {
  const ids = subjects
    .filter((item) => item.subjectKind === 'customer')
    .map((item) => item.customerId)
  let rewritten = 0
  for (const row of await readCustomerWinBackBasis(trx, context.runId, ids)) {
    if (row.status === 'active') {
      continue
    }
    const scored = context.scorer.customer({
      subjectKey: `customer:${row.customerId}`,
      customerId: row.customerId,
      lostOn: row.lostSince,
      firstOrderOn: row.firstOrderOn,
      valueMinor: row.valueIfWonBackMinor,
      asOf: context.asOf,
    })
    await updateCustomerWinBack(
      trx,
      context.runId,
      row.customerId,
      rescoredFigures(scored, row, context.currency),
    )
    rewritten += 1
  }
  return rewritten
}

async function rescoreDeals(
  trx: Kysely<Database>,
  context: RescoreContext,
  subjects: readonly RescoreSubject[],
): Promise<number> {
  const ids = subjects.flatMap((item) =>
    item.subjectKind === 'deal' && item.dealId !== null ? [item.dealId] : [],
  )
  let rewritten = 0
  for (const row of await readDealWinBackBasis(trx, context.runId, ids)) {
    const scored = context.scorer.deal({
      subjectKey: `deal:${row.dealId}`,
      customerId: row.customerId,
      lostOn: row.closedOn,
      firstOrderOn: null,
      valueMinor: row.valueIfWonBackMinor,
      asOf: context.asOf,
    })
    await updateDealWinBack(
      trx,
      context.runId,
      row.dealId,
      rescoredFigures(scored, row, row.currency),
    )
    rewritten += 1
  }
  return rewritten
}

/** The new P(win back), expected value and explanation of one resurfaced row. */
function rescoredFigures(
  scored: ReturnType<RescoreContext['scorer']['customer']>,
  row: { readonly valueIfWonBackMinor: number; readonly explanation: string },
  currency: string,
) {
  const expected = expectedValueMinor({
    probability: scored.winBack.probability,
    valueIfWonBackMinor: row.valueIfWonBackMinor,
    expectedCostMinor: scored.costMinor,
  })
  return {
    winBackProbability: scored.winBack.probability,
    expectedValueMinor: expected.valueMinor,
    explanation: replaceWinBackWords(row.explanation, scored.winBack, expected, currency),
  }
}
