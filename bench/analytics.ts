/**
 * BG/NBD fit and scoring on 1,000,000 customers drawn like CDNOW's (BG/NBD with the CDNOW
 * estimates, ages uniform over 27–39 weeks at day resolution — the population of issue #3, where
 * the Python library lifetimes takes 8.9 s to fit and 0.64 s to score), and the BG/NBD fit on a
 * 3-year day-grain population of 1M. Targets on one core: fit < 0.25 s, scoring < 0.2 s, 3-year
 * fit < 1 s. Each figure is the fastest of three runs after a warm-up.
 *
 * Run alone with `node --import tsx bench/analytics.ts`.
 */
import { pathToFileURL } from 'node:url'
import { scoreBgFamilyCustomers } from '../src/analytics/models/bg-family-scores.js'
import { fitBgNbd } from '../src/analytics/models/bg-nbd.js'
import { gammaGammaExpectedSpends } from '../src/analytics/models/gamma-gamma.js'
import { generateBgNbdPopulation } from '../src/analytics/random/bg-nbd-population.js'
import { createMulberry32 } from '../src/analytics/random/mulberry32.js'
import { sampleGamma } from '../src/analytics/random/variates.js'
import type { RfmSummary } from '../src/analytics/types.js'

/** Fader, Hardie & Lee 2005 (weeks) */
const CDNOW_BG_NBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
/** Fader, Hardie & Lee 2005, "RFM and CLV" (CDNOW spend) */
const CDNOW_GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44 }
const CUSTOMERS = 1_000_000

/** CDNOW-like: ages 189..273 days, time unit weeks (days / 7). */
export function cdnowLikePopulation(customers: number, seed: number): RfmSummary {
  return generateBgNbdPopulation({
    customers,
    params: CDNOW_BG_NBD,
    unitDays: 7,
    ageDays: { min: 189, max: 273 },
    seed,
  })
}

/** 3 years at day grain: ages 0..1095 days, time unit days (α in days = 7 × α in weeks). */
export function threeYearDailyPopulation(customers: number, seed: number): RfmSummary {
  const params = { ...CDNOW_BG_NBD, alpha: 7 * CDNOW_BG_NBD.alpha }
  return generateBgNbdPopulation({
    customers,
    params,
    unitDays: 1,
    ageDays: { min: 0, max: 1095 },
    seed,
  })
}

/** Mean spend of each customer's repeat orders, drawn from the Gamma-Gamma model (0 when x = 0). */
function simulateMeanSpend(frequency: Float64Array, seed: number): Float64Array {
  const uniform = createMulberry32(seed)
  const { p, q, gamma } = CDNOW_GAMMA_GAMMA
  return frequency.map((x) => {
    if (x === 0) {
      return 0
    }
    const rate = sampleGamma(uniform, q, gamma)
    // the mean of x Gamma(p, ν) spends is Gamma(px, νx)
    return sampleGamma(uniform, p * x, rate * x)
  })
}

/** Wall and CPU seconds of the fastest of `runs` calls (CPU time shows what a busy machine hides). */
function fastestSeconds(work: () => void, runs: number): { wall: number; cpu: number } {
  let wall = Number.POSITIVE_INFINITY
  let cpu = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage()
    const start = performance.now()
    work()
    const seconds = (performance.now() - start) / 1000
    const used = process.cpuUsage(startCpu)
    if (seconds < wall) {
      wall = seconds
      cpu = (used.user + used.system) / 1e6
    }
  }
  return { wall: Number(wall.toFixed(3)), cpu: Number(cpu.toFixed(3)) }
}

function benchFit(population: RfmSummary) {
  let fit = fitBgNbd(population)
  const seconds = fastestSeconds(() => {
    fit = fitBgNbd(population)
  }, 3)
  return { seconds, fit }
}

function benchScoring(population: RfmSummary, params: Readonly<Record<string, number>>) {
  const meanSpend = simulateMeanSpend(population.frequency, 99)
  const discounting = { timeUnitsPerYear: 365.25 / 7, horizonYears: 1, annualDiscountRate: 0.1 }
  let checksum = 0
  const seconds = fastestSeconds(() => {
    const scores = scoreBgFamilyCustomers('bgnbd', params, population, { horizon: 52, discounting })
    const spend = gammaGammaExpectedSpends(CDNOW_GAMMA_GAMMA, population.frequency, meanSpend)
    const discounted = scores.discountedTransactions!
    const lifetimeValue = new Float64Array(population.length)
    for (let i = 0; i < population.length; i++) {
      lifetimeValue[i] = discounted[i]! * spend[i]!
    }
    checksum = lifetimeValue[0]! + scores.probabilityAlive[0]! + scores.expectedTransactions[0]!
  }, 3)
  if (!Number.isFinite(checksum)) {
    throw new Error('scoring produced a non-finite number')
  }
  return seconds
}

/**
 * Times `fitBgNbd` (validation, compression, fit and standard errors) and the scoring of every
 * customer (P(alive), expected transactions in 52 weeks and a 1-year monthly-discounted CLV with
 * Gamma-Gamma spend) on generated populations; prints nothing, returns the figures.
 */
export async function benchAnalytics(): Promise<Record<string, number>> {
  fitBgNbd(cdnowLikePopulation(20_000, 7))
  const population = cdnowLikePopulation(CUSTOMERS, 20_050_101)
  const cdnowLike = benchFit(population)
  const scoreSeconds = benchScoring(population, cdnowLike.fit.params)
  const threeYears = benchFit(threeYearDailyPopulation(CUSTOMERS, 20_050_102))
  return {
    fit_bgnbd_1m_s: cdnowLike.seconds.wall,
    fit_bgnbd_1m_cpu_s: cdnowLike.seconds.cpu,
    bgnbd_1m_distinct_rows: cdnowLike.fit.distinctRows,
    bgnbd_1m_converged: cdnowLike.fit.converged ? 1 : 0,
    score_1m_s: scoreSeconds.wall,
    score_1m_cpu_s: scoreSeconds.cpu,
    fit_bgnbd_1m_3y_s: threeYears.seconds.wall,
    fit_bgnbd_1m_3y_cpu_s: threeYears.seconds.cpu,
    bgnbd_1m_3y_distinct_rows: threeYears.fit.distinctRows,
    bgnbd_1m_3y_converged: threeYears.fit.converged ? 1 : 0,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchAnalytics()))
}
