import { daysBetween } from '../../domain/case-dates.js'
import { keepWindowEnd, watchedIncidentKinds } from '../../domain/keep-watch.js'
import {
  type KeepPlanRow,
  listKeepPlans,
  readCustomerNames,
  readIncidentsSince,
  type Store,
  type WatchedIncident,
} from '../../store/index.js'
import { getKeepSettings } from './keep-settings.js'
import { raiseAlert } from './raise-alert.js'

/**
 * Watches the reasons won-back customers left over (SPEC §9): every published incident of a
 * watched kind (the reason ↔ incident-kind mapping) after the win and within the keep window raises
 * one alert for the case owner, keyed by case and incident so that importing again, or checking
 * again, raises nothing new. Returns how many alerts it added.
 * @example await watchReasons(store) // 1 after an incident import brought a late delivery
 */
export async function watchReasons(
  store: Store,
  options: { readonly customerIds?: readonly string[] } = {},
): Promise<number> {
  const settings = await getKeepSettings(store)
  // every plan, not only those still in their window: an incident may be imported late
  const plans = (await listKeepPlans(store)).filter(
    (plan) => options.customerIds === undefined || options.customerIds.includes(plan.customer_id),
  )
  if (plans.length === 0) {
    return 0
  }
  const customerIds = [...new Set(plans.map((plan) => plan.customer_id))]
  const [earliest = '9999-12-31'] = plans.map((plan) => plan.won_on).sort()
  const incidents = await readIncidentsSince(store, customerIds, earliest)
  const names = await readCustomerNames(store, customerIds)
  let raised = 0
  for (const plan of plans) {
    const watched = watchedIncidentKinds(
      JSON.parse(plan.watched_reasons_json) as string[],
      settings,
    )
    const windowEnd = keepWindowEnd(plan.won_on, settings)
    for (const incident of incidents) {
      const inWindow = incident.occurredOn > plan.won_on && incident.occurredOn <= windowEnd
      if (incident.customerId === plan.customer_id && inWindow && watched.has(incident.kind)) {
        const name = names.get(plan.customer_id) ?? plan.customer_id
        raised += (await raiseAlert(store, recurredAlert(plan, incident, name))) ? 1 : 0
      }
    }
  }
  return raised
}

function recurredAlert(plan: KeepPlanRow, incident: WatchedIncident, name: string) {
  const reasons = (JSON.parse(plan.watched_reasons_json) as string[]).join(', ')
  const what = incident.kind.replaceAll('_', ' ')
  const detail = incident.description === null ? '' : ` ("${incident.description}")`
  return {
    kind: 'reason_recurred' as const,
    customer_id: plan.customer_id,
    case_id: Number(plan.case_id),
    owner_id: Number(plan.owner_id),
    message: `${name}: a new ${what} incident on ${incident.occurredOn}${detail} — the reason they left (${reasons}) is back, ${daysBetween(plan.won_on, incident.occurredOn)} days after the win on ${plan.won_on}. Call them now.`,
    trigger_key: `reason_recurred:case:${plan.case_id}:incident:${incident.incidentKey}`,
  }
}

/**
 * The hook an incidents import calls once it has committed (and any other path that records
 * incidents). Never throws: the import stands; a failed watch is reported and the next one catches
 * up, since every alert is keyed by its trigger.
 * @example await afterIncidentsRecorded(store) // in import-file.ts, after a committed `incidents` import
 */
export async function afterIncidentsRecorded(
  store: Store,
  onError: (error: unknown) => void = () => {},
): Promise<number | null> {
  try {
    return await watchReasons(store)
  } catch (error) {
    onError(error)
    return null
  }
}
