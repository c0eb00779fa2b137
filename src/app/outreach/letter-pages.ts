import type { MergeValues } from '../../domain/template.js'
import { renderFields } from '../../domain/template-render.js'
import type { PdfBlock, PdfPage } from '../../outreach/index.js'
import type { CustomerContactLine } from '../../store/index.js'

/**
 * The address block of a letter: the contact, the company, then the postal address. A stored
 * address with line breaks keeps them; a one-line address ("12 Elm St, Springfield, IL 62704",
 * the demo's and many CRMs' form) puts the street on one line and the rest on the next, as US and
 * European conventions both write "town, region postcode" together.
 */
export function addressLines(recipient: CustomerContactLine): string[] {
  const lines = [recipient.name, recipient.customerName]
    .map((line) => oneLine(line ?? ''))
    .filter((line) => line !== '')
  return [...lines, ...postalLines(recipient.postalAddress ?? '')]
}

function postalLines(address: string): string[] {
  const text = address.trim()
  if (/[\r\n]/.test(text)) {
    return text
      .split(/\r\n|\r|\n/)
      .map(oneLine)
      .filter((line) => line !== '')
  }
  const comma = text.indexOf(',')
  if (comma < 0) {
    return text === '' ? [] : [oneLine(text)]
  }
  return [text.slice(0, comma), text.slice(comma + 1)].map(oneLine).filter((line) => line !== '')
}

// a name or address line stays one line: control characters become spaces
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim()
}

/**
 * One recipient's page: the address in the envelope window, the date, then the template's body
 * rendered by the one merge-field renderer (literal substitution, TESTPLAN T15), a paragraph per
 * blank-line-separated part.
 */
export function letterPage(
  recipient: CustomerContactLine,
  letter: { body: string; values: MergeValues; date: string },
): PdfPage {
  const body = renderFields(letter.body, letter.values, 'text')
  const paragraphs: PdfBlock[] = body
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((text) => ({ kind: 'paragraph', text }))
  return {
    address: addressLines(recipient),
    blocks: [{ kind: 'paragraph', text: letter.date }, ...paragraphs],
  }
}

/** Every text a page prints, for checking the font can draw it before rendering. */
export function pageText(page: PdfPage): string {
  const parts: string[] = [...(page.address ?? [])]
  for (const block of page.blocks) {
    if (block.kind === 'list') {
      parts.push(...block.items)
    } else if (block.kind === 'signatures') {
      parts.push(...block.parties.flatMap((party) => [party.label, party.name]))
    } else {
      parts.push(block.text)
    }
  }
  return parts.join('\n')
}
