import { gammaGammaExpectedSpend, type ModelParams } from '../analytics/index.js'
import type { AnalysisSettings } from '../domain/analysis-settings.js'
import { explainCustomerScore } from '../domain/explanation.js'
import { classifyLapse, type LapseVerdict } from '../domain/lapse-status.js'
import {
  clvMinor,
  expectedValueMinor,
  finiteMinor,
  pastOrderRatePerDay,
  valueIfWonBackMinor,
  winBackProbability,
} from '../domain/win-back-value.js'
import type { CustomerScoreRow } from '../store/index.js'
import { isoDay } from './analyze-days.js'
import type { ContractCustomer } from './analyze-deals.js'
import type { CustomerHistories } from './analyze-histories.js'
import type { createPredictor, HistoryPrediction } from './analyze-predict.js'
import type { SubjectWinBack, WinBackScorer } from './win-back-scorer.js'

/** Everything scoring needs besides the customer: the fitted models, the rules, the contracts. */
export interface ScoringContext {
  readonly histories: CustomerHistories
  readonly asOfDay: number
  readonly predictor: ReturnType<typeof createPredictor> | null
  /** the purchase-rate prior (r, alpha in days) of the fitted model, when there is one */
  readonly rateShape: number | undefined
  readonly rateScaleDays: number | undefined
  readonly spendParams: ModelParams | null
  readonly contracts: ReadonlyMap<string, ContractCustomer>
  readonly settings: AnalysisSettings
  readonly currency: string
  readonly clvStepMonths: number
  /** the run's win-back model and knowledge; without it every customer gets the plain prior */
  readonly winBack?: WinBackScorer
}

/**
 * Scores every customer with a purchase history, then every contract customer without one, in
 * chunks (so a million rows never sit in memory at once).
 */
export function* scoreCustomers(
  context: ScoringContext,
  chunkSize = 5000,
): Generator<CustomerScoreRow[]> {
  const contractOnly = new Map(context.contracts)
  let chunk: CustomerScoreRow[] = []
  for (let i = 0; i < context.histories.length; i += 1) {
    const customerId = context.histories.customerIds[i] ?? ''
    contractOnly.delete(customerId)
    chunk.push(scoreCustomer(context, i))
    if (chunk.length >= chunkSize) {
      yield chunk
      chunk = []
    }
  }
  for (const [customerId, contract] of contractOnly) {
    chunk.push(scoreContractOnly(context, customerId, contract))
  }
  if (chunk.length > 0) {
    yield chunk
  }
}

interface HistoryFacts {
  readonly x: number
  readonly firstDay: number
  readonly lastDay: number
  readonly medianGapDays: number | null
  readonly expectedNextOrderDay: number | null
}

function historyFacts(histories: CustomerHistories, i: number): HistoryFacts {
  const firstDay = histories.firstDay[i] ?? 0
  const lastDay = histories.lastDay[i] ?? 0
  const x = (histories.purchaseDays[i] ?? 1) - 1
  const median = histories.medianGapDays[i] ?? Number.NaN
  const medianGapDays = Number.isFinite(median) ? median : null
  const gap = medianGapDays ?? (x > 0 ? (lastDay - firstDay) / x : null)
  return {
    x,
    firstDay,
    lastDay,
    medianGapDays,
    expectedNextOrderDay: gap === null ? null : lastDay + Math.round(gap),
  }
}

function classifyCustomer(context: ScoringContext, i: number) {
  const { histories, asOfDay } = context
  const customerId = histories.customerIds[i] ?? ''
  const facts = historyFacts(histories, i)
  const recencyDays = facts.lastDay - facts.firstDay
  const prediction =
    context.predictor?.predict(facts.x, recencyDays, asOfDay - facts.firstDay) ?? null
  const contract = context.contracts.get(customerId) ?? null
  const verdict = classifyLapse(
    {
      asOfDay,
      lastOrderDay: facts.lastDay,
      repeatOrders: facts.x,
      medianGapDays: facts.medianGapDays,
      probabilityAlive: prediction?.probabilityAlive ?? null,
      expectedNextOrderDay: facts.expectedNextOrderDay,
      contract,
      probabilityAliveCrossing: (threshold, maxDays) =>
        context.predictor?.crossingDays(facts.x, recencyDays, threshold, maxDays) ?? maxDays,
    },
    context.settings.lapse,
  )
  return { customerId, facts, recencyDays, prediction, contract, verdict }
}

function valueFigures(
  context: ScoringContext,
  i: number,
  facts: HistoryFacts,
  verdict: LapseVerdict,
) {
  const { settings } = context
  const spendPerOrderMinor = spendPerOrder(context, i, facts.x)
  const ordersPerDay = pastOrderRatePerDay({
    repeatOrders: facts.x,
    recencyDays: facts.lastDay - facts.firstDay,
    ...(context.rateShape === undefined ? {} : { rateShape: context.rateShape }),
    ...(context.rateScaleDays === undefined ? {} : { rateScaleDays: context.rateScaleDays }),
    fallbackDays: settings.value.wonBackHorizonDays,
  })
  const valueIfWonBack = valueIfWonBackMinor({ ordersPerDay, spendPerOrderMinor }, settings.value)
  const customerId = context.histories.customerIds[i] ?? ''
  const { winBack, expected } = winBackFigures(context, verdict, {
    customerId,
    firstOrderDay: facts.firstDay,
    valueIfWonBack,
  })
  return { spendPerOrderMinor, valueIfWonBack, winBack, expected }
}

/**
 * P(win back) and expected value: by the run's model with its drivers for a customer who is not
 * active (the lost list's), the plain prior for an active one (nothing to win back yet).
 */
function winBackFigures(
  context: ScoringContext,
  verdict: LapseVerdict,
  subject: { customerId: string; firstOrderDay: number | null; valueIfWonBack: number },
) {
  const scorer = context.winBack
  const scored: SubjectWinBack | null =
    scorer === undefined || verdict.status === 'active'
      ? null
      : scorer.customer({
          subjectKey: `customer:${subject.customerId}`,
          customerId: subject.customerId,
          lostOn: verdict.lostSinceDay === null ? null : isoDay(verdict.lostSinceDay),
          firstOrderOn: subject.firstOrderDay === null ? null : isoDay(subject.firstOrderDay),
          valueMinor: subject.valueIfWonBack,
          asOf: asOfText(context.asOfDay),
        })
  const winBack =
    scored?.winBack ?? winBackProbability({ kind: 'customer' }, context.settings.value)
  const expected = expectedValueMinor({
    probability: winBack.probability,
    valueIfWonBackMinor: subject.valueIfWonBack,
    ...(scored === null ? {} : { expectedCostMinor: scored.costMinor }),
  })
  return { winBack, expected }
}

// one as-of date a run: its ISO text is made once, not a million times
let asOfMemo: { day: number; text: string } | null = null
function asOfText(day: number): string {
  if (asOfMemo?.day !== day) {
    asOfMemo = { day, text: isoDay(day) }
  }
  return asOfMemo.text
}

function scoreCustomer(context: ScoringContext, i: number): CustomerScoreRow {
  const { histories, asOfDay, settings } = context
  const { customerId, facts, prediction, contract, verdict } = classifyCustomer(context, i)
  const value = valueFigures(context, i, facts, verdict)
  const explanation = explainCustomerScore(
    {
      asOfDay,
      firstOrderDay: facts.firstDay,
      lastOrderDay: facts.lastDay,
      purchaseDays: facts.x + 1,
      medianGapDays: facts.medianGapDays,
      probabilityAlive: prediction?.probabilityAlive ?? null,
      expectedNextOrderDay: facts.expectedNextOrderDay,
      contractEndDay: contract?.endDay ?? null,
      verdict,
      valueIfWonBackMinor: value.valueIfWonBack,
      wonBackHorizonDays: settings.value.wonBackHorizonDays,
      winBack: value.winBack,
      expectedValue: value.expected,
      currency: context.currency,
    },
    settings.lapse,
  )
  const next = facts.expectedNextOrderDay
  return {
    customer_id: customerId,
    status: verdict.status,
    status_rule: verdict.rule,
    lost_since: verdict.lostSinceDay === null ? null : isoDay(verdict.lostSinceDay),
    p_alive: prediction?.probabilityAlive ?? null,
    expected_orders: prediction?.expectedOrders ?? null,
    expected_next_order: next === null ? null : isoDay(next),
    overdue_days: next === null ? null : Math.max(0, asOfDay - next),
    first_order_on: isoDay(facts.firstDay),
    last_order_on: isoDay(facts.lastDay),
    purchase_days: facts.x + 1,
    historical_value_minor: finiteMinor(Math.max(0, histories.netValueMinor[i] ?? 0)),
    value_if_won_back_minor: value.valueIfWonBack,
    clv_minor: prediction === null ? null : clvOf(context, prediction, value.spendPerOrderMinor),
    win_back_probability: value.winBack.probability,
    expected_value_minor: value.expected.valueMinor,
    explanation: explanation.sentence,
  }
}

function spendPerOrder(context: ScoringContext, i: number, x: number): number {
  const { histories } = context
  const repeatSpend = Math.max(0, histories.repeatSpendMinor[i] ?? 0)
  if (context.spendParams !== null) {
    const adjusted = gammaGammaExpectedSpend(context.spendParams, x, x > 0 ? repeatSpend / x : 0)
    if (Number.isFinite(adjusted)) {
      return adjusted
    }
  }
  return Math.max(0, histories.spendMinor[i] ?? 0) / Math.max(1, x + 1)
}

function clvOf(
  context: ScoringContext,
  prediction: HistoryPrediction,
  spendPerOrderMinor: number,
): number {
  const step = context.clvStepMonths
  return clvMinor(
    {
      cumulativeOrders: (months) =>
        prediction.cumulativeBySteps[Math.ceil(months / step) - 1] ?? prediction.expectedOrders,
      spendPerOrderMinor,
      stepMonths: step,
    },
    context.settings.value,
  )
}

function scoreContractOnly(
  context: ScoringContext,
  customerId: string,
  contract: ContractCustomer,
): CustomerScoreRow {
  const { asOfDay, settings } = context
  const verdict = classifyLapse(
    {
      asOfDay,
      lastOrderDay: null,
      repeatOrders: 0,
      medianGapDays: null,
      probabilityAlive: null,
      expectedNextOrderDay: null,
      contract,
    },
    settings.lapse,
  )
  const valueIfWonBack = contract.yearlyValueMinor
  const { winBack, expected } = winBackFigures(context, verdict, {
    customerId,
    firstOrderDay: null,
    valueIfWonBack,
  })
  const explanation = explainCustomerScore(
    {
      asOfDay,
      firstOrderDay: null,
      lastOrderDay: null,
      purchaseDays: 0,
      medianGapDays: null,
      probabilityAlive: null,
      expectedNextOrderDay: null,
      contractEndDay: contract.endDay,
      verdict,
      valueIfWonBackMinor: valueIfWonBack,
      wonBackHorizonDays: settings.value.wonBackHorizonDays,
      winBack,
      expectedValue: expected,
      currency: context.currency,
    },
    settings.lapse,
  )
  return {
    customer_id: customerId,
    status: verdict.status,
    status_rule: verdict.rule,
    lost_since: verdict.lostSinceDay === null ? null : isoDay(verdict.lostSinceDay),
    p_alive: null,
    expected_orders: null,
    expected_next_order: null,
    overdue_days: null,
    first_order_on: null,
    last_order_on: null,
    purchase_days: 0,
    historical_value_minor: 0,
    value_if_won_back_minor: valueIfWonBack,
    clv_minor: null,
    win_back_probability: winBack.probability,
    expected_value_minor: expected.valueMinor,
    explanation: explanation.sentence,
  }
}
