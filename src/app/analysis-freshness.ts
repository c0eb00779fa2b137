import { getSetting, listImportRuns, readLatestAnalysisRun, type Store } from '../store/index.js'
import { getAnalysisSettings } from './analysis-settings.js'
import { todayIn } from './analyze-days.js'

/** Whether the newest analysis still describes the data, and if not, why a new one is due. */
export type AnalysisFreshness =
  | {
      readonly current: true
      readonly runId: number
      readonly asOf: string
      readonly model: string | null
      readonly statusCounts: Readonly<Record<string, number>>
    }
  | { readonly current: false; readonly reason: string }

// imports looked at: far more than could commit between two starts of a local quick start
const RECENT_IMPORTS = 100

/**
 * Decides whether `analyze` must run again before the lost list is shown: when there is no run
 * yet, when the newest run is dated before today in the company's time zone (statuses depend on the
 * day: a customer lapses by waiting), when an import committed after it was made (imports are the
 * only way orders, contracts and deals change after the demo load), or when the analysis settings
 * differ from the ones it used. Anything else (cases, fixes, users) leaves its scores valid.
 * @example const freshness = await analysisFreshness(store); if (!freshness.current) await analyze(…)
 */
export async function analysisFreshness(
  store: Store,
  now: Date = new Date(),
): Promise<AnalysisFreshness> {
  const run = await readLatestAnalysisRun(store)
  if (run === undefined) {
    return { current: false, reason: 'no analysis yet' }
  }
  const today = todayIn(await companyTimeZone(store), now)
  if (run.as_of < today) {
    return {
      current: false,
      reason: `the newest analysis is as of ${run.as_of}, today is ${today}`,
    }
  }
  const imports = await listImportRuns(store, { limit: RECENT_IMPORTS })
  const newer = imports.find(
    (entry) =>
      entry.status === 'committed' &&
      entry.finished_at !== null &&
      entry.finished_at > run.created_at,
  )
  if (newer !== undefined) {
    return { current: false, reason: `import ${newer.id} committed after the newest analysis` }
  }
  if (JSON.stringify(await getAnalysisSettings(store)) !== run.settings_json) {
    return { current: false, reason: 'the analysis settings changed after the newest analysis' }
  }
  return {
    current: true,
    runId: run.id,
    asOf: run.as_of,
    model: run.model,
    statusCounts: JSON.parse(run.status_counts_json) as Record<string, number>,
  }
}

// the same keys `analyze` reads the company's time zone from
async function companyTimeZone(store: Store): Promise<string> {
  for (const key of ['company.timeZone', 'time_zone']) {
    const value = await getSetting<unknown>(store, key, null)
    if (typeof value === 'string' && value !== '') {
      return value
    }
  }
  return 'UTC'
}
