import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HISTORY_TODAY,
  historySpec,
  type WrittenHistory,
  writeHistory,
} from '../../app/program-figures/__fixtures__/program-history.js'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import type { ProgramFiguresResponse } from '../contract/program-figures.js'

const targets = await storeTargets()

describe.each(targets)('the program figures over HTTP on $name', (target) => {
  let fixture: ApiFixture
  let written: WrittenHistory
  let rep: Credentials
  let vp: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    written = await writeHistory(
      fixture.store,
      historySpec({
        segments: ['=cmd|calc', '＋Wholesale'],
        reasons: ['@price', ' -service', 'quality'],
      }),
    )
    rep = await signInAs(fixture, 'repA')
    vp = await signInAs(fixture, 'vp')
  })
  afterAll(async () => {
    await fixture.close()
  })

  const get = (path: string, as: Credentials | null) => call(fixture, { method: 'GET', path, as })

  it('gives a rep the figures of the whole program by segment, without a customer name or id', async () => {
    const response = await get(`/api/reports/program?to=${HISTORY_TODAY}&by=segment`, rep)
    expect(response.status).toBe(200)
    const text = await response.text()
    const figures = JSON.parse(text) as ProgramFiguresResponse
    const won = written.spec.cases.filter(
      (row) =>
        row.stage === 'won_back' &&
        (row.endedOn ?? '') >= figures.from &&
        (row.endedOn ?? '') <= figures.to,
    ).length
    expect(figures.overall.winBack.count).toBe(won)
    expect(figures.groups.map((group) => group.label)).toEqual(
      expect.arrayContaining([...written.spec.segments]),
    )
    expect(text).not.toContain('Secret Customer')
    for (const id of Object.values(written.customerIds)) {
      expect(text).not.toContain(id)
    }
  })

  it('serves the same figures as spreadsheet-safe CSV', async () => {
    const json = (await (
      await get(`/api/reports/program?to=${HISTORY_TODAY}&by=reason`, vp)
    ).json()) as ProgramFiguresResponse
    const response = await get(`/api/reports/program.csv?to=${HISTORY_TODAY}&by=reason`, rep)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    const lines = (await response.text()).split('\r\n')
    expect(lines[0]?.startsWith('dimension,group,win_back_won,win_back_ended')).toBe(true)
    const overall = lines[1]?.split(',') ?? []
    expect(overall.slice(0, 4)).toEqual([
      'all',
      'all',
      String(json.overall.winBack.count),
      String(json.overall.winBack.of),
    ])
    expect(lines.some((line) => line.startsWith("reason,'@price,"))).toBe(true)
    expect(lines.some((line) => line.startsWith("reason,' -service,"))).toBe(true)
    expect(lines.some((line) => line.startsWith('reason,@price'))).toBe(false)
  })

  it('asks for a sign-in, and names the field of a bad query', async () => {
    expect((await get('/api/reports/program', null)).status).toBe(401)
    const bad = await get('/api/reports/program?by=customer', rep)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('by')
    const badDay = await get('/api/reports/program?from=2024-02-30', rep)
    expect(badDay.status).toBe(400)
    expect(await badDay.text()).toContain('from')
  })
})
