import { z } from 'zod'
import {
  campaignLetters,
  customerLetters,
  type LetterBatch,
  letterForCustomer,
  outreachConfigFromEnv,
} from '../../app/index.js'
import { ConflictError } from '../../domain/errors.js'
import {
  campaignLettersBodySchema,
  customerLetterBodySchema,
  letterBatchBodySchema,
  letterCampaignParamsSchema,
  letterCustomerParamsSchema,
} from '../contract/letters.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute, type FileAnswer } from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

const fileAnswerSchema = z.custom<FileAnswer>()

// at most this many skips are itemised in the header; the count header has them all
const SKIPS_IN_HEADER = 50

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes
}

/** A batch as a PDF download, with how many letters and who was left out (and why) in headers. */
function batchAnswer(batch: LetterBatch, fileName: string): FileAnswer {
  if (batch.pdf === null) {
    const reasons = new Map<string, number>()
    for (const skip of batch.skipped) {
      reasons.set(skip.reason, (reasons.get(skip.reason) ?? 0) + 1)
    }
    const summary = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ')
    throw new ConflictError(`no letter could go out: ${summary || 'no recipients'}`)
  }
  return {
    fileName,
    headers: {
      'X-Letters-Count': String(batch.letters),
      'X-Letters-Skipped-Count': String(batch.skipped.length),
      'X-Letters-Skipped': encodeURIComponent(
        JSON.stringify(batch.skipped.slice(0, SKIPS_IN_HEADER)),
      ),
    },
    chunks: once(batch.pdf),
  }
}

const facts = (body: {
  reason?: string | undefined
  whatWasFixed?: string | undefined
  offer?: string | undefined
}) => dropUndefined({ reason: body.reason, whatWasFixed: body.whatWasFixed, offer: body.offer })

const customerLetterRoute = defineRoute({
  method: 'post',
  path: '/customers/{id}/letter',
  operationId: 'renderCustomerLetter',
  summary:
    'One letter to the customer (decision maker first) as a PDF, recorded on the timeline; refused for a suppressed contact',
  tag: 'letters',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  params: letterCustomerParamsSchema,
  body: customerLetterBodySchema,
  response: fileAnswerSchema,
  produces: 'application/pdf',
  async handle({ params, body, ctx }) {
    const letter = await letterForCustomer(ctx.deps.store, caseActorOf(ctx), {
      customerId: params.id,
      templateKey: body.templateKey,
      size: body.size,
      ...(body.contactId === undefined ? {} : { contactId: body.contactId }),
      ...facts(body),
      senderAddress: outreachConfigFromEnv().postalAddress,
    })
    return { fileName: letter.filename, chunks: once(letter.pdf) }
  },
})

const batchRoute = defineRoute({
  method: 'post',
  path: '/letters/batch',
  operationId: 'renderLetterBatch',
  summary:
    'One merged PDF of letters to the listed customers; those who may not get one are skipped and listed in X-Letters-Skipped',
  tag: 'letters',
  access: { kind: 'policy', resource: 'case', action: 'write' },
  body: letterBatchBodySchema,
  response: fileAnswerSchema,
  produces: 'application/pdf',
  async handle({ body, ctx }) {
    const batch = await customerLetters(ctx.deps.store, caseActorOf(ctx), body.customerIds, {
      templateKey: body.templateKey,
      size: body.size,
      facts: facts(body),
      senderAddress: outreachConfigFromEnv().postalAddress,
    })
    return batchAnswer(batch, `letters-${body.customerIds.length}.pdf`)
  },
})

const campaignRoute = defineRoute({
  method: 'post',
  path: '/campaigns/{id}/letters',
  operationId: 'renderCampaignLetters',
  summary:
    "One merged PDF of letters to a campaign's treated members (the holdout gets none), each counted for the campaign",
  tag: 'letters',
  access: { kind: 'policy', resource: 'campaign', action: 'write' },
  params: letterCampaignParamsSchema,
  body: campaignLettersBodySchema,
  response: fileAnswerSchema,
  produces: 'application/pdf',
  async handle({ params, body, ctx }) {
    const batch = await campaignLetters(ctx.deps.store, caseActorOf(ctx), params.id, {
      size: body.size,
      ...(body.templateKey === undefined ? {} : { templateKey: body.templateKey }),
      facts: facts(body),
      senderAddress: outreachConfigFromEnv().postalAddress,
    })
    return batchAnswer(batch, `campaign-${params.id}-letters.pdf`)
  },
})

/** Letters as PDF: one to a customer, a batch to a list, a campaign's treated members. */
export const LETTER_ROUTES: readonly ApiRoute[] = [customerLetterRoute, batchRoute, campaignRoute]
