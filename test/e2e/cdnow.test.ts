import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bgNbd,
  fitGammaGamma,
  mbgNbd,
  paretoNbd,
  type RfmSummary,
  validateModel,
} from '../../src/analytics/index.js'
import { dayNumber } from '../../src/app/analyze-days.js'
import { readStoredHistories, type StoredHistories } from '../../src/app/analyze-read.js'
import { holdoutData, spendSummary, summarizeHistories } from '../../src/app/analyze-summary.js'
import { fitFile } from '../../src/app/fit-file.js'
import { importFile } from '../../src/app/import-file.js'
import { openStore, type Store } from '../../src/store/index.js'

// CDNOW through the import path: Fader, Hardie & Lee 2005 (BG/NBD), Fader, Hardie & Lee 2005
// "RFM and CLV" (Pareto/NBD, Gamma-Gamma), Batislam et al. 2007 as fitted by BTYDplus (MBG/NBD)
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const samplePath = path.resolve(repoRoot, '../shared/data/cdnow/CDNOW_sample.txt')
const CALIBRATION_END = '1997-09-30'
const HOLDOUT_END = '1998-06-30'

const directory = mkdtempSync(path.join(tmpdir(), 'comeback-cdnow-'))
const csvPath = path.join(directory, 'cdnow-orders.csv')

/** The fixed-width sample (master id, sample id, YYYYMMDD, CDs, dollars) as an order CSV. */
function writeSampleAsCsv(): number {
  const lines = readFileSync(samplePath, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
  const rows = lines.map((line) => {
    const [, sampleId, date, , dollars] = line.trim().split(/\s+/)
    const iso = `${date?.slice(0, 4)}-${date?.slice(4, 6)}-${date?.slice(6, 8)}`
    return `${sampleId},${iso},${dollars}`
  })
  writeFileSync(csvPath, `customer_id,date,amount\n${rows.join('\n')}\n`)
  return rows.length
}

/** Rounds to the digits the papers print. */
const printed = (value: number | undefined, digits: number) =>
  Number((value ?? NaN).toFixed(digits))

let store: Store
let atCalibration: StoredHistories
let summary: RfmSummary

beforeAll(async () => {
  expect(writeSampleAsCsv()).toBe(6919)
  store = await openStore(path.join(directory, 'cdnow.db'))
  await store.migrate()
  const result = await importFile(store, {
    kind: 'orders',
    path: csvPath,
    actor: 'test',
    currency: 'USD',
  })
  expect(result.rejected).toBe(0)
  expect(result.inserted).toBe(6919)
  atCalibration = await readStoredHistories(store, CALIBRATION_END, false)
  summary = summarizeHistories(atCalibration.histories, dayNumber(CALIBRATION_END), 7)
})

afterAll(async () => {
  await store.close()
  rmSync(directory, { recursive: true, force: true })
})

describe('CDNOW from the raw transaction log through the import path', () => {
  it('summarises 2,357 customers with 2,457 repeat purchases, 946 of them repeat buyers', () => {
    let repeats = 0
    let repeaters = 0
    for (let i = 0; i < summary.length; i += 1) {
      repeats += summary.frequency[i] ?? 0
      repeaters += (summary.frequency[i] ?? 0) > 0 ? 1 : 0
    }
    expect(summary.length).toBe(2357)
    expect(repeats).toBe(2457)
    expect(repeaters).toBe(946)
  })

  it('fits BG/NBD to r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4 (Fader, Hardie & Lee 2005)', () => {
    const fit = bgNbd.fit(summary)
    expect(fit.converged).toBe(true)
    expect(printed(fit.params['r'], 3)).toBe(0.243)
    expect(printed(fit.params['alpha'], 3)).toBe(4.414)
    expect(printed(fit.params['a'], 3)).toBe(0.793)
    expect(printed(fit.params['b'], 3)).toBe(2.426)
    expect(printed(fit.logLikelihood, 1)).toBe(-9582.4)
  })

  it('fits Pareto/NBD to r 0.553, alpha 10.578, s 0.606, beta 11.669, LL -9595.0', () => {
    const fit = paretoNbd.fit(summary)
    expect(fit.converged).toBe(true)
    expect(printed(fit.params['r'], 3)).toBe(0.553)
    expect(printed(fit.params['alpha'], 3)).toBe(10.578)
    expect(printed(fit.params['s'], 3)).toBe(0.606)
    expect(printed(fit.params['beta'], 3)).toBe(11.669)
    expect(printed(fit.logLikelihood, 1)).toBe(-9595.0)
  })

  it('fits MBG/NBD to r 0.525, alpha 6.183, a 0.891, b 1.614 (as BTYDplus fits it)', () => {
    const fit = mbgNbd.fit(summary)
    expect(fit.converged).toBe(true)
    expect(printed(fit.params['r'], 3)).toBe(0.525)
    expect(printed(fit.params['alpha'], 3)).toBe(6.183)
    expect(printed(fit.params['a'], 3)).toBe(0.891)
    expect(printed(fit.params['b'], 3)).toBe(1.614)
  })

  it('fits Gamma-Gamma on the 946 repeat buyers to p 6.25, q 3.74, gamma 15.44 (dollars)', () => {
    // the store keeps cents: the spend model's scale parameter comes back in cents
    const fit = fitGammaGamma(spendSummary(atCalibration.histories))
    expect(fit.n).toBe(946)
    expect(printed(fit.params['p'], 2)).toBe(6.25)
    expect(printed(fit.params['q'], 2)).toBe(3.74)
    expect(printed((fit.params['gamma'] ?? NaN) / 100, 2)).toBe(15.44)
  })

  it('holds out 1997-10-01..1998-06-30 with 1,882 merged repeat purchase days, and validates on it', async () => {
    const withHoldout = await readStoredHistories(store, HOLDOUT_END, {
      endDay: dayNumber(CALIBRATION_END),
      holdoutEndDay: dayNumber(HOLDOUT_END),
      windowStartDay: dayNumber('1997-01-01'),
    })
    const cohort = withHoldout.histories.calibration
    expect(cohort?.length).toBe(2357)
    const holdout = holdoutData(cohort ?? fail(), 7)
    expect(holdout.holdoutLength).toBe(39)
    expect(holdout.holdoutTransactions.reduce((sum, count) => sum + count, 0)).toBe(1882)
    const fit = bgNbd.fit(holdout.calibration)
    const validation = validateModel(bgNbd, fit.params, holdout)
    expect(validation.totalActual).toBe(1882)
    expect(validation.byFrequency[0]?.customers).toBe(2357 - 946)
    // BG/NBD's holdout forecast is close to the actual in total (Fader, Hardie & Lee 2005, §4)
    expect(Math.abs(validation.totalExpected - 1882) / 1882).toBeLessThan(0.15)
    // the tracking chart ends at 78 weeks with every repeat purchase of the cohort counted
    expect(validation.tracking).toHaveLength(78)
    expect(validation.tracking.at(-1)?.actualCumulative).toBe(2457 + 1882)
  })

  it('gives the same fit and holdout through `comeback fit --orders`', async () => {
    const fitted = await fitFile({
      orders: csvPath,
      calibrationEnd: CALIBRATION_END,
      holdoutEnd: HOLDOUT_END,
      model: 'bgnbd',
    })
    expect(printed(fitted.params['r'], 3)).toBe(0.243)
    expect(printed(fitted.logLikelihood, 1)).toBe(-9582.4)
    expect(fitted.validation?.totalActual).toBe(1882)
  })
})

function fail(): never {
  throw new Error('no calibration cohort')
}

describe('CDNOW through `analyze`', () => {
  it('chooses between MBG/NBD and Pareto/NBD on a holdout and scores every customer without NaN', async () => {
    const { analyze } = await import('../../src/app/analyze.js')
    const run = await analyze(store, {
      asOf: HOLDOUT_END,
      actor: 'test',
      now: new Date('2024-01-01T00:00:00Z'),
    })
    expect(run.method).toBe('holdout')
    expect(['mbgnbd', 'pareto-nbd']).toContain(run.model)
    expect(run.customers).toBe(2357)
    const invalid = await store.db
      .selectFrom('customer_scores')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('run_id', '=', run.runId)
      .where((eb) =>
        eb.or([eb('p_alive', '<', 0), eb('p_alive', '>', 1), eb('explanation', 'like', '%NaN%')]),
      )
      .executeTakeFirstOrThrow()
    expect(Number(invalid.count)).toBe(0)
  })
})
