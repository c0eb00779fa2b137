import type { Command } from 'commander'
import { type WinBackModelView, winBackModelAs } from '../../app/index.js'
import { type GlobalOptions, withStore } from '../context.js'
import { type Column, renderRows, writeNote, writeOut } from '../output.js'

type Coefficient = WinBackModelView['coefficients'][number]
type Bin = NonNullable<WinBackModelView['calibration']>['bins'][number]

const COEFFICIENTS: readonly Column<Coefficient>[] = [
  { key: 'feature', header: 'factor', value: (row) => row.feature },
  {
    key: 'weight',
    header: 'log-odds',
    value: (row) => row.weight,
    display: (row) => row.weight.toFixed(3),
    align: 'right',
  },
]

const BINS: readonly Column<Bin>[] = [
  { key: 'range', header: 'predicted', value: (bin) => `${pct(bin.from)}–${pct(bin.to)}` },
  { key: 'count', header: 'cases', value: (bin) => bin.count, align: 'right' },
  {
    key: 'meanPredicted',
    header: 'mean predicted',
    value: (bin) => (bin.count === 0 ? '' : pct(bin.meanPredicted)),
    align: 'right',
  },
  {
    key: 'observed',
    header: 'won back',
    value: (bin) => (bin.observed === null ? '' : pct(bin.observed)),
    align: 'right',
  },
]

function pct(value: number): string {
  return `${Math.round(value * 100)} %`
}

/**
 * `comeback model`: the win-back model the newest analysis scored with — the prior, or the one
 * learned from the company's ended cases — its coefficients and its calibration.
 */
export function registerModelCommand(program: Command): void {
  program
    .command('model')
    .description(
      'show the win-back model of the newest analysis (prior or learned) and its calibration',
    )
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      await withStore(globals, async ({ store, actor }) => {
        const model = await winBackModelAs(store, actor)
        if (options.json === true) {
          writeOut(`${JSON.stringify(model, null, 2)}\n`)
          return
        }
        writeOut(
          `${model.basis === 'learned_model' ? 'learned model' : 'prior'}: ${model.reason}\n`,
        )
        const intercept = { feature: 'intercept', weight: model.intercept }
        writeOut(renderRows([intercept, ...model.coefficients], COEFFICIENTS, 'table'))
        describeCalibration('learned model, 5-fold cross-validated', model.calibration)
        describeCalibration('prior on the same ended cases', model.priorCalibration)
        writeNote(`analysis run ${model.runId} as of ${model.asOf}`)
      })
    })
}

function describeCalibration(title: string, calibration: WinBackModelView['calibration']): void {
  if (calibration === null) {
    return
  }
  const auc = calibration.auc === null ? 'n/a' : calibration.auc.toFixed(3)
  writeOut(
    `\n${title}: AUC ${auc}, Brier ${calibration.brier.toFixed(3)}, ${calibration.n} cases\n`,
  )
  writeOut(renderRows(calibration.bins, BINS, 'table'))
}
