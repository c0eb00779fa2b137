import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../domain/access-policy.js'
import { DEFAULT_ANALYSIS_SETTINGS } from '../domain/analysis-settings.js'
import { auditTrail, openStore, type Store } from '../store/index.js'
import { getAnalysisSettings, setAnalysisSetting } from './analysis-settings.js'

function who(role: Role) {
  return {
    actor: { userId: 0, role, teamUserIds: new Set<number>() },
    audit: { actorUserId: null, via: 'cli' as const, requestId: null, actorLabel: `test-${role}` },
  }
}

describe('analysis settings an admin edits', () => {
  let folder: string
  let store: Store
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'comeback-settings-'))
    store = await openStore(path.join(folder, 'settings.db'))
    await store.migrate()
  })
  afterAll(async () => {
    await store.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it("reads SPEC's defaults before anyone changes them", async () => {
    expect(await getAnalysisSettings(store)).toEqual(DEFAULT_ANALYSIS_SETTINGS)
  })

  it('lets an admin change one threshold, keeps the others and audits the name only', async () => {
    const next = await setAnalysisSetting(store, who('admin'), {
      name: 'lapse.lostProbabilityAlive',
      value: 0.25,
    })
    expect(next.lapse.lostProbabilityAlive).toBe(0.25)
    expect(next.lapse.lapsedProbabilityAlive).toBe(
      DEFAULT_ANALYSIS_SETTINGS.lapse.lapsedProbabilityAlive,
    )
    expect((await getAnalysisSettings(store)).lapse.lostProbabilityAlive).toBe(0.25)
    const trail = await auditTrail(store, 'setting', 'analysis')
    expect(trail.map((entry) => entry.fields_json)).toContain(
      JSON.stringify(['lapse.lostProbabilityAlive']),
    )
    expect(JSON.stringify(trail)).not.toContain('0.25')
  })

  it('refuses anyone but an admin, and leaves the setting as it was', async () => {
    for (const role of ['vp', 'manager', 'rep', 'analyst'] as const) {
      await expect(
        setAnalysisSetting(store, who(role), { name: 'lapse.lostAfterDays', value: 90 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect((await getAnalysisSettings(store)).lapse.lostAfterDays).toBe(182)
  })

  it('names the unknown setting and rejects a value out of range', async () => {
    await expect(
      setAnalysisSetting(store, who('admin'), { name: 'lapse.nope', value: 1 }),
    ).rejects.toThrow(/unknown analysis setting "lapse.nope".*lapse.lostAfterDays/)
    await expect(
      setAnalysisSetting(store, who('admin'), { name: 'lapse.lostProbabilityAlive', value: 1.5 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect((await getAnalysisSettings(store)).lapse.lostProbabilityAlive).toBe(0.25)
  })
})
