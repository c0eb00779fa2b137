import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  type FixturePerson,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { seedAnalysis } from '../../test-support/lost-list-fixture.js'
import { createApp } from '../app.js'

const targets = await storeTargets()

// the quota test runs on one store: the quotas are counted in the server process, not the database
const [sqlite] = targets

describe.each(sqlite === undefined ? [] : [sqlite])(
  'per-user quotas on $name (TESTPLAN T18)',
  (target) => {
    let fixture: ApiFixture
    let limited: ApiFixture
    const sessions = new Map<FixturePerson, Credentials>()
    const get = (person: FixturePerson, path: string) =>
      call(limited, { method: 'GET', path, as: sessions.get(person) ?? null })

    beforeAll(async () => {
      fixture = await createApiFixture(target)
      await seedAnalysis(fixture.store, fixture.users)
      for (const person of ['analyst', 'repA', 'manager', 'vp'] as const) {
        sessions.set(person, await signInAs(fixture, person))
      }
      const app = createApp({
        store: fixture.store,
        clock: () => fixture.clock.now,
        webRoot: null,
        config: {
          quotas: {
            export: { limit: 3, windowSeconds: 3600 },
            search: { limit: 5, windowSeconds: 60 },
          },
        },
      })
      limited = { ...fixture, app }
    })
    afterAll(async () => {
      await fixture.close()
    })

    it('answers the fourth export of the hour with 429 and Retry-After; another user still exports', async () => {
      const statuses: number[] = []
      let last: Response | undefined
      let lastBody = ''
      for (let n = 0; n < 4; n += 1) {
        last = await get('analyst', n % 2 === 0 ? '/api/lost/export' : '/api/customers/export')
        statuses.push(last.status)
        lastBody = await last.text()
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      const retryAfter = Number(last?.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(3500)
      expect(retryAfter).toBeLessThanOrEqual(3600)
      expect((JSON.parse(lastBody) as { error: { code: string } }).error.code).toBe('RATE_LIMITED')
      expect((await get('repA', '/api/customers/export')).status).toBe(200)
    })

    it('lets the user export again once the hour has passed (the clock is injected)', async () => {
      expect((await get('analyst', '/api/lost/export')).status).toBe(429)
      fixture.clock.now = new Date(fixture.clock.now.getTime() + 3601 * 1000)
      const again = await get('analyst', '/api/lost/export')
      expect(again.status).toBe(200)
      await again.text()
    })

    it('counts searches on the lost list and the customer list together, and plain lists not at all', async () => {
      const paths = [
        '/api/lost?search=customer',
        '/api/customers?search=A',
        '/api/lost?search=B',
        '/api/customers?search=1',
        '/api/lost?search=2',
      ]
      for (const path of paths) {
        expect((await get('manager', path)).status, path).toBe(200)
      }
      const sixth = await get('manager', '/api/customers?search=x')
      expect(sixth.status).toBe(429)
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0)
      // an empty search box and a plain page are not searches
      expect((await get('manager', '/api/customers?search=')).status).toBe(200)
      expect((await get('manager', '/api/lost')).status).toBe(200)
      expect((await get('vp', '/api/lost?search=customer')).status).toBe(200)
      fixture.clock.now = new Date(fixture.clock.now.getTime() + 61 * 1000)
      expect((await get('manager', '/api/lost?search=customer')).status).toBe(200)
    })

    it('lets exactly the quota through when many exports arrive at once', async () => {
      fixture.clock.now = new Date(fixture.clock.now.getTime() + 3601 * 1000)
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => get('vp', '/api/customers/export')),
      )
      await Promise.all(responses.map((response) => response.text()))
      const statuses = responses.map((response) => response.status).sort()
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429, 429, 429])
    })

    it('passes the configured import quota to the import jobs', async () => {
      const app = createApp({
        store: fixture.store,
        clock: () => fixture.clock.now,
        webRoot: null,
        config: { quotas: { import: { limit: 1, windowSeconds: 3600 } } },
      })
      const upload = (n: number) =>
        call(
          { ...fixture, app },
          {
            method: 'POST',
            path: '/api/imports?kind=orders&fileName=quota.csv',
            as: sessions.get('analyst') ?? null,
            body: `customer_id,ordered_on,amount\nA-001,2024-02-0${n},${n}.00\n`,
            headers: { 'content-type': 'text/csv' },
          },
        )
      expect((await upload(1)).status).toBe(202)
      const second = await upload(2)
      expect(second.status).toBe(429)
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0)
    })
  },
)
