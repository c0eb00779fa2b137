import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DealRecord, OrderRecord } from '../../domain/records.js'
import { packRecords, unpackRecords } from './batch-codec.js'
import { RECORD_CODECS } from './record-codecs.js'

const text = fc.string({ unit: 'grapheme', maxLength: 12 })
const maybe = fc.option(text, { nil: null })
const date = fc.constantFrom('2024-01-31', '1999-12-01')

const order: fc.Arbitrary<OrderRecord> = fc.record({
  line: fc.nat(),
  key: text,
  orderId: maybe,
  customerId: text,
  orderedOn: date,
  amountMinor: fc.integer({ min: -1e12, max: 1e12 }),
  currency: fc.constantFrom('USD', 'EUR'),
  status: fc.constantFrom('placed', 'cancelled', 'refunded'),
})

const deal: fc.Arbitrary<DealRecord> = fc.record({
  line: fc.nat(),
  key: text,
  customerId: text,
  name: maybe,
  stage: maybe,
  status: fc.constantFrom('open', 'won', 'lost'),
  valueMinor: fc.integer(),
  currency: fc.constant('USD'),
  recurring: fc.boolean(),
  createdOn: fc.option(date, { nil: null }),
  closedOn: fc.option(date, { nil: null }),
  lostReason: maybe,
  competitor: maybe,
  nextChoiceOn: fc.option(date, { nil: null }),
  ownerEmail: maybe,
})

describe('record codecs', () => {
  it('unpack what they pack, for orders', () => {
    fc.assert(
      fc.property(fc.array(order, { maxLength: 30 }), (records) => {
        expect(
          unpackRecords(RECORD_CODECS.orders, packRecords(RECORD_CODECS.orders, records)),
        ).toEqual(records)
      }),
    )
  })

  it('unpack what they pack, for deals with empty fields', () => {
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 30 }), (records) => {
        expect(
          unpackRecords(RECORD_CODECS.deals, packRecords(RECORD_CODECS.deals, records)),
        ).toEqual(records)
      }),
    )
  })
})
