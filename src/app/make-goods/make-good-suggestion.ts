import {
  type MakeGoodBasis,
  type MakeGoodSuggestion,
  suggestMakeGood,
} from '../../domain/make-good.js'
import {
  type CaseRow,
  type DamageLine,
  type Queryable,
  readCustomerIncidents,
  readValueIfWonBack,
  type Store,
} from '../../store/index.js'
import { type CaseActor, loadCaseFor } from '../cases/case-support.js'
import { companyCurrency } from '../cases/golden-lessons.js'
import { getMakeGoodSettings } from './make-good-settings.js'

/** What a case's make-good answers and how big Comeback suggests it be. */
export interface MakeGoodAdvice {
  readonly caseId: number
  readonly customerId: string
  /** the customer's incidents, each with what it cost them */
  readonly incidents: readonly DamageLine[]
  /** what the customer said it cost them in the exit interview (the finding), if recorded */
  readonly findingCostMinor: number | null
  /** what the customer asked for (the finding's remedy) */
  readonly remedy: string | null
  readonly basis: MakeGoodBasis
  readonly suggestion: MakeGoodSuggestion
}

/**
 * The damage and worth of a case's customer and the make-good size they suggest, for a case the
 * actor may read.
 * @throws NotFoundError for a case the actor may not read
 * @example const advice = await suggestMakeGoodFor(store, who, 7) // advice.suggestion.explanation
 */
export async function suggestMakeGoodFor(
  store: Store,
  who: CaseActor,
  caseId: number,
): Promise<MakeGoodAdvice> {
  const { row } = await loadCaseFor(store, who, caseId, 'read')
  return adviceFor(store, row, await companyCurrency(store))
}

/** The advice for a loaded case (`incidentIds` narrows the damage to those incidents). */
export async function adviceFor(
  target: Queryable,
  row: CaseRow,
  currency: string,
  incidentIds?: readonly number[],
): Promise<MakeGoodAdvice> {
  const all = await readCustomerIncidents(target, row.customer_id)
  const incidents =
    incidentIds === undefined ? all : all.filter((line) => incidentIds.includes(line.id))
  const findingCost = row.customer_cost_minor === null ? null : Number(row.customer_cost_minor)
  const damageMinor = incidents.reduce((sum, line) => sum + line.costMinor, 0) + (findingCost ?? 0)
  const lostValue = Number(row.lost_value_minor)
  const valueIfWonBackMinor = (await readValueIfWonBack(target, row.customer_id)) ?? lostValue
  const basis: MakeGoodBasis = {
    damageMinor,
    valueIfWonBackMinor,
    // a year of their business: the revenue the loss took away, else what they would bring back
    yearlyRevenueMinor: lostValue > 0 ? lostValue : valueIfWonBackMinor,
    currency,
  }
  const { sizing } = await getMakeGoodSettings(target)
  return {
    caseId: Number(row.id),
    customerId: row.customer_id,
    incidents: all,
    findingCostMinor: findingCost,
    remedy: row.remedy,
    basis,
    suggestion: suggestMakeGood(basis, sizing),
  }
}
