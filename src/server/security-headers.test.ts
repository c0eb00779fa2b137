import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../test-support/api-fixture.js'
import { createApp } from './app.js'

const [sqlite] = await storeTargets()

function expectSecurityHeaders(response: Response, label: string): void {
  const csp = response.headers.get('content-security-policy') ?? ''
  const scriptSrc = csp.split(';').find((part) => part.trim().startsWith('script-src')) ?? ''
  expect(scriptSrc, label).toMatch(/script-src 'self'/)
  expect(scriptSrc, label).not.toMatch(/unsafe-inline|unsafe-eval/)
  expect(csp, label).toMatch(/frame-ancestors 'none'/)
  expect(response.headers.get('x-content-type-options'), label).toBe('nosniff')
  expect(response.headers.get('referrer-policy'), label).toBe('no-referrer')
  expect(response.headers.get('cache-control'), label).toBe('no-store')
  expect(response.headers.get('x-request-id'), label).toMatch(/^[0-9a-f-]{36}$/)
}

describe('security headers and errors (TESTPLAN T19)', () => {
  let fixture: ApiFixture

  beforeAll(async () => {
    if (sqlite === undefined) {
      throw new Error('no SQLite target')
    }
    fixture = await createApiFixture(sqlite)
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('puts them on every kind of answer: 200, 400, 401, 403, 404 and the OpenAPI document', async () => {
    const rep = await signInAs(fixture, 'repA')
    const answers: [string, Response][] = [
      ['200', await call(fixture, { method: 'GET', path: '/api/customers', as: rep })],
      ['400', await call(fixture, { method: 'GET', path: '/api/customers?limit=0', as: rep })],
      ['401', await call(fixture, { method: 'GET', path: '/api/customers' })],
      ['403', await call(fixture, { method: 'PATCH', path: '/api/users/1', as: rep, body: {} })],
      ['404', await call(fixture, { method: 'GET', path: '/api/customers/B-001', as: rep })],
      ['404 route', await call(fixture, { method: 'GET', path: '/api/nothing-here' })],
      ['openapi', await call(fixture, { method: 'GET', path: '/api/openapi.json' })],
    ]
    for (const [label, response] of answers) {
      expect(response.status.toString().slice(0, 3), label).toBe(
        label.slice(0, 3) === 'ope' ? '200' : label.slice(0, 3),
      )
      expectSecurityHeaders(response, label)
    }
  })

  it('sends HSTS only over TLS, or behind a trusted proxy that says so', async () => {
    const plain = await fixture.app.request('http://localhost/api/openapi.json')
    const tls = await fixture.app.request('https://localhost/api/openapi.json')
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
    const forwarded = { headers: { 'x-forwarded-proto': 'https' } }
    const untrusted = await fixture.app.request('http://localhost/api/openapi.json', forwarded)
    expect(untrusted.headers.get('strict-transport-security')).toBeNull()
    const proxied = createApp({ store: fixture.store, config: { trustProxy: true } })
    const trusted = await proxied.request('http://localhost/api/openapi.json', forwarded)
    expect(trusted.headers.get('strict-transport-security')).toMatch(/max-age/)
  })

  it('answers an unexpected failure with a generic 500 naming the request id, the stack only in the log', async () => {
    const rep = await signInAs(fixture, 'repA')
    const logs: Record<string, unknown>[] = []
    const broken = createApp({
      store: fixture.store,
      log: (entry) => logs.push(entry),
      // a clock that fails stands in for any unexpected bug below the routes
      clock: () => {
        throw new TypeError('boom: secret internal detail')
      },
    })
    const response = await broken.request('http://localhost/api/customers', {
      headers: { cookie: rep.cookie },
    })
    expect(response.status).toBe(500)
    const requestId = response.headers.get('x-request-id')
    const body = await response.text()
    expect(JSON.parse(body)).toEqual({
      error: { code: 'INTERNAL', message: `internal error (request id ${requestId})` },
    })
    expect(body).not.toMatch(/boom|TypeError|\.ts:\d+|at /)
    expectSecurityHeaders(response, '500')
    expect(logs).toHaveLength(1)
    expect(JSON.stringify(logs[0])).toMatch(/boom: secret internal detail/)
    expect(JSON.stringify(logs[0])).toContain(String(requestId))
    expect(JSON.stringify(logs[0])).toMatch(/stack/)
  })

  it('answers a too large body with 413 and bad JSON with 400, in the one error shape', async () => {
    const big = await call(fixture, {
      method: 'POST',
      path: '/api/session',
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(big.status).toBe(413)
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE')
    const bad = await call(fixture, { method: 'POST', path: '/api/session', body: '{"email":' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "INVALID_INPUT",
          "message": "the body is not valid JSON",
        },
      }
    `)
  })
})
