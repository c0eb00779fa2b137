import { describe, expect, it } from 'vitest'
import { ValidationError } from '../domain/errors.js'
import { parseIsoDate, parseWholeNumber } from './arguments.js'

describe('parseIsoDate', () => {
  it('accepts a real calendar date and trims spaces', () => {
    expect(parseIsoDate('--as-of', ' 2024-02-29 ')).toBe('2024-02-29')
  })

  it.each(['2024-13-01', '2023-02-29', '2024-04-31', '2024-1-01', 'tomorrow', ''])(
    'refuses %j with a validation error that names the option, never a crash',
    (text) => {
      expect(() => parseIsoDate('--as-of', text)).toThrow(ValidationError)
      expect(() => parseIsoDate('--as-of', text)).toThrow(/--as-of must be a date/)
    },
  )
})

describe('parseWholeNumber', () => {
  it('refuses numbers outside the bounds and names the option', () => {
    expect(parseWholeNumber('--limit', '5', { min: 1, max: 10 })).toBe(5)
    expect(() => parseWholeNumber('--limit', '11', { min: 1, max: 10 })).toThrow(/--limit/)
    expect(() => parseWholeNumber('--limit', '1e3', { min: 1, max: 10_000 })).toThrow(/--limit/)
  })
})
