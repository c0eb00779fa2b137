// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuditEntry, AuditListResponse } from '../../server/contract/audit.js'
import type { QueryParams } from '../api/api-client.js'
import { ApiError } from '../api/api-error.js'
import { meAs, renderApp } from '../testing/ui.js'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function entry(id: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: '2026-11-23T10:00:00.000Z',
    actor: 'user:6',
    via: 'api',
    action: 'export',
    objectType: 'lost_list',
    objectId: null,
    fields: ['format:csv', 'rows:29'],
    requestId: `req-${id}`,
    ...overrides,
  }
}

describe('the audit log page', () => {
  it('shows who did what, and pages back with beforeId', async () => {
    const first: AuditListResponse = { items: [entry(9), entry(8)], nextBeforeId: 8 }
    const older: AuditListResponse = { items: [entry(3, { action: 'login' })], nextBeforeId: null }
    const ui = renderApp({
      path: '/audit',
      answers: {
        '/me': meAs('admin'),
        '/audit': (query: QueryParams) => (query['beforeId'] === '8' ? older : first),
      },
    })
    const { rows } = await ui.table()
    expect(rows).toHaveLength(2)
    const row = within(rows[0] as HTMLElement)
    expect(row.getByText('format:csv, rows:29')).toBeTruthy()
    expect(row.getByText('2026-11-23 10:00:00')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Older →' }))
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2))
    expect(screen.getByRole('button', { name: 'Older →' })).toHaveProperty('disabled', true)
    fireEvent.click(screen.getByRole('button', { name: '← Newer' }))
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3))
  })

  it('sends the filters typed into the labelled form', async () => {
    const ui = renderApp({
      path: '/audit',
      answers: { '/me': meAs('vp'), '/audit': { items: [], nextBeforeId: null } },
    })
    await screen.findByText('No entries match these filters')
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'denied_read' } })
    fireEvent.change(screen.getByLabelText('Object id'), { target: { value: 'B-001' } })
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }))
    await waitFor(() =>
      expect(ui.requests.at(-1)?.query).toMatchObject({ action: 'denied_read', objectId: 'B-001' }),
    )
  })

  it("shows the server's refusal, and is not in a rep's navigation", async () => {
    const ui = renderApp({
      path: '/audit',
      answers: {
        '/me': meAs('vp'),
        '/audit': new ApiError(403, 'FORBIDDEN', 'a vp may not read audit_log records'),
      },
    })
    expect((await ui.alert()).textContent).toContain('may not read audit_log')
    cleanup()
    const rep = renderApp({ path: '/audit', answers: { '/me': meAs('rep') } })
    await rep.heading('Page not found')
    expect(screen.queryByRole('link', { name: 'Audit log' })).toBeNull()
  })
})

describe('the export button', () => {
  it("downloads the list's filters as CSV, and shows a refusal in the server's words", async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url.includes('segment=smb')
        ? new Response(
            JSON.stringify({
              error: { code: 'FORBIDDEN', message: 'exporting more than 100 records …' },
            }),
            { status: 403, headers: { 'content-type': 'application/json' } },
          )
        : new Response('id,name\r\n', { status: 200, headers: { 'content-type': 'text/csv' } }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const created = vi.fn(() => 'blob:export')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }))
    // happy-dom would follow the link; a browser saves the file (the e2e test checks that)
    const clicked = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined)
    renderApp({
      path: '/customers?search=acme',
      answers: { '/me': meAs('rep'), '/customers': { items: [], total: 0, nextCursor: null } },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1))
    expect(created).toHaveBeenCalledTimes(1)
    clicked.mockRestore()
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/customers/export?search=acme&sort=name')
    cleanup()
    renderApp({
      path: '/customers?segment=smb',
      answers: { '/me': meAs('manager'), '/customers': { items: [], total: 0, nextCursor: null } },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }))
    expect((await screen.findByRole('alert')).textContent).toContain('more than 100 records')
  })
})
