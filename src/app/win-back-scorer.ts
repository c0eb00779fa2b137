import type { AnalysisSettings, ValueSettings } from '../domain/analysis-settings.js'
import { priorCoefficients, scoreWinBack } from '../domain/win-back-prior.js'
import {
  expectedCostMinor,
  type WinBackProbability,
  winBackProbability,
} from '../domain/win-back-value.js'
import { listCaseReasons, readEndedCases, type Store } from '../store/index.js'
import { liveReasonOfId, loadTaxonomy } from './cases/taxonomy.js'
import {
  factorsOf,
  loadWinBackKnowledge,
  type SubjectFacts,
  type WinBackKnowledge,
} from './win-back-facts.js'
import { chooseWinBackModel, trainingCases, type WinBackModelRecord } from './win-back-model.js'

/** A P(win back) with its drivers, and the expected cost of trying. */
export interface SubjectWinBack {
  readonly winBack: WinBackProbability
  readonly costMinor: number
}

/** Scores lost customers and lost deals with one run's model and what the company knows. */
export interface WinBackScorer {
  readonly record: WinBackModelRecord
  customer(facts: SubjectFacts): SubjectWinBack
  deal(facts: SubjectFacts): SubjectWinBack
}

/**
 * A scorer over a model record: customers by the record's model (prior or learned), lost deals
 * by the prior around the deals' base rate; both within the settings' bounds, with drivers.
 */
export function createWinBackScorer(
  knowledge: WinBackKnowledge,
  record: WinBackModelRecord,
  settings: ValueSettings,
): WinBackScorer {
  const bounds = { min: settings.winBackMinProbability, max: settings.winBackMaxProbability }
  const dealModel = priorCoefficients(record.dealBaseRate)
  const costOf = (customerId: string) =>
    expectedCostMinor(
      { incidentCostMinor: knowledge.incidents.get(customerId)?.costMinor ?? 0 },
      settings,
    )
  return {
    record,
    customer(facts) {
      const factors = factorsOf(knowledge, facts, record.referenceValueMinor)
      const score = scoreWinBack(factors, record.coefficients, bounds)
      const basis = record.basis === 'learned_model' ? 'learned_model' : 'ex_customer_prior'
      return {
        winBack: { probability: score.probability, basis, drivers: score.drivers, factors },
        costMinor: costOf(facts.customerId),
      }
    },
    deal(facts) {
      const factors = factorsOf(knowledge, facts, record.referenceValueMinor)
      const score = scoreWinBack(factors, dealModel, bounds)
      return {
        winBack: {
          probability: score.probability,
          basis: record.dealBasis,
          drivers: score.drivers,
          factors,
        },
        costMinor: costOf(facts.customerId),
      }
    },
  }
}

/**
 * Everything an analysis run needs to score win-back chances: the knowledge, the model chosen
 * from the company's ended cases (SPEC §2: learned once there are enough), and a scorer over it.
 * @example const scorer = await prepareWinBack(store, { settings, referenceValueMinor, deals })
 */
export async function prepareWinBack(
  store: Store,
  input: {
    readonly settings: AnalysisSettings
    readonly referenceValueMinor: number
    readonly deals: { readonly won: number; readonly closed: number }
  },
): Promise<WinBackScorer> {
  const knowledge = await loadWinBackKnowledge(store)
  const taxonomy = await loadTaxonomy(store)
  const reasonIdsByCase = new Map<number, number[]>()
  const reasonCodesByCase = new Map<number, string[]>()
  for (const line of await listCaseReasons(store)) {
    const live = liveReasonOfId(taxonomy, line.reason_id)
    reasonIdsByCase.set(line.case_id, [
      ...(reasonIdsByCase.get(line.case_id) ?? []),
      live?.id ?? line.reason_id,
    ])
    reasonCodesByCase.set(line.case_id, [
      ...(reasonCodesByCase.get(line.case_id) ?? []),
      live?.code ?? '',
    ])
  }
  const cases = trainingCases(await readEndedCases(store), knowledge, {
    reasonIdsByCase,
    reasonCodesByCase,
    referenceValueMinor: input.referenceValueMinor,
  })
  const value = input.settings.value
  const deal = winBackProbability(
    { kind: 'deal', wonDeals: input.deals.won, closedDeals: input.deals.closed },
    value,
  )
  const record = chooseWinBackModel(cases, {
    settings: value,
    referenceValueMinor: input.referenceValueMinor,
    deal: {
      rate: deal.probability,
      basis: deal.basis === 'company_deal_conversion' ? deal.basis : 'deal_fallback_prior',
    },
  })
  return createWinBackScorer(knowledge, record, value)
}

/**
 * The company's typical yearly customer value: the median over customers of their net revenue per
 * year of their history (a year at least). O(n log n).
 */
export function medianYearlyValueMinor(histories: {
  readonly length: number
  readonly firstDay: Float64Array
  readonly lastDay: Float64Array
  readonly netValueMinor: Float64Array
}): number {
  const yearly = new Float64Array(histories.length)
  for (let i = 0; i < histories.length; i += 1) {
    const years = Math.max(1, ((histories.lastDay[i] ?? 0) - (histories.firstDay[i] ?? 0)) / 365.25)
    yearly[i] = Math.max(0, histories.netValueMinor[i] ?? 0) / years
  }
  yearly.sort()
  if (yearly.length === 0) {
    return 0
  }
  const middle = Math.floor(yearly.length / 2)
  return yearly.length % 2 === 1
    ? (yearly[middle] ?? 0)
    : ((yearly[middle - 1] ?? 0) + (yearly[middle] ?? 0)) / 2
}
