import { ComebackError, ValidationError } from '../../domain/errors.js'
import { isPlainEmail, normaliseEmail } from '../../domain/suppression.js'
import type { MergeValues } from '../../domain/template.js'
import { renderFields } from '../../domain/template-render.js'
import { type Mailer, smtpMailer } from '../../outreach/index.js'
import {
  findSuppressions,
  getOutboxMessage,
  insertOutboxMessage,
  type Store,
} from '../../store/index.js'
import { actorLabel } from '../auth/audit.js'
import { assertMayAccess } from '../auth/authorized-reads.js'
import type { CaseActor } from '../cases/case-support.js'
import type { SendingConfig } from './outreach-config.js'
import { type SendOutcome, sendOutboxMessage } from './send-outbox.js'
import { latestOrThrow } from './templates.js'

/** The customer id test messages are filed under: no real customer has it. */
export const TEST_MESSAGE_CUSTOMER = '(test message)'

const SAMPLE: MergeValues = {
  customer: 'Example Ltd',
  contact: 'there',
  owner: 'The Comeback team',
  reason: 'late deliveries',
  what_was_fixed: 'Every order now ships from the new warehouse within two days.',
  offer: 'a free service upgrade for a quarter',
}

/**
 * Sends one sample win-back email to `to` through the real path (issue 6 part 8): the suppression
 * check, the outbox, the headers and SMTP. A suppressed address is refused before anything is
 * queued; a refusal by the SMTP server is reported.
 * @throws ComebackError CONFLICT when the address is suppressed, UNAVAILABLE when SMTP refused
 */
export async function sendTestEmail(
  store: Store,
  who: CaseActor,
  request: { to: string; config: SendingConfig; mailer?: Mailer },
): Promise<{ messageId: number; outcome: SendOutcome }> {
  await assertMayAccess(store, { actor: who.actor, action: 'write', type: 'campaign' }, who.audit)
  const to = request.to.trim()
  if (!isPlainEmail(to)) {
    throw new ValidationError(`"${to}" is not one plain email address`)
  }
  const suppressed = await findSuppressions(store, {
    emailNormalised: normaliseEmail(to),
    contactId: null,
  })
  if (suppressed.length > 0) {
    const kinds = [...new Set(suppressed.map((row) => row.kind))].join(', ')
    throw new ComebackError('CONFLICT', `${to} is suppressed (${kinds}): no email was sent`)
  }
  const template = await latestOrThrow(store, 'professional-email-what-changed')
  const { id } = await insertOutboxMessage(store, {
    channel: 'email',
    customer_id: TEST_MESSAGE_CUSTOMER,
    contact_id: null,
    to_address: to,
    to_normalised: normaliseEmail(to),
    to_name: null,
    template_id: Number(template.id),
    fields_json: JSON.stringify(SAMPLE),
    subject: renderFields(template.subject ?? '', SAMPLE, 'header'),
    idempotency_key: null,
    from_address: null,
    queued_by: actorLabel(who.audit),
  })
  const mailer = request.mailer ?? smtpMailer(request.config.smtpUrl, request.config.dkim)
  try {
    const job = { id, config: request.config, mailer, now: () => new Date() }
    const outcome = await sendOutboxMessage(store, job)
    if (outcome !== 'sent') {
      const row = await getOutboxMessage(store, id)
      throw new ComebackError(
        'UNAVAILABLE',
        `the test email was not sent (${outcome}): ${row?.error ?? 'no answer'}`,
      )
    }
    return { messageId: id, outcome }
  } finally {
    if (request.mailer === undefined) {
      mailer.close()
    }
  }
}
