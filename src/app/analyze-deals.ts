import type { AnalysisSettings } from '../domain/analysis-settings.js'
import { explainDealScore } from '../domain/explanation.js'
import type { ContractFacts } from '../domain/lapse-status.js'
import {
  dealValueIfWonBackMinor,
  expectedValueMinor,
  winBackProbability,
} from '../domain/win-back-value.js'
import type { ContractEnd, DealScoreRow, LostDealRow } from '../store/index.js'
import { dayNumber } from './analyze-days.js'
import type { WinBackScorer } from './win-back-scorer.js'

/**
 * Scores every lost deal (a failed sale): its value (annualised when recurring) times the
 * company's own prospect conversion, or the fallback prior until there are enough closed deals —
 * moved by what is known of the deal (its reason, a fix, a new decision maker, time since, earlier
 * attempts) when the run's win-back scorer is given, less the expected cost.
 */
export function scoreLostDeals(
  deals: { readonly lost: readonly LostDealRow[]; readonly won: number; readonly closed: number },
  settings: AnalysisSettings,
  scorer?: { readonly scorer: WinBackScorer; readonly asOf: string },
): DealScoreRow[] {
  const base = winBackProbability(
    { kind: 'deal', wonDeals: deals.won, closedDeals: deals.closed },
    settings.value,
  )
  return deals.lost.map((deal) => {
    const value = dealValueIfWonBackMinor(deal, settings.value)
    const scored = scorer?.scorer.deal({
      subjectKey: `deal:${deal.id}`,
      customerId: deal.customerId,
      lostOn: deal.closedOn,
      firstOrderOn: null,
      valueMinor: value,
      asOf: scorer.asOf,
    })
    const winBack = scored?.winBack ?? base
    const expected = expectedValueMinor({
      probability: winBack.probability,
      valueIfWonBackMinor: value,
      ...(scored === undefined ? {} : { expectedCostMinor: scored.costMinor }),
    })
    const explanation = explainDealScore({
      name: deal.name,
      valueIfWonBackMinor: value,
      recurring: deal.recurring,
      closedOn: deal.closedOn,
      lostReason: deal.lostReason,
      competitor: deal.competitor,
      winBack,
      expectedValue: expected,
      currency: deal.currency,
    })
    return {
      deal_id: deal.id,
      customer_id: deal.customerId,
      value_if_won_back_minor: value,
      win_back_probability: winBack.probability,
      expected_value_minor: expected.valueMinor,
      explanation: explanation.sentence,
    }
  })
}

/** A contract customer's latest contract, with its value per year for the value if won back. */
export interface ContractCustomer extends ContractFacts {
  readonly yearlyValueMinor: number
}

/** Each contract customer's latest contract as the lapse rules and the value need it. */
export function contractFacts(contracts: readonly ContractEnd[]): Map<string, ContractCustomer> {
  const facts = new Map<string, ContractCustomer>()
  for (const contract of contracts) {
    const startDay = dayNumber(contract.startsOn, 'contract start')
    const endDay = dayNumber(contract.endsOn, 'contract end')
    const days = Math.max(1, endDay - startDay + 1)
    facts.set(contract.customerId, {
      endDay,
      renewed: contract.renewed,
      yearlyValueMinor: Math.round((Math.max(0, contract.valueMinor) * 365) / days),
    })
  }
  return facts
}
