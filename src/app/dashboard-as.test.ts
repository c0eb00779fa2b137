import { describe, expect, it } from 'vitest'
import { monthsOfPeriod } from './dashboard-as.js'
import { yearBefore } from './run-summary.js'

describe('the churn period', () => {
  it('starts a calendar year before the as-of date, 29 February falling back to the 28th', () => {
    expect(yearBefore('2024-06-30')).toBe('2023-06-30')
    expect(yearBefore('2024-02-29')).toBe('2023-02-28')
    expect(yearBefore('2024-01-01')).toBe('2023-01-01')
  })

  it('has twelve months after its start, up to the as-of month', () => {
    expect(monthsOfPeriod('2023-06-30', '2024-06-30')).toEqual([
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ])
  })
})
