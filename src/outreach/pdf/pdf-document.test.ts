import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pdfFonts, pdfInfo, pdfText, pdfWords } from '../../test-support/poppler.js'
import { envelopeWindowFor, INCH, MM } from './envelope-window.js'
import { type PdfPageSize, renderPdf, unprintableCharacters } from './pdf-document.js'

const GREEK = 'Σωκράτης Παπαδόπουλος'
const CYRILLIC = 'Пётр Чайковский'
const LATIN = 'Zoë Ångström-Núñez'

function letter(size: PdfPageSize, address: readonly string[], body = 'Dear reader,') {
  return renderPdf({
    size,
    title: 'A letter',
    pages: [{ address, blocks: [{ kind: 'paragraph', text: body }] }],
  })
}

describe('renderPdf', () => {
  it('prints Latin, Greek and Cyrillic names that pdftotext reads back, in an embedded font', async () => {
    const { pdf, missingCharacters } = await letter('A4', [GREEK, CYRILLIC, LATIN, '1 Main St'])
    const text = pdfText(pdf)
    for (const name of [GREEK, CYRILLIC, LATIN]) {
      expect(text).toContain(name)
    }
    expect(missingCharacters).toEqual([])
    const fonts = pdfFonts(pdf)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.every((font) => font.embedded && font.name.includes('DejaVuSans'))).toBe(true)
  })

  it.each([
    ['A4', '595.276 x 841.89 pts (A4)'],
    ['LETTER', '612 x 792 pts (letter)'],
  ] as const)('makes %s pages of the right size', async (size, expected) => {
    const { pdf } = await letter(size, ['Ann Example', '1 Main St'])
    expect(pdfInfo(pdf)['Page size']).toBe(expected)
    expect(pdfInfo(pdf)['Title']).toBe('A letter')
  })

  it.each(['A4', 'LETTER'] as const)(
    'puts every address word inside the %s envelope window',
    async (size) => {
      const address = [
        CYRILLIC,
        'Chaikovsky Trading International Ltd',
        '1234 Long Street Name',
        'Springfield, IL 62704',
      ]
      const { pdf } = await letter(size, address, 'Body text that must sit below the window.')
      const window = envelopeWindowFor(size)
      const words = pdfWords(pdf).filter((word) => word.page === 1)
      const addressWords = words.filter((word) => word.yMax <= window.bodyTop)
      expect(addressWords.map((word) => word.text).join(' ')).toBe(address.join(' '))
      for (const word of addressWords) {
        expect(word.xMin).toBeGreaterThanOrEqual(window.left)
        expect(word.xMax).toBeLessThanOrEqual(window.left + window.width)
        expect(word.yMin).toBeGreaterThanOrEqual(window.top)
        expect(word.yMax).toBeLessThanOrEqual(window.top + window.height)
      }
      expect(words.some((word) => word.text === 'Body' && word.yMin >= window.bodyTop)).toBe(true)
    },
  )

  it('places the windows where DIN 5008 form B and a #10 envelope have them', () => {
    const a4 = envelopeWindowFor('A4')
    expect([a4.left / MM, a4.top / MM, a4.width / MM, a4.height / MM]).toEqual([20, 45, 85, 45])
    const us = envelopeWindowFor('LETTER')
    expect(us.left / INCH).toBeCloseTo(0.875)
    expect(us.top / INCH).toBeCloseTo(11 / 3 - 1.625)
    expect([us.width / INCH, us.height / INCH]).toEqual([4.5, 1.125])
  })

  it('keeps any address of up to the window lines and width inside the window (property)', async () => {
    const word = fc.constantFrom(
      'Пётр',
      'Σωκράτης',
      'Zoë',
      'Straße',
      'Ltd',
      '42',
      'Chaikovsky',
      'Παπαδόπουλος',
    )
    const line = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '))
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<PdfPageSize>('A4', 'LETTER'),
        fc.array(line, { minLength: 1, maxLength: 5 }),
        async (size, address) => {
          const { pdf } = await letter(size, address)
          const window = envelopeWindowFor(size)
          const boxes = pdfWords(pdf).filter((w) => w.page === 1 && w.yMax <= window.bodyTop)
          expect(boxes.length).toBe(address.join(' ').split(' ').length)
          for (const box of boxes) {
            expect(box.xMax).toBeLessThanOrEqual(window.left + window.width)
            expect(box.yMax).toBeLessThanOrEqual(window.top + window.height)
          }
        },
      ),
      { numRuns: 12 },
    )
  })

  it('reports each character the font lacks, once, wherever it appears', async () => {
    const result = await renderPdf({
      size: 'A4',
      title: 'Missing',
      pages: [
        {
          address: ['王 Example', '1 Main St'],
          blocks: [
            { kind: 'heading', text: 'Hello 中' },
            { kind: 'paragraph', text: `${GREEK} 中` },
            { kind: 'list', items: ['ok', '한'] },
            { kind: 'signatures', parties: [{ label: 'Customer', name: '王' }] },
          ],
        },
      ],
    })
    expect(result.missingCharacters).toEqual(['中', '王', '한'].sort())
    expect(unprintableCharacters(`${CYRILLIC} ${GREEK} ${LATIN}`)).toEqual([])
    expect(unprintableCharacters('中文 x')).toEqual(['中', '文'].sort())
  })

  it('finds exactly the CJK characters slipped into printable text (property)', () => {
    const printable = fc.constantFrom(...`${GREEK}${CYRILLIC}${LATIN} .,-0123456789`)
    const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCodePoint(code))
    fc.assert(
      fc.property(fc.array(fc.oneof(printable, cjk), { maxLength: 40 }), (characters) => {
        const expected = [...new Set(characters.filter((c) => (c.codePointAt(0) ?? 0) >= 0x4e00))]
        expect(unprintableCharacters(characters.join(''))).toEqual(expected.sort())
      }),
    )
  })

  it('makes a page per input page, with lists and signatures, and the same bytes each time', async () => {
    const input = {
      size: 'LETTER' as const,
      title: 'Agreement',
      pages: [
        { address: ['Ann', '1 Main St'], blocks: [{ kind: 'heading' as const, text: 'Plan' }] },
        {
          blocks: [
            { kind: 'list' as const, items: ['First condition', 'Second condition'] },
            {
              kind: 'signatures' as const,
              parties: [
                { label: 'For the customer', name: CYRILLIC },
                { label: 'For us', name: 'Bob Seller' },
              ],
            },
          ],
        },
      ],
    }
    const first = await renderPdf(input)
    const second = await renderPdf(input)
    expect(first.pdf.equals(second.pdf)).toBe(true)
    expect(pdfInfo(first.pdf)['Pages']).toBe('2')
    const text = pdfText(first.pdf)
    for (const expected of ['Second condition', 'For the customer', CYRILLIC, 'Bob Seller']) {
      expect(text).toContain(expected)
    }
  })

  it('refuses an address longer than the window, naming the field', async () => {
    await expect(letter('LETTER', ['1', '2', '3', '4', '5', '6'])).rejects.toThrow(
      /^address: 6 lines, the envelope window holds 5$/,
    )
    await expect(letter('A4', ['x'.repeat(120)])).rejects.toThrow(/^address: line "x+" is too wide/)
  })
})
