// the server under test for bench/lost-list.ts: `lost-list-server.ts DB [--no-page-cache] [--web]
// [--no-warm]` serves the API (and with --web the built web app) on a free loopback port, builds
// the lost list's summary first as the real server does (`warmLostList`, unless --no-warm), prints
// `{"url": …, "warmMs": …}` once listening, and runs until killed
import { join } from 'node:path'
import { openStore, warmLostList } from '../src/app/index.js'
import { createApp, listen } from '../src/server/index.js'

const [db, ...flags] = process.argv.slice(2)
if (db === undefined) {
  throw new Error('usage: lost-list-server.ts DB [--no-page-cache] [--web] [--no-warm]')
}
const store = await openStore(db)
await store.migrate()
const warmStarted = performance.now()
if (!flags.includes('--no-warm')) {
  await warmLostList(store)
}
const warmMs = Math.round(performance.now() - warmStarted)
const app = createApp({
  store,
  log: () => undefined,
  webRoot: flags.includes('--web') ? join(process.cwd(), 'dist', 'web') : null,
  config: { cacheLostPages: !flags.includes('--no-page-cache') },
})
const server = await listen(app, { port: 0, hostname: '127.0.0.1' })
process.stdout.write(`${JSON.stringify({ url: server.url, warmMs })}\n`)
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => store.close())
    .then(() => process.exit(0))
})
