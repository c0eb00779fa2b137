import type { Command } from 'commander'
import { recordTouch } from '../../app/index.js'
import { TOUCH_CHANNELS } from '../../domain/touch.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

interface TouchOptions {
  readonly channel: string
  readonly kind?: string
  readonly note?: string
  readonly contact?: string
  readonly member?: string
  readonly at?: string
  readonly json?: boolean
}

/**
 * `comeback touch CUSTOMER --channel call --note …` (issue 6 item 7): records a call, meeting,
 * gift, letter or email on the customer's timeline; with `--member` it counts in that campaign.
 */
export function registerTouchCommand(program: Command): void {
  program
    .command('touch')
    .description("record a touch (call, meeting, gift, letter, email) on a customer's timeline")
    .argument('<customer>', 'the customer id')
    .requiredOption('--channel <channel>', TOUCH_CHANNELS.join(' | '))
    .option('--kind <kind>', 'what kind of touch, e.g. win_back_call (default: the channel)')
    .option('--note <text>', 'what happened')
    .option('--contact <id>', 'the contact touched')
    .option('--member <id>', 'the campaign member it was for')
    .option('--at <timestamp>', 'when it happened (ISO 8601; default now)')
    .option('--json', 'print the touch as JSON')
    .action(async (customer: string, options: TouchOptions, command: Command) => {
      const id = (name: string, text: string | undefined) =>
        text === undefined ? undefined : parseWholeNumber(name, text, { min: 1, max: 2 ** 53 - 1 })
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const contactId = id('--contact', options.contact)
        const campaignMemberId = id('--member', options.member)
        const touch = await recordTouch(context.store, caseActorOf(context), customer, {
          channel: parseChoice('--channel', options.channel, TOUCH_CHANNELS),
          ...(options.kind === undefined ? {} : { kind: options.kind }),
          ...(options.note === undefined ? {} : { note: options.note }),
          ...(contactId === undefined ? {} : { contactId }),
          ...(campaignMemberId === undefined ? {} : { campaignMemberId }),
          ...(options.at === undefined ? {} : { at: options.at }),
        })
        writeOut(
          options.json === true
            ? `${JSON.stringify(touch, null, 2)}\n`
            : `${renderFields(Object.entries(touch))}\n`,
        )
      })
    })
}
