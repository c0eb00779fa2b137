// the server under test for bench/lost-list.ts: `lost-list-server.ts DB [--no-page-cache]` serves
// the API on a free loopback port, prints `{"url": …}` once listening, and runs until killed
import { openStore } from '../src/app/index.js'
import { createApp, listen } from '../src/server/index.js'

const [db, flag] = process.argv.slice(2)
if (db === undefined) {
  throw new Error('usage: lost-list-server.ts DB [--no-page-cache]')
}
const store = await openStore(db)
await store.migrate()
const app = createApp({
  store,
  log: () => undefined,
  webRoot: null,
  config: { cacheLostPages: flag !== '--no-page-cache' },
})
const server = await listen(app, { port: 0, hostname: '127.0.0.1' })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => store.close())
    .then(() => process.exit(0))
})
