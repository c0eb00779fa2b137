import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LostKey, LostListFilter, ScoreSummaryRow } from '../store/index.js'
import { compareSortValues, mergeKeys } from './lost-deals.js'
import { type IndexedColumn, LostIndexBuilder, walkIndex } from './lost-index.js'

const STATUSES = ['active', 'at_risk', 'lapsed', 'lost'] as const
const SEGMENTS = ['smb', 'enterprise', null] as const

const rowArbitrary = fc.record({
  status: fc.constantFrom(...STATUSES),
  segment: fc.constantFrom(...SEGMENTS),
  owner: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  value: fc.integer({ min: 0, max: 20 }),
  expected: fc.integer({ min: 0, max: 20 }),
  winBack: fc.constantFrom(0.1, 0.2, 0.3),
  overdue: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  lostDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
})

type Generated = typeof rowArbitrary extends fc.Arbitrary<infer TRow> ? TRow : never

function summaryRow(row: Generated, index: number): ScoreSummaryRow {
  return {
    customer_id: `C-${String(index).padStart(4, '0')}`,
    status: row.status,
    visible: true,
    segment: row.segment,
    owner_id: row.owner,
    lost_since: row.lostDay === null ? null : `2024-02-${String(row.lostDay).padStart(2, '0')}`,
    first_order_on: '2022-01-01',
    overdue_days: row.overdue,
    value_if_won_back_minor: row.value,
    win_back_probability: row.winBack,
    expected_value_minor: row.expected,
  }
}

const COLUMN_OF: Record<IndexedColumn, (row: ScoreSummaryRow) => number | string | null> = {
  expected_value_minor: (row) => row.expected_value_minor,
  value_if_won_back_minor: (row) => row.value_if_won_back_minor,
  win_back_probability: (row) => row.win_back_probability,
  overdue_days: (row) => row.overdue_days,
  lost_since: (row) => row.lost_since,
}

// the database's answer, written out plainly: filter, then sort by value (nulls lowest) and id
function bruteForce(
  rows: readonly ScoreSummaryRow[],
  filter: LostListFilter,
  sort: { column: IndexedColumn; descending: boolean },
): string[] {
  const value = COLUMN_OF[sort.column]
  const sign = sort.descending ? -1 : 1
  return rows
    .filter(
      (row) =>
        row.status === filter.status &&
        (filter.segment === undefined || row.segment === filter.segment) &&
        (filter.ownerIds === undefined ||
          (row.owner_id !== null && filter.ownerIds.includes(row.owner_id))) &&
        (filter.minValueMinor === undefined ||
          row.value_if_won_back_minor >= filter.minValueMinor) &&
        (filter.minOverdueDays === undefined || (row.overdue_days ?? -1) >= filter.minOverdueDays),
    )
    .sort(
      (left, right) =>
        sign * compareSortValues(value(left), value(right)) ||
        sign * (left.customer_id < right.customer_id ? -1 : 1),
    )
    .map((row) => row.customer_id)
}

const filterArbitrary = fc.record(
  {
    status: fc.constantFrom('lost' as const, 'lapsed' as const, 'at_risk' as const),
    segment: fc.constantFrom('smb', 'enterprise', 'public'),
    ownerIds: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }),
    minValueMinor: fc.integer({ min: 0, max: 20 }),
    minOverdueDays: fc.integer({ min: 0, max: 30 }),
  },
  { requiredKeys: ['status'] },
)

describe('the lost list index in memory', () => {
  it('pages and counts exactly as filtering and sorting everything would', () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary, { maxLength: 120 }),
        filterArbitrary,
        fc.constantFrom(...(Object.keys(COLUMN_OF) as IndexedColumn[])),
        fc.boolean(),
        fc.record({
          limit: fc.integer({ min: 1, max: 30 }),
          offset: fc.integer({ min: 0, max: 60 }),
        }),
        (generated, filterParts, column, descending, page) => {
          const rows = generated.map(summaryRow)
          const builder = new LostIndexBuilder()
          for (const row of rows) {
            builder.add(row)
          }
          const filter: LostListFilter = { runId: 1, ...filterParts }
          const expected = bruteForce(rows, filter, { column, descending })
          const walked = walkIndex(builder.build(), filter, {
            column,
            descending,
            ...page,
            countAll: true,
          })
          expect(walked.keys.map((key) => key.id)).toEqual(
            expected.slice(page.offset, page.offset + page.limit),
          )
          expect(walked.count).toBe(expected.length)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('merging the customers and the deals of a page', () => {
  const keysArbitrary = (kind: 'customer' | 'deal') =>
    fc
      .array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), { maxLength: 20 })
      .map((values) =>
        values.map((sortValue, index): LostKey => ({ kind, id: `${kind}-${index}`, sortValue })),
      )

  it('keeps every key once, in order, customers first among equals', () => {
    fc.assert(
      fc.property(
        keysArbitrary('customer'),
        keysArbitrary('deal'),
        fc.boolean(),
        (customers, deals, descending) => {
          const sign = descending ? -1 : 1
          const sorted = (keys: LostKey[]) =>
            [...keys].sort(
              (left, right) => sign * compareSortValues(left.sortValue, right.sortValue),
            )
          const merged = mergeKeys(sorted(customers), sorted(deals), descending)
          expect(merged).toHaveLength(customers.length + deals.length)
          for (let index = 1; index < merged.length; index += 1) {
            const before = merged[index - 1] as LostKey
            const after = merged[index] as LostKey
            const order = sign * compareSortValues(before.sortValue, after.sortValue)
            expect(order).toBeLessThanOrEqual(0)
            if (order === 0 && before.kind !== after.kind) {
              expect(before.kind).toBe('customer')
            }
          }
        },
      ),
    )
  })
})
