// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { caseDetail, caseSummary, renderWithApi } from './case-fakes.js'

afterEach(cleanup)

const board = {
  items: [
    caseSummary(),
    caseSummary({ id: 6, customerName: 'Late Co', stage: 'identified', overdue: true }),
  ],
  total: 2,
}

describe('the case board', () => {
  it('puts each case in its stage’s column and marks the overdue one in words', async () => {
    renderWithApi({ path: '/cases', role: 'manager', answers: { 'GET /cases': board } })
    const researching = await screen.findByRole('region', { name: /Researching/ })
    expect(within(researching).getByRole('link', { name: 'Acme Ltd' }).getAttribute('href')).toBe(
      '/cases/5',
    )
    const identified = screen.getByRole('region', { name: /Identified/ })
    const late = within(identified).getByRole('listitem')
    expect(late.className).toContain('is-overdue')
    expect(late.textContent).toContain('overdue')
    expect(within(researching).queryByText('overdue', { exact: false })).toBeNull()
  })

  it('asks the server for my cases or the overdue ones as the filter says', async () => {
    const ui = renderWithApi({ path: '/cases', role: 'manager', answers: { 'GET /cases': board } })
    await screen.findByRole('region', { name: /Researching/ })
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'mine' } })
    await waitFor(() => expect(ui.requests.at(-1)?.query).toMatchObject({ ownerId: 7, open: true }))
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'overdue' } })
    await waitFor(() => expect(ui.requests.at(-1)?.query).toMatchObject({ overdue: true }))
    expect(window.location.search).toContain('view=overdue')
  })

  it('keeps to cases owned by my team when asked', async () => {
    const pat = {
      id: 7,
      email: 'p@x',
      name: 'Pat',
      role: 'manager' as const,
      managerId: null,
      startedOn: '2020-01-01',
      active: true,
    }
    const other = caseSummary({
      id: 8,
      customerName: 'Elsewhere Inc',
      owner: { id: 99, name: 'Other Manager' },
    })
    renderWithApi({
      path: '/cases?view=team',
      role: 'manager',
      answers: {
        'GET /cases': { items: [...board.items, other], total: 3 },
        'GET /users': { items: [pat] },
      },
    })
    await screen.findByRole('link', { name: 'Acme Ltd' })
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Elsewhere Inc' })).toBeNull())
  })
})

describe('moving a case from the board', () => {
  it('moves a card without dragging: "Move to…" opens the stages, the stage opens its questions', async () => {
    const ui = renderWithApi({
      path: '/cases',
      role: 'manager',
      answers: { 'GET /cases': board, 'GET /cases/5': caseDetail() },
    })
    const menu = await screen.findByRole('button', { name: 'Move Acme Ltd to…' })
    expect(menu.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(menu)
    const stages = screen.getByRole('list', { name: 'Stages for Acme Ltd' })
    expect(document.activeElement?.textContent).toBe('Identified')
    fireEvent.keyDown(stages, { key: 'Escape' })
    expect(document.activeElement).toBe(menu)
    fireEvent.click(menu)
    fireEvent.click(
      within(screen.getByRole('list', { name: 'Stages for Acme Ltd' })).getByRole('button', {
        name: 'Approached',
      }),
    )
    const dialog = await screen.findByRole('dialog', { name: 'Move to Approached' })
    expect(within(dialog).getByLabelText(/How did we approach them/)).toBeTruthy()
    expect(ui.requests.some((request) => request.path === '/cases/5')).toBe(true)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
