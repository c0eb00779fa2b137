import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_REASONS, OTHER_REASON_CODE } from './reason.js'
import { DEFAULT_REASON_PHRASES, mapReasonText, normalizeReasonText } from './reason-mapping.js'

const map = (text: string) => mapReasonText(text, DEFAULT_REASONS, DEFAULT_REASON_PHRASES)

describe('mapping imported loss reasons to codes', () => {
  it('recognises a code or a label written out, in any case or spacing', () => {
    expect(map('poached_by_competitor')).toMatchObject({
      code: 'poached_by_competitor',
      matchedBy: 'code',
    })
    expect(map('  Late or WRONG delivery ')).toMatchObject({ code: 'delivery', matchedBy: 'label' })
  })

  it('uses a whole-text phrase, else the longest phrase found as whole words', () => {
    expect(map('Too expensive')).toMatchObject({ code: 'price', matchedBy: 'phrase' })
    expect(map('They went with competitor X')).toMatchObject({
      code: 'poached_by_competitor',
      phrase: 'went with competitor',
    })
    expect(map('Found a cheaper vendor')).toMatchObject({
      code: 'poached_on_price',
      matchedBy: 'contains',
    })
    // "supporting" is not the word "support"
    expect(map('supporting documents missing').code).toBe(OTHER_REASON_CODE)
  })

  it('maps what it cannot place to other, keeping the words', () => {
    expect(map('  budget frozen until Q3 ')).toEqual({
      code: OTHER_REASON_CODE,
      matchedBy: 'unmapped',
      phrase: null,
      words: 'budget frozen until Q3',
    })
  })

  it('always returns a known code and keeps the trimmed words, whatever the text', () => {
    const codes = new Set(DEFAULT_REASONS.map((reason) => reason.code))
    fc.assert(
      fc.property(fc.string(), (text) => {
        const mapped = map(text)
        expect(codes.has(mapped.code)).toBe(true)
        expect(mapped.words).toBe(text.trim())
      }),
      { numRuns: 2000 },
    )
  })

  it('ignores case, punctuation and spacing: a phrase wrapped in noise maps the same', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEFAULT_REASON_PHRASES),
        fc.constantFrom('', '!', ' ... ', '- ', '\t'),
        fc.boolean(),
        (entry, noise, upper) => {
          const text = `${noise}${upper ? entry.phrase.toUpperCase() : entry.phrase}${noise}`
          expect(map(text).code).toBe(entry.code)
        },
      ),
    )
  })

  it('normalises idempotently', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = normalizeReasonText(text)
        expect(normalizeReasonText(once)).toBe(once)
      }),
    )
  })
})
