// A child process for the crash test: imports orders in small batches, printing "batch" after each
// and "published" at the end, so the parent can kill it with SIGKILL midway.
// usage: node --import tsx crash-writer.ts <location> <prefix> <sha> <count> <batch size>
import { openStore } from '../../store.js'
import { beginImport } from '../begin-import.js'
import { batches, orderRecords } from './order-records.js'

const [location = '', prefix = '', sha = '', count = '0', batchSize = '1000'] =
  process.argv.slice(2)
const store = await openStore(location)
const session = await beginImport(store, {
  kind: 'orders',
  fileName: 'crash.csv',
  fileSha256: sha,
  actor: 'crash-test',
})
for (const batch of batches(orderRecords({ prefix, count: Number(count) }), Number(batchSize))) {
  await session.write(batch)
  process.stdout.write('batch\n')
}
await session.publish()
process.stdout.write('published\n')
await store.close()
