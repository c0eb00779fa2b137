import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'

const targets = await storeTargets()

const TEMPLATE = {
  kind: 'email',
  tone: 'fun',
  name: 'Coffee is on us',
  subject: 'Coffee, {{contact}}?',
  body: 'Hi {{contact}}, {{offer}}. {{unsubscribe_link}} {{postal_address}}',
}

describe.each(targets)('the template routes on $name', (target) => {
  let fixture: ApiFixture
  let manager: Credentials
  let rep: Credentials

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    manager = await signInAs(fixture, 'manager')
    rep = await signInAs(fixture, 'repA')
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('lists the shipped fun and professional sets', async () => {
    const response = await call(fixture, { method: 'GET', path: '/api/templates', as: rep })
    const { items } = (await response.json()) as { items: { tone: string; kind: string }[] }
    expect(new Set(items.map((item) => `${item.tone}/${item.kind}`)).size).toBe(8)
  })

  it('saves versions under If-Match: 428 without, 412 when stale', async () => {
    const created = await call(fixture, {
      method: 'POST',
      path: '/api/templates',
      as: manager,
      body: TEMPLATE,
    })
    expect(created.status).toBe(201)
    const { key, version } = (await created.json()) as { key: string; version: number }
    expect(version).toBe(1)
    const path = `/api/templates/${key}`
    const changed = { ...TEMPLATE, body: 'Hello {{contact}}: {{what_was_fixed}}' }
    const missing = await call(fixture, { method: 'PATCH', path, as: manager, body: changed })
    expect(missing.status).toBe(428)
    const updated = await call(fixture, {
      method: 'PATCH',
      path,
      as: manager,
      body: changed,
      headers: { 'if-match': '"1"' },
    })
    expect(updated.status).toBe(200)
    expect(updated.headers.get('etag')).toBe('"2"')
    const stale = await call(fixture, {
      method: 'PATCH',
      path,
      as: manager,
      body: changed,
      headers: { 'if-match': '"1"' },
    })
    expect(stale.status).toBe(412)
    const preview = await call(fixture, {
      method: 'POST',
      path: `${path}/preview`,
      as: rep,
      body: { whatWasFixed: '<b>new billing</b>' },
    })
    const rendered = (await preview.json()) as { text: string; html: string }
    expect(rendered.text).toContain('<b>new billing</b>')
    expect(rendered.html).toContain('&lt;b&gt;new billing&lt;/b&gt;')
  })

  it('refuses unknown merge fields and reps writing templates', async () => {
    const unknown = await call(fixture, {
      method: 'POST',
      path: '/api/templates',
      as: manager,
      body: { ...TEMPLATE, name: 'Bad', subject: '{{constructor}}' },
    })
    expect(unknown.status).toBe(400)
    const byRep = await call(fixture, {
      method: 'POST',
      path: '/api/templates',
      as: rep,
      body: TEMPLATE,
    })
    expect(byRep.status).toBe(403)
  })
})
