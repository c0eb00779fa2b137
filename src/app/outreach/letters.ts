import { todayIso } from '../../domain/case-dates.js'
import { ComebackError } from '../../domain/errors.js'
import {
  maxAddressLines,
  type PdfPage,
  type PdfPageSize,
  renderPdf,
  unprintableCharacters,
} from '../../outreach/index.js'
import {
  type CustomerContactLine,
  insertLetter,
  insertTouch,
  readCustomerContacts,
  type Store,
  type TemplateRow,
} from '../../store/index.js'
import { actorLabel, auditAuth } from '../auth/audit.js'
import type { CaseActor } from '../cases/case-support.js'
import { customerToReach, printableTemplate } from './letter-access.js'
import { addressLines, letterPage, pageText } from './letter-pages.js'
import { chooseLetterContact, type LetterSkip, letterBlock } from './letter-recipients.js'
import { type MessageFacts, mergeValuesFor } from './queue-email.js'

/** The paper a letter is printed on: A4 (ISO 216) or US Letter. */
export type LetterSize = PdfPageSize

/** A letter for one customer, from a `letter` or `card_note` template. */
export interface LetterRequest extends MessageFacts {
  readonly customerId: string
  readonly templateKey: string
  readonly size: PdfPageSize
  /** a contact of the customer; default the first with a postal address, decision makers first */
  readonly contactId?: number
  /** the sender's postal address, for the `postal_address` merge field */
  readonly senderAddress?: string | null
}

/** One letter's PDF and who it went to. */
export interface LetterPdf {
  readonly pdf: Buffer
  readonly contactId: number
  readonly filename: string
}

/** One member of a batch, as the batch renders it. */
export interface LetterTarget {
  readonly customerId: string
  readonly campaignId: number | null
  readonly campaignMemberId: number | null
}

/** A batch: one PDF with a page group per letter, and the customers left out with why. */
export interface LetterBatch {
  readonly pdf: Buffer | null
  readonly letters: number
  readonly skipped: readonly LetterSkip[]
}

/**
 * Renders the letter to one customer's contact and records it (a `letter` touch on their timeline,
 * audited). A contact who is suppressed, has no lawful basis, no postal address, or a name the font
 * cannot print is refused with the reason: nothing is silently dropped.
 * @example const { pdf } = await letterForCustomer(store, who, { customerId: 'C-1', templateKey: 'professional-letter-peace-offering', size: 'A4' })
 */
export async function letterForCustomer(
  store: Store,
  who: CaseActor,
  request: LetterRequest,
): Promise<LetterPdf> {
  const template = await printableTemplate(store, request.templateKey)
  await customerToReach(store, who, request.customerId)
  const contacts = await readCustomerContacts(store, [request.customerId])
  const prepared = await prepareLetter(store, {
    contacts,
    target: { customerId: request.customerId, campaignId: null, campaignMemberId: null },
    template,
    request,
  })
  if ('reason' in prepared) {
    throw refusal(prepared)
  }
  const { pdf } = await renderPdf({
    size: request.size,
    title: template.name,
    pages: [prepared.page],
  })
  await recordLetters(store, who, { template, size: request.size, done: [prepared] })
  return {
    pdf,
    contactId: prepared.contact.contactId,
    filename: `letter-${safeFilePart(request.customerId)}-${template.template_key}.pdf`,
  }
}

/**
 * Renders one merged PDF for `targets` (one page group per letter, in order) and records each
 * letter. Customers whose letter may not or cannot go are skipped and listed with why.
 */
export async function letterBatch(
  store: Store,
  who: CaseActor,
  batch: {
    targets: readonly LetterTarget[]
    templateKey: string
    size: PdfPageSize
    facts?: MessageFacts
    senderAddress?: string | null
  },
): Promise<LetterBatch> {
  const template = await printableTemplate(store, batch.templateKey)
  const contacts = await readCustomerContacts(store, [
    ...new Set(batch.targets.map((target) => target.customerId)),
  ])
  const done: PreparedLetter[] = []
  const skipped: LetterSkip[] = []
  for (const target of batch.targets) {
    const prepared = await prepareLetter(store, {
      contacts,
      target,
      template,
      request: { ...batch.facts, size: batch.size, senderAddress: batch.senderAddress ?? null },
    })
    if ('reason' in prepared) {
      skipped.push(prepared)
    } else {
      done.push(prepared)
    }
  }
  if (done.length === 0) {
    return { pdf: null, letters: 0, skipped }
  }
  const rendered = await renderPdf({
    size: batch.size,
    title: template.name,
    pages: done.map((letter) => letter.page),
  })
  await recordLetters(store, who, { template, size: batch.size, done })
  return { pdf: rendered.pdf, letters: done.length, skipped }
}

interface PreparedLetter {
  readonly target: LetterTarget
  readonly contact: CustomerContactLine
  readonly page: PdfPage
}

async function prepareLetter(
  store: Store,
  input: {
    contacts: readonly CustomerContactLine[]
    target: LetterTarget
    template: TemplateRow
    request: MessageFacts & {
      size: PdfPageSize
      contactId?: number
      senderAddress?: string | null
    }
  },
): Promise<PreparedLetter | LetterSkip> {
  const { target, request } = input
  const contact = chooseLetterContact(input.contacts, target.customerId, request.contactId)
  const skip = (reason: LetterSkip['reason'], detail: string | null): LetterSkip => ({
    customerId: target.customerId,
    contactId: contact?.contactId ?? null,
    reason,
    detail,
  })
  if (contact === undefined) {
    return skip('no_postal_address', null)
  }
  const blocked = await letterBlock(store, contact)
  if (blocked !== null) {
    return skip(blocked.reason, blocked.detail)
  }
  const lines = addressLines(contact)
  if (lines.length > maxAddressLines(request.size)) {
    return skip(
      'address_too_long',
      `${lines.length} lines, the window holds ${maxAddressLines(request.size)}`,
    )
  }
  const values = {
    ...mergeValuesFor({ ...contact, addressFlag: null }, request),
    postal_address: request.senderAddress ?? '',
  }
  const page = letterPage(contact, { body: input.template.body, values, date: todayIso() })
  const missing = unprintableCharacters(pageText(page))
  if (missing.length > 0) {
    return skip('unprintable_characters', describeCharacters(missing))
  }
  return { target, contact, page }
}

/** Logs each letter and puts a `letter` touch on the customer's timeline, audited, in one go. */
async function recordLetters(
  store: Store,
  who: CaseActor,
  batch: { template: TemplateRow; size: PdfPageSize; done: readonly PreparedLetter[] },
): Promise<void> {
  const at = new Date().toISOString()
  await store.db.transaction().execute(async (trx) => {
    for (const { target, contact } of batch.done) {
      const id = await insertLetter(trx, {
        customer_id: target.customerId,
        contact_id: contact.contactId,
        template_id: Number(batch.template.id),
        page_size: batch.size,
        campaign_id: target.campaignId,
        campaign_member_id: target.campaignMemberId,
        created_by: actorLabel(who.audit),
      })
      await insertTouch(trx, {
        customer_id: target.customerId,
        contact_id: contact.contactId,
        channel: 'letter',
        kind: target.campaignId === null ? 'win_back_letter' : 'campaign_letter',
        at,
        outbox_message_id: null,
        actor: actorLabel(who.audit),
        note: batch.template.name,
        ...(target.campaignMemberId === null
          ? {}
          : { campaign_member_id: target.campaignMemberId }),
      })
      await auditAuth(trx, who.audit, {
        action: 'produce',
        objectType: 'letter',
        objectId: String(id),
        fields: ['customer_id', 'contact_id', 'template_id'],
      })
    }
  })
}

/** A skipped letter as an error: 409 for suppression and the like, 400 for what input can fix. */
function refusal(skip: LetterSkip): ComebackError {
  const detail = skip.detail === null ? '' : ` (${skip.detail})`
  const messages: Record<LetterSkip['reason'], string> = {
    no_postal_address: `customer ${skip.customerId} has no contact with a postal address`,
    no_lawful_basis: `contact ${skip.contactId}: no lawful basis for outreach${detail}`,
    suppressed: `contact ${skip.contactId} is suppressed${detail}: no letter`,
    unprintable_characters: `the letter has characters the font cannot print${detail}`,
    address_too_long: `address: too many lines for the envelope window${detail}`,
    no_access: `no customer ${skip.customerId}`,
  }
  const code =
    skip.reason === 'no_access'
      ? 'NOT_FOUND'
      : skip.reason === 'unprintable_characters' || skip.reason === 'address_too_long'
        ? 'INVALID_INPUT'
        : 'CONFLICT'
  return new ComebackError(code, messages[skip.reason])
}

/** Characters with their code points, so "□" in a report still says which one: `中 (U+4E2D)`. */
export function describeCharacters(characters: readonly string[]): string {
  return characters
    .map((c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`)
    .join(', ')
}

function safeFilePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)
}
