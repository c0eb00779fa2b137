/**
 * Outreach templates (SPEC §5, issue 6 part 1): the kinds of message, the two tones, and the fixed
 * set of merge fields a template may name. Rendering is in `template-render.ts`.
 */

/** What a template makes: an email, a letter, the note inside a card, or what to say on a call. */
export type TemplateKind = 'email' | 'letter' | 'card_note' | 'call_script'

export const TEMPLATE_KINDS: readonly TemplateKind[] = [
  'email',
  'letter',
  'card_note',
  'call_script',
]

/** The seeds' two approaches: fun ("lost customer appreciation day") or professional. */
export type TemplateTone = 'fun' | 'professional'

export const TEMPLATE_TONES: readonly TemplateTone[] = ['fun', 'professional']

/**
 * The only names a template may put between `{{ }}`. A fixed list, looked up in a Map, so a name
 * such as `constructor` or `__proto__` can never reach an object's prototype.
 */
export const MERGE_FIELDS = [
  'customer',
  'contact',
  'owner',
  'reason',
  'what_was_fixed',
  'offer',
  'unsubscribe_link',
  'postal_address',
] as const

export type MergeField = (typeof MERGE_FIELDS)[number]

/** The value of each merge field; a missing one renders as the empty string. */
export type MergeValues = Partial<Readonly<Record<MergeField, string>>>

/** A template as people write it: a subject (emails only) and a plain-text body with `{{fields}}`. */
export interface TemplateText {
  readonly kind: TemplateKind
  readonly subject: string | null
  readonly body: string
}

/** A template shipped with the product, identified by a stable key across versions. */
export interface ShippedTemplate extends TemplateText {
  readonly key: string
  readonly tone: TemplateTone
  readonly name: string
}

/** Whether `value` names a template kind. */
export function isTemplateKind(value: string): value is TemplateKind {
  return (TEMPLATE_KINDS as readonly string[]).includes(value)
}

/** Whether `value` names a tone. */
export function isTemplateTone(value: string): value is TemplateTone {
  return (TEMPLATE_TONES as readonly string[]).includes(value)
}
