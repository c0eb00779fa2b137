import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addContacts, testSendingConfig } from '../../app/outreach/__fixtures__/outreach-world.js'
import { type SmtpSink, startSmtpSink } from '../../app/outreach/__fixtures__/smtp-sink.js'
import { sendOutbox } from '../../app/outreach/send-outbox.js'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'

// TESTPLAN T21: the one-click endpoint; the secret is the one the test sending config signs with
process.env['COMEBACK_UNSUBSCRIBE_SECRET'] = testSendingConfig('smtp://unused').unsubscribeSecret

const targets = await storeTargets()

describe.each(targets)('one-click unsubscribe on $name', (target) => {
  let fixture: ApiFixture
  let sink: SmtpSink
  let admin: Credentials
  let token = ''

  async function suppressionCount(): Promise<number> {
    const rows = await fixture.store.db.selectFrom('suppressions').select('id').execute()
    return rows.length
  }

  function postOneClick(path: string, headers: Record<string, string> = {}) {
    return fixture.app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: 'List-Unsubscribe=One-Click',
    })
  }

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    sink = await startSmtpSink()
    admin = await signInAs(fixture, 'admin')
    const { contactIds } = await addContacts(fixture.store, {
      ownerId: fixture.users.repA.id,
      contacts: [{ name: 'Una', email: 'una@recipient.test' }],
    })
    const queued = await call(fixture, {
      method: 'POST',
      path: '/api/outbox',
      as: admin,
      body: { contactId: contactIds[0], templateKey: 'fun-email-appreciation-day' },
    })
    expect(queued.status).toBe(202)
    await sendOutbox(fixture.store, testSendingConfig(sink.url))
    const raw = (sink.messages[0]?.raw ?? '').replace(/=\r?\n/g, '')
    token = /\/u\/([0-9]+\.[A-Za-z0-9_-]{43})/.exec(raw)?.[1] ?? ''
    expect(token).not.toBe('')
  })
  afterAll(async () => {
    await sink.close()
    await fixture.close()
  })

  it('a GET shows a confirm page and never unsubscribes', async () => {
    const response = await fixture.app.request(`http://localhost/u/${token}`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<form method="post">')
    expect(await suppressionCount()).toBe(0)
  })

  it('a forged or altered token gets 404 and changes nothing', async () => {
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    const otherId = token.replace(/^\d+/, (id) => String(Number(id) + 1))
    for (const bad of [altered, otherId, 'nonsense', `${token}x`]) {
      expect((await postOneClick(`/u/${bad}`)).status).toBe(404)
      expect((await fixture.app.request(`http://localhost/u/${bad}`)).status).toBe(404)
    }
    expect(await suppressionCount()).toBe(0)
  })

  it('the RFC 8058 POST, cross-site and without cookies, answers 200 with no Location, twice', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await postOneClick(`/u/${token}`, {
        origin: 'https://mail.provider.test',
        'sec-fetch-site': 'cross-site',
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('location')).toBeNull()
    }
    expect(await suppressionCount()).toBe(1)
    // the exemption is this endpoint alone: the same cross-site write to the API is refused
    const api = await call(fixture, {
      method: 'POST',
      path: '/api/suppressions',
      as: admin,
      body: { email: 'x@y.test', kind: 'do_not_contact' },
      headers: { origin: 'https://mail.provider.test' },
    })
    expect(api.status).toBe(403)
  })

  it('limits failed tokens per client but never a valid one', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 25; attempt += 1) {
      statuses.push((await postOneClick(`/u/1.${'A'.repeat(43)}`)).status)
    }
    // the earlier test's failures count too: 20 per minute, then 429
    expect(statuses.filter((status) => status === 404).length).toBeLessThan(20)
    expect(statuses.every((status) => status === 404 || status === 429)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    expect((await postOneClick(`/u/${token}`)).status).toBe(200)
  })
})
