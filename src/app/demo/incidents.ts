import { DAYS_PER_YEAR } from './calendar.js'
import { SEGMENT_PROFILES } from './customer-plan.js'
import type { IncidentKind, Segment } from './demo-types.js'
import type { Lifetime } from './lifetime.js'
import { INCIDENT_KIND_BY_SERVICE_REASON } from './loss-reasons.js'
import type { Random } from './random.js'
import { INCIDENT_DESCRIPTIONS } from './vocabulary.js'

/** A service failure before it gets its key. */
export interface DrawnIncident {
  readonly customerId: string
  readonly kind: IncidentKind
  readonly day: number
  readonly costMinor: number
  readonly description: string
}

const INCIDENT_KINDS: readonly IncidentKind[] = [
  'late_delivery',
  'billing_error',
  'missed_deadline',
  'quality',
  'poor_service',
]

/**
 * The service failures one customer suffered: a few at random while they bought (more for
 * difficult customers), and 1–3 costly ones of the matching kind in the months before a
 * lifetime that ended over service — so incidents are more frequent among service leavers.
 */
export function drawIncidents(
  random: Random,
  customer: { readonly id: string; readonly segment: Segment; readonly difficult: boolean },
  lifetimes: readonly Lifetime[],
  asOfDay: number,
): DrawnIncident[] {
  const profile = SEGMENT_PROFILES[customer.segment]
  const ratePerDay = (profile.incidentsPerYear * (customer.difficult ? 3 : 1)) / DAYS_PER_YEAR
  const incidents: DrawnIncident[] = []
  const draw = (kind: IncidentKind, day: number, severity: number): void => {
    const costMinor = Math.round(
      profile.incidentCostMinor * severity * Math.exp(0.8 * random.normal()),
    )
    const description = random.pick(INCIDENT_DESCRIPTIONS[kind] ?? ['Service failure'])
    incidents.push({ customerId: customer.id, kind, day: Math.floor(day), costMinor, description })
  }
  for (const lifetime of lifetimes) {
    const stopDay = Math.min(lifetime.endDay ?? asOfDay, asOfDay)
    let day = lifetime.startDay + random.exponential(ratePerDay)
    while (day < stopDay) {
      draw(random.pick(INCIDENT_KINDS), day, 1)
      day += random.exponential(ratePerDay)
    }
    const serviceKind =
      lifetime.reason === null ? undefined : INCIDENT_KIND_BY_SERVICE_REASON[lifetime.reason]
    if (serviceKind !== undefined && lifetime.endDay !== null) {
      const count = random.integer(1, 3)
      for (let n = 0; n < count; n++) {
        const before = random.integer(5, 150)
        draw(serviceKind, Math.max(lifetime.startDay, lifetime.endDay - before), 2)
      }
    }
  }
  return incidents
}
