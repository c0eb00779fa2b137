import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import {
  cancelMeeting,
  createMeeting,
  listMeetingsAs,
  type MeetingView,
  meetingInvite,
  outreachConfigFromEnv,
  updateMeeting,
} from '../../app/index.js'
import { parseWholeNumber } from '../arguments.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderFields, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const COLUMNS: readonly Column<MeetingView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'status', header: 'status', value: (row) => row.status },
  { key: 'sequence', header: 'seq', value: (row) => row.sequence, align: 'right' },
  { key: 'startsAt', header: 'starts', value: (row) => row.startsAt },
  { key: 'endsAt', header: 'ends', value: (row) => row.endsAt },
  { key: 'title', header: 'title', value: (row) => row.title },
  { key: 'location', header: 'location', value: (row) => row.location },
]

const idOf = (option: string, text: string) =>
  parseWholeNumber(option, text, { min: 1, max: 2 ** 53 - 1 })
const collect = (value: string, previous: string[] = []) => [...previous, value]

function inviteConfig() {
  const config = outreachConfigFromEnv()
  return { publicUrl: config.publicUrl, fromAddress: config.fromAddress }
}

/** Prints the meeting; with `--out`, also writes its current .ics (REQUEST or CANCEL) there. */
async function answer(
  context: CliContext,
  meeting: MeetingView,
  options: { out?: string; json?: boolean },
): Promise<void> {
  if (options.out !== undefined) {
    const invite = await meetingInvite(context.store, caseActorOf(context), meeting.id)
    writeFileSync(options.out, invite.ics)
  }
  if (options.json === true) {
    writeOut(`${JSON.stringify(meeting, null, 2)}\n`)
    return
  }
  writeOut(
    `${renderFields([
      ...COLUMNS.map((column) => [column.header, column.value(meeting)] as const),
      ['uid', meeting.uid],
      ['attendees', meeting.attendees.map((attendee) => attendee.email).join(', ')],
      ['file', options.out ?? null],
    ])}\n`,
  )
}

interface CreateOptions {
  readonly title: string
  readonly start: string
  readonly end: string
  readonly attendee: string[]
  readonly location?: string
  readonly case?: string
  readonly out?: string
  readonly json?: boolean
}

interface UpdateOptions {
  readonly title?: string
  readonly start?: string
  readonly end?: string
  readonly location?: string
  readonly ifSequence?: string
  readonly out?: string
  readonly json?: boolean
}

/**
 * `comeback meeting create|update|cancel|invite|list`: meetings with a customer's contacts as
 * calendar invites (.ics): one UID for life, SEQUENCE raised by each change, CANCEL to withdraw.
 */
export function registerMeetingCommand(program: Command): void {
  const meeting = program.command('meeting').description('meetings and their .ics invites')
  registerCreate(meeting)
  registerUpdate(meeting)
  meeting
    .command('cancel <id>')
    .description('cancel it: the invite becomes METHOD:CANCEL with the same UID')
    .option('--out <file>', 'write the cancelling .ics here')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { out?: string; json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const cancelled = await cancelMeeting(context.store, caseActorOf(context), {
          id: idOf('id', id),
        })
        await answer(context, cancelled, options)
      })
    })
  meeting
    .command('invite <id>')
    .description('the current .ics of a meeting, to standard output or --out')
    .option('--out <file>', 'write it here')
    .action(async (id: string, options: { out?: string }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const invite = await meetingInvite(context.store, caseActorOf(context), idOf('id', id))
        if (options.out === undefined) {
          writeOut(invite.ics)
        } else {
          writeFileSync(options.out, invite.ics)
        }
      })
    })
  meeting
    .command('list <customer>')
    .description('the meetings with a customer, soonest first')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(
      async (customer: string, options: { json?: boolean; csv?: boolean }, command: Command) => {
        await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
          const items = await listMeetingsAs(context.store, caseActorOf(context), customer)
          writeOut(renderRows(items, COLUMNS, outputFormat(options)))
        })
      },
    )
}

function registerCreate(meeting: Command): void {
  meeting
    .command('create <customer>')
    .description("plan a meeting with the customer's contacts")
    .requiredOption('--title <text>', 'what it is about')
    .requiredOption('--start <datetime>', 'e.g. 2026-12-01T10:00:00Z')
    .requiredOption('--end <datetime>', 'e.g. 2026-12-01T11:00:00Z')
    .requiredOption('--attendee <contactId>', 'a contact to invite (repeat for more)', collect)
    .option('--location <text>', 'where')
    .option('--case <id>', 'the case it belongs to')
    .option('--out <file>', 'write the .ics invite here')
    .option('--json', 'print JSON')
    .action(async (customer: string, options: CreateOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const made = await createMeeting(
          context.store,
          caseActorOf(context),
          {
            customerId: customer,
            title: options.title,
            startsAt: options.start,
            endsAt: options.end,
            attendeeContactIds: options.attendee.map((id) => idOf('--attendee', id)),
            ...(options.location === undefined ? {} : { location: options.location }),
            ...(options.case === undefined ? {} : { caseId: idOf('--case', options.case) }),
          },
          inviteConfig(),
        )
        await answer(context, made, options)
      })
    })
}

function registerUpdate(meeting: Command): void {
  meeting
    .command('update <id>')
    .description('change the title, time or place (raises SEQUENCE)')
    .option('--title <text>', 'new title')
    .option('--start <datetime>', 'new start')
    .option('--end <datetime>', 'new end')
    .option('--location <text>', 'new place ("" for none)')
    .option('--if-sequence <n>', 'refuse if someone changed it since this sequence')
    .option('--out <file>', 'write the updated .ics invite here')
    .option('--json', 'print JSON')
    .action(async (id: string, options: UpdateOptions, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const set = {
          ...(options.title === undefined ? {} : { title: options.title }),
          ...(options.start === undefined ? {} : { startsAt: options.start }),
          ...(options.end === undefined ? {} : { endsAt: options.end }),
          ...(options.location === undefined ? {} : { location: options.location }),
        }
        const changed = await updateMeeting(context.store, caseActorOf(context), {
          id: idOf('id', id),
          set,
          ...(options.ifSequence === undefined
            ? {}
            : {
                expectedSequence: parseWholeNumber('--if-sequence', options.ifSequence, {
                  min: 0,
                  max: 2 ** 31,
                }),
              }),
        })
        await answer(context, changed, options)
      })
    })
}
