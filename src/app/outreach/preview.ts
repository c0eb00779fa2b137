import type { MergeValues } from '../../domain/template.js'
import { renderFields } from '../../domain/template-render.js'
import { composeEmail } from '../../outreach/index.js'
import type { Store } from '../../store/index.js'
import { assertMayAccess } from '../auth/authorized-reads.js'
import type { CaseActor } from '../cases/case-support.js'
import type { OutreachConfig } from './outreach-config.js'
import { type MessageFacts, mergeValuesFor, reachableRecipient } from './queue-email.js'
import { latestOrThrow } from './templates.js'

/** A template rendered for one contact (or with sample values), as it would go out. */
export interface TemplatePreview {
  readonly key: string
  readonly version: number
  readonly kind: string
  readonly subject: string | null
  readonly text: string
  readonly html: string | null
}

const SAMPLE: MergeValues = {
  customer: 'Example Ltd',
  contact: 'Alex Example',
  owner: 'Your account manager',
}

/**
 * Renders the newest version of `key` for a contact (who must be one `who` may reach) or with
 * sample values. Emails get the footer and unsubscribe link they will carry; the link here is a
 * placeholder, as the real one is made per message when it is sent.
 */
export async function previewTemplateAs(
  store: Store,
  who: CaseActor,
  request: { key: string; contactId?: number; facts?: MessageFacts; config: OutreachConfig },
): Promise<TemplatePreview> {
  await assertMayAccess(store, { actor: who.actor, action: 'read', type: 'template' }, who.audit)
  const template = await latestOrThrow(store, request.key)
  const facts = request.facts ?? {}
  const values =
    request.contactId === undefined
      ? {
          ...SAMPLE,
          reason: facts.reason ?? '',
          what_was_fixed: facts.whatWasFixed ?? '',
          offer: facts.offer ?? '',
        }
      : mergeValuesFor(await reachableRecipient(store, who, request.contactId), facts)
  const head = {
    key: template.template_key,
    version: Number(template.version),
    kind: template.kind,
  }
  if (template.kind !== 'email') {
    return { ...head, subject: null, text: renderFields(template.body, values, 'text'), html: null }
  }
  const base = request.config.publicUrl?.replace(/\/+$/, '') ?? 'https://comeback.example'
  const email = composeEmail({
    template,
    values,
    sender: {
      fromAddress: request.config.fromAddress ?? 'sender@example.com',
      fromName: request.config.fromName,
      postalAddress: request.config.postalAddress ?? '[set COMEBACK_POSTAL_ADDRESS]',
    },
    to: { name: values.contact ?? null, address: 'recipient@example.com' },
    unsubscribe: { url: `${base}/u/PREVIEW`, mailto: 'mailto:unsubscribe@example.com' },
  })
  return { ...head, subject: email.subject, text: email.text, html: email.html }
}
