import type { Command } from 'commander'
import {
  getCaseRuleSettings,
  importPastAttempts,
  resumeRestedCases,
  setCaseRuleSettings,
} from '../../app/index.js'
import { CASE_RULE_TEXT, CASE_RULES, type CaseRule } from '../../domain/case-rules.js'
import { parseChoice, parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeNote, writeOut } from '../output.js'
import { caseActorOf, collect } from './case-options.js'

interface RulesOptions {
  readonly on: string[]
  readonly off: string[]
  readonly newRepMonths?: string
  readonly json?: boolean
}

/** Registers `case rules`, `case resume-due` and `case import-past`. */
export function registerCaseAdminCommands(command: Command): void {
  registerRulesCommand(command)
  registerJobCommands(command)
}

function registerRulesCommand(command: Command): void {
  command
    .command('rules')
    .description('show the case rules, or (an admin) turn them on and off')
    .option('--on <rule>', `turn a rule on (repeatable): ${CASE_RULES.join(', ')}`, collect, [])
    .option('--off <rule>', 'turn a rule off (repeatable)', collect, [])
    .option('--new-rep-months <n>', 'months a rep counts as new (default 6)')
    .option('--json', 'print the rules as JSON')
    .action(async (options: RulesOptions, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const enabled: Partial<Record<CaseRule, boolean>> = {}
        for (const rule of options.on) {
          enabled[parseChoice('--on', rule, CASE_RULES)] = true
        }
        for (const rule of options.off) {
          enabled[parseChoice('--off', rule, CASE_RULES)] = false
        }
        const changing = Object.keys(enabled).length > 0 || options.newRepMonths !== undefined
        const settings = changing
          ? await setCaseRuleSettings(context.store, caseActorOf(context), {
              enabled,
              ...(options.newRepMonths === undefined
                ? {}
                : {
                    newRepMonths: parseWholeNumber('--new-rep-months', options.newRepMonths, {
                      min: 0,
                      max: 120,
                    }),
                  }),
            })
          : await getCaseRuleSettings(context.store)
        if (options.json === true) {
          writeOut(`${JSON.stringify(settings, null, 2)}\n`)
          return
        }
        writeOut(
          renderFields([
            ...CASE_RULES.map(
              (rule) =>
                [
                  `${rule}`,
                  `${settings.enabled[rule] ? 'on ' : 'off'}  ${CASE_RULE_TEXT[rule]}`,
                ] as const,
            ),
            ['newRepMonths', settings.newRepMonths],
          ]),
        )
      })
    })
}

function registerJobCommands(command: Command): void {
  command
    .command('resume-due')
    .description(
      'bring back every resting case whose date has come (the background job does this too)',
    )
    .option('--json', 'print the ids brought back as JSON')
    .action(async (options: { json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const resumed = await resumeRestedCases(context.store, caseActorOf(context))
        writeOut(
          options.json === true
            ? `${JSON.stringify(resumed)}\n`
            : `${resumed.length} cases back from rest\n`,
        )
      })
    })
  command
    .command('import-past')
    .description(
      'load the past win-back attempts as ended cases (admins and analysts; safe to rerun)',
    )
    .option('--json', 'print what was loaded as JSON')
    .action(async (options: { json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const result = await importPastAttempts(context.store, caseActorOf(context))
        if (options.json === true) {
          writeOut(`${JSON.stringify(result, null, 2)}\n`)
          return
        }
        writeOut(
          `${result.created} past attempts loaded as ended cases (${result.alreadyLoaded} loaded before)\n`,
        )
        for (const skipped of result.skipped) {
          writeNote(`skipped attempt ${skipped.attemptId}: ${skipped.reason}`)
        }
      })
    })
}
