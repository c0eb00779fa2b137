// one measured import for bench/import.ts: `import-child.ts import|parse DB FILE` prints its figures as JSON
import { importFile, openStore } from '../src/app/index.js'
import { parseInWorker } from '../src/ingest/index.js'

const [mode, db, path] = process.argv.slice(2)
if (db === undefined || path === undefined) {
  throw new Error('usage: import-child.ts import|parse DB FILE')
}

const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024
// CPU seconds of the whole process (worker thread included): the machine is shared, wall time is noisy
const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

if (mode === 'parse') {
  const started = performance.now()
  const batches = parseInWorker({
    kind: 'orders',
    path,
    fileName: path,
    map: {},
    dateOrder: null,
    decimal: null,
    currency: 'USD',
    timeZone: 'UTC',
  })
  let step = await batches.next()
  while (step.done !== true) {
    step = await batches.next()
  }
  const seconds = (performance.now() - started) / 1000
  const read = step.value.read
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: cpuSeconds(),
      read,
      inserted: 0,
      unchanged: 0,
      maxRssMb: maxRssMb(),
    }),
  )
} else {
  const store = await openStore(db)
  await store.migrate()
  const started = performance.now()
  const cpuBefore = cpuSeconds()
  const result = await importFile(store, { kind: 'orders', path, actor: 'bench', currency: 'USD' })
  const seconds = (performance.now() - started) / 1000
  const cpu = cpuSeconds() - cpuBefore
  await store.close()
  const { read, inserted, unchanged } = result
  console.log(
    JSON.stringify({ seconds, cpuSeconds: cpu, read, inserted, unchanged, maxRssMb: maxRssMb() }),
  )
}
