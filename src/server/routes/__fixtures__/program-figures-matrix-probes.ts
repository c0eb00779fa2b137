import type { ApiFixture } from '../../../test-support/api-fixture.js'

/** A request of the access matrix (TESTPLAN T9) on the program's figures: aggregate, so `collection`. */
export interface ProgramFigureProbe {
  readonly path: string
  readonly owner: 'collection'
}

/** Probes for the program-figures routes, by operation id: every role reads them. */
export const PROGRAM_FIGURE_PROBES: Record<string, (fixture: ApiFixture) => ProgramFigureProbe[]> =
  {
    getProgramFigures: () => [
      { path: '/api/reports/program', owner: 'collection' },
      { path: '/api/reports/program?from=2020-01-01&to=2030-12-31&by=rep', owner: 'collection' },
    ],
    getProgramReportCsv: () => [
      { path: '/api/reports/program.csv?by=manager', owner: 'collection' },
    ],
  }
