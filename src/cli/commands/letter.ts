import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import {
  campaignLetters,
  customerLetters,
  type LetterBatch,
  type LetterSize,
  letterForCustomer,
  outreachConfigFromEnv,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeNote, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

interface FactOptions {
  readonly reason?: string
  readonly fixed?: string
  readonly offer?: string
}

interface LetterOptions extends FactOptions {
  readonly template: string
  readonly size?: string
  readonly contact?: string
  readonly out: string
}

interface LettersOptions extends FactOptions {
  readonly campaign?: string
  readonly customers?: string
  readonly template?: string
  readonly size?: string
  readonly out: string
  readonly json?: boolean
}

function sizeOf(text: string | undefined): LetterSize {
  const size = parseChoice('--size', (text ?? 'a4').toLowerCase(), ['a4', 'letter'] as const)
  return size === 'a4' ? 'A4' : 'LETTER'
}

function factsOf(options: FactOptions) {
  return {
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    ...(options.fixed === undefined ? {} : { whatWasFixed: options.fixed }),
    ...(options.offer === undefined ? {} : { offer: options.offer }),
  }
}

function withFacts(command: Command): Command {
  return command
    .option('--reason <text>', 'why they left, for {{reason}}')
    .option('--fixed <text>', 'what was fixed, for {{what_was_fixed}}')
    .option('--offer <text>', 'the offer, for {{offer}}')
    .option('--size <size>', 'a4 (default) or letter')
}

function reportBatch(batch: LetterBatch, out: string, json: boolean | undefined): void {
  if (json === true) {
    writeOut(
      `${JSON.stringify({ letters: batch.letters, out, skipped: batch.skipped }, null, 2)}\n`,
    )
    return
  }
  writeOut(
    `${renderFields([
      ['letters', batch.letters],
      ['skipped', batch.skipped.length],
      ['file', out],
    ])}\n`,
  )
  for (const skip of batch.skipped) {
    const detail = skip.detail === null ? '' : ` (${skip.detail})`
    writeNote(`skipped ${skip.customerId}: ${skip.reason}${detail}`)
  }
}

/**
 * `comeback letter CUSTOMER --template KEY --out F` and `comeback letters --campaign ID | --customers
 * A,B --out F`: letters as PDF (one, or one merged file), each recorded on the customer's timeline.
 */
export function registerLetterCommand(program: Command): void {
  withFacts(
    program
      .command('letter <customer>')
      .description('one letter to a customer as a PDF (decision maker first; suppressed: refused)')
      .requiredOption('--template <key>', 'a letter or card_note template')
      .requiredOption('--out <file>', 'the PDF file to write')
      .option('--contact <id>', 'this contact of the customer instead of the decision maker'),
  ).action(async (customer: string, options: LetterOptions, command: Command) => {
    await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
      const letter = await letterForCustomer(context.store, caseActorOf(context), {
        customerId: customer,
        templateKey: options.template,
        size: sizeOf(options.size),
        ...(options.contact === undefined
          ? {}
          : {
              contactId: parseWholeNumber('--contact', options.contact, {
                min: 1,
                max: 2 ** 53 - 1,
              }),
            }),
        ...factsOf(options),
        senderAddress: outreachConfigFromEnv().postalAddress,
      })
      writeFileSync(options.out, letter.pdf)
      writeOut(
        `${renderFields([
          ['contact', letter.contactId],
          ['file', options.out],
        ])}\n`,
      )
    })
  })
  registerLettersCommand(program)
}

function registerLettersCommand(program: Command): void {
  withFacts(
    program
      .command('letters')
      .description("one merged PDF: a campaign's treated members or a list of customers")
      .option('--campaign <id>', "the campaign's treated members")
      .option('--customers <ids>', 'these customers, comma-separated')
      .option('--template <key>', "a letter or card_note template (default the campaign's)")
      .requiredOption('--out <file>', 'the PDF file to write')
      .option('--json', 'print JSON'),
  ).action(async (options: LettersOptions, command: Command) => {
    await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
      const who = caseActorOf(context)
      const common = {
        size: sizeOf(options.size),
        facts: factsOf(options),
        senderAddress: outreachConfigFromEnv().postalAddress,
      }
      let batch: LetterBatch
      if (options.campaign !== undefined && options.customers === undefined) {
        const id = parseWholeNumber('--campaign', options.campaign, { min: 1, max: 2 ** 53 - 1 })
        batch = await campaignLetters(context.store, who, id, {
          ...common,
          ...(options.template === undefined ? {} : { templateKey: options.template }),
        })
      } else if (options.customers !== undefined && options.campaign === undefined) {
        if (options.template === undefined) {
          throw new ValidationError('--template: name a letter or card_note template')
        }
        batch = await customerLetters(context.store, who, options.customers.split(','), {
          ...common,
          templateKey: options.template,
        })
      } else {
        throw new ValidationError('give either --campaign ID or --customers A,B (not both)')
      }
      if (batch.pdf !== null) {
        writeFileSync(options.out, batch.pdf)
      }
      reportBatch(batch, batch.pdf === null ? '' : options.out, options.json)
      if (batch.pdf === null) {
        throw new ValidationError('no letter could go out: every customer was skipped')
      }
    })
  })
}
