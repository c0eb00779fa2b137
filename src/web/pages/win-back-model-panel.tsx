import type { WinBackModelResponse } from '../api/contract-types.js'
import { Panel } from '../components/page-header.js'
import { EmptyState, ErrorState, LoadingState } from '../components/states.js'
import { formatCount, formatPercent, humanize } from '../lib/format.js'
import { useApi } from '../lib/session.js'
import { useApiQuery } from '../lib/use-api-query.js'

type Calibration = NonNullable<WinBackModelResponse['calibration']>

/**
 * Which model scores P(win back) and how well it is calibrated (issue 5: once the company has
 * enough ended cases a learned model takes over, "with its calibration shown"): the learned
 * model's reliability beside the prior's on the same ended cases.
 */
export function WinBackModelPanel() {
  const api = useApi()
  const model = useApiQuery('win-back-model', (signal) =>
    api.get<WinBackModelResponse>('/win-back-model', { signal }),
  )
  return (
    <Panel title="How P(win back) is scored" id="win-back-model">
      {model.data === undefined && model.loading ? (
        <LoadingState label="Loading the win-back model…" />
      ) : model.error !== undefined ? (
        model.error.status === 404 ? (
          <EmptyState title="No analysis yet">
            <p>Run an analysis to score the lost list.</p>
          </EmptyState>
        ) : (
          <ErrorState error={model.error} onRetry={model.reload} />
        )
      ) : model.data === undefined ? null : (
        <ModelFigures model={model.data} />
      )}
    </Panel>
  )
}

function ModelFigures(props: { model: WinBackModelResponse }) {
  const { model } = props
  const learned = model.basis === 'learned_model'
  return (
    <>
      <p>
        <strong>
          {learned ? 'Learned from your own cases.' : 'The prior, from the research.'}
        </strong>{' '}
        {model.reason} {formatCount(model.endedCases)} ended cases, {formatCount(model.wonBack)} won
        back; the learned model needs {formatCount(model.minEndedCases)}.
      </p>
      {model.calibration === null && model.priorCalibration === null ? null : (
        <div className="table-wrap">
          <table className="table compact">
            <caption>
              Calibration on the ended cases: predicted against observed win-back rates
            </caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="numeric">
                  Cases
                </th>
                <th scope="col" className="numeric">
                  Brier score
                </th>
                <th scope="col" className="numeric">
                  AUC
                </th>
              </tr>
            </thead>
            <tbody>
              <CalibrationRow name="Learned model" calibration={model.calibration} />
              <CalibrationRow name="Prior" calibration={model.priorCalibration} />
            </tbody>
          </table>
        </div>
      )}
      <ReliabilityTable calibration={model.calibration ?? model.priorCalibration} />
      {learned ? <Coefficients model={model} /> : null}
    </>
  )
}

function CalibrationRow(props: { name: string; calibration: Calibration | null }) {
  const { calibration } = props
  return calibration === null ? null : (
    <tr>
      <th scope="row">{props.name}</th>
      <td className="numeric">{formatCount(calibration.n)}</td>
      <td className="numeric">{calibration.brier.toFixed(3)}</td>
      <td className="numeric">{calibration.auc === null ? '–' : calibration.auc.toFixed(2)}</td>
    </tr>
  )
}

/** The reliability diagram as a table: the bins that hold cases. */
function ReliabilityTable(props: { calibration: Calibration | null }) {
  const bins = props.calibration?.bins.filter((bin) => bin.count > 0) ?? []
  if (bins.length === 0) {
    return null
  }
  return (
    <div className="table-wrap">
      <table className="table compact">
        <caption>Reliability: in each band of predictions, how many were actually won back</caption>
        <thead>
          <tr>
            <th scope="col">Predicted band</th>
            <th scope="col" className="numeric">
              Cases
            </th>
            <th scope="col" className="numeric">
              Mean predicted
            </th>
            <th scope="col" className="numeric">
              Won back
            </th>
          </tr>
        </thead>
        <tbody>
          {bins.map((bin) => (
            <tr key={bin.from}>
              <th scope="row">
                {formatPercent(bin.from)}–{formatPercent(bin.to)}
              </th>
              <td className="numeric">{formatCount(bin.count)}</td>
              <td className="numeric">{formatPercent(bin.meanPredicted)}</td>
              <td className="numeric">{formatPercent(bin.observed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Coefficients(props: { model: WinBackModelResponse }) {
  return (
    <div className="table-wrap">
      <table className="table compact">
        <caption>What moves the learned model (log-odds per unit of each factor)</caption>
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col" className="numeric">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {props.model.coefficients.map((row) => (
            <tr key={row.feature}>
              <th scope="row">{humanize(row.feature)}</th>
              <td className="numeric">{row.weight.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
