// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { OutboxMessageItem } from '../api/outreach-types.js'
import { renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const message = (id: number, status: string): OutboxMessageItem => ({
  id,
  status,
  channel: 'email',
  customerId: 'C-1',
  contactId: 3,
  to: `m${id}@example.test`,
  subject: 'We miss you',
  templateId: 1,
  queuedAt: '2026-02-01T10:00:00Z',
  queuedBy: 'user:7',
  finishedAt: null,
  error: null,
})

describe('the outbox page', () => {
  it('filters by status and campaign, explains "unknown", and sends the queue on request', async () => {
    const ui = renderWithApi({
      path: '/outbox?campaignId=9',
      role: 'analyst',
      answers: {
        'GET /outbox': {
          items: [message(2, 'unknown'), message(1, 'queued')],
          counts: { queued: 1, unknown: 1 },
        },
        'GET /campaigns': { items: [{ id: 9, name: 'Appreciation day' }] },
        'POST /outbox/send': { recovered: 0, sent: 1, failed: 0, unknown: 0, suppressed: 0 },
      },
    })
    const table = await screen.findByRole('table')
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.dataset['status']),
    ).toEqual(['unknown', 'queued'])
    expect(screen.getByTestId('unknown-explained').textContent).toContain(
      'never re-sent automatically',
    )
    expect(ui.requests.find((r) => r.path === '/outbox')?.query).toMatchObject({ campaignId: '9' })
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'unknown' } })
    await waitFor(() =>
      expect(ui.requests.filter((r) => r.path === '/outbox').at(-1)?.query).toMatchObject({
        status: 'unknown',
        campaignId: '9',
      }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Send queued now' }))
    expect((await screen.findByText(/^Sent 1/)).textContent).toContain('suppressed 0')
  })

  it('has no send button for a rep, who cannot reach the page at all', async () => {
    renderWithApi({ path: '/outbox', role: 'rep', answers: {} })
    expect((await screen.findByRole('heading', { level: 1 })).textContent).not.toBe('Outbox')
    expect(screen.queryByRole('link', { name: 'Outbox' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Send queued now' })).toBeNull()
  })
})

describe('the suppressions page', () => {
  it('searches by address and adds a do-not-contact with its reason', async () => {
    const ui = renderWithApi({
      path: '/suppressions',
      role: 'vp',
      answers: {
        'GET /suppressions': { items: [] },
        'POST /suppressions': { added: true, flaggedContacts: 0 },
      },
    })
    const search = await screen.findByRole('form', { name: 'Search the suppressions' })
    fireEvent.change(within(search).getByLabelText('Address contains'), {
      target: { value: 'dana' },
    })
    fireEvent.submit(search)
    await waitFor(() =>
      expect(ui.requests.filter((r) => r.path === '/suppressions').at(-1)?.query).toMatchObject({
        search: 'dana',
      }),
    )
    const add = screen.getByRole('form', { name: 'Add a do-not-contact' })
    fireEvent.change(within(add).getByLabelText('Email address'), {
      target: { value: 'dana@x.test' },
    })
    fireEvent.change(within(add).getByLabelText('Reason'), { target: { value: 'asked by phone' } })
    fireEvent.submit(add)
    expect((await screen.findByText('dana@x.test will not be contacted')).tagName).toBe('P')
    expect(ui.requests.find((r) => r.method === 'POST')?.body).toEqual({
      email: 'dana@x.test',
      kind: 'do_not_contact',
      reason: 'asked by phone',
    })
  })
})
