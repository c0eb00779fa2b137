// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ProgramFiguresResponse } from '../api/program-types.js'
import { renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const rate = (count: number, of: number) => ({
  count,
  of,
  rate: of === 0 ? null : count / of,
  lower: of === 0 ? null : Math.max(0, count / of - 0.1),
  upper: of === 0 ? null : Math.min(1, count / of + 0.1),
})

const figureSet = (won: number, ended: number, revenueMinor: number) => ({
  winBack: rate(won, ended),
  prospectConversion: rate(2, 20),
  churn: rate(5, 25),
  revenueRecoveredMinor: revenueMinor,
  timeToWinBackDays: { count: won, q1: 30, median: 45, q3: 90 },
  cost: {
    makeGoodMinor: 1_000,
    bountyMinor: 500,
    totalMinor: 1_500,
    perRevenue: revenueMinor > 0 ? 1_500 / revenueMinor : null,
    priceConcessionsOffered: 1,
    priceConcessionsApproved: 0,
  },
  relapse: { matured: rate(1, 4), soFar: { relapsed: 0, atRisk: 2 } },
})

const answer = (by: string): ProgramFiguresResponse => ({
  from: '2023-07-01',
  to: '2024-06-30',
  currency: 'USD',
  bands: {
    winBack: { low: 0.2, high: 0.4 },
    prospect: { low: 0.05, high: 0.2 },
    churn: { low: 0.1, high: 0.4 },
  },
  churnBasis: { basis: 'run', runAsOf: '2024-06-30' },
  overall: figureSet(3, 10, 120_000),
  by: by as ProgramFiguresResponse['by'],
  groups: [
    { key: 'Retail', label: 'Retail', figures: figureSet(1, 2, 100_000) },
    { key: 'Wholesale', label: 'Wholesale', figures: figureSet(2, 8, 20_000) },
  ],
  lift: {
    campaigns: [
      {
        campaignId: 4,
        name: 'Appreciation day',
        treated: { members: 90, winBacks: 18 },
        holdout: { members: 10, winBacks: 1 },
        lift: { estimate: 0.1, lower: -0.05, upper: 0.2 },
      },
    ],
    pooled: {
      campaignId: 0,
      name: null,
      treated: { members: 90, winBacks: 18 },
      holdout: { members: 10, winBacks: 1 },
      lift: { estimate: 0.1, lower: -0.05, upper: 0.2 },
    },
  },
})

describe('the Program page', () => {
  it('shows each headline rate against its band, the bars by group and the lift with its interval', async () => {
    renderWithApi({
      path: '/program',
      role: 'rep',
      answers: {
        'GET /reports/program': (request: { query: { by?: string } }) =>
          answer(request.query.by ?? ''),
      },
    })
    const winBack = await screen.findByRole('region', { name: 'Win-back rate' })
    expect(within(winBack).getByRole('img').getAttribute('aria-label')).toMatch(
      /30\.0\s%, within the benchmark band of 20\s% to 40\s%/,
    )
    expect(winBack.textContent).toContain('3 of 10')
    const churn = screen.getByRole('region', { name: 'Churn rate' })
    expect(within(churn).getByRole('img').getAttribute('aria-label')).toContain(
      'within the benchmark band',
    )
    const bars = screen.getByRole('list', { name: 'Win-back rate by segment' })
    expect(
      within(bars)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining('Retail'), expect.stringContaining('Wholesale')])
    const lift = screen.getByRole('region', { name: 'Lift over the holdout' })
    expect(within(lift).getByRole('img').getAttribute('aria-label')).toContain('Newcombe')
    expect(within(lift).getByRole('table').textContent).toContain('-5.0 pts')
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDefined()
  })

  it('asks again by the dimension and period chosen', async () => {
    const ui = renderWithApi({
      path: '/program',
      role: 'manager',
      answers: {
        'GET /reports/program': (request: { query: { by?: string } }) =>
          answer(request.query.by ?? ''),
      },
    })
    await screen.findByRole('region', { name: 'Win-back rate' })
    expect(ui.requests.at(-1)?.query).toMatchObject({ by: 'segment' })
    fireEvent.change(screen.getByLabelText('By'), { target: { value: 'rep' } })
    await waitFor(() => expect(ui.requests.at(-1)?.query).toMatchObject({ by: 'rep' }))
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2024-01-01' } })
    await waitFor(() =>
      expect(ui.requests.at(-1)?.query).toMatchObject({ by: 'rep', from: '2024-01-01' }),
    )
    await screen.findByRole('list', { name: 'Win-back rate by rep' })
  })
})
