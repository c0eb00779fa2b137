import { describe, expect, it } from 'vitest'
import {
  EMPTY_FILTERS,
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
} from './lost-list-filters.js'

describe('the lost list filters', () => {
  it('fall back to the defaults for values a hand-edited URL could carry', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        'kind=robot&status=gone&ownerId=1;drop&minValue=-5&sort=password&offset=x',
      ),
    )
    expect(filters).toEqual(EMPTY_FILTERS)
  })

  it('put only non-default values in the URL, and read them back unchanged', () => {
    const filters = { ...EMPTY_FILTERS, segment: 'Mid-market', sort: 'name', offset: '50' }
    const search = filtersToSearch(filters)
    expect(search).toEqual({ segment: 'Mid-market', sort: 'name', offset: '50' })
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(filters)
  })

  it('turn a minimum value in major units into minor units of the currency, and leave out empty filters', () => {
    const query = filtersToQuery({ ...EMPTY_FILTERS, minValue: '12.5', minOverdueDays: '30' }, 2)
    expect(query).toEqual({
      limit: 50,
      offset: 0,
      status: 'lost',
      minValueMinor: 1250,
      minOverdueDays: 30,
      sort: '-expectedValue',
    })
    expect(filtersToQuery({ ...EMPTY_FILTERS, minValue: '1000' }, 0).minValueMinor).toBe(1000)
  })
})
