// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  CampaignItem,
  CampaignMemberItem,
  CampaignResultsResponse,
} from '../api/outreach-types.js'
import { renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const campaign: CampaignItem = {
  id: 9,
  name: 'Lost customer appreciation day',
  templateKey: 'fun-email-appreciation-day',
  segment: { status: 'lost', segment: 'SMB' },
  holdoutShare: 0.1,
  scheduledOn: '2026-03-01',
  status: 'running',
  excluded: { letGo: 1 },
  createdBy: 7,
  createdAt: '2026-02-01T10:00:00Z',
  launchedAt: '2026-02-02T10:00:00Z',
}

const arm = (name: string, members: number, winBacks: number) => ({
  arm: name,
  members,
  sent: name === 'treated' ? members - 1 : 0,
  responses: name === 'treated' ? 3 : 1,
  winBacks,
  revenueMinor: winBacks * 125_000,
})

const results: CampaignResultsResponse = {
  campaignId: 9,
  launchedAt: campaign.launchedAt,
  treated: arm('treated', 18, 4),
  holdout: arm('holdout', 2, 0),
  lift: { estimate: 4 / 18, lower: -0.1, upper: 0.4 },
}

const member = (id: number, armName: string): CampaignMemberItem => ({
  id,
  arm: armName,
  subjectKind: 'customer',
  subjectId: `C-${id}`,
  customerId: `C-${id}`,
  customerName: `Customer ${id}`,
  contactId: armName === 'treated' ? id * 10 : null,
  outboxMessageId: armName === 'treated' ? id * 100 : null,
  messageStatus: armName === 'treated' ? 'sent' : null,
  skipped: null,
  replies: 0,
  meetings: 0,
})

function open(answers: Record<string, unknown> = {}) {
  return renderWithApi({
    path: '/campaigns/9',
    role: 'manager',
    answers: {
      'GET /campaigns/9': campaign,
      'GET /campaigns/9/results': results,
      'GET /campaigns/9/members': { items: [member(1, 'treated'), member(2, 'holdout')] },
      'GET /lost': { currency: 'USD', items: [], total: 0 },
      ...answers,
    },
  })
}

describe('the campaign page', () => {
  it('shows each arm’s numbers in a table and the rates as bars', async () => {
    open()
    const table = await screen.findByRole('table', { name: 'Results by arm' })
    const rows = within(table).getAllByRole('row').slice(1)
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    expect(cells(rows[0] as HTMLElement)).toEqual(['18', '17', '3', '4', '22.2\u00a0%', '$5,000'])
    expect(cells(rows[1] as HTMLElement)).toEqual(['2', '0', '1', '0', '0.0\u00a0%', '$0'])
    const bars = screen.getByRole('list', { name: 'Win-back rate by arm' })
    expect(within(bars).getByText(/^22\.2\s%$/)).toBeTruthy()
  })

  it('draws the lift as a dot on its 95 % interval, with zero marked, and says it in words', async () => {
    open()
    const chart = await screen.findByRole('img', { name: /Lift in win-back rate/ })
    expect(chart.getAttribute('aria-label')).toBe(
      'Lift in win-back rate over the holdout: +22.2\u00a0pp, 95 % interval −10.0\u00a0pp to +40.0\u00a0pp',
    )
    const x = (part: string, attribute: string) =>
      Number(chart.querySelector(`[data-part="${part}"]`)?.getAttribute(attribute))
    const left = x('interval', 'x')
    const right = left + x('interval', 'width')
    expect(left).toBeLessThan(x('zero', 'x1'))
    expect(x('zero', 'x1')).toBeLessThan(x('estimate', 'cx'))
    expect(x('estimate', 'cx')).toBeLessThan(right)
    // the dot sits where the estimate is on the interval: (0.222 + 0.1) / (0.4 + 0.1) of the way
    expect((x('estimate', 'cx') - left) / (right - left)).toBeCloseTo((4 / 18 + 0.1) / 0.5, 6)
    expect(screen.getByTestId('lift-interval').textContent).toBe('−10.0\u00a0pp to +40.0\u00a0pp')
    const hidden = screen.getByRole('table', { name: /with its 95 % interval/ })
    expect(
      within(hidden)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['+22.2\u00a0pp', '−10.0\u00a0pp', '+40.0\u00a0pp'])
  })

  it('records a reply for a member and reads the results again', async () => {
    const ui = open({ 'POST /campaigns/9/members/2/outcome': { touches: 1 } })
    fireEvent.click(await screen.findByRole('button', { name: 'Record a reply from Customer 2' }))
    await waitFor(() =>
      expect(ui.requests.filter((r) => r.path === '/campaigns/9/results').length).toBe(2),
    )
    const post = ui.requests.find((r) => r.method === 'POST')
    expect(post?.body).toEqual({ kind: 'reply' })
    const members = screen.getByRole('table', { name: 'Campaign members' })
    expect(within(members).getByText('held out: nothing sent')).toBeTruthy()
  })

  it('says there are no results before launch, and has no lift chart', async () => {
    open({
      'GET /campaigns/9': { ...campaign, launchedAt: null, status: 'draft' },
      'GET /campaigns/9/results': { ...results, launchedAt: null, lift: null },
    })
    expect(await screen.findByText('Not launched yet: results count from the launch')).toBeTruthy()
    expect(screen.queryByRole('img', { name: /Lift/ })).toBeNull()
    expect(screen.getByRole('button', { name: 'Launch' })).toBeTruthy()
  })
})
