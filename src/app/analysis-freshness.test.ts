import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ANALYSIS_SETTINGS } from '../domain/analysis-settings.js'
import { type Store, setSetting } from '../store/index.js'
import { storeTargets } from '../test-support/api-fixture.js'
import { analysisFreshness } from './analysis-freshness.js'
import { analyze } from './analyze.js'
import { loadDemoCompany } from './load-demo.js'

const AS_OF = '2026-02-27'
const RAN_AT = new Date(`${AS_OF}T12:00:00.000Z`)
const LATER_THAT_DAY = new Date(`${AS_OF}T13:00:00.000Z`)

describe.each(await storeTargets())('whether the newest analysis is current on $name', (target) => {
  let store: Store
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    ;({ store, cleanup } = await target.open())
    await store.migrate()
    await loadDemoCompany(store, { seed: 3, customers: 120, asOf: AS_OF, actor: 'test' })
  })
  afterAll(async () => {
    await store.close()
    await cleanup()
  })

  it('asks for a run when there is none, and not again the same day once one ran', async () => {
    expect(await analysisFreshness(store, LATER_THAT_DAY)).toEqual({
      current: false,
      reason: 'no analysis yet',
    })
    const run = await analyze(store, { asOf: AS_OF, actor: 'test', now: RAN_AT })
    expect(await analysisFreshness(store, LATER_THAT_DAY)).toEqual({
      current: true,
      runId: run.runId,
      asOf: AS_OF,
      model: run.model,
      statusCounts: run.statusCounts,
    })
  })

  it('asks again on the next day in the company time zone', async () => {
    const nextMorning = new Date(`${AS_OF}T23:30:00.000Z`)
    expect((await analysisFreshness(store, nextMorning)).current).toBe(true)
    await setSetting(store, 'company.timeZone', 'Asia/Tokyo')
    try {
      expect(await analysisFreshness(store, nextMorning)).toEqual({
        current: false,
        reason: `the newest analysis is as of ${AS_OF}, today is 2026-02-28`,
      })
    } finally {
      await setSetting(store, 'company.timeZone', 'UTC')
    }
  })

  it('asks again after an import committed, but not after one that failed', async () => {
    const row = {
      kind: 'orders',
      file_name: 'orders.csv',
      actor: 'test',
      started_at: RAN_AT.toISOString(),
      heartbeat_at: LATER_THAT_DAY.toISOString(),
      finished_at: LATER_THAT_DAY.toISOString(),
      read_count: 1,
      inserted_count: 1,
      updated_count: 0,
      unchanged_count: 0,
      rejected_count: 0,
      rejects_file: null,
      error: null,
    }
    await store.db
      .insertInto('imports')
      .values({ ...row, file_sha256: 'f'.repeat(64), status: 'failed' })
      .execute()
    expect((await analysisFreshness(store, LATER_THAT_DAY)).current).toBe(true)
    const committed = await store.db
      .insertInto('imports')
      .values({ ...row, file_sha256: 'c'.repeat(64), status: 'committed' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(await analysisFreshness(store, LATER_THAT_DAY)).toEqual({
      current: false,
      reason: `import ${Number(committed.id)} committed after the newest analysis`,
    })
    await store.db.deleteFrom('imports').execute()
  })

  it('asks again when the analysis settings changed', async () => {
    await setSetting(store, 'analysis', {
      ...DEFAULT_ANALYSIS_SETTINGS,
      lapse: { ...DEFAULT_ANALYSIS_SETTINGS.lapse, lostAfterDays: 200 },
    })
    expect(await analysisFreshness(store, LATER_THAT_DAY)).toEqual({
      current: false,
      reason: 'the analysis settings changed after the newest analysis',
    })
  })
})
