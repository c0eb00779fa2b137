import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { freezeAnswer, type Store } from '../app/index.js'
import { resolveDeps } from './app.js'
import { mountRoutes } from './mount-routes.js'
import { type ApiRoute, defineRoute } from './route-definition.js'
import type { ServerEnv } from './server-env.js'

const answerSchema = z.object({ name: z.string(), items: z.array(z.object({ id: z.number() })) })

function appAnswering(answers: () => unknown): Hono<ServerEnv> {
  const route: ApiRoute = defineRoute({
    method: 'get',
    path: '/probe',
    operationId: 'probe',
    summary: 'a probe',
    tag: 'probe',
    access: { kind: 'public' },
    response: answerSchema,
    handle: async () => answers() as z.input<typeof answerSchema>,
  })
  const app = new Hono<ServerEnv>()
  app.use('*', async (c, next) => {
    c.set('session', null)
    await next()
  })
  // the routes read only the clock from the store-free deps
  mountRoutes(app, [route], resolveDeps({ store: {} as Store, importJobs: {} as never }))
  app.onError((_error, c) => c.text('answer outside the contract', 500))
  return app
}

describe('mounting routes: frozen answers', () => {
  it('parses a frozen answer once, still dropping fields outside the contract, then resends its JSON', async () => {
    const frozen = freezeAnswer({ name: 'page', secret: 'leak', items: [{ id: 1, hidden: true }] })
    const app = appAnswering(() => frozen)
    const first = await app.request('/api/probe')
    const second = await app.request('/api/probe')
    expect(first.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await first.text()
    expect(JSON.parse(body)).toEqual({ name: 'page', items: [{ id: 1 }] })
    expect(await second.text()).toBe(body)
  })

  it('parses an answer that is not frozen every time, so a change shows and a bad one fails', async () => {
    const answer = { name: 'page', items: [{ id: 1 }] as { id: unknown }[] }
    const app = appAnswering(() => answer)
    expect(await (await app.request('/api/probe')).json()).toEqual(answer)
    answer.items.push({ id: 2 })
    expect(await (await app.request('/api/probe')).json()).toEqual({
      name: 'page',
      items: [{ id: 1 }, { id: 2 }],
    })
    answer.items.push({ id: 'three' })
    expect((await app.request('/api/probe')).status).toBe(500)
  })
})
