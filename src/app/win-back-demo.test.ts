import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAnalysisSettings } from '../domain/analysis-settings.js'
import { openStore, type Store } from '../store/index.js'
import { analyze } from './analyze.js'
import { importPastAttempts } from './cases/import-past-attempts.js'
import type { DemoCompany } from './demo/demo-types.js'
import { loadDemoCompany } from './load-demo.js'
import { loadWinBackKnowledge } from './win-back-facts.js'
import { runWinBackModel, winBackModelAs } from './win-back-model-as.js'
import { createWinBackScorer } from './win-back-scorer.js'

// a demo company big enough for well over 50 answered past attempts (issue 5 part 5)
const OPTIONS = { seed: 11, customers: 1500, asOf: '2025-06-30', actor: 'test' } as const
const ADMIN = {
  actor: { userId: 0, role: 'admin' as const, teamUserIds: new Set<number>() },
  audit: { actorUserId: null, via: 'cli' as const, requestId: null, actorLabel: 'test' },
}

/** The truth's expected wins among the `share` a score ranks highest. */
function expectedWinsInTop(
  scored: readonly { truth: number; score: number }[],
  share: number,
): number {
  const top = [...scored]
    .sort((a, b) => b.score - a.score)
    .slice(0, Math.round(scored.length * share))
  return top.reduce((sum, item) => sum + item.truth, 0)
}

describe('the win-back model on the demo company', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-win-back-'))
  let store: Store
  let company: DemoCompany
  let priorRunId = 0

  beforeAll(async () => {
    store = await openStore(join(dir, 'demo.db'))
    await store.migrate()
    company = (await loadDemoCompany(store, OPTIONS)).company
    priorRunId = (await analyze(store, { asOf: OPTIONS.asOf, actor: 'test' })).runId
    await importPastAttempts(store, ADMIN)
    await analyze(store, { asOf: OPTIONS.asOf, actor: 'test' })
  }, 300_000)

  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('falls back to the prior below the ended cases it needs, and says so', async () => {
    const run = await store.db
      .selectFrom('analysis_runs')
      .select(['id', 'settings_json'])
      .where('id', '=', priorRunId)
      .executeTakeFirstOrThrow()
    const record = await runWinBackModel(store, {
      id: Number(run.id),
      settings_json: run.settings_json,
    })
    expect(record.basis).toBe('prior')
    expect(record.reason).toMatch(/^the prior: 0 ended cases with an answer, fewer than the 50/)
  })

  it('learns from the ended cases once there are enough, with its calibration shown', async () => {
    const model = await winBackModelAs(store, ADMIN.actor)
    expect(model.endedCases).toBeGreaterThanOrEqual(50)
    expect(model.basis).toBe('learned_model')
    expect(model.calibration?.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(model.endedCases)
    // the demo's past outcomes carry the truth's noise (its propensity and what no one records),
    // so out of sample neither model ranks them much better than chance: the learned model,
    // pulled toward the prior's effects, stays within a margin of the prior and of a coin
    const learnedAuc = model.calibration?.auc ?? 0
    expect(learnedAuc).toBeGreaterThanOrEqual((model.priorCalibration?.auc ?? 1) - 0.1)
    expect(model.calibration?.brier ?? 1).toBeLessThan(0.26)
    expect(model.coefficients.map((item) => item.feature)).toContain('reasonFixed')
  })

  it('picks lost customers the truth says are likelier to come back better than the prior', async () => {
    const latest = await winBackModelAs(store, ADMIN.actor)
    const rows = await store.db
      .selectFrom('customer_scores')
      .select(['customer_id', 'lost_since', 'first_order_on', 'value_if_won_back_minor'])
      .select('win_back_probability')
      .where('run_id', '=', latest.runId)
      .where('status', '=', 'lost')
      .execute()
    const run = await store.db
      .selectFrom('analysis_runs')
      .select(['id', 'settings_json'])
      .where('id', '=', latest.runId)
      .executeTakeFirstOrThrow()
    const record = await runWinBackModel(store, {
      id: latest.runId,
      settings_json: run.settings_json,
    })
    const settings = parseAnalysisSettings(JSON.parse(run.settings_json)).value
    // the prior on the very same knowledge, to compare like with like
    const prior = createWinBackScorer(
      await loadWinBackKnowledge(store),
      {
        ...record,
        basis: 'prior',
        coefficients: (
          await runWinBackModel(store, { id: priorRunId, settings_json: run.settings_json })
        ).coefficients,
      },
      settings,
    )
    const truth = new Map(company.truth.map((item) => [item.customerId, item.probabilityWinBack]))
    const scored = rows.flatMap((row) => {
      const truthP = truth.get(row.customer_id)
      if (truthP === null || truthP === undefined) {
        return []
      }
      const facts = {
        subjectKey: `customer:${row.customer_id}`,
        customerId: row.customer_id,
        lostOn: row.lost_since,
        firstOrderOn: row.first_order_on,
        valueMinor: Number(row.value_if_won_back_minor),
        asOf: OPTIONS.asOf,
      }
      return [
        {
          truth: truthP,
          learned: Number(row.win_back_probability),
          prior: prior.customer(facts).winBack.probability,
        },
      ]
    })
    expect(scored.length).toBeGreaterThan(200)
    const learned = expectedWinsInTop(
      scored.map((s) => ({ truth: s.truth, score: s.learned })),
      0.2,
    )
    const priorWins = expectedWinsInTop(
      scored.map((s) => ({ truth: s.truth, score: s.prior })),
      0.2,
    )
    const random = scored.reduce((sum, s) => sum + s.truth, 0) * 0.2
    // measured (seed 11, 1500 customers, 112 ended cases): learned 33.4, prior 29.7, random
    // 25.0 expected wins in the top fifth; other seeds put the two within about 10 % of each other
    expect(priorWins).toBeGreaterThan(random * 1.05)
    expect(learned).toBeGreaterThan(random * 1.05)
    expect(learned).toBeGreaterThan(priorWins * 0.9)
  })
})
