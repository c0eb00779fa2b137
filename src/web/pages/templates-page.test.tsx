// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api/api-error.js'
import type { DraftPreviewBody, TemplateItem } from '../api/outreach-types.js'
import { renderWithApi, type SentRequest } from './case-fakes.js'

afterEach(cleanup)

const shipped: TemplateItem = {
  id: 1,
  key: 'fun-email-appreciation-day',
  version: 2,
  kind: 'email',
  tone: 'fun',
  name: 'Appreciation day',
  subject: 'We miss you, {{contact}}',
  body: 'Dear {{contact}}, {{offer}}',
  shipped: true,
  createdAt: '2026-01-02T10:00:00Z',
}

const letter: TemplateItem = {
  ...shipped,
  id: 2,
  key: 'professional-letter-what-changed',
  kind: 'letter',
  tone: 'professional',
  name: 'What changed',
  subject: null,
  body: 'Dear {{contact}}, we fixed {{what_was_fixed}}.',
}

/** The fake server's preview: refuses an unknown field as the server does, else fills two fields. */
function preview(request: SentRequest) {
  const draft = request.body as DraftPreviewBody
  if (draft.body.includes('{{nope}}')) {
    return new ApiError(400, 'INVALID_INPUT', 'the template has problems', [
      { path: ['body'], message: '{{nope}} is not a merge field (use customer, contact, …)' },
    ])
  }
  const fill = (text: string) =>
    text.replaceAll('{{contact}}', 'Alex Example').replaceAll('{{offer}}', draft.offer ?? '')
  return {
    key: 'draft',
    version: 0,
    kind: draft.kind,
    subject: draft.subject === null ? null : fill(draft.subject),
    text: fill(draft.body),
    html: null,
  }
}

const previewText = () => screen.getByTestId('preview-text').textContent

describe('the templates page', () => {
  it('lists templates by kind and set', async () => {
    const ui = renderWithApi({
      path: '/templates?kind=letter',
      role: 'rep',
      answers: { 'GET /templates': { items: [shipped, letter] } },
    })
    const table = await screen.findByRole('table')
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => row.textContent)).toEqual([expect.stringContaining('What changed')])
    expect(ui.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })
})

describe('the template editor’s live preview', () => {
  it('re-renders the server’s preview as one types, and shows its refusal of an unknown field', async () => {
    const ui = renderWithApi({
      path: '/templates?key=new',
      role: 'manager',
      answers: { 'GET /templates': { items: [shipped] }, 'POST /template-preview': preview },
    })
    const form = await screen.findByRole('form', { name: 'Template' })
    fireEvent.change(within(form).getByLabelText('Subject'), {
      target: { value: 'Hi {{contact}}' },
    })
    fireEvent.change(within(form).getByLabelText('Text'), {
      target: { value: 'Hello {{contact}}, here is {{offer}}' },
    })
    await waitFor(() =>
      expect(previewText()).toBe(
        'Hello Alex Example, here is a free service upgrade for three months',
      ),
    )
    expect(screen.getByTestId('preview-subject').textContent).toBe('Hi Alex Example')
    fireEvent.change(within(form).getByLabelText('The offer'), { target: { value: 'a gift' } })
    await waitFor(() => expect(previewText()).toBe('Hello Alex Example, here is a gift'))
    // typing fast asks once the typing pauses, not once per key
    const asked = ui.requests.filter((r) => r.path === '/template-preview').length
    for (const text of ['Dear', 'Dear {{', 'Dear {{nope']) {
      fireEvent.change(within(form).getByLabelText('Text'), { target: { value: text } })
    }
    fireEvent.change(within(form).getByLabelText('Text'), { target: { value: 'Dear {{nope}}' } })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('{{nope}} is not a merge field')
    expect(ui.requests.filter((r) => r.path === '/template-preview').length).toBe(asked + 1)
    expect(screen.queryByTestId('preview-text')).toBeNull()
  })

  it('shows hostile text as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">'
    renderWithApi({
      path: '/templates?key=new',
      role: 'analyst',
      answers: { 'GET /templates': { items: [] }, 'POST /template-preview': preview },
    })
    const form = await screen.findByRole('form', { name: 'Template' })
    fireEvent.change(within(form).getByLabelText('Text'), { target: { value: hostile } })
    await waitFor(() => expect(previewText()).toBe(hostile))
    expect(screen.getByTestId('template-preview').querySelector('img')).toBeNull()
  })
})

describe('writing templates', () => {
  it('gives a rep the template and its preview read-only, with no way to save', async () => {
    renderWithApi({
      path: `/templates?key=${shipped.key}`,
      role: 'rep',
      answers: { 'GET /templates': { items: [shipped] }, 'POST /template-preview': preview },
    })
    const form = await screen.findByRole('form', { name: 'Template' })
    expect((within(form).getByLabelText('Text') as HTMLTextAreaElement).readOnly).toBe(true)
    expect(within(form).queryByRole('button')).toBeNull()
    expect(screen.queryByRole('button', { name: 'New template' })).toBeNull()
    await waitFor(() => expect(previewText()).toContain('Dear Alex Example'))
  })

  it('saves a change as a new version against the version it was based on', async () => {
    const ui = renderWithApi({
      path: `/templates?key=${shipped.key}`,
      role: 'vp',
      answers: {
        'GET /templates': { items: [shipped] },
        'POST /template-preview': preview,
        [`PATCH /templates/${shipped.key}`]: { ...shipped, version: 3 },
      },
    })
    const form = await screen.findByRole('form', { name: 'Template' })
    fireEvent.change(within(form).getByLabelText('Text'), {
      target: { value: 'Dear {{contact}}!' },
    })
    fireEvent.submit(form)
    await waitFor(() => expect(ui.requests.some((r) => r.method === 'PATCH')).toBe(true))
    const patch = ui.requests.find((r) => r.method === 'PATCH')
    expect(patch?.ifMatch).toBe('"2"')
    expect(patch?.body).toMatchObject({ kind: 'email', body: 'Dear {{contact}}!' })
  })
})
