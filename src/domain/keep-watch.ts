import { z } from 'zod'
import { addDays } from './case-dates.js'

/**
 * Seal the deal (SPEC §9): the rules that watch a won-back customer for a year after the win —
 * which incidents repeat the reason they left over, when a P(alive) counts as slipped, and when
 * they count as lost a second time (SPEC "Figures": re-lapse = lost again within 12 months of the
 * win). Pure: the app reads the scores and incidents and writes the alerts.
 */

/** What an admin may change about the keep watch. */
export interface KeepSettings {
  /** a won-back customer below this P(alive) has slipped; default the lapse rules' "lapsed" line */
  readonly slipBelowProbabilityAlive: number
  /** how long after the win the watch lasts, in days (12 months) */
  readonly keepWindowDays: number
  /** which incident kinds repeat which loss reason: reason code → incident kinds */
  readonly incidentKindsByReason: Readonly<Record<string, readonly string[]>>
}

/** The defaults: the incident kinds the demo data and imports use, matched to the taxonomy. */
export const DEFAULT_KEEP_SETTINGS: KeepSettings = {
  slipBelowProbabilityAlive: 0.5,
  keepWindowDays: 365,
  incidentKindsByReason: {
    delivery: ['late_delivery', 'wrong_delivery'],
    billing: ['billing_error'],
    missed_deadline: ['missed_deadline'],
    quality: ['quality', 'defect'],
    service: ['poor_service', 'downtime'],
  },
}

const settingsSchema = z.strictObject({
  slipBelowProbabilityAlive: z.number().min(0).max(1),
  keepWindowDays: z.number().int().min(1).max(3650),
  incidentKindsByReason: z.record(z.string().min(1), z.array(z.string().min(1))),
})

/**
 * Stored keep settings over the defaults.
 * @throws ZodError naming the field out of range
 * @example parseKeepSettings({ slipBelowProbabilityAlive: 0.4 }).keepWindowDays // 365
 */
export function parseKeepSettings(value: unknown): KeepSettings {
  const stored = typeof value === 'object' && value !== null ? value : {}
  return settingsSchema.parse({ ...DEFAULT_KEEP_SETTINGS, ...stored })
}

/** The incident kinds that repeat any of `reasonCodes`, per the mapping. */
export function watchedIncidentKinds(
  reasonCodes: readonly string[],
  settings: KeepSettings,
): Set<string> {
  return new Set(reasonCodes.flatMap((code) => settings.incidentKindsByReason[code] ?? []))
}

/** The last day of the keep window of a win on `wonOn`. */
export function keepWindowEnd(wonOn: string, settings: KeepSettings): string {
  return addDays(wonOn, settings.keepWindowDays)
}

/** One stored verdict about a won-back customer. */
export interface KeepScore {
  readonly runId: number
  readonly asOf: string
  readonly status: string
  readonly pAlive: number | null
  readonly lostSince: string | null
  readonly lastOrderOn: string | null
}

/**
 * Whether a run speaks about the second lifetime: they have ordered since the win. Before that the
 * model still describes the customer who left, and a low P(alive) says nothing new.
 */
export function isAfterComeback(score: KeepScore, wonOn: string): boolean {
  return score.lastOrderOn !== null && score.lastOrderOn >= wonOn
}

/**
 * Slipped: at risk or lapsed by the lapse rules, or P(alive) under the threshold — but not lost
 * (that is a re-lapse, counted on its own).
 */
export function isSlipped(score: KeepScore, settings: KeepSettings): boolean {
  if (score.status === 'lost') {
    return false
  }
  return (
    score.status === 'at_risk' ||
    score.status === 'lapsed' ||
    (score.pAlive !== null && score.pAlive < settings.slipBelowProbabilityAlive)
  )
}

/**
 * Whether `current` crossed into a slip: it is slipped, and the run before it (in the second
 * lifetime) was not slipped or lost — so a slip alerts once, not at every run that still shows it.
 * @example slipCrossed(activeBefore, atRiskNow, { wonOn: '2024-07-01', settings }) // true
 */
export function slipCrossed(
  previous: KeepScore | undefined,
  current: KeepScore,
  context: { readonly wonOn: string; readonly settings: KeepSettings },
): boolean {
  const { wonOn, settings } = context
  if (!isAfterComeback(current, wonOn) || current.asOf > keepWindowEnd(wonOn, settings)) {
    return false
  }
  if (!isSlipped(current, settings)) {
    return false
  }
  return (
    previous === undefined ||
    !isAfterComeback(previous, wonOn) ||
    !(isSlipped(previous, settings) || previous.status === 'lost')
  )
}

/**
 * The day a won-back customer was lost again within the keep window, or null: the first run (up
 * to `asOf`) that has them `lost` after they ordered again, dated by its "lost since" (the day the
 * firing rule first held, SPEC "Lapse status") or else the run's as-of date, if that day falls
 * after the win and within the window.
 * @example relapseDay('2024-01-10', [{ status: 'lost', lostSince: '2024-09-01', lastOrderOn: '2024-02-01', … }], { asOf: '2025-06-01', settings }) // '2024-09-01'
 */
export function relapseDay(
  wonOn: string,
  scores: readonly KeepScore[],
  context: { readonly asOf: string; readonly settings: KeepSettings },
): string | null {
  const windowEnd = keepWindowEnd(wonOn, context.settings)
  let first: string | null = null
  for (const score of scores) {
    if (score.asOf > context.asOf || score.status !== 'lost' || !isAfterComeback(score, wonOn)) {
      continue
    }
    const day = score.lostSince ?? score.asOf
    if (day > wonOn && day <= windowEnd && (first === null || day < first)) {
      first = day
    }
  }
  return first
}
