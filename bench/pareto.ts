/**
 * Pareto/NBD fit on 1,000,000 customers drawn like CDNOW's (BG/NBD with the CDNOW estimates, ages
 * uniform over 27–39 weeks at day resolution: the population of issue #3's comparison, where the
 * Python library lifetimes takes 241 s). Target: under 2 s on one core.
 *
 * Run alone with `node --import tsx bench/pareto.ts`; `bench/run.ts` may call `benchPareto()`.
 */
import { pathToFileURL } from 'node:url'
import { fitParetoNbd } from '../src/analytics/models/pareto-nbd.js'
import { generateBgNbdPopulation } from '../src/analytics/random/bg-nbd-population.js'
import { compressRfm } from '../src/analytics/rfm/compress.js'

const CDNOW_BG_NBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }

function cdnowLike(customers: number, seed: number) {
  return generateBgNbdPopulation({
    customers,
    params: CDNOW_BG_NBD,
    unitDays: 7,
    ageDays: { min: 189, max: 273 },
    seed,
  })
}

/** Seconds for the fastest of `runs` calls of `work`. */
function fastestSeconds(work: () => void, runs: number): number {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    work()
    best = Math.min(best, (performance.now() - start) / 1000)
  }
  return best
}

/**
 * Times `fitParetoNbd` (validation, compression and the fit with standard errors) on a
 * 1M-customer CDNOW-like population: the fastest of three runs after a warm-up fit on 20,000
 * customers. Prints nothing, returns the figures.
 */
export async function benchPareto(): Promise<Record<string, number>> {
  const population = cdnowLike(1_000_000, 20_050_101)
  fitParetoNbd(cdnowLike(20_000, 7))
  let converged = false
  const seconds = fastestSeconds(() => {
    converged = fitParetoNbd(population).converged
  }, 3)
  return {
    fit_pnbd_1m_s: seconds,
    pnbd_1m_distinct_rows: compressRfm(population).length,
    pnbd_1m_converged: converged ? 1 : 0,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchPareto(), null, 2))
}
