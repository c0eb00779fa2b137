import type { Command } from 'commander'
import { getAnalysisSettings, setAnalysisSetting, settingNames } from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

/**
 * `comeback settings show|set`: the lapse thresholds and value rules `analyze` uses; an admin
 * changes one by its dotted name, e.g. `settings set lapse.lostProbabilityAlive 0.25`.
 */
export function registerSettingsCommand(program: Command): void {
  const settings = program
    .command('settings')
    .description('the analysis thresholds and value rules (an admin changes them)')
  settings
    .command('show')
    .description('print every analysis setting with its value')
    .option('--json', 'print the settings as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const current = await getAnalysisSettings(context.store)
        writeOut(options.json === true ? `${JSON.stringify(current, null, 2)}\n` : show(current))
      })
    })
  settings
    .command('set <name> <value>')
    .description('change one setting, e.g. lapse.lostAfterDays 120 (the next analyze uses it)')
    .action(async (name: string, value: string, _options: object, command: Command) => {
      const number = Number(value)
      if (value.trim() === '' || !Number.isFinite(number)) {
        throw new ValidationError(`settings set: "${value}" is not a number`)
      }
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        const next = await setAnalysisSetting(context.store, caseActorOf(context), {
          name,
          value: number,
        })
        writeOut(show(next))
      })
    })
}

function show(current: Awaited<ReturnType<typeof getAnalysisSettings>>): string {
  const fields = settingNames(current).map((name): [string, number] => {
    const [group, field] = name.split('.') as ['lapse' | 'value', string]
    const section: Readonly<Record<string, number>> = { ...current[group] }
    return [name, section[field] ?? Number.NaN]
  })
  return `${renderFields(fields)}\n`
}
