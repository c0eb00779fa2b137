// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { LessonsResponse, ReasonFixedItem } from '../api/contract-types.js'
import { renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const fix = {
  id: 3,
  reasonCode: 'price',
  liveReasonCode: 'price',
  scope: { kind: 'territory' as const, value: 'North' },
  fixedOn: '2026-02-01',
  ownerId: 7,
  note: 'Prices are now competitive',
  createdAt: '2026-02-01T09:00:00Z',
}

function fixed(overrides: Partial<ReasonFixedItem>): ReasonFixedItem {
  return {
    subjectKind: 'customer',
    subjectKey: 'customer:C-1',
    customerId: 'C-1',
    customerName: 'Acme Ltd',
    dealId: null,
    caseId: null,
    trigger: 'fix',
    fixId: 3,
    reasonCode: 'price',
    note: fix.note,
    occurredOn: fix.fixedOn,
    resurfacedAt: '2026-02-01T09:00:00Z',
    taskId: 40,
    taskOwnerId: 7,
    taskDone: false,
    ...overrides,
  }
}

const lessons = (rows: Partial<LessonsResponse> = {}): LessonsResponse => ({
  currency: 'USD',
  from: null,
  to: null,
  period: 'quarter',
  lossesWithReason: 3,
  lostCustomersWithoutReason: 1,
  byCount: [
    {
      code: 'price',
      label: 'Price',
      fixable: true,
      count: 2,
      countShare: 2 / 3,
      cumulativeCountShare: 2 / 3,
      revenueMinor: 900,
      revenueShare: 0.9,
      cumulativeRevenueShare: 0.9,
    },
    {
      code: 'no_longer_needed',
      label: 'No longer needed',
      fixable: false,
      count: 1,
      countShare: 1 / 3,
      cumulativeCountShare: 1,
      revenueMinor: 100,
      revenueShare: 0.1,
      cumulativeRevenueShare: 1,
    },
  ],
  byRevenue: [],
  trend: [{ group: '2025-Q1', code: 'price', count: 2, revenueMinor: 900 }],
  bySegment: [],
  byTerritory: [{ group: 'North', code: 'price', count: 2, revenueMinor: 900 }],
  byRep: [],
  ...rows,
})

describe('the fixes page', () => {
  it('records a fix in a scope and lists exactly what the server says it resurfaced', async () => {
    const ui = renderWithApi({
      path: '/fixes',
      role: 'admin',
      answers: {
        'GET /fixes': { items: [] },
        'GET /lessons': lessons(),
        'GET /reasons': {
          items: [
            {
              id: 1,
              code: 'price',
              label: 'Price',
              fixable: true,
              parentCode: null,
              mergedIntoCode: null,
              liveCode: 'price',
              version: 1,
            },
          ],
        },
        'POST /fixes': {
          fix,
          resurfaced: [],
          resurfacedCustomerIds: ['C-1'],
          resurfacedDealIds: [8],
        },
        'GET /reason-fixed': {
          items: [
            fixed({}),
            fixed({
              subjectKind: 'deal',
              subjectKey: 'deal:8',
              dealId: 8,
              customerName: 'Beta Co',
            }),
          ],
        },
      },
    })
    const form = await screen.findByRole('form', { name: 'Record a fix' })
    await waitFor(() =>
      expect(within(form).getAllByRole('option', { name: 'Price' })).toHaveLength(1),
    )
    fireEvent.change(within(form).getByLabelText('Reason fixed'), { target: { value: 'price' } })
    fireEvent.change(within(form).getByLabelText(/^Scope/), { target: { value: 'territory' } })
    fireEvent.change(within(form).getByLabelText('Territory'), { target: { value: 'North' } })
    fireEvent.change(within(form).getByLabelText('What changed'), { target: { value: fix.note } })
    fireEvent.submit(form)
    const list = await screen.findByRole('list', { name: 'Resurfaced by fix #3' })
    expect(
      within(list)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Acme Ltd', 'Beta Co · lost deal #8'])
    const post = ui.requests.find((request) => request.method === 'POST')
    expect(post?.body).toMatchObject({
      reasonCode: 'price',
      scope: { kind: 'territory', value: 'North' },
      note: fix.note,
    })
    const read = ui.requests.find((request) => request.path === '/reason-fixed')
    expect(read?.query).toEqual({ trigger: 'fix:3' })
  })
})

describe('the golden lessons page', () => {
  it('draws the Pareto and marks the reasons that cannot be fixed', async () => {
    renderWithApi({ path: '/lessons', role: 'rep', answers: { 'GET /lessons': lessons() } })
    const bars = await screen.findByRole('list', { name: 'Reasons by number of losses' })
    expect(within(bars).getByText('No longer needed (not fixable)')).toBeTruthy()
    expect(within(bars).getByText(/67\s%/)).toBeTruthy()
    expect(screen.getByRole('img', { name: 'Losses by reason per quarter' })).toBeTruthy()
  })

  it('says where reasons come from when there are none yet', async () => {
    renderWithApi({
      path: '/lessons',
      role: 'rep',
      answers: { 'GET /lessons': lessons({ lossesWithReason: 0, byCount: [], trend: [] }) },
    })
    expect(await screen.findByText('No losses with a known reason yet')).toBeTruthy()
  })
})
