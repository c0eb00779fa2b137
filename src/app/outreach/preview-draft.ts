import type { TemplateKind } from '../../domain/template.js'
import { renderFields, validateTemplateText } from '../../domain/template-render.js'
import { composeEmail } from '../../outreach/index.js'
import type { Store } from '../../store/index.js'
import { assertMayAccess } from '../auth/authorized-reads.js'
import type { CaseActor } from '../cases/case-support.js'
import type { OutreachConfig } from './outreach-config.js'
import type { TemplatePreview } from './preview.js'
import type { MessageFacts } from './queue-email.js'

/** A template being written, not saved yet. */
export interface TemplateDraft {
  readonly kind: TemplateKind
  readonly subject: string | null
  readonly body: string
}

const SAMPLE = {
  customer: 'Example Ltd',
  contact: 'Alex Example',
  owner: 'Your account manager',
}

/**
 * Renders a draft with sample values, as the editor's live preview: the same checks as saving
 * (an unknown merge field is refused with the field named, T15) and the same rendering as sending
 * (an email gets its footer and a placeholder unsubscribe link). Only sample values and the typed
 * facts go in, so it reads no one's data; whoever reads templates may preview.
 * @throws ValidationError naming each unknown field or missing part
 * @example await previewDraftAs(store, who, { draft, facts: {}, config: outreachConfigFromEnv() })
 */
export async function previewDraftAs(
  store: Store,
  who: CaseActor,
  request: { draft: TemplateDraft; facts: MessageFacts; config: OutreachConfig },
): Promise<TemplatePreview> {
  await assertMayAccess(store, { actor: who.actor, action: 'read', type: 'template' }, who.audit)
  const { draft, facts, config } = request
  validateTemplateText(draft)
  const values = {
    ...SAMPLE,
    reason: facts.reason ?? '',
    what_was_fixed: facts.whatWasFixed ?? '',
    offer: facts.offer ?? '',
  }
  const head = { key: 'draft', version: 0, kind: draft.kind }
  if (draft.kind !== 'email') {
    return { ...head, subject: null, text: renderFields(draft.body, values, 'text'), html: null }
  }
  const base = config.publicUrl?.replace(/\/+$/, '') ?? 'https://comeback.example'
  const email = composeEmail({
    template: draft,
    values,
    sender: {
      fromAddress: config.fromAddress ?? 'sender@example.com',
      fromName: config.fromName,
      postalAddress: config.postalAddress ?? '[set COMEBACK_POSTAL_ADDRESS]',
    },
    to: { name: values.contact, address: 'recipient@example.com' },
    unsubscribe: { url: `${base}/u/PREVIEW`, mailto: 'mailto:unsubscribe@example.com' },
  })
  return { ...head, subject: email.subject, text: email.text, html: email.html }
}
