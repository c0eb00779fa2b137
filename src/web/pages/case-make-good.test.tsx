// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  MakeGoodItem,
  MakeGoodSettingsResponse,
  MakeGoodSuggestionResponse,
} from '../../server/contract/make-goods.js'
import { ApiError } from '../api/api-error.js'
import type { Role } from '../api/contract-types.js'
import { caseDetail, renderWithApi } from './case-fakes.js'

afterEach(cleanup)

// $30,000 of downtime; suggested $3,000, too small below $600, too large above $40,000
const advice: MakeGoodSuggestionResponse = {
  caseId: 5,
  customerId: 'C-1',
  incidents: [
    {
      id: 31,
      kind: 'downtime',
      occurredOn: '2025-12-01',
      costMinor: 3_000_000,
      currency: 'USD',
      description: 'line stopped two days',
    },
  ],
  findingCostMinor: null,
  remedy: 'Cover the overtime',
  damageMinor: 3_000_000,
  valueIfWonBackMinor: 0,
  yearlyRevenueMinor: 4_000_000,
  suggestedMinor: 300_000,
  tooSmallBelowMinor: 60_000,
  tooLargeAboveMinor: 4_000_000,
  currency: 'USD',
  explanation:
    '$3,000 = 10 % of the damage recorded ($30,000) + 2 % of the value if won back ($0).',
}

const settings: MakeGoodSettingsResponse = {
  version: 'v1',
  limits: { rep: 50_000, manager: 500_000, vp: null },
  sizing: { damageShare: 0.1, valueShare: 0.02, tooSmallShare: 0.2, tooLargeYears: 1 },
}

function offer(overrides: Partial<MakeGoodItem>): MakeGoodItem {
  return {
    id: 1,
    caseId: 5,
    customerId: 'C-1',
    kind: 'service_credit',
    valueMinor: 100_000,
    currency: 'USD',
    incidentIds: [],
    answersRemedy: false,
    description: null,
    reason: null,
    suggestedMinor: 300_000,
    flags: [],
    status: 'proposed',
    proposedBy: 7,
    proposedAt: '2026-01-02T10:00:00Z',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    version: 1,
    ...overrides,
  }
}

function openCasePage(role: Role, offers: MakeGoodItem[], extra: Record<string, unknown> = {}) {
  return renderWithApi({
    path: '/cases/5',
    role,
    answers: {
      'GET /cases/5': caseDetail(),
      'GET /cases/5/make-good-suggestion': advice,
      'GET /cases/5/make-goods': { items: offers },
      'GET /settings/make-goods': settings,
      ...extra,
    },
  })
}

const flagsShown = () =>
  within(screen.getByRole('list', { name: 'Flags' }))
    .queryAllByRole('listitem')
    .map((item) => item.getAttribute('data-flag'))

describe('the make-good form on the case page', () => {
  it('shows the damage, the suggested size with its rule, and flags the value live as it is typed', async () => {
    openCasePage('manager', [])
    await screen.findByText('$3,000')
    expect(screen.getByText(/line stopped two days/)).toBeTruthy()
    expect(screen.getByText('Cover the overtime')).toBeTruthy()
    expect(screen.getByText(/10 % of the damage recorded/)).toBeTruthy()
    const value = screen.getByLabelText('Value (USD)')
    expect(flagsShown()).toEqual([])
    fireEvent.change(value, { target: { value: '15' } })
    expect(flagsShown()).toEqual(['too_small'])
    expect(screen.getByRole('list', { name: 'Flags' }).textContent).toContain('below $600')
    fireEvent.change(value, { target: { value: '600' } })
    expect(flagsShown()).toEqual([])
    fireEvent.change(value, { target: { value: '40,000.01' } })
    expect(flagsShown()).toEqual(['too_large'])
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'price_concession' } })
    expect(flagsShown()).toEqual(['too_large', 'price_concession'])
  })

  it('proposes with the amount in cents and what it answers; a price concession needs its reason first', async () => {
    const ui = openCasePage('manager', [], {
      'POST /cases/5/make-goods': offer({ kind: 'price_concession', valueMinor: 125_050 }),
    })
    const form = await screen.findByRole('form', { name: 'Propose a make-good' })
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'price_concession' } })
    fireEvent.change(within(form).getByLabelText('Value (USD)'), { target: { value: '1,250.50' } })
    fireEvent.click(within(form).getByRole('checkbox', { name: /Downtime on 2025-12-01/ }))
    fireEvent.submit(form)
    expect((await within(form).findByRole('alert')).textContent).toMatch(/^Reason: /)
    expect(ui.requests.some((request) => request.method === 'POST')).toBe(false)
    fireEvent.change(within(form).getByLabelText(/Reason \(required/), {
      target: { value: 'They matched a competitor quote' },
    })
    fireEvent.submit(form)
    await within(form).findByText('Price concession of $1,251 put forward.')
    expect(ui.requests.find((request) => request.method === 'POST')?.body).toEqual({
      kind: 'price_concession',
      valueMinor: 125_050,
      incidentIds: [31],
      answersRemedy: false,
      description: null,
      reason: 'They matched a competitor quote',
    })
  })
})

describe('the make-good offers on the case page', () => {
  it('shows approve only where the manager’s limit covers the offer; “Needs VP” elsewhere', async () => {
    openCasePage('manager', [
      offer({ id: 1, valueMinor: 100_000 }),
      offer({ id: 2, valueMinor: 600_000, kind: 'free_work' }),
      offer({ id: 3, kind: 'price_concession', flags: ['price_concession'] }),
      offer({ id: 4, status: 'approved', decidedAt: '2026-01-03T10:00:00Z' }),
    ])
    const list = await screen.findByRole('list', { name: 'Make-good offers' })
    const item = (id: number) => list.querySelector(`[data-make-good-id="${id}"]`) as HTMLElement
    expect(within(item(1)).getByRole('button', { name: 'Approve' })).toBeTruthy()
    expect(within(item(2)).queryByRole('button', { name: 'Approve' })).toBeNull()
    expect(within(item(2)).getByText('Needs VP')).toBeTruthy()
    expect(within(item(3)).getByText('Needs VP')).toBeTruthy()
    expect(within(item(3)).getByText(/needs the VP and a written reason/)).toBeTruthy()
    expect(within(item(4)).queryByRole('button')).toBeNull()
    expect(within(item(4)).getByText('approved')).toBeTruthy()
  })

  it('a VP approves a price concession only with a written reason, at the version read; the server’s refusal shows in one line', async () => {
    let calls = 0
    const ui = openCasePage('vp', [offer({ id: 3, kind: 'price_concession', version: 2 })], {
      'PATCH /make-goods/3': () => {
        calls += 1
        return new ApiError(403, 'FORBIDDEN', 'a price concession needs a written reason')
      },
    })
    const list = await screen.findByRole('list', { name: 'Make-good offers' })
    fireEvent.click(within(list).getByRole('button', { name: 'Approve' }))
    expect((await within(list).findByRole('alert')).textContent).toMatch(
      /needs your written reason/,
    )
    expect(calls).toBe(0)
    fireEvent.change(within(list).getByLabelText(/Your written reason/), {
      target: { value: 'Renewal hinges on it' },
    })
    fireEvent.click(within(list).getByRole('button', { name: 'Approve' }))
    await waitFor(() => expect(calls).toBe(1))
    expect((await within(list).findByRole('alert')).textContent).toBe(
      'a price concession needs a written reason',
    )
    expect(ui.requests.find((request) => request.method === 'PATCH')).toMatchObject({
      body: { decision: 'approve', reason: 'Renewal hinges on it' },
      ifMatch: '"2"',
    })
  })

  it('an analyst reads the section but gets no form', async () => {
    openCasePage('analyst', [offer({ id: 1 })])
    await screen.findByRole('list', { name: 'Make-good offers' })
    expect(screen.queryByRole('form', { name: 'Propose a make-good' })).toBeNull()
    expect(screen.getByText('Awaiting approval.')).toBeTruthy()
  })
})
