// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/api-error.js'
import { caseDetail, renderWithApi } from './case-fakes.js'
import { moveBody } from './case-move.js'

afterEach(cleanup)

const refusal = new ApiError(400, 'INVALID_INPUT', 'the case rules refuse this', [
  {
    path: ['rules', 'interviewer_not_losing_rep'],
    message: 'the rep who owned the account when it was lost does not hold the exit interview',
  },
])

describe('the case page', () => {
  it('shows where the case stands, what it found and its timeline, names for ids', async () => {
    renderWithApi({
      path: '/cases/5',
      role: 'manager',
      answers: {
        'GET /cases/5': caseDetail(),
        'GET /users': {
          items: [
            {
              id: 7,
              email: 'p@x',
              name: 'Pat Manager',
              role: 'manager',
              managerId: null,
              startedOn: '2020-01-01',
              active: true,
            },
          ],
        },
      },
    })
    await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' })
    const steps = screen.getByRole('list', { name: 'Stages' })
    expect(within(steps).getByText('Researching').getAttribute('aria-current')).toBe('step')
    expect(screen.getByText('They moved to a cheaper supplier')).toBeTruthy()
    const timeline = screen.getByRole('list', { name: 'Timeline' })
    await waitFor(() => expect(timeline.textContent).toContain('Pat Manager'))
    expect(timeline.textContent).toContain('Case opened')
    expect(timeline.textContent).toContain('Next step: Research the account')
  })

  it('asks the next stage’s question, then sends the answer with the version it was based on', async () => {
    const ui = renderWithApi({
      path: '/cases/5',
      role: 'rep',
      answers: {
        'GET /cases/5': caseDetail(),
        'PATCH /cases/5': caseDetail({
          stage: 'approached',
          version: 4,
          allowedMoves: [],
          nextQuestions: [],
        }),
      },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Move to Approached' }))
    const dialog = screen.getByRole('dialog', { name: 'Move to Approached' })
    expect(dialog.contains(document.activeElement)).toBe(true)
    fireEvent.change(within(dialog).getByLabelText(/How did we approach them/), {
      target: { value: 'letter' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move to Approached' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    const patch = ui.requests.find((request) => request.method === 'PATCH')
    expect(patch?.ifMatch).toBe('"3"')
    expect(patch?.body).toEqual({ to: 'approached', approachChannel: 'letter' })
    expect(await screen.findByText('Moved to Approached.')).toBeTruthy()
  })
})

describe('the case page when the server refuses', () => {
  it('shows a case rule’s refusal and resends with the written override', async () => {
    let attempts = 0
    const ui = renderWithApi({
      path: '/cases/5',
      role: 'manager',
      answers: {
        'GET /cases/5': caseDetail(),
        'PATCH /cases/5/people': () => {
          attempts += 1
          return attempts === 1 ? refusal : caseDetail({ version: 4 })
        },
      },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Save people' }))
    expect(await screen.findByText('The losing rep does not hold the exit interview')).toBeTruthy()
    const box = screen.getByLabelText(/Why override this rule/)
    fireEvent.change(box, { target: { value: 'too short' } })
    fireEvent.click(screen.getByRole('button', { name: 'Override with this reason' }))
    expect(await screen.findByText(/at least 10 characters/)).toBeTruthy()
    expect(attempts).toBe(1)
    fireEvent.change(box, { target: { value: 'She knows the buyer; I join the meeting' } })
    fireEvent.click(screen.getByRole('button', { name: 'Override with this reason' }))
    await waitFor(() => expect(attempts).toBe(2))
    const last = ui.requests.filter((request) => request.method === 'PATCH').at(-1)
    expect(last?.body).toMatchObject({
      overrides: [
        { rule: 'interviewer_not_losing_rep', reason: 'She knows the buyer; I join the meeting' },
      ],
    })
  })

  it('says so when the case does not exist or is not the reader’s', async () => {
    renderWithApi({
      path: '/cases/99',
      role: 'rep',
      answers: { 'GET /cases/99': new ApiError(404, 'NOT_FOUND', 'case 99 not found') },
    })
    expect(await screen.findByText('There is no such case, or it is not yours to see')).toBeTruthy()
  })
})

describe('moveBody', () => {
  it('sends only what the move asked, the money in minor units, blanks left out', () => {
    const questions = caseDetail().allowedMoves[0]?.questions ?? []
    const meeting = [
      ...questions,
      {
        stage: 'meeting_held',
        field: 'customerCost' as const,
        question: 'cost',
        required: true,
        answered: false,
      },
      {
        stage: 'meeting_held',
        field: 'reasons' as const,
        question: 'reasons',
        required: true,
        answered: false,
      },
      {
        stage: 'meeting_held',
        field: 'remedy' as const,
        question: 'remedy',
        required: true,
        answered: false,
      },
    ]
    const body = moveBody(
      {
        to: 'meeting_held',
        draft: {
          researchNotes: 'not asked, not sent',
          approachChannel: 'call',
          interviewerId: '',
          customerWords: '',
          reasons: ['price'],
          competitor: '',
          customerCost: '12.34',
          customerCostNote: '',
          remedy: '  hold the price ',
          planSummary: '',
          endingNote: '',
          restUntil: '',
        },
        overrides: [],
      },
      meeting,
      'USD',
    )
    expect(body).toEqual({
      to: 'meeting_held',
      approachChannel: 'call',
      finding: { reasons: ['price'], customerCostMinor: 1234, remedy: 'hold the price' },
    })
  })
})
