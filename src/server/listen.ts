import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import type { ServerEnv } from './server-env.js'

/** A server listening on a real port: its URL, and `close()` that waits for open requests. */
export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

/**
 * Serves an app over HTTP with @hono/node-server; port 0 picks a free one.
 * @example const server = await listen(createApp({ store }), { port: 8080, hostname: '127.0.0.1' })
 */
export async function listen(
  app: Hono<ServerEnv>,
  options: { port: number; hostname: string },
): Promise<RunningServer> {
  return await new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.hostname },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error === undefined ? done() : fail(error)))
            }),
        })
      },
    )
    server.once('error', reject)
  })
}
