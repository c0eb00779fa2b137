// one measured import for bench/import.ts: `import-child.ts import|parse DB FILE` prints its figures as JSON
import { readFileSync } from 'node:fs'
import { importFile, openStore } from '../src/app/index.js'
import { parseInWorker } from '../src/ingest/index.js'
import type { Store } from '../src/store/index.js'

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

/** CPU seconds of one thread or process from /proc (Linux; NaN elsewhere): utime + stime */
function procCpuSeconds(statPath: string): number {
  try {
    // the command name may hold spaces: the fields start after its closing parenthesis
    const fields = readFileSync(statPath, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}

// the main thread alone (its thread id is the process id): parsing runs in the worker, writing here
const mainCpuSeconds = (): number => procCpuSeconds(`/proc/self/task/${process.pid}/stat`)

/** CPU seconds the PostgreSQL server processes serving this database have used (same machine only) */
async function serverCpuSeconds(store: Store): Promise<number> {
  if (store.dialect !== 'postgres') {
    return 0
  }
  const result = await store
    .pgPool()
    .query('select pid from pg_stat_activity where datname = current_database()')
  let total = 0
  for (const { pid } of result.rows as { pid: number }[]) {
    total += procCpuSeconds(`/proc/${pid}/stat`)
  }
  return total
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
      mainCpuSeconds: mainCpuSeconds(),
      serverCpuSeconds: 0,
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
  const mainBefore = mainCpuSeconds()
  const serverBefore = await serverCpuSeconds(store)
  const result = await importFile(store, { kind: 'orders', path, actor: 'bench', currency: 'USD' })
  const seconds = (performance.now() - started) / 1000
  const cpu = cpuSeconds() - cpuBefore
  const mainCpu = mainCpuSeconds() - mainBefore
  const serverCpu = (await serverCpuSeconds(store)) - serverBefore
  await store.close()
  const { read, inserted, unchanged } = result
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: cpu,
      mainCpuSeconds: mainCpu,
      serverCpuSeconds: serverCpu,
      read,
      inserted,
      unchanged,
      maxRssMb: maxRssMb(),
    }),
  )
}
