import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { moneyInputText, parseMoneyInput } from './money-input.js'

// an independent writer: Intl's own grouping and decimals, the way people copy amounts
const grouped = (minor: number, digits: number) =>
  new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: true,
  }).format(minor / 10 ** digits)

describe('parseMoneyInput', () => {
  it('reads back any amount written plainly or with thousands separators, to the cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (minor) => {
        expect(parseMoneyInput(moneyInputText(minor, 'USD'), 'USD')).toBe(minor)
        expect(parseMoneyInput(grouped(minor, 2), 'USD')).toBe(minor)
        expect(parseMoneyInput(grouped(minor, 0), 'JPY')).toBe(minor)
      }),
      { numRuns: 500 },
    )
  })

  it('never turns cents into floating-point drift', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, cents) => {
          const text = `${whole}.${String(cents).padStart(2, '0')}`
          expect(parseMoneyInput(text, 'USD')).toBe(whole * 100 + cents)
        },
      ),
    )
    expect(parseMoneyInput('0.29', 'USD')).toBe(29)
    expect(parseMoneyInput('$15', 'USD')).toBe(1500)
    expect(parseMoneyInput('1250.5', 'USD')).toBe(125_050)
  })

  it('refuses what is not an amount: too many decimals, a decimal comma, signs, words', () => {
    for (const bad of ['', ' ', '1.234', '1,5', '-5', '12a', '1,2345', 'ten', '1.2.3', '1e5']) {
      expect(parseMoneyInput(bad, 'USD')).toBeNull()
    }
    expect(parseMoneyInput('15.5', 'JPY')).toBeNull()
  })
})
