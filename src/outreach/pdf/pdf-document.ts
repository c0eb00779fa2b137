// one PDF renderer for letters, cards and printable agreements: pdfkit with an embedded DejaVu
// font so Latin, Greek and Cyrillic names render, and every character the font lacks reported
import { createRequire } from 'node:module'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { type EnvelopeWindow, envelopeWindowFor, MM, PAGE_SIZE_POINTS } from './envelope-window.js'
import { findMissingCharacters, type PdfFont } from './missing-characters.js'

export type PdfPageSize = 'A4' | 'LETTER'
export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: readonly string[] }
  | { kind: 'signatures'; parties: readonly { label: string; name: string }[] }
export interface PdfPage {
  address?: readonly string[]
  blocks: readonly PdfBlock[]
}
export interface PdfResult {
  pdf: Buffer
  missingCharacters: readonly string[]
}

const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
)
const REGULAR = 'DejaVuSans'
const BOLD = 'DejaVuSans-Bold'
const BODY_SIZE = 11
const HEADING_SIZE = 14
const ADDRESS_SIZE = 10
/** smallest size an address line may shrink to before it no longer fits the window */
const ADDRESS_MIN_SIZE = 7
/** page margin: DIN 5008 keeps text 25 mm from the left edge; 25 mm all round for Letter too */
const MARGIN = 25 * MM
/** fixed so the same input yields the same bytes (pdfkit otherwise stamps "now") */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1))

type Doc = InstanceType<typeof PDFDocument>

/**
 * Renders pages of blocks to one PDF; a page's address sits in the window-envelope position.
 * Characters the font has no glyph for come back in `missingCharacters` (they print as a box).
 * @example
 * const { pdf, missingCharacters } = await renderPdf({ size: 'A4', title: 'Letter',
 *   pages: [{ address: ['Пётр Чайковский', 'Main St 1'], blocks: [{ kind: 'paragraph', text: 'Hi' }] }] })
 */
export async function renderPdf(input: {
  size: PdfPageSize
  title: string
  pages: readonly PdfPage[]
}): Promise<PdfResult> {
  const doc = openDocument(input.size, input.title)
  const done = collect(doc)
  const regular = loadedFont(doc, REGULAR)
  const bold = loadedFont(doc, BOLD)
  const missing = new Set<string>()
  const note = (font: PdfFont, text: string) => {
    for (const c of findMissingCharacters(font, text)) {
      missing.add(c)
    }
  }
  input.pages.forEach((page, index) => {
    if (index > 0) {
      doc.addPage()
    }
    renderPage(doc, page, envelopeWindowFor(input.size), { regular, bold, note })
  })
  doc.end()
  return { pdf: await done, missingCharacters: [...missing].sort() }
}

let cachedBodyFont: PdfFont | undefined

/**
 * The characters of `text` the body font cannot draw, without rendering anything: a batch checks
 * each recipient first, so one unprintable name skips that letter rather than the whole batch.
 * @example unprintableCharacters('王小明') // ['小', '明', '王'] (DejaVu has no CJK)
 */
export function unprintableCharacters(text: string): string[] {
  if (cachedBodyFont === undefined) {
    cachedBodyFont = loadedFont(openDocument('A4', ''), REGULAR)
  }
  return findMissingCharacters(cachedBodyFont, text).sort()
}

function openDocument(size: PdfPageSize, title: string): Doc {
  const [width, height] = PAGE_SIZE_POINTS[size]
  const doc = new PDFDocument({
    size: [width, height],
    margin: MARGIN,
    autoFirstPage: true,
    compress: true,
    info: { Title: title, Producer: 'Comeback', Creator: 'Comeback', CreationDate: FIXED_DATE },
  })
  doc.registerFont(REGULAR, path.join(FONT_DIR, 'DejaVuSans.ttf'))
  doc.registerFont(BOLD, path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'))
  return doc
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

/** the fontkit font pdfkit embeds for a registered name (pdfkit keeps it on `_font.font`) */
function loadedFont(doc: Doc, name: string): PdfFont {
  doc.font(name)
  const embedded = (doc as unknown as { _font: { font: PdfFont } })._font
  return embedded.font
}

interface Fonts {
  regular: PdfFont
  bold: PdfFont
  note: (font: PdfFont, text: string) => void
}

function renderPage(doc: Doc, page: PdfPage, window: EnvelopeWindow, fonts: Fonts): void {
  doc.x = MARGIN
  doc.y = MARGIN
  if (page.address && page.address.length > 0) {
    renderAddress(doc, page.address, window, fonts)
    doc.x = MARGIN
    doc.y = window.bodyTop
  }
  for (const block of page.blocks) {
    renderBlock(doc, block, fonts)
  }
}

function renderAddress(
  doc: Doc,
  lines: readonly string[],
  window: EnvelopeWindow,
  fonts: Fonts,
): void {
  if (lines.length > window.maxLines) {
    throw new RangeError(
      `address: ${lines.length} lines, the envelope window holds ${window.maxLines}`,
    )
  }
  doc.font(REGULAR)
  const size = addressFontSize(doc, lines, window.textWidth)
  doc.fontSize(size)
  let y = window.textTop
  for (const line of lines) {
    fonts.note(fonts.regular, line)
    doc.text(line, window.textLeft, y, { width: window.textWidth, lineBreak: false })
    y += doc.currentLineHeight(true)
  }
}

/** the largest size up to ADDRESS_SIZE at which every line fits the window width */
function addressFontSize(doc: Doc, lines: readonly string[], width: number): number {
  for (let size = ADDRESS_SIZE; size >= ADDRESS_MIN_SIZE; size -= 0.5) {
    doc.fontSize(size)
    if (lines.every((line) => doc.widthOfString(line) <= width)) {
      return size
    }
  }
  const widest = lines.find((line) => doc.widthOfString(line) > width) ?? ''
  throw new RangeError(`address: line "${widest}" is too wide for the envelope window`)
}

function renderBlock(doc: Doc, block: PdfBlock, fonts: Fonts): void {
  const width = doc.page.width - 2 * MARGIN
  switch (block.kind) {
    case 'heading':
      fonts.note(fonts.bold, block.text)
      doc.font(BOLD).fontSize(HEADING_SIZE).text(block.text, MARGIN, doc.y, { width })
      doc.moveDown(0.5)
      return
    case 'paragraph':
      fonts.note(fonts.regular, block.text)
      doc.font(REGULAR).fontSize(BODY_SIZE).text(block.text, MARGIN, doc.y, { width })
      doc.moveDown(0.7)
      return
    case 'list':
      renderList(doc, block.items, fonts)
      return
    case 'signatures':
      renderSignatures(doc, block.parties, fonts)
      return
  }
}

function renderList(doc: Doc, items: readonly string[], fonts: Fonts): void {
  const indent = 14
  const width = doc.page.width - 2 * MARGIN - indent
  doc.font(REGULAR).fontSize(BODY_SIZE)
  for (const item of items) {
    fonts.note(fonts.regular, item)
    const top = doc.y
    doc.text('•', MARGIN, top, { lineBreak: false })
    doc.text(item, MARGIN + indent, top, { width })
    doc.moveDown(0.2)
  }
  doc.moveDown(0.5)
}

/** a signature line per party, label and name under it; a party is never split across pages */
function renderSignatures(
  doc: Doc,
  parties: readonly { label: string; name: string }[],
  fonts: Fonts,
): void {
  const lineWidth = 200
  const blockHeight = 3 * doc.currentLineHeight(true) + 36
  doc.font(REGULAR).fontSize(BODY_SIZE)
  for (const party of parties) {
    fonts.note(fonts.regular, party.label)
    fonts.note(fonts.regular, party.name)
    if (doc.y + blockHeight > doc.page.height - MARGIN) {
      doc.addPage()
      doc.y = MARGIN
    }
    const lineY = doc.y + 30
    doc
      .moveTo(MARGIN, lineY)
      .lineTo(MARGIN + lineWidth, lineY)
      .lineWidth(0.7)
      .stroke()
    doc.text(party.label, MARGIN, lineY + 4, { width: lineWidth })
    doc.text(party.name, MARGIN, doc.y, { width: lineWidth })
    doc.moveDown(1)
  }
}
