import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A word pdftotext found, with its box in points from the page's top-left corner. */
export interface PdfWord {
  readonly page: number
  readonly text: string
  readonly xMin: number
  readonly yMin: number
  readonly xMax: number
  readonly yMax: number
}

function withPdfFile<T>(pdf: Buffer, read: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'comeback-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    writeFileSync(file, pdf)
    return read(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text poppler's `pdftotext` reads back (what a reader, a search or a screen reader sees). */
export function pdfText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) =>
    execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  )
}

/** `pdfinfo`'s fields: "Pages", "Page size", "Title" … */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = withPdfFile(pdf, (file) =>
    execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }),
  )
  const fields: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) {
      fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
    }
  }
  return fields
}

/** `pdffonts`' rows: each font's name and whether it is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const text = withPdfFile(pdf, (file) =>
    execFileSync('/usr/bin/pdffonts', [file], { encoding: 'utf8' }),
  )
  return text
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/)
      // name, type words…, encoding, emb, sub, uni, object, id
      return { name: columns[0] ?? '', embedded: columns.at(-5) === 'yes' }
    })
}

/** Every word with its box, from `pdftotext -bbox`. */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const html = withPdfFile(pdf, (file) =>
    execFileSync('/usr/bin/pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  )
  const words: PdfWord[] = []
  let page = 0
  const pattern =
    /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g
  for (const match of html.matchAll(pattern)) {
    if (match[0] === '<page ') {
      page += 1
      continue
    }
    words.push({
      page,
      text: decodeEntities(match[5] ?? ''),
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
    })
  }
  return words
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
}
