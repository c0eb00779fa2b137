import { render, screen, within } from '@testing-library/react'
import type { ApiClient, QueryParams } from '../api/api-client.js'
import { ApiError } from '../api/api-error.js'
import type { MeResponse, Role } from '../api/contract-types.js'
import { App } from '../app.js'

/** What the fake API answers for a GET path: data, an error, or a function of the query. */
export type FakeAnswer = unknown | ApiError | ((query: QueryParams) => unknown)

/** A signed-in `/me` answer for a role. */
export function meAs(role: Role): MeResponse {
  return {
    user: { id: 7, email: `${role}@comeback.test`, name: `Pat ${role}`, role, managerId: null },
    secondFactor: { enrolled: true, verified: true, required: role === 'admin' || role === 'vp' },
    fullAccess: true,
    csrfToken: 'csrf-token',
  }
}

/** An ApiClient that answers GETs from a table and records every request it got. */
export function fakeApi(answers: Readonly<Record<string, FakeAnswer>>) {
  const requests: { method: string; path: string; query: QueryParams }[] = []
  const answer = async (path: string, query: QueryParams) => {
    const entry = answers[path]
    if (entry === undefined) {
      throw new ApiError(404, 'NOT_FOUND', 'no such route')
    }
    if (entry instanceof ApiError) {
      throw entry
    }
    return typeof entry === 'function' ? (entry as (query: QueryParams) => unknown)(query) : entry
  }
  const api: ApiClient = {
    get: async <T,>(path: string, options: { query?: QueryParams } = {}) => {
      requests.push({ method: 'GET', path, query: options.query ?? {} })
      return (await answer(path, options.query ?? {})) as T
    },
    send: async <T,>(method: string, path: string) => {
      requests.push({ method, path, query: {} })
      return (await answer(`${method} ${path}`, {})) as T
    },
    upload: async () => {
      throw new ApiError(404, 'NOT_FOUND', 'no uploads in this test')
    },
    setCsrfToken: () => undefined,
  }
  return { api, requests }
}

/**
 * The app at `path` over a fake API, and words for what a person does and sees (Excalidraw's
 * UI test DSL): `ui.table()`, `ui.heading()`, `ui.alert()`.
 */
export function renderApp(options: {
  path: string
  answers: Readonly<Record<string, FakeAnswer>>
}) {
  window.history.replaceState(null, '', options.path)
  const { api, requests } = fakeApi(options.answers)
  const rendered = render(<App api={api} />)
  return {
    requests,
    rendered,
    heading: (name: string | RegExp) => screen.findByRole('heading', { level: 1, name }),
    alert: () => screen.findByRole('alert'),
    status: () => screen.findByRole('status'),
    table: async () => {
      const table = await screen.findByRole('table')
      return { table, rows: within(table).getAllByRole('row').slice(1) }
    },
  }
}
