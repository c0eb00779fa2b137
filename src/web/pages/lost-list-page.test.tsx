// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/api-error.js'
import type { LostListItem, LostListResponse } from '../api/contract-types.js'
import { meAs, renderApp } from '../testing/ui.js'

afterEach(cleanup)

function item(overrides: Partial<LostListItem>): LostListItem {
  return {
    kind: 'customer',
    id: 'C-1',
    customerId: 'C-1',
    name: 'Acme Ltd',
    segment: 'Mid-market',
    ownerId: 3,
    ownerName: 'Alice Lopez',
    status: 'lost',
    statusRule: 'no_order_for_long_past_gap',
    lostSince: '2025-01-02',
    probabilityAlive: 0.12,
    overdueDays: 200,
    valueIfWonBackMinor: 1_000_000,
    winBackProbability: 0.3,
    expectedValueMinor: 300_000,
    reason: null,
    reasons: [],
    reasonFixed: false,
    explanation: 'bought every 30 days; nothing for 400 days',
    ...overrides,
  }
}

function page(items: LostListItem[], total = items.length): LostListResponse {
  return {
    asOf: '2026-01-31',
    currency: 'USD',
    total,
    totalIsLowerBound: false,
    items,
    facets: {
      segments: ['Mid-market', 'Small business'],
      owners: [{ id: 3, name: 'Alice Lopez' }],
      reasons: ['price'],
    },
  }
}

describe('the lost list reasons', () => {
  it('tags each row with its reasons and a "reason now fixed" badge when a fix covers them', async () => {
    const ui = renderApp({
      path: '/lost',
      answers: {
        '/me': meAs('rep'),
        '/lost': page([
          item({ reasons: ['price', 'billing'], reasonFixed: true }),
          item({ id: 'C-2', customerId: 'C-2', name: 'Beta Co', reasons: ['quality'] }),
        ]),
      },
    })
    const { rows } = await ui.table()
    const fixed = within(rows[0] as HTMLElement)
    expect(fixed.getByText('Reason now fixed')).toBeTruthy()
    expect(fixed.getByText(/price/i)).toBeTruthy()
    expect(fixed.getByText(/billing/i)).toBeTruthy()
    const open = within(rows[1] as HTMLElement)
    expect(open.getByText(/quality/i)).toBeTruthy()
    expect(open.queryByText('Reason now fixed')).toBeNull()
  })
})

describe('the lost list page', () => {
  it('shows each row with its explanation and money in the list currency', async () => {
    const ui = renderApp({
      path: '/lost',
      answers: { '/me': meAs('rep'), '/lost': page([item({})]) },
    })
    const { rows } = await ui.table()
    expect(rows).toHaveLength(1)
    const row = within(rows[0] as HTMLElement)
    expect(row.getByRole('link', { name: 'Acme Ltd' }).getAttribute('href')).toBe('/customers/C-1')
    expect(row.getByText('bought every 30 days; nothing for 400 days')).toBeTruthy()
    expect(row.getByText('$10,000')).toBeTruthy()
    expect(row.getByText('$3,000')).toBeTruthy()
  })

  it('asks the server again with the filter and sort the user chose, from the first page', async () => {
    const ui = renderApp({
      path: '/lost?offset=50',
      answers: { '/me': meAs('manager'), '/lost': page([item({})], 120) },
    })
    await ui.table()
    fireEvent.change(screen.getByLabelText('Segment'), { target: { value: 'Small business' } })
    await waitFor(() =>
      expect(ui.requests.at(-1)?.query).toMatchObject({ segment: 'Small business', offset: 0 }),
    )
    fireEvent.click(screen.getByRole('button', { name: /Overdue/ }))
    await waitFor(() => expect(ui.requests.at(-1)?.query).toMatchObject({ sort: '-overdueDays' }))
    expect(window.location.search).toContain('sort=-overdueDays')
  })

  it('says so when no one matches, and when the server fails offers to try again', async () => {
    const empty = renderApp({ path: '/lost', answers: { '/me': meAs('rep'), '/lost': page([]) } })
    expect(await screen.findByText('No one matches these filters')).toBeTruthy()
    empty.rendered.unmount()
    const failing = renderApp({
      path: '/lost',
      answers: {
        '/me': meAs('rep'),
        '/lost': new ApiError(500, 'INTERNAL', 'something broke (request abc)'),
      },
    })
    const alert = await failing.alert()
    expect(alert.textContent).toContain('something broke (request abc)')
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('renders a hostile name as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__pwn=1">'
    renderApp({
      path: '/lost',
      answers: {
        '/me': meAs('rep'),
        '/lost': page([item({ name: hostile, explanation: hostile })]),
      },
    })
    const link = await screen.findByRole('link', { name: hostile })
    expect(link.querySelector('img')).toBeNull()
    expect(document.querySelector('img')).toBeNull()
  })
})
