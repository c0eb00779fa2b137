// run as its own process by the T8 crash test: `node --import tsx send-child.ts <db url> <smtp url>`;
// it sends the outbox until the test kills it with SIGKILL
import { openStore } from '../../../store/index.js'
import { sendOutbox } from '../send-outbox.js'
import { testSendingConfig } from './outreach-world.js'

const [location, smtpUrl] = process.argv.slice(2)
if (location === undefined || smtpUrl === undefined) {
  throw new Error('usage: send-child.ts <db url> <smtp url>')
}
const store = await openStore(location)
await sendOutbox(store, testSendingConfig(smtpUrl))
await store.close()
