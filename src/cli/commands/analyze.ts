import type { Command } from 'commander'
import {
  type AnalyzeResult,
  analyze,
  assertMayAccess,
  REQUESTED_MODELS,
  type TimeUnit,
} from '../../app/index.js'
import { parseChoice } from '../arguments.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeNote, writeOut } from '../output.js'

interface AnalyzeCommandOptions {
  readonly asOf?: string
  readonly model: string
  readonly timeUnit: string
  readonly json?: boolean
}

const TIME_UNITS: readonly TimeUnit[] = ['day', 'week']

/** `comeback analyze`: fits the models on the stored orders and stores every customer's scores. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('find every lost customer: fit the models on the orders and score every customer')
    .option('--as-of <date>', 'analyze as of this date, YYYY-MM-DD (default today)')
    .option('--model <model>', `one of ${REQUESTED_MODELS.join(', ')}`, 'auto')
    .option('--time-unit <unit>', 'day or week', 'week')
    .option('--json', 'print the run as one JSON object')
    .action(async (options: AnalyzeCommandOptions, command: Command) => {
      const model = parseChoice('--model', options.model, REQUESTED_MODELS)
      const timeUnit = parseChoice('--time-unit', options.timeUnit, TIME_UNITS)
      // analyze checks the date itself and names it
      const asOf = options.asOf?.trim()
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        await assertMayAccess(
          context.store,
          { actor: context.actor, action: 'write', type: 'analysis' },
          context.audit,
        )
        const result = await analyze(context.store, {
          ...(asOf === undefined ? {} : { asOf }),
          model,
          timeUnit,
          actor: context.auditActor,
          via: 'cli',
          onWatchError: (error) =>
            writeNote(
              `the run is stored, but watching won-back customers failed (run \`comeback alerts watch\`): ${error instanceof Error ? error.message : String(error)}`,
            ),
        })
        writeOut(options.json === true ? `${JSON.stringify(result, null, 2)}\n` : describe(result))
        if (options.json !== true) {
          for (const note of result.notes) {
            writeNote(`note: ${note}`)
          }
        }
      })
    })
}

function describe(result: AnalyzeResult): string {
  const params =
    result.params === null
      ? 'none (the rules decided alone)'
      : Object.entries(result.params)
          .map(([name, value]) => `${name} ${value.toPrecision(4)}`)
          .join(', ')
  const counts = ['active', 'at_risk', 'lapsed', 'lost']
    .map((status) => `${status} ${result.statusCounts[status] ?? 0}`)
    .join(', ')
  return renderFields([
    ['run', result.runId],
    ['as of', result.asOf],
    ['model', result.model ?? 'none'],
    ['why', result.reason],
    ['parameters', params],
    ['log-likelihood', result.fit === null ? null : result.fit.logLikelihood.toFixed(1)],
    ['customers', result.customers],
    ['statuses', counts],
    ['lost deals', result.lostDeals],
  ])
}
