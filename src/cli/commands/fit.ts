import type { Command } from 'commander'
import { FIT_FILE_MODELS, type FitFileResult, fitFile, type TimeUnit } from '../../app/index.js'
import { parseChoice } from '../arguments.js'
import { renderFields, writeOut } from '../output.js'

interface FitCommandOptions {
  readonly summary?: string
  readonly orders?: string
  readonly calibrationEnd?: string
  readonly holdoutEnd?: string
  readonly model: string
  readonly timeUnit: string
  readonly json?: boolean
}

const TIME_UNITS: readonly TimeUnit[] = ['day', 'week']

/** `comeback fit`: fits a model on a summary or order file, no database needed. */
export function registerFitCommand(program: Command): void {
  program
    .command('fit')
    .description('fit a model on a summary file or an order file (no database needed)')
    .option(
      '--summary <file>',
      'CSV with frequency,recency,T or x,t_x,T (+ weights, zbar, periods)',
    )
    .option('--orders <file>', 'CSV of orders: customer_id, date, amount')
    .option('--calibration-end <date>', 'with --orders: last day of the calibration period')
    .option('--holdout-end <date>', 'with --orders: last day of the holdout, to validate')
    .option('--model <model>', `one of ${FIT_FILE_MODELS.join(', ')}`, 'auto')
    .option('--time-unit <unit>', 'day or week', 'week')
    .option('--json', 'print one JSON object')
    .action(async (options: FitCommandOptions) => {
      const result = await fitFile({
        summary: options.summary,
        orders: options.orders,
        // fitFile checks both dates and names them
        calibrationEnd: options.calibrationEnd?.trim(),
        holdoutEnd: options.holdoutEnd?.trim(),
        model: parseChoice('--model', options.model, FIT_FILE_MODELS),
        timeUnit: parseChoice('--time-unit', options.timeUnit, TIME_UNITS),
      })
      writeOut(options.json === true ? `${JSON.stringify(result, null, 2)}\n` : describe(result))
    })
}

function describe(result: FitFileResult): string {
  const fields: [string, string | number | null][] = [
    ['model', result.model],
    ...Object.entries(result.params).map(([name, value]): [string, string] => [
      name,
      `${value.toPrecision(4)}${standardError(result, name)}`,
    ]),
    ['log-likelihood', result.logLikelihood.toFixed(1)],
    ['converged', result.converged ? 'yes' : `no (${result.reason})`],
    ['customers', result.n],
  ]
  if (result.choice !== undefined) {
    fields.push(['why', result.choice])
  }
  if (result.validation !== undefined) {
    fields.push([
      'holdout',
      `${result.validation.totalActual} repeat transactions, ${result.validation.totalExpected.toFixed(1)} expected`,
    ])
  }
  return renderFields(fields)
}

function standardError(result: FitFileResult, name: string): string {
  const error = result.standardErrors?.[name]
  return error === undefined ? '' : ` (s.e. ${error.toPrecision(3)})`
}
