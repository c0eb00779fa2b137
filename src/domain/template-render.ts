import { type Issue, ValidationError } from './errors.js'
import { MERGE_FIELDS, type MergeField, type MergeValues, type TemplateText } from './template.js'

/**
 * Merge-field rendering (TESTPLAN T15): one pass of literal substitution over a fixed set of field
 * names. Nothing is evaluated, nothing is looked up on an object's prototype, and a value that
 * itself looks like `{{field}}` stays text because substituted values are never scanned again.
 */

/** `{{ name }}`; the name is anything up to the closing braces, so unknown names are seen too. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g

const KNOWN = new Map<string, MergeField>(MERGE_FIELDS.map((field) => [field, field]))

// every C0 and C1 control except tab: a header may hold none of them (CR and LF above all)
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const HEADER_UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]+/g

/** How a rendered piece is used: plain text, inside HTML, or in a mail header. */
export type RenderMode = 'text' | 'html' | 'header'

/**
 * The placeholders of `text` that are not merge fields, each once, in order.
 * @example unknownFields('Hi {{contact}} {{constructor}}') // ['constructor']
 */
export function unknownFields(text: string): string[] {
  const unknown = new Set<string>()
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? ''
    if (!KNOWN.has(name)) {
      unknown.add(name)
    }
  }
  return [...unknown]
}

/**
 * Checks a template before it is saved: every placeholder a merge field, a subject on emails only,
 * and a body.
 * @throws ValidationError listing each problem
 */
export function validateTemplateText(template: TemplateText): void {
  const issues: Issue[] = []
  const parts: [string, string | null][] = [
    ['subject', template.subject],
    ['body', template.body],
  ]
  for (const [part, text] of parts) {
    for (const name of unknownFields(text ?? '')) {
      issues.push({
        path: [part],
        message: `{{${name}}} is not a merge field (use ${MERGE_FIELDS.join(', ')})`,
      })
    }
  }
  if (template.body.trim() === '') {
    issues.push({ path: ['body'], message: 'a template needs a body' })
  }
  if (template.kind === 'email' && (template.subject ?? '').trim() === '') {
    issues.push({ path: ['subject'], message: 'an email template needs a subject' })
  }
  if (issues.length > 0) {
    throw new ValidationError('the template has problems', { issues })
  }
}

/**
 * Renders `text` with `values` for `mode`: HTML escapes each value, a header loses every control
 * character (so no CR/LF ever reaches a header, TESTPLAN T15). Unknown placeholders stay as written.
 * @example renderFields('Dear {{contact}}', { contact: 'Ann' }, 'text') // 'Dear Ann'
 */
export function renderFields(text: string, values: MergeValues, mode: RenderMode): string {
  const rendered = text.replace(PLACEHOLDER, (whole, name: string) => {
    const field = KNOWN.get(name)
    if (field === undefined) {
      return mode === 'html' ? escapeHtml(whole) : whole
    }
    const value = values[field] ?? ''
    return mode === 'html' ? escapeHtml(value) : value
  })
  return mode === 'header' ? headerSafe(rendered) : rendered
}

/** A header value with every control character (CR, LF, NUL …) turned into one space, trimmed. */
export function headerSafe(text: string): string {
  return text.replace(HEADER_UNSAFE, ' ').trim()
}

/** `text` safe inside HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
