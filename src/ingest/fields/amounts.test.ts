import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decimalMarkEvidence, readAmount, readPlainAmount } from './amounts.js'

const usd = { decimal: null, exponent: 2, companyCurrency: 'USD' } as const

function group(whole: number, separator: string): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

describe('readAmount', () => {
  it('reads the same amount written the US way, the European way, plain, and with symbols', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.boolean(), (minor, negative) => {
        const whole = Math.floor(minor / 100)
        const cents = String(minor % 100).padStart(2, '0')
        const expected = negative && minor !== 0 ? -minor : minor
        const sign = negative ? '-' : ''
        expect(readAmount(`${sign}${whole}.${cents}`, usd)).toEqual({
          minor: expected,
          currency: null,
        })
        expect(readAmount(`${sign}$${group(whole, ',')}.${cents}`, usd)).toEqual({
          minor: expected,
          currency: 'USD',
        })
        expect(
          readAmount(`${sign}${group(whole, '.')},${cents} €`, { ...usd, decimal: ',' }),
        ).toEqual({
          minor: expected,
          currency: 'EUR',
        })
        if (negative) {
          expect(readAmount(`(${group(whole, ',')}.${cents})`, usd)).toEqual({
            minor: expected,
            currency: null,
          })
        }
      }),
    )
  })

  it('agrees with the allocation-free reader on plain amounts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 2 }),
        (n, places) => {
          const text = places === 0 ? String(n) : (n / 10 ** places).toFixed(places)
          const plain = readPlainAmount(text, 2)
          const full = readAmount(text, usd)
          expect(typeof full === 'string' ? Number.NaN : full.minor).toBe(plain)
        },
      ),
    )
  })

  it('says which decimal mark an amount proves, and when it could be either', () => {
    expect(decimalMarkEvidence('12.50', 2)).toBe('.')
    expect(decimalMarkEvidence('12,50', 2)).toBe(',')
    expect(decimalMarkEvidence('1,234.50', 2)).toBe('.')
    expect(decimalMarkEvidence('1.234,50 €', 2)).toBe(',')
    expect(decimalMarkEvidence('1234', 2)).toBeNull()
    expect(decimalMarkEvidence('1,234', 3)).toBe('either')
    expect(readAmount('1,234', { ...usd, exponent: 3 })).toBe('ambiguous')
  })

  it('rejects amounts that are not numbers or carry more decimals than the currency', () => {
    for (const text of ['abc', '12.345.6', '1,23,4', '--5', '(5', '12.3456', '$$5', '5 XX']) {
      expect(readAmount(text, usd)).toBe('invalid')
    }
    expect(readAmount('12.500', { ...usd, decimal: '.' })).toEqual({ minor: 1250, currency: null })
    expect(readAmount('1 234,50', usd)).toEqual({ minor: 123450, currency: null })
    expect(readAmount('12.50-', usd)).toEqual({ minor: -1250, currency: null })
  })
})
