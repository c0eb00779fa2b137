// which characters of a text a font cannot draw: pdfkit prints them as an empty box, so the
// caller must hear about them instead of shipping a letter with a garbled name

/** the part of a fontkit font this needs (pdfkit embeds fontkit fonts) */
export interface PdfFont {
  hasGlyphForCodePoint(codePoint: number): boolean
}

/** whitespace and control characters are layout, not glyphs: pdfkit never draws them */
const LAYOUT_ONLY = /^[\s\p{Cc}]$/u

/**
 * Distinct characters of `text` (whole code points, so emoji stay one entry) without a glyph.
 * @example findMissingCharacters(dejaVuSans, 'Σωκράτης 😀') // ['😀']
 */
export function findMissingCharacters(font: PdfFont, text: string): string[] {
  const missing = new Set<string>()
  for (const character of text) {
    const codePoint = character.codePointAt(0)
    if (codePoint === undefined || LAYOUT_ONLY.test(character)) {
      continue
    }
    if (!font.hasGlyphForCodePoint(codePoint)) {
      missing.add(character)
    }
  }
  return [...missing]
}
