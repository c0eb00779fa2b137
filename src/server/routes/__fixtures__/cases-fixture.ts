import { expect } from 'vitest'
import { type ApiFixture, type Credentials, call } from '../../../test-support/api-fixture.js'
import type { CaseDetailResponse } from '../../contract/cases.js'

/** A case as a test holds it: its detail and the ETag the API answered with. */
export interface TaggedCase {
  readonly detail: CaseDetailResponse
  readonly etag: string
}

/** Reads an answer that must succeed with `status`, with its ETag. */
export async function tagged(response: Response, status = 200): Promise<TaggedCase> {
  const text = await response.text()
  expect(response.status, text).toBe(status)
  return {
    detail: JSON.parse(text) as CaseDetailResponse,
    etag: response.headers.get('etag') ?? '',
  }
}

/**
 * Opens a case on a lost customer through the API (as a manager, the VP or an admin), owned by the
 * caller unless `ownerId` says otherwise.
 * @example const { detail, etag } = await openCaseVia(fixture, manager, 'A-001', [repA])
 */
export async function openCaseVia(
  fixture: ApiFixture,
  as: Credentials,
  customerId: string,
  body: Record<string, unknown> = {},
): Promise<TaggedCase> {
  const response = await call(fixture, {
    method: 'POST',
    path: '/api/cases',
    as,
    body: { subject: { kind: 'customer', customerId }, ...body },
  })
  return tagged(response, 201)
}

/** PATCHes a case with an If-Match (or none when `ifMatch` is null). */
export async function patchCase(
  fixture: ApiFixture,
  as: Credentials,
  request: { id: number; ifMatch: string | null; body: unknown; path?: string },
): Promise<Response> {
  return call(fixture, {
    method: 'PATCH',
    path: `/api/cases/${request.id}${request.path ?? ''}`,
    as,
    body: request.body,
    headers: request.ifMatch === null ? {} : { 'if-match': request.ifMatch },
  })
}
