// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaseRuleSettingsResponse, TaskItem } from '../api/contract-types.js'
import { renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const rules: CaseRuleSettingsResponse = {
  version: 'abc123',
  enabled: {
    owner_manager_or_vp: true,
    interviewer_not_losing_rep: true,
    new_rep_not_alone: true,
    ending_needs_reason: true,
  },
  newRepMonths: 6,
  rules: [
    { rule: 'interviewer_not_losing_rep', text: 'the losing rep does not interview' },
    { rule: 'new_rep_not_alone', text: 'a new rep is never alone' },
  ],
}

const price = {
  id: 1,
  code: 'price',
  label: 'Price',
  fixable: true,
  parentCode: null,
  mergedIntoCode: null,
  liveCode: 'price',
  version: 4,
}

const answers = {
  'GET /settings/case-rules': rules,
  'GET /reasons': { items: [price, { ...price, id: 2, code: 'cost', label: 'Cost', version: 1 }] },
  'GET /reason-phrases': { items: [], imported: [] },
}

describe('the case settings page', () => {
  it('an admin turns a rule off and sets N months, based on the version read', async () => {
    const ui = renderWithApi({
      path: '/settings/cases',
      role: 'admin',
      answers: { ...answers, 'PATCH /settings/case-rules': rules },
    })
    const form = await screen.findByRole('form', { name: 'Case rules' })
    fireEvent.click(within(form).getByRole('checkbox', { name: /losing rep does not hold/ }))
    fireEvent.change(within(form).getByLabelText(/A rep is new for/), { target: { value: '3' } })
    fireEvent.submit(form)
    await screen.findByText('The case rules were saved.')
    const patch = ui.requests.find((request) => request.method === 'PATCH')
    expect(patch?.ifMatch).toBe('"abc123"')
    expect(patch?.body).toMatchObject({
      enabled: { interviewer_not_losing_rep: false, new_rep_not_alone: true },
      newRepMonths: 3,
    })
  })

  it('renames, marks fixable and merges reasons with the right calls', async () => {
    const ui = renderWithApi({
      path: '/settings/cases',
      role: 'admin',
      answers: { ...answers, 'PATCH /reasons/price': price, 'POST /reasons/cost/merge': price },
    })
    const label = await screen.findByLabelText('Label of price')
    fireEvent.change(label, { target: { value: 'Price too high' } })
    fireEvent.click(
      within(label.closest('form') as HTMLElement).getByRole('button', { name: 'Rename' }),
    )
    await waitFor(() => expect(ui.requests.some((r) => r.method === 'PATCH')).toBe(true))
    expect(ui.requests.find((r) => r.method === 'PATCH')).toMatchObject({
      path: '/reasons/price',
      body: { label: 'Price too high' },
      ifMatch: '"4"',
    })
    fireEvent.change(screen.getByLabelText('Merge cost into'), { target: { value: 'price' } })
    const row = screen.getByLabelText('Merge cost into').closest('tr') as HTMLElement
    fireEvent.click(within(row).getByRole('button', { name: 'Merge' }))
    await waitFor(() =>
      expect(ui.requests.find((r) => r.method === 'POST')).toMatchObject({
        path: '/reasons/cost/merge',
        body: { into: 'price' },
      }),
    )
  })

  it('shows a VP the settings without letting them change anything', async () => {
    renderWithApi({ path: '/settings/cases', role: 'vp', answers })
    const form = await screen.findByRole('form', { name: 'Case rules' })
    expect(
      within(form)
        .getAllByRole('checkbox')
        .every((box) => (box as HTMLInputElement).disabled),
    ).toBe(true)
    expect(within(form).queryByRole('button', { name: 'Save the rules' })).toBeNull()
    expect(screen.queryByLabelText('Label of price')).toBeNull()
  })
})

describe('the to-do page', () => {
  it('marks a task done with the version it was read at', async () => {
    const task: TaskItem = {
      id: 40,
      version: 2,
      ownerId: 7,
      customerId: 'C-1',
      customerName: 'Acme Ltd',
      dealId: null,
      caseId: null,
      kind: 'tell_what_changed',
      title: 'Tell them what changed: prices',
      dueOn: '2026-02-08',
      done: false,
      overdue: true,
    }
    const ui = renderWithApi({
      path: '/todo',
      role: 'rep',
      answers: {
        'GET /tasks': { items: [task] },
        'GET /cases/overdue': { mine: [], team: [] },
        'GET /reason-fixed': { items: [] },
        'PATCH /tasks/40': { id: 40, version: 3, done: true },
      },
    })
    fireEvent.click(
      await screen.findByRole('button', { name: /Mark “Tell them what changed: prices” done/ }),
    )
    await waitFor(() =>
      expect(ui.requests.find((r) => r.method === 'PATCH')).toMatchObject({
        path: '/tasks/40',
        body: { done: true },
        ifMatch: '"2"',
      }),
    )
    expect(screen.getByText('Nothing overdue.')).toBeTruthy()
  })
})
