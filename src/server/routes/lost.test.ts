import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  type FixturePerson,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import {
  type SeededAnalysis,
  seedAnalysis,
  seededScore,
} from '../../test-support/lost-list-fixture.js'
import type { DashboardResponse } from '../contract/dashboard.js'
import type { LostListItem, LostListResponse } from '../contract/lost.js'

const targets = await storeTargets()

/** The seeded run as the test knows it, independent of the server: every listed row. */
interface OracleRow {
  readonly kind: 'customer' | 'deal'
  readonly id: string
  readonly name: string
  readonly ownerId: number | null
  readonly segment: string | null
  readonly status: string
  readonly valueMinor: number
  readonly expectedMinor: number
  readonly overdueDays: number | null
  readonly lostSince: string | null
}

function oracle(fixture: ApiFixture, seeded: SeededAnalysis): OracleRow[] {
  const rows: OracleRow[] = []
  for (const [letter, owner] of [
    ['A', fixture.users.repA.id],
    ['B', fixture.users.repB.id],
  ] as const) {
    for (let index = 0; index < 50; index += 1) {
      const id = `${letter}-${String(index + 1).padStart(3, '0')}`
      const score = seededScore(id, index)
      rows.push({
        kind: 'customer',
        id,
        name: `${letter} Customer ${index + 1}`,
        ownerId: owner,
        // the API fixture's accounts alternate smb and enterprise
        segment: index % 2 === 0 ? 'smb' : 'enterprise',
        status: score.status,
        valueMinor: score.value_if_won_back_minor,
        expectedMinor: score.expected_value_minor,
        overdueDays: score.overdue_days,
        lostSince: score.lost_since,
      })
    }
  }
  const unowned = seededScore('U-001', 0)
  rows.push({
    kind: 'customer',
    id: 'U-001',
    name: 'Nobody Owns Ltd',
    ownerId: null,
    segment: 'smb',
    status: unowned.status,
    valueMinor: unowned.value_if_won_back_minor,
    expectedMinor: unowned.expected_value_minor,
    overdueDays: unowned.overdue_days,
    lostSince: unowned.lost_since,
  })
  const deal = (id: number, ownerId: number | null, segment: string, valueMinor: number) => ({
    kind: 'deal' as const,
    id: String(id),
    name: `Lost deal deal-${id === seeded.dealIds.repA ? 'a' : id === seeded.dealIds.repB ? 'b' : 'u'}`,
    ownerId,
    segment,
    status: 'lost',
    valueMinor,
    expectedMinor: Math.round(valueMinor * 0.1),
    overdueDays: null,
    lostSince: '2024-03-10',
  })
  rows.push(deal(seeded.dealIds.repA, fixture.users.repA.id, 'enterprise', 500_000))
  rows.push(deal(seeded.dealIds.repB, fixture.users.repB.id, 'enterprise', 700_000))
  rows.push(deal(seeded.dealIds.unowned, null, 'smb', 300_000))
  return rows
}

describe.each(targets)('the lost list and the dashboard on $name', (target) => {
  let fixture: ApiFixture
  let seeded: SeededAnalysis
  const sessions = new Map<FixturePerson, Credentials>()

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    seeded = await seedAnalysis(fixture.store, fixture.users)
    for (const person of ['repA', 'manager', 'analyst', 'admin'] as const) {
      sessions.set(person, await signInAs(fixture, person))
    }
  })
  afterAll(async () => {
    await fixture.close()
  })

  async function lost(person: FixturePerson, query = ''): Promise<LostListResponse> {
    const response = await call(fixture, {
      method: 'GET',
      path: `/api/lost${query}`,
      as: sessions.get(person) ?? null,
    })
    expect(response.status, await response.clone().text()).toBe(200)
    return (await response.json()) as LostListResponse
  }

  async function everyPage(person: FixturePerson, query: string): Promise<LostListItem[]> {
    const items: LostListItem[] = []
    for (let offset = 0; offset < 1000; offset += 7) {
      const page = await lost(person, `?limit=7&offset=${offset}&${query}`)
      items.push(...page.items)
      if (page.items.length < 7) {
        break
      }
    }
    return items
  }

  it('shows a rep only the lost customers and lost deals of their own accounts', async () => {
    const page = await lost('repA', '?limit=200')
    const expected = oracle(fixture, seeded).filter(
      (row) => row.status === 'lost' && row.ownerId === fixture.users.repA.id,
    )
    expect(page.items.map((item) => `${item.kind}:${item.id}`).sort()).toEqual(
      expected.map((row) => `${row.kind}:${row.id}`).sort(),
    )
    expect(page.total).toBe(expected.length)
    expect(page.totalIsLowerBound).toBe(false)
    expect(new Set(page.items.map((item) => item.ownerId))).toEqual(
      new Set([fixture.users.repA.id]),
    )
    expect(page.facets.owners).toEqual([{ id: fixture.users.repA.id, name: 'repA' }])
  })

  it("shows a manager their team's accounts, an analyst every account, unowned ones too", async () => {
    const team = await lost('manager', '?limit=200')
    expect(new Set(team.items.map((item) => item.ownerId))).toEqual(
      new Set([fixture.users.repA.id]),
    )
    const all = await lost('analyst', '?limit=200')
    const expected = oracle(fixture, seeded).filter((row) => row.status === 'lost')
    expect(all.total).toBe(expected.length)
    expect(all.items.map((item) => `${item.kind}:${item.id}`).sort()).toEqual(
      expected.map((row) => `${row.kind}:${row.id}`).sort(),
    )
  })

  it("shows a rep nothing when they ask for another rep's accounts", async () => {
    const page = await lost('repA', `?ownerId=${fixture.users.repB.id}`)
    expect(page.total).toBe(0)
    expect(page.items).toEqual([])
  })

  it('orders every sort as the data says, ties by id, nulls lowest, across pages without repeats', async () => {
    const rows = oracle(fixture, seeded).filter((row) => row.status === 'lost')
    const sorts: [string, (row: OracleRow) => number | string | null][] = [
      ['expectedValue', (row) => row.expectedMinor],
      ['valueIfWonBack', (row) => row.valueMinor],
      ['overdueDays', (row) => row.overdueDays],
      ['lostSince', (row) => row.lostSince],
      ['winBackProbability', (row) => (row.kind === 'deal' ? 0.1 : winBackOf(row.id))],
      ['name', (row) => row.name],
    ]
    for (const [key, value] of sorts) {
      for (const descending of [true, false]) {
        const items = await everyPage('analyst', `sort=${descending ? '-' : ''}${key}`)
        expect(
          items.map((item) => `${item.kind}:${item.id}`),
          key,
        ).toEqual(expectedOrder(rows, value, descending))
      }
    }
  })

  it('filters by kind, status, segment, value, overdue days, reason and search', async () => {
    const rows = oracle(fixture, seeded)
    const keys = (items: readonly LostListItem[]) =>
      items.map((item) => `${item.kind}:${item.id}`).sort()
    const want = (keep: (row: OracleRow) => boolean) =>
      rows
        .filter(keep)
        .map((row) => `${row.kind}:${row.id}`)
        .sort()
    const cases: [string, (row: OracleRow) => boolean][] = [
      ['kind=deal', (row) => row.kind === 'deal'],
      ['status=lapsed', (row) => row.status === 'lapsed'],
      [
        'status=at_risk&segment=enterprise',
        (row) => row.status === 'at_risk' && row.segment === 'enterprise',
      ],
      ['minValueMinor=40000', (row) => row.status === 'lost' && row.valueMinor >= 40_000],
      ['minOverdueDays=90', (row) => row.status === 'lost' && (row.overdueDays ?? -1) >= 90],
      ['reason=price', (row) => row.kind === 'deal' && row.ownerId !== fixture.users.repB.id],
      ['search=b-01', (row) => row.status === 'lost' && row.id.startsWith('B-01')],
    ]
    for (const [query, keep] of cases) {
      const page = await lost('analyst', `?limit=200&${query}`)
      expect(keys(page.items), query).toEqual(want(keep))
      expect(page.total, query).toBe(page.items.length)
    }
  })

  it('explains every row and names its owner', async () => {
    const page = await lost('analyst', '?limit=5')
    for (const item of page.items) {
      expect(item.explanation.length).toBeGreaterThan(0)
    }
    const repRow = page.items.find((item) => item.ownerId === fixture.users.repB.id)
    expect(repRow?.ownerName).toBe('repB')
    expect(page.asOf).toBe('2024-06-30')
    expect(page.facets.segments).toEqual(['enterprise', 'smb'])
    expect(page.facets.reasons).toEqual(['price', 'service'])
  })

  it('refuses a bad sort, a negative offset and a page past 100,000 rows', async () => {
    for (const query of ['?sort=drop', '?offset=-1', '?offset=99990&limit=50', '?status=active']) {
      const response = await call(fixture, {
        method: 'GET',
        path: `/api/lost${query}`,
        as: sessions.get('analyst') ?? null,
      })
      expect(response.status, query).toBe(400)
    }
  })

  it("gives every role the company's aggregate dashboard, figures that add up", async () => {
    const read = async (person: FixturePerson) => {
      const response = await call(fixture, {
        method: 'GET',
        path: '/api/dashboard',
        as: sessions.get(person) ?? null,
      })
      expect(response.status).toBe(200)
      return (await response.json()) as DashboardResponse
    }
    const rep = await read('repA')
    expect(await read('analyst')).toEqual(rep)
    const rows = oracle(fixture, seeded)
    const customers = rows.filter((row) => row.kind === 'customer')
    const count = (status: string) => customers.filter((row) => row.status === status).length
    expect(rep.statusCounts).toEqual({
      active: count('active'),
      at_risk: count('at_risk'),
      lapsed: count('lapsed'),
      lost: count('lost'),
    })
    const lostRows = rows.filter((row) => row.status === 'lost')
    expect(rep.valueAtStakeMinor).toBe(lostRows.reduce((sum, row) => sum + row.valueMinor, 0))
    expect(rep.expectedValueMinor).toBe(lostRows.reduce((sum, row) => sum + row.expectedMinor, 0))
    expect(rep.lostDeals).toEqual({ count: 3, valueMinor: 1_500_000 })
    expect(rep.lostByMonth).toHaveLength(12)
    expect(rep.lostByMonth.reduce((sum, month) => sum + month.customers, 0)).toBe(count('lost'))
    expect(rep.topReasons[0]).toEqual({ reason: 'price', count: 2, valueMinor: 800_000 })
  })

  it('computes churn as those lost in the year over those not yet lost at its start', async () => {
    const response = await call(fixture, {
      method: 'GET',
      path: '/api/dashboard',
      as: sessions.get('manager') ?? null,
    })
    const { churn } = (await response.json()) as DashboardResponse
    const customers = oracle(fixture, seeded).filter((row) => row.kind === 'customer')
    const becameLost = customers.filter(
      (row) => row.status === 'lost' && (row.lostSince ?? '') > '2023-06-30',
    ).length
    // with no run a year earlier, the start counts those who had ordered and were not yet lost
    const atStart = customers.filter((row) => {
      const index = Number(row.id.slice(2)) - 1
      return index % 7 !== 0 && !(row.lostSince !== null && row.lostSince <= '2023-06-30')
    }).length
    expect(churn).toEqual({
      periodStart: '2023-06-30',
      periodEnd: '2024-06-30',
      becameLost,
      activeAtStart: atStart,
      rate: becameLost / atStart,
      basis: 'estimate',
    })
  })
})

function winBackOf(customerId: string): number {
  const index = customerId === 'U-001' ? 0 : Number(customerId.slice(2)) - 1
  return seededScore(customerId, index).win_back_probability
}

function expectedOrder(
  rows: readonly OracleRow[],
  value: (row: OracleRow) => number | string | null,
  descending: boolean,
): string[] {
  const compare = (left: OracleRow, right: OracleRow) => {
    const a = value(left)
    const b = value(right)
    if (a !== b) {
      const lower = a === null || (b !== null && a < b)
      return (lower ? -1 : 1) * (descending ? -1 : 1)
    }
    if (left.kind !== right.kind) {
      return left.kind === 'customer' ? -1 : 1
    }
    const byId =
      left.kind === 'deal' ? Number(left.id) - Number(right.id) : left.id < right.id ? -1 : 1
    return byId * (descending ? -1 : 1)
  }
  return [...rows].sort(compare).map((row) => `${row.kind}:${row.id}`)
}
