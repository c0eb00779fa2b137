import { ComebackError, ValidationError } from '../../domain/errors.js'
import { formatMoney } from '../../domain/explanation.js'
import { type PdfBlock, renderPdf } from '../../outreach/index.js'
import {
  getSetting,
  listCaseReasons,
  listMakeGoods,
  readCustomerBasics,
  type Store,
} from '../../store/index.js'
import { type CaseActor, dayOf } from '../cases/case-support.js'
import { liveReasonOfId, loadTaxonomy } from '../cases/taxonomy.js'
import { loadPlanFor, readPlanView } from './plan-support.js'
import type { PlanConditionView, PlanView } from './plan-view.js'

/** The printable agreement: the PDF and the name to save it under. */
export interface PlanAgreementFile {
  readonly fileName: string
  readonly pdf: Buffer
}

/** The page sizes the agreement prints on. */
export type AgreementPaper = 'a4' | 'letter'

/** The `settings` key of the company's name as the agreement prints it. */
export const COMPANY_NAME_SETTING = 'company.name'

const conditionLine = (line: PlanConditionView): string => {
  const who =
    line.side === 'us'
      ? `ours, owner ${line.ownerName ?? 'unassigned'}`
      : `yours, owner ${line.contactName ?? 'unnamed'}`
  const state = line.status === 'done' ? ` — done ${line.doneOn}` : ''
  return `${line.text} (${who}; due ${line.dueOn})${state}`
}

interface AgreementFacts {
  readonly company: string
  readonly customer: string
  readonly caseId: number
  readonly openedOn: string
  readonly reasons: readonly string[]
  readonly customerWords: string | null
  readonly makeGoods: readonly string[]
  readonly plan: PlanView
}

function agreementBlocks(facts: AgreementFacts): PdfBlock[] {
  const { plan } = facts
  const agreed = plan.agreedOn === null ? 'Not yet agreed' : `Agreed on ${plan.agreedOn}`
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: `Plan of action: ${facts.company} and ${facts.customer}` },
    {
      kind: 'paragraph',
      text: `Case ${facts.caseId}, opened ${facts.openedOn}. Plan version ${plan.version ?? 'none yet'}. ${agreed}${plan.status === 'changed' ? ' (changed since: to be agreed again)' : ''}.`,
    },
    { kind: 'heading', text: 'What went wrong' },
    {
      kind: 'paragraph',
      text: facts.reasons.length === 0 ? 'No reason recorded.' : facts.reasons.join('; '),
    },
    ...(facts.customerWords === null
      ? []
      : [{ kind: 'paragraph' as const, text: `In your words: “${facts.customerWords}”` }]),
    { kind: 'heading', text: 'What we will do' },
    { kind: 'paragraph', text: plan.summary ?? 'See the conditions below.' },
  ]
  if (facts.makeGoods.length > 0) {
    blocks.push({ kind: 'heading', text: 'To make good' }, { kind: 'list', items: facts.makeGoods })
  }
  blocks.push(
    { kind: 'heading', text: 'Conditions we both agree to' },
    plan.conditions.length === 0
      ? { kind: 'paragraph', text: 'No conditions yet.' }
      : { kind: 'list', items: plan.conditions.map(conditionLine) },
  )
  if (plan.extras.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'And then some: delivered beyond the fix' },
      {
        kind: 'list',
        items: plan.extras.map(
          (extra) =>
            `${extra.what}${extra.valueMinor === null || extra.currency === null ? '' : ` (worth ${formatMoney(extra.valueMinor, extra.currency)})`}${extra.deliveredOn === null ? '' : `, delivered ${extra.deliveredOn}`}`,
        ),
      },
    )
  }
  blocks.push({
    kind: 'signatures',
    parties: [
      { label: `For ${facts.company}`, name: plan.ourSigner ?? '' },
      { label: `For ${facts.customer}`, name: plan.theirSigner ?? '' },
    ],
  })
  return blocks
}

async function gatherFacts(store: Store, who: CaseActor, caseId: number, today: string) {
  // before a plan is started the agreement prints as a blank draft to fill in at the meeting
  const loaded = await loadPlanFor(store, who, caseId, 'read')
  const { row } = loaded.loaded
  const taxonomy = await loadTaxonomy(store)
  const reasons = (await listCaseReasons(store, [caseId])).map(
    (line) => liveReasonOfId(taxonomy, line.reason_id)?.label ?? `reason ${line.reason_id}`,
  )
  const approved = await listMakeGoods(store, { caseId, status: 'approved' })
  const customer = await readCustomerBasics(store, row.customer_id)
  return {
    company: await getSetting<string>(store, COMPANY_NAME_SETTING, 'Our company'),
    customer: customer?.name ?? row.customer_id,
    caseId,
    openedOn: row.opened_on,
    reasons,
    customerWords: row.customer_words,
    makeGoods: approved.map(
      (offer) =>
        `${offer.kind.replaceAll('_', ' ')} worth ${formatMoney(Number(offer.value_minor), offer.currency)}${offer.description === null ? '' : `: ${offer.description}`}`,
    ),
    plan: await readPlanView(store, caseId, today),
  }
}

/**
 * The printable agreement of a case's plan (a PDF): both companies, the case, what went wrong in
 * words, the fix, an approved make-good, each condition with its side, owner and due date, the
 * extras, and signature lines naming both parties. A name the font cannot print is an error that
 * lists the characters, rather than a PDF with boxes in it.
 * Before a plan is started it prints as a blank draft.
 * @throws NotFoundError; ValidationError (unprintable characters)
 * @example const { pdf } = await planAgreementPdf(store, manager, { caseId: 7, paper: 'a4' })
 */
export async function planAgreementPdf(
  store: Store,
  who: CaseActor,
  input: { readonly caseId: number; readonly paper?: AgreementPaper; readonly today?: string },
): Promise<PlanAgreementFile> {
  const facts = await gatherFacts(store, who, input.caseId, dayOf(input.today))
  const result = await renderPdf({
    size: input.paper === 'letter' ? 'LETTER' : 'A4',
    title: `Plan of action — case ${input.caseId}`,
    pages: [{ blocks: agreementBlocks(facts) }],
  })
  if (result.missingCharacters.length > 0) {
    throw new ValidationError(
      `the agreement cannot print ${result.missingCharacters.map((c) => `"${c}" (U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}: the PDF font has no such characters`,
      { issues: [{ path: ['agreement'], message: 'characters the font lacks' }] },
    )
  }
  if (result.pdf.length === 0) {
    throw new ComebackError('INTERNAL', 'the agreement PDF came out empty')
  }
  return { fileName: `plan-case-${input.caseId}.pdf`, pdf: result.pdf }
}
