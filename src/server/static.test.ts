import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import type { ServerEnv } from './server-env.js'
import { fileUnder, mountWebApp } from './static.js'

const root = mkdtempSync(join(tmpdir(), 'comeback-static-'))
mkdirSync(join(root, 'assets'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>')
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}')
writeFileSync(join(tmpdir(), 'comeback-static-secret.txt'), 'secret')

afterAll(() => rmSync(root, { recursive: true, force: true }))

function app(webRoot = root): Hono<ServerEnv> {
  const hono = new Hono<ServerEnv>()
  hono.get('/api/known', (c) => c.json({ ok: true }))
  hono.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'no such route' } }, 404))
  mountWebApp(hono, { root: webRoot })
  return hono
}

describe('mountWebApp', () => {
  it('serves built assets with their content type and a long cache', async () => {
    const response = await app().request('/assets/index-abc.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toMatch(/immutable/)
  })

  it('answers index.html for a deep link the app routes itself', async () => {
    const response = await app().request('/customers/C-1?tab=orders')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('<title>app</title>')
  })

  it('answers 404 for a missing asset and the JSON error for an unknown API path', async () => {
    expect((await app().request('/assets/missing.js')).status).toBe(404)
    const api = await app().request('/api/unknown')
    expect(api.status).toBe(404)
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect((await app().request('/api/known')).status).toBe(200)
  })

  it('never serves a file outside its root, however the path is spelled', async () => {
    for (const path of [
      '/../comeback-static-secret.txt',
      '/%2e%2e/comeback-static-secret.txt',
      '/assets/..%2f..%2fcomeback-static-secret.txt',
    ]) {
      const response = await app().request(path)
      expect(await response.text()).not.toContain('secret')
    }
    expect(fileUnder(root, '/%2e%2e/comeback-static-secret.txt')).toBeNull()
    expect(fileUnder(root, '/assets%00/x')).toBeNull()
    expect(fileUnder(root, '/assets')).toBeNull()
  })

  it('says how to build when there is no build', async () => {
    const response = await app(join(root, 'nothing-here')).request('/')
    expect(response.status).toBe(503)
    expect(await response.text()).toMatch(/npm run build:web/)
  })
})
