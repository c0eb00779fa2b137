// where the recipient address must sit so a window envelope shows it, per paper size
import type { PdfPageSize } from './pdf-document.js'

/** PostScript points per millimetre (1 in = 25.4 mm = 72 pt) */
export const MM = 72 / 25.4
/** PostScript points per inch */
export const INCH = 72

/** page sizes in points: A4 is 210 × 297 mm (ISO 216), US Letter 8.5 × 11 in (ANSI/ASME Y14.1) */
export const PAGE_SIZE_POINTS: Readonly<Record<PdfPageSize, readonly [number, number]>> = {
  A4: [210 * MM, 297 * MM],
  LETTER: [8.5 * INCH, 11 * INCH],
}

/** the window rectangle on the unfolded sheet and where the address text goes inside it (points) */
export interface EnvelopeWindow {
  left: number
  top: number
  width: number
  height: number
  textLeft: number
  textTop: number
  textWidth: number
  maxLines: number
  /** where the letter body starts below the window */
  bodyTop: number
}

/**
 * A4: DIN 5008:2020 form B address field, 20 mm from the left and 45 mm from the top, 85 × 45 mm;
 * its first 17.7 mm are the "Zusatz- und Vermerkzone", the address ("Anschriftzone", 27.3 mm)
 * starts at 62.7 mm. It matches a DL window envelope (DIN 680: window 90 × 45 mm, 20 mm from
 * the left, 15 mm from the bottom of a 110 mm envelope) with the sheet folded at the 105 mm mark.
 * Text starts 5 mm inside the field (25 mm, the DIN 5008 left margin) and keeps 5 mm clear on the
 * right: the folded sheet can slide 10 mm sideways in a 220 mm envelope.
 */
const A4_WINDOW: EnvelopeWindow = {
  left: 20 * MM,
  top: 45 * MM,
  width: 85 * MM,
  height: 45 * MM,
  textLeft: 25 * MM,
  textTop: 62.7 * MM,
  textWidth: 75 * MM,
  maxLines: 6,
  bodyTop: 100 * MM,
}

/**
 * US Letter: a standard #10 window envelope (4 1/8 × 9 1/2 in) has a 4 1/2 × 1 1/8 in window
 * 7/8 in from the left and 1/2 in from the bottom. Tri-folded, the top panel is 11/3 in tall
 * and rests on the envelope bottom, so the window shows the sheet from 2.042 in to 3.167 in
 * from the top. The 8 1/2 in sheet can slide 1 in sideways, so the text keeps to the part of
 * the window seen in either extreme (0.875 in to 4.875 in) with 1/8 in inner padding.
 */
const FOLDED_PANEL = 11 / 3
const LETTER_WINDOW: EnvelopeWindow = {
  left: 0.875 * INCH,
  top: (FOLDED_PANEL - 0.5 - 1.125) * INCH,
  width: 4.5 * INCH,
  height: 1.125 * INCH,
  textLeft: 1 * INCH,
  textTop: (FOLDED_PANEL - 0.5 - 1.125 + 0.125) * INCH,
  textWidth: 3.75 * INCH,
  maxLines: 5,
  bodyTop: 3.5 * INCH,
}

export function envelopeWindowFor(size: PdfPageSize): EnvelopeWindow {
  return size === 'A4' ? A4_WINDOW : LETTER_WINDOW
}

/** How many address lines the window of `size` holds. */
export function maxAddressLines(size: PdfPageSize): number {
  return envelopeWindowFor(size).maxLines
}
