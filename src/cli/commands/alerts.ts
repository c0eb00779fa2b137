import type { Command } from 'commander'
import {
  type AlertView,
  acknowledgeAlertAs,
  getKeepSettings,
  getLetGoRule,
  listAlertsAs,
  setKeepSettings,
  watchAnalysis,
  watchLatestRun,
  watchReasons,
} from '../../app/index.js'
import { ValidationError } from '../../domain/errors.js'
import { parseWholeNumber } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, outputFormat, renderRows, writeOut } from '../output.js'
import { caseActorOf } from './case-options.js'

const ALERT_COLUMNS: readonly Column<AlertView>[] = [
  { key: 'id', header: 'id', value: (row) => row.id, align: 'right' },
  { key: 'createdAt', header: 'raised', value: (row) => row.createdAt.slice(0, 10) },
  { key: 'kind', header: 'kind', value: (row) => row.kind },
  { key: 'customer', header: 'customer', value: (row) => row.customerName ?? row.customerId },
  { key: 'acknowledged', header: 'acknowledged', value: (row) => row.acknowledgedAt !== null },
  { key: 'message', header: 'what happened', value: (row) => row.message },
]

/**
 * `comeback alerts [--open] [--json]`, `alerts ack <id>`, `alerts watch`, `alerts settings`:
 * what the keep watch raised about won-back customers (SPEC §9).
 */
export function registerAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('alerts about won-back customers: yours; a manager their team; VP and admin all')
    .option('--open', 'only those nobody acknowledged')
    .option('--json', 'print JSON')
    .option('--csv', 'print spreadsheet-safe CSV')
    .action(async (options: { open?: boolean; json?: boolean; csv?: boolean }, cmd: Command) => {
      const format = outputFormat(options)
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const rows = await listAlertsAs(
          context.store,
          caseActorOf(context),
          options.open === true ? { open: true } : {},
        )
        writeOut(renderRows(rows, ALERT_COLUMNS, format))
      })
    })
  alerts
    .command('ack <id>')
    .description('acknowledge an alert')
    .action(async (id: string, _options: object, cmd: Command) => {
      const alertId = parseWholeNumber('id', id, { min: 1, max: Number.MAX_SAFE_INTEGER })
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        const done = await acknowledgeAlertAs(context.store, caseActorOf(context), alertId)
        writeOut(`alert ${done.id} acknowledged\n`)
      })
    })
  alerts
    .command('watch')
    .description(
      'check watched reasons and the latest analysis run again (imports and analyze do it)',
    )
    .option('--run <id>', 'the analysis run to look at (default the latest)')
    .action(async (options: { run?: string }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async ({ store }) => {
        const reasons = await watchReasons(store)
        const look =
          options.run === undefined
            ? await watchLatestRun(store)
            : await watchAnalysis(
                store,
                parseWholeNumber('--run', options.run, { min: 1, max: Number.MAX_SAFE_INTEGER }),
              )
        writeOut(
          `${reasons} watched reasons back, ${look.slips} P(alive) slips, ${look.relapses} re-lapses alerted\n`,
        )
      })
    })
  registerSettings(alerts)
}

function registerSettings(alerts: Command): void {
  alerts
    .command('settings')
    .description('show the keep watch and let-go rule; an admin changes them with --set')
    .option(
      '--set <json>',
      'e.g. \'{"keep":{"slipBelowProbabilityAlive":0.4},"letGo":{"minIncidents":4}}\'',
    )
    .action(async (options: { set?: string }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<GlobalOptions>(), async (context) => {
        if (options.set !== undefined) {
          await setKeepSettings(context.store, caseActorOf(context), parseChange(options.set))
        }
        const shown = {
          keep: await getKeepSettings(context.store),
          letGo: await getLetGoRule(context.store),
        }
        writeOut(`${JSON.stringify(shown, null, 2)}\n`)
      })
    })
}

function parseChange(text: string): Parameters<typeof setKeepSettings>[2] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ValidationError('--set: not JSON', { cause: error })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('--set: a JSON object with "keep" and/or "letGo"')
  }
  const unknown = Object.keys(value).filter((key) => key !== 'keep' && key !== 'letGo')
  if (unknown.length > 0) {
    throw new ValidationError(`--set: unknown group ${unknown.join(', ')} (use keep, letGo)`)
  }
  return value as Parameters<typeof setKeepSettings>[2]
}
