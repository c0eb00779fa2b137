/**
 * `lost_list_p99_ms`: the 99th-percentile latency of `GET /api/lost` with a million customers in
 * the embedded store, from 50 closed-loop clients on loopback mixing status and segment filters
 * with value and overdue sorts (SPEC "Quality bars": under 50 ms). The server runs in its own
 * process, as in production; the clients sign in as an analyst (every account). A second, shorter
 * phase signs in as managers and reps, whose lists their scope narrows; a third measures a server
 * that keeps no pages (`lost_list_uncached_*`), so every answer walks the index and reads its rows.
 * Each server builds the lost list's summary before it listens (`warmLostList`, as the real server
 * does): `lost_list_warm_ms` is that build, `lost_list_first_request_ms` the first request after.
 * Between the phases Chromium loads the lost list page cold (`lost_page_load_ms`, bench/lost-page.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createUser, hashPassword, openStore } from '../src/app/index.js'
import { seededRandom } from '../src/test-support/analysis-fixtures.js'
import { BENCH_PASSWORD, get, signIn } from './lost-list-http.js'
import { BENCH_SEGMENTS, generateLostListStore } from './lost-list-store.js'
import { measureLostPage } from './lost-page.js'

const HERE = dirname(fileURLToPath(import.meta.url))

/** Options of `benchLostList`; every one has a default. */
export interface LostListBenchOptions {
  readonly customers?: number
  readonly clients?: number
  readonly seconds?: number
  /** where to keep the generated store: made there once, reused while it exists */
  readonly db?: string
}

interface Phase {
  readonly latenciesMs: number[]
  readonly errors: number
  readonly seconds: number
  /** the server's CPU time (user + system) per request, ms; NaN where /proc is missing */
  readonly cpuMsPerRequest: number
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

const round = (value: number) => Math.round(value * 100) / 100

/**
 * Generates (or reuses) the million-customer store, starts the server on it, warms it up, then
 * measures the mix for `seconds` with `clients` closed-loop clients.
 * @example const { lost_list_p99_ms } = await benchLostList({ customers: 100_000 })
 */
export async function benchLostList(
  options: LostListBenchOptions = {},
): Promise<Record<string, number>> {
  const customers = options.customers ?? 1_000_000
  const folder = mkdtempSync(join(tmpdir(), 'comeback-bench-lost-'))
  // COMEBACK_BENCH_LOST_DB keeps the generated store between runs (it takes a minute at 1M)
  const db = options.db ?? process.env['COMEBACK_BENCH_LOST_DB'] ?? join(folder, 'lost.db')
  const servers: ChildProcess[] = []
  try {
    const generatedSeconds = existsSync(db) ? 0 : await generate(db, customers)
    const clients = options.clients ?? 50
    const seconds = options.seconds ?? 10
    const cached = await startServer(db, ['--web'])
    servers.push(cached.child)
    const analyst = await signIn(cached.url, 'analyst@bench.test')
    const firstStarted = performance.now()
    await get(cached.url, '/api/lost', analyst)
    const firstMs = performance.now() - firstStarted
    await runPhase(cached, { cookies: [analyst], clients, seconds: 2 })
    const main = await runPhase(cached, { cookies: [analyst], clients, seconds })
    const scoped = await runPhase(cached, {
      cookies: await Promise.all(SCOPED_USERS.map((email) => signIn(cached.url, email))),
      clients,
      seconds: Math.max(2, Math.round(seconds / 2)),
    })
    const page = await measureLostPage({ url: cached.url, cookie: analyst })
    const uncached = await startServer(db, ['--no-page-cache', '--web'])
    servers.push(uncached.child)
    const uncachedCookie = await signIn(uncached.url, 'analyst@bench.test')
    const uncachedPage = await measureLostPage({ url: uncached.url, cookie: uncachedCookie })
    await runPhase(uncached, { cookies: [uncachedCookie], clients, seconds: 2 })
    const cold = await runPhase(uncached, { cookies: [uncachedCookie], clients, seconds })
    return {
      ...figures({
        customers,
        generatedSeconds,
        warmMs: cached.warmMs,
        firstMs,
        main,
        scoped,
        cold,
      }),
      ...pageFigures(page, uncachedPage),
    }
  } finally {
    for (const server of servers) {
      server.kill('SIGTERM')
    }
    rmSync(folder, { recursive: true, force: true })
  }
}

const SCOPED_USERS = [
  'manager0@bench.test',
  'manager1@bench.test',
  'rep0@bench.test',
  'rep7@bench.test',
] as const

// absent when Chromium or the web build is missing: the figure is then left out, not faked
function pageFigures(
  page: Awaited<ReturnType<typeof measureLostPage>>,
  uncachedPage: Awaited<ReturnType<typeof measureLostPage>>,
): Record<string, number> {
  if (page === null || uncachedPage === null) {
    process.stderr.write('bench: no Chromium or no web build (npm run build:web): no page loads\n')
    return {}
  }
  return {
    lost_page_load_ms: page.medianMs,
    lost_page_load_min_ms: page.minMs,
    lost_page_load_max_ms: page.maxMs,
    lost_page_load_uncached_ms: uncachedPage.medianMs,
  }
}

function figures(input: {
  customers: number
  generatedSeconds: number
  warmMs: number
  firstMs: number
  main: Phase
  scoped: Phase
  cold: Phase
}): Record<string, number> {
  const main = [...input.main.latenciesMs].sort((a, b) => a - b)
  const scoped = [...input.scoped.latenciesMs].sort((a, b) => a - b)
  const cold = [...input.cold.latenciesMs].sort((a, b) => a - b)
  return {
    lost_list_p99_ms: round(percentile(main, 99)),
    lost_list_p50_ms: round(percentile(main, 50)),
    lost_list_rps: Math.round(main.length / input.main.seconds),
    lost_list_errors: input.main.errors,
    lost_list_cpu_ms_per_request: round(input.main.cpuMsPerRequest),
    lost_list_scoped_p99_ms: round(percentile(scoped, 99)),
    lost_list_scoped_errors: input.scoped.errors,
    lost_list_uncached_p99_ms: round(percentile(cold, 99)),
    lost_list_uncached_p50_ms: round(percentile(cold, 50)),
    lost_list_uncached_rps: Math.round(cold.length / input.cold.seconds),
    lost_list_uncached_errors: input.cold.errors,
    lost_list_uncached_cpu_ms_per_request: round(input.cold.cpuMsPerRequest),
    lost_list_warm_ms: input.warmMs,
    lost_list_first_request_ms: round(input.firstMs),
    lost_list_customers: input.customers,
    lost_list_store_generate_s: round(input.generatedSeconds),
  }
}

async function generate(db: string, customers: number): Promise<number> {
  const started = performance.now()
  const store = await openStore(db)
  try {
    await store.migrate()
    await generateLostListStore(store, {
      customers,
      reps: 60,
      repsPerManager: 10,
      lostDeals: Math.max(10, Math.round(customers / 50)),
    })
    const passwordHash = await hashPassword(BENCH_PASSWORD)
    await createUser(store, {
      email: 'analyst@bench.test',
      name: 'Bench analyst',
      role: 'analyst',
      manager_id: null,
      started_on: '2020-01-01',
      password_hash: passwordHash,
    })
    await store.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('email', 'in', [
        'manager0@bench.test',
        'manager1@bench.test',
        'rep0@bench.test',
        'rep7@bench.test',
      ])
      .execute()
  } finally {
    await store.close()
  }
  return (performance.now() - started) / 1000
}

function startServer(
  db: string,
  flags: readonly string[],
): Promise<{ child: ChildProcess; url: string; warmMs: number }> {
  const script = join(HERE, 'lost-list-server.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, db, ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const line = output.split('\n').find((one) => one.startsWith('{'))
      if (line !== undefined) {
        resolve({ child, ...(JSON.parse(line) as { url: string; warmMs: number }) })
      }
    })
    child.on('exit', (code) => reject(new Error(`the bench server exited (${code})`)))
  })
}

const SORTS = ['-expectedValue', '-valueIfWonBack', '-overdueDays', 'overdueDays'] as const
const STATUSES = ['lost', 'lost', 'lapsed', 'at_risk'] as const

/** One query of the mix: a status, often a segment, a value or overdue sort, mostly page one. */
function nextQuery(random: () => number): string {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T
  const query = new URLSearchParams({ status: pick(STATUSES), sort: pick(SORTS), limit: '50' })
  if (random() < 0.6) {
    query.set('segment', pick(BENCH_SEGMENTS))
  }
  if (random() < 0.2) {
    query.set('offset', String(50 * (1 + Math.floor(random() * 3))))
  }
  return `/api/lost?${query.toString()}`
}

// user + system CPU time of a process so far, ms (Linux /proc; clock ticks are 10 ms here)
function cpuTimeMs(pid: number | undefined): number {
  const path = `/proc/${pid}/stat`
  if (pid === undefined || !existsSync(path)) {
    return Number.NaN
  }
  // the fields after the command name, which sits in parentheses: utime and stime are 14 and 15
  const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) * 10
}

async function runPhase(
  server: { url: string; child: ChildProcess },
  options: { cookies: readonly string[]; clients: number; seconds: number },
): Promise<Phase> {
  const { url } = server
  const cpuBefore = cpuTimeMs(server.child.pid)
  const latenciesMs: number[] = []
  let errors = 0
  const endAt = performance.now() + options.seconds * 1000
  const client = async (index: number) => {
    const random = seededRandom(1000 + index)
    const cookie = options.cookies[index % options.cookies.length] ?? ''
    while (performance.now() < endAt) {
      const started = performance.now()
      const status = await get(url, nextQuery(random), cookie)
      latenciesMs.push(performance.now() - started)
      errors += status === 200 ? 0 : 1
    }
  }
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)))
  const cpuMs = cpuTimeMs(server.child.pid) - cpuBefore
  return {
    latenciesMs,
    errors,
    seconds: options.seconds,
    cpuMsPerRequest: cpuMs / Math.max(1, latenciesMs.length),
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const customers = process.env['COMEBACK_BENCH_LOST_CUSTOMERS']
  console.log(
    JSON.stringify(
      await benchLostList(customers === undefined ? {} : { customers: Number(customers) }),
    ),
  )
}
