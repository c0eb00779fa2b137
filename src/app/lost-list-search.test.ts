import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiFixture, createApiFixture, storeTargets } from '../test-support/api-fixture.js'
import { seedAnalysis } from '../test-support/lost-list-fixture.js'
import { type LostListQuery, type LostListSort, listLostAs } from './lost-list-as.js'
import { type SearchText, searchTest } from './lost-list-search.js'
import { createPageCache } from './page-cache.js'

// the search text of three entries, as `searchTextOf` lays it out
function threeEntries(): SearchText {
  const parts = ['acme gmbh\u0001c-1\u0000', '\u0001c-2\u0000', 'zürich ag\u0001c-3\u0000']
  const starts = new Int32Array([0, 0, 0, 0])
  for (const [entry, part] of parts.entries()) {
    starts[entry + 1] = (starts[entry] as number) + part.length
  }
  return { text: parts.join(''), starts, found: createPageCache(4) }
}

describe('the lost list search test', () => {
  it('matches a name or an id containing the text, ignoring case, and never a missing name', () => {
    const text = threeEntries()
    const matches = (search: string) => [0, 1, 2].filter(searchTest(text, search))
    expect(matches('ACME')).toEqual([0])
    expect(matches('c-2')).toEqual([1])
    expect(matches('C-')).toEqual([0, 1, 2])
    expect(matches('ZÜRICH')).toEqual([2])
    expect(matches('a')).toEqual([0, 2])
    // never across the name and the id, nor from one entry into the next
    expect(matches('gmbh c')).toEqual([])
    expect(matches('1c')).toEqual([])
    expect(matches('gmbh\u0001c')).toEqual([])
  })
})

const targets = await storeTargets()

describe.each(targets)('searching the lost list ($name)', (target) => {
  let fixture: ApiFixture
  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
  })
  afterAll(async () => {
    await fixture.close()
  })

  const analystOf = (fixture: ApiFixture) => ({
    userId: fixture.users.analyst.id,
    role: 'analyst' as const,
    teamUserIds: new Set<number>(),
  })

  // the value sorts search in memory, the name sort in the database: both must find the same rows
  it('finds the same customers whichever way it sorts, by name or by id', async () => {
    const analyst = analystOf(fixture)
    const found = async (search: string, sort: LostListSort) => {
      const page = await listLostAs(fixture.store, analyst, {
        search,
        sort,
        kind: 'customer',
        limit: 200,
        cachePages: false,
      })
      expect(page.total).toBe(page.items.length)
      return page.items.map((item) => item.id).sort()
    }
    for (const search of ['customer 1', 'B CUSTOMER 2', 'a-00', 'nobody']) {
      const byName = await found(search, 'name')
      expect(byName.length, search).toBeGreaterThan(0)
      expect(await found(search, '-expectedValue'), search).toEqual(byName)
      expect(await found(search, 'overdueDays'), search).toEqual(byName)
    }
  })

  it('counts a name sort exactly, as the other sorts count, whatever the filters', async () => {
    const analyst = analystOf(fixture)
    const cases: LostListQuery[] = [
      {},
      { segment: 'smb' },
      { minOverdueDays: 30 },
      { status: 'lapsed' },
    ]
    for (const filters of cases) {
      const query = { ...filters, kind: 'customer' as const, limit: 5, cachePages: false }
      const byName = await listLostAs(fixture.store, analyst, { ...query, sort: 'name' })
      const byValue = await listLostAs(fixture.store, analyst, {
        ...query,
        sort: '-valueIfWonBack',
      })
      expect(byName.total, JSON.stringify(filters)).toBe(byValue.total)
      expect(byName.totalIsLowerBound).toBe(false)
      expect(byName.items.length).toBe(Math.min(5, byName.total))
    }
  })
})
