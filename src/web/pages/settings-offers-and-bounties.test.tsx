// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { BountyRuleItem } from '../../server/contract/bounties.js'
import type { MakeGoodSettingsResponse } from '../../server/contract/make-goods.js'
import { renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const settings: MakeGoodSettingsResponse = {
  version: 'tag-1',
  limits: { rep: 50_000, manager: 500_000, vp: null },
  sizing: { damageShare: 0.1, valueShare: 0.02, tooSmallShare: 0.2, tooLargeYears: 1 },
}

const rule: BountyRuleItem = {
  id: 4,
  name: 'Double for a year',
  fixedMinor: 0,
  multiplier: 2,
  months: 12,
  capMinor: 100_000,
  managerShare: 0.5,
  effectiveFrom: '2024-01-01',
  active: true,
  version: 3,
}

// the other panels of the settings page answer empty: this test is about make-goods and bounties
const answers = {
  'GET /settings/case-rules': {
    version: 'x',
    enabled: {
      owner_manager_or_vp: true,
      interviewer_not_losing_rep: true,
      new_rep_not_alone: true,
      ending_needs_reason: true,
    },
    newRepMonths: 6,
    rules: [],
  },
  'GET /reason-phrases': { items: [], imported: [] },
  'GET /settings/make-goods': settings,
  'GET /bounty-rules': { items: [rule] },
}

describe('make-good settings', () => {
  it('an admin changes approval limits and the sizing rule: cents and shares sent, at the version read', async () => {
    const ui = renderWithApi({
      path: '/settings/cases',
      role: 'admin',
      answers: { ...answers, 'PATCH /settings/make-goods': settings },
    })
    const form = await screen.findByRole('form', { name: 'Make-good settings' })
    expect((within(form).getByLabelText('Rep limit') as HTMLInputElement).value).toBe('500.00')
    fireEvent.change(within(form).getByLabelText('Rep limit'), { target: { value: 'lots' } })
    fireEvent.submit(form)
    expect((await within(form).findByRole('alert')).textContent).toMatch(/^Rep limit: /)
    fireEvent.change(within(form).getByLabelText('Rep limit'), { target: { value: '750' } })
    fireEvent.change(within(form).getByLabelText('Manager limit'), { target: { value: '' } })
    fireEvent.change(within(form).getByLabelText('Share of the damage (%)'), {
      target: { value: '15' },
    })
    fireEvent.submit(form)
    await within(form).findByText('The make-good settings were saved.')
    const patch = ui.requests.find((request) => request.method === 'PATCH')
    expect(patch?.ifMatch).toBe('"tag-1"')
    expect(patch?.body).toEqual({
      limits: { rep: 75_000, manager: null, vp: null },
      sizing: { damageShare: 0.15, valueShare: 0.02, tooSmallShare: 0.2, tooLargeYears: 1 },
    })
  })
})

describe('bounty rule settings', () => {
  it('an admin adds a bounty rule and edits one at its version; a bad field is named in one line', async () => {
    const ui = renderWithApi({
      path: '/settings/cases',
      role: 'admin',
      answers: { ...answers, 'POST /bounty-rules': rule, 'PATCH /bounty-rules/4': rule },
    })
    const add = await screen.findByRole('form', { name: 'New bounty rule' })
    fireEvent.change(within(add).getByLabelText('Rule name'), { target: { value: 'Welcome back' } })
    fireEvent.change(within(add).getByLabelText('Fixed bounty (USD)'), { target: { value: '200' } })
    fireEvent.change(within(add).getByLabelText('Manager share (%)'), { target: { value: '150' } })
    fireEvent.submit(add)
    expect((await within(add).findByRole('alert')).textContent).toMatch(/^Manager share: /)
    fireEvent.change(within(add).getByLabelText('Manager share (%)'), { target: { value: '25' } })
    fireEvent.submit(add)
    await waitFor(() => expect(ui.requests.some((request) => request.method === 'POST')).toBe(true))
    expect(ui.requests.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'Welcome back',
      fixedMinor: 20_000,
      multiplier: 1,
      months: 12,
      capMinor: null,
      managerShare: 0.25,
      active: true,
    })
    const edit = screen.getByRole('form', { name: 'Bounty rule Double for a year' })
    expect((within(edit).getByLabelText(/^Cap per person/) as HTMLInputElement).value).toBe(
      '1000.00',
    )
    fireEvent.change(within(edit).getByLabelText('For the first months'), {
      target: { value: '6' },
    })
    fireEvent.submit(edit)
    await waitFor(() =>
      expect(ui.requests.some((request) => request.method === 'PATCH')).toBe(true),
    )
    expect(ui.requests.find((request) => request.method === 'PATCH')).toMatchObject({
      path: '/bounty-rules/4',
      ifMatch: '"3"',
      body: { months: 6, multiplier: 2, capMinor: 100_000, effectiveFrom: '2024-01-01' },
    })
  })

  it('shows a VP the limits and rules without a way to change them', async () => {
    renderWithApi({ path: '/settings/cases', role: 'vp', answers })
    const form = await screen.findByRole('form', { name: 'Make-good settings' })
    expect((within(form).getByLabelText('Rep limit') as HTMLInputElement).disabled).toBe(true)
    await screen.findByRole('form', { name: 'Bounty rule Double for a year' })
    expect(screen.queryByRole('form', { name: 'New bounty rule' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Save the (make-good settings|rule)/ })).toBeNull()
  })
})
