import { z } from 'zod'
import { programFiguresAs, programReportCsv } from '../../app/index.js'
import {
  programFiguresQuerySchema,
  programFiguresResponseSchema,
} from '../contract/program-figures.js'
import { dropUndefined } from '../drop-undefined.js'
import { type ApiRoute, defineRoute, type FileAnswer } from '../route-definition.js'
import { signedInActor } from '../signed-in.js'

// the answer is the file itself; the schema only marks the handler's return
const fileAnswerSchema = z.custom<FileAnswer>()

const programFiguresRoute = defineRoute({
  method: 'get',
  path: '/reports/program',
  operationId: 'getProgramFigures',
  summary:
    "The program's figures for a period (default the last twelve months): win-back rate, prospect conversion, churn, revenue recovered, time to win back, costs, re-lapse and campaign lift, against the seeds' bands, optionally by manager, rep, reason or segment; no customer names",
  tag: 'figures',
  access: { kind: 'policy', resource: 'figures', action: 'read' },
  query: programFiguresQuerySchema,
  response: programFiguresResponseSchema,
  async handle({ query, ctx }) {
    return await programFiguresAs(ctx.deps.store, signedInActor(ctx), dropUndefined(query))
  },
})

const programReportCsvRoute = defineRoute({
  method: 'get',
  path: '/reports/program.csv',
  operationId: 'getProgramReportCsv',
  summary:
    "The program's figures as spreadsheet-safe CSV (TESTPLAN T14): one line for the program, one per group of `by`, one per campaign and the pooled lift",
  tag: 'figures',
  access: { kind: 'policy', resource: 'figures', action: 'read' },
  query: programFiguresQuerySchema,
  response: fileAnswerSchema,
  produces: 'text/csv',
  async handle({ query, ctx }) {
    const figures = await programFiguresAs(ctx.deps.store, signedInActor(ctx), dropUndefined(query))
    const csv = programReportCsv(figures)
    return {
      fileName: `program-${figures.from}-${figures.to}.csv`,
      chunks: (async function* once() {
        yield csv
      })(),
    }
  },
})

/** The program's figures (SPEC §10) as JSON and CSV. */
export const PROGRAM_FIGURE_ROUTES: readonly ApiRoute[] = [
  programReportCsvRoute,
  programFiguresRoute,
]
