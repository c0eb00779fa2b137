// run as its own process by the migration contract: `node --import tsx migrate-child.ts <url>`
import { openStore } from '../store.js'

const store = await openStore(process.argv[2])
try {
  await store.migrate()
} finally {
  await store.close()
}
