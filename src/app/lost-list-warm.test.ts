import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiFixture, createApiFixture, storeTargets } from '../test-support/api-fixture.js'
import { seedAnalysis, seededScore, seedRun } from '../test-support/lost-list-fixture.js'
import { keepLostListWarm, warmLostList } from './lost-list-warm.js'
import { runSummary } from './run-summary.js'

const targets = await storeTargets()

describe.each(targets)('warming the lost list ($name)', (target) => {
  let fixture: ApiFixture
  beforeAll(async () => {
    fixture = await createApiFixture(target)
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('builds nothing before the first analysis, then the newest run on start and on every new run', async () => {
    expect(await warmLostList(fixture.store)).toBe(false)
    const { runId } = await seedAnalysis(fixture.store, fixture.users)
    expect(await warmLostList(fixture.store)).toBe(true)
    expect((await runSummary(fixture.store)).runId).toBe(runId)

    const warmed: number[] = []
    const errors: unknown[] = []
    const warmer = keepLostListWarm(fixture.store, {
      everyMs: 10,
      onWarm: (id) => warmed.push(id),
      onError: (error) => errors.push(error),
    })
    try {
      await expect.poll(() => warmed, { timeout: 5_000 }).toEqual([runId])
      // a run published elsewhere (another process's `comeback analyze`) is built without a reader
      const next = await seedRun(fixture.store, '2024-07-31', [seededScore('A-001', 0)])
      await expect.poll(() => warmed, { timeout: 5_000 }).toEqual([runId, next])
    } finally {
      await warmer.stop()
    }
    expect(errors).toEqual([])
    const stoppedAt = warmed.length
    await seedRun(fixture.store, '2024-08-31', [seededScore('A-001', 0)])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(warmed).toHaveLength(stoppedAt)
  })
})
