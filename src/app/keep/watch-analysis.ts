import {
  type KeepScore,
  type KeepSettings,
  relapseDay,
  slipCrossed,
} from '../../domain/keep-watch.js'
import {
  type KeepPlanRow,
  listKeepPlans,
  readCustomerNames,
  readKeepScoreHistory,
  readLatestAnalysisRun,
  type Store,
  type WatchedScore,
} from '../../store/index.js'
import { getKeepSettings } from './keep-settings.js'
import { percent, raiseAlert } from './raise-alert.js'

/** What one look at a run raised. */
export interface WatchResult {
  readonly slips: number
  readonly relapses: number
}

/**
 * The model keeps watching won-back customers (SPEC §9): after analyze run `runId`, each keep-plan
 * customer whose P(alive) slipped below the threshold (or whose status became at risk or lapsed)
 * since the run before raises one alert for the owner — once per crossing, not at every run that
 * still shows it — and one lost again within 12 months of the win raises one re-lapse alert.
 * @example await watchAnalysis(store, 12) // { slips: 1, relapses: 0 }
 */
export async function watchAnalysis(store: Store, runId: number): Promise<WatchResult> {
  const settings = await getKeepSettings(store)
  const plans = await listKeepPlans(store)
  if (plans.length === 0) {
    return { slips: 0, relapses: 0 }
  }
  const customerIds = [...new Set(plans.map((plan) => plan.customer_id))]
  const history = groupByCustomer(await readKeepScoreHistory(store, customerIds))
  const names = await readCustomerNames(store, customerIds)
  let slips = 0
  let relapses = 0
  for (const plan of plans) {
    const scores = (history.get(plan.customer_id) ?? []).filter((score) => score.runId <= runId)
    const current = scores.find((score) => score.runId === runId)
    if (current === undefined) {
      continue
    }
    const name = names.get(plan.customer_id) ?? plan.customer_id
    const look = { plan, name, settings }
    const previous = scores
      .filter((score) => score.runId < runId && score.asOf <= current.asOf)
      .at(-1)
    if (slipCrossed(previous, current, { wonOn: plan.won_on, settings })) {
      slips += (await raiseAlert(store, slipAlert(look, { previous, current }))) ? 1 : 0
    }
    const day = relapseDay(plan.won_on, scores, { asOf: current.asOf, settings })
    if (day !== null) {
      relapses += (await raiseAlert(store, relapseAlert(look, day))) ? 1 : 0
    }
  }
  return { slips, relapses }
}

/**
 * The watch over the newest analysis run (`comeback alerts watch` catching up after a failed hook);
 * nothing to do before the first run.
 */
export async function watchLatestRun(store: Store): Promise<WatchResult> {
  const run = await readLatestAnalysisRun(store)
  return run === undefined ? { slips: 0, relapses: 0 } : watchAnalysis(store, run.id)
}

function groupByCustomer(scores: readonly WatchedScore[]): Map<string, WatchedScore[]> {
  const grouped = new Map<string, WatchedScore[]>()
  for (const score of scores) {
    const list = grouped.get(score.customerId) ?? []
    list.push(score)
    grouped.set(score.customerId, list)
  }
  return grouped
}

interface Look {
  readonly plan: KeepPlanRow
  readonly name: string
  readonly settings: KeepSettings
}

function slipAlert(look: Look, scores: { previous: KeepScore | undefined; current: KeepScore }) {
  const { plan, name } = look
  const { previous, current } = scores
  const now = current.pAlive === null ? '' : `, P(alive) ${percent(current.pAlive)}`
  const before =
    previous?.pAlive == null ? '' : `; it was ${percent(previous.pAlive)} at the last look`
  const atWin =
    plan.baseline_p_alive === null
      ? ''
      : ` and ${percent(Number(plan.baseline_p_alive))} at the win`
  return {
    kind: 'p_alive_slip' as const,
    customer_id: plan.customer_id,
    case_id: Number(plan.case_id),
    owner_id: Number(plan.owner_id),
    message: `${name} is slipping: status ${current.status.replace('_', ' ')}${now} in the analysis as of ${current.asOf}${before}${atWin}. Won back on ${plan.won_on}: call them before they are lost a second time.`,
    trigger_key: `p_alive_slip:case:${plan.case_id}:run:${current.runId}`,
  }
}

function relapseAlert(look: Look, day: string) {
  const { plan, name } = look
  return {
    kind: 're_lapse' as const,
    customer_id: plan.customer_id,
    case_id: Number(plan.case_id),
    owner_id: Number(plan.owner_id),
    message: `${name} is lost again since ${day}, within 12 months of the win on ${plan.won_on} (a re-lapse).`,
    trigger_key: `re_lapse:case:${plan.case_id}`,
  }
}

/**
 * The hook an analyze run calls once its scores are stored. Never throws: the run stands; a failed
 * watch is reported and the next run (or `comeback alerts watch`) catches up.
 * @example await afterAnalysis(store, result.runId)
 */
export async function afterAnalysis(
  store: Store,
  runId: number,
  onError: (error: unknown) => void = () => {},
): Promise<WatchResult | null> {
  try {
    return await watchAnalysis(store, runId)
  } catch (error) {
    onError(error)
    return null
  }
}
