// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { LeaderboardResponse, LedgerResponse } from '../../server/contract/bounties.js'
import { ApiError } from '../api/api-error.js'
import { renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const earning = {
  id: 1,
  userId: 12,
  userName: 'Rita Rep',
  caseId: 5,
  customerId: 'C-1',
  customerName: 'Acme Ltd',
  orderId: 900,
  ruleId: 1,
  kind: 'fixed' as const,
  entry: 'credit' as const,
  amountMinor: 10_000,
  currency: 'USD',
  at: '2026-02-01T09:00:00Z',
}

const ledger: LedgerResponse = {
  people: [
    {
      userId: 12,
      name: 'Rita Rep',
      creditedMinor: 12_500,
      reversedMinor: -2_500,
      netMinor: 10_000,
    },
  ],
  items: [
    earning,
    { ...earning, id: 2, orderId: 901, kind: 'multiplier', amountMinor: 2_500 },
    { ...earning, id: 3, orderId: 901, kind: 'multiplier', entry: 'reversal', amountMinor: -2_500 },
  ],
  totalMinor: 10_000,
}

const team = {
  items: [
    {
      id: 7,
      email: 'm@x',
      name: 'Pat Manager',
      role: 'manager',
      managerId: null,
      startedOn: '2020-01-01',
      active: true,
    },
    {
      id: 12,
      email: 'r@x',
      name: 'Rita Rep',
      role: 'rep',
      managerId: 7,
      startedOn: '2020-01-01',
      active: true,
    },
  ],
}

describe('the earnings page', () => {
  it('shows a rep their ledger: each earning, reversals as such, totals per person, and the statement', async () => {
    const ui = renderWithApi({
      path: '/earnings',
      role: 'rep',
      answers: { 'GET /bounties/ledger': ledger },
    })
    const table = await screen.findByRole('table', { name: 'Earnings' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => row.getAttribute('data-entry'))).toEqual([
      'credit',
      'credit',
      'reversal',
    ])
    expect(rows[2]?.textContent).toContain('Commission multiplier (reversal)')
    expect(rows[2]?.textContent).toContain('-$25')
    const totals = screen.getByRole('table', { name: 'Totals per person' })
    expect(within(totals).getAllByRole('row')[1]?.textContent).toContain('$100')
    expect(screen.getByRole('button', { name: 'Download statement (CSV)' })).toBeTruthy()
    // a rep reads their own: no one to pick, no userId sent
    expect(screen.queryByLabelText('Whose earnings')).toBeNull()
    expect(ui.requests.find((request) => request.path === '/bounties/ledger')?.query).toEqual({
      userId: undefined,
    })
  })

  it('shows the server’s refusal when a rep opens a colleague’s ledger by the URL', async () => {
    renderWithApi({
      path: '/earnings?userId=99',
      role: 'rep',
      answers: {
        'GET /bounties/ledger': (request: { query: { userId?: unknown } }) =>
          request.query.userId === 99
            ? new ApiError(404, 'NOT_FOUND', 'no ledger for user 99')
            : ledger,
      },
    })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('This ledger is not yours to see')
    expect(alert.textContent).toContain('no ledger for user 99')
    expect(screen.queryByRole('table', { name: 'Earnings' })).toBeNull()
  })

  it('lets a manager pick a team member, and asks the server for that person’s ledger', async () => {
    const ui = renderWithApi({
      path: '/earnings',
      role: 'manager',
      answers: { 'GET /bounties/ledger': ledger, 'GET /users': team },
    })
    const picker = await screen.findByLabelText('Whose earnings')
    await within(picker).findByRole('option', { name: 'Rita Rep' })
    fireEvent.change(picker, { target: { value: '12' } })
    await waitFor(() =>
      expect(ui.requests.some((request) => request.query['userId'] === 12)).toBe(true),
    )
    expect(window.location.search).toBe('?userId=12')
  })
})

describe('the leaderboard page', () => {
  it('draws everyone’s net earnings as bars, largest first, with the figures beside them', async () => {
    const board: LeaderboardResponse = {
      items: [
        { rank: 1, userId: 12, name: 'Rita Rep', role: 'rep', netMinor: 30_000, cases: 2 },
        { rank: 2, userId: 7, name: 'Pat Manager', role: 'manager', netMinor: 10_000, cases: 1 },
      ],
    }
    renderWithApi({
      path: '/leaderboard',
      role: 'rep',
      answers: { 'GET /bounties/leaderboard': board },
    })
    const bars = await screen.findByRole('list', { name: 'Net bounty earned per person' })
    const items = within(bars).getAllByRole('listitem')
    expect(items.map((item) => item.querySelector('.bar-label')?.textContent)).toEqual([
      '1. Rita Rep',
      '2. Pat Manager',
    ])
    expect(items[0]?.querySelector('.bar-value')?.textContent).toBe('$300')
    const widths = items.map((item) => (item.querySelector('.bar-fill') as HTMLElement).style.width)
    expect(widths).toEqual(['100%', `${(10_000 / 30_000) * 100}%`])
    expect(screen.getByRole('table', { name: 'Leaderboard' }).textContent).toContain(
      'Sales manager',
    )
  })
})
