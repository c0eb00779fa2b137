import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../app/index.js'
import { createApp } from './app.js'
import { listen, type RunningServer } from './listen.js'

describe('the API on a real port', () => {
  let dir: string
  let store: Store
  let server: RunningServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comeback-listen-'))
    store = await openStore(join(dir, 'test.db'))
    await store.migrate()
    server = await listen(createApp({ store }), { port: 0, hostname: '127.0.0.1' })
  })
  afterAll(async () => {
    await server.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the OpenAPI document and refuses an unsigned request, with security headers', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const document = await fetch(`${server.url}/api/openapi.json`)
    expect(document.status).toBe(200)
    expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0')
    const me = await fetch(`${server.url}/api/me`)
    expect(me.status).toBe(401)
    expect(me.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await me.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'sign in first' },
    })
  })
})
