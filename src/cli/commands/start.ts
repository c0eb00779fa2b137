import type { Command } from 'commander'
import {
  analysisFreshness,
  analyze,
  importPastAttempts,
  listLost,
  loadDemoCompany,
  type StoreStats,
  statsAs,
} from '../../app/index.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeOut } from '../output.js'
import {
  type DemoSignInsView,
  describeDemoSignIns,
  giveAndKeepDemoSignIns,
  keptDemoSignIns,
} from './demo.js'
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  type ServeAddress,
  type ServeOptions,
  serveAddress,
  serveUntilStopped,
} from './serve.js'

interface StartOptions extends ServeOptions {
  /** false with `--no-serve` */
  readonly serve: boolean
}

const TRY_NEXT = [
  'Try next:',
  '  npx comeback lost --top 20',
  '  npx comeback customers list --limit 20',
  '  npx comeback customers list --segment Enterprise --csv > enterprise.csv',
  '  npx comeback stats --json',
  '',
].join('\n')

/**
 * `comeback start` (what `npm start` runs): opens the database (creating and migrating it), loads
 * the demo company when it holds no customers and gives one demo user per role a sign-in, runs
 * `analyze` when the newest analysis no longer describes the data (see `analysisFreshness`),
 * prints the top of the lost list, then serves the web app and the API until Ctrl-C — printing the
 * URL and the demo sign-ins. `--no-serve` prints the summary and exits.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'quick start: open or create the database, load the demo company when it is empty, analyze when the data changed, and serve the web app until Ctrl-C',
    )
    .option('--no-serve', 'print the summary and the demo sign-ins, then exit (for scripts)')
    .option('--port <port>', `TCP port (default $PORT or ${DEFAULT_PORT}; 0 picks a free one)`)
    .option('--host <host>', `address to listen on (default $HOST or ${DEFAULT_HOST})`)
    .action(async (options: StartOptions, command: Command) => {
      // a bad port fails before the demo load, not after it
      const address = options.serve ? serveAddress(options) : null
      await withStore(command.optsWithGlobals<GlobalOptions>(), (context) =>
        startAction(context, address),
      )
    })
}

async function startAction(context: CliContext, address: ServeAddress | null): Promise<void> {
  const { store, actor } = context
  const started = performance.now()
  const before = await statsAs(store, actor)
  let loaded: string | null = null
  let signIns: DemoSignInsView | null = null
  if (before.customers === 0) {
    const { company } = await loadDemoCompany(store, { actor: context.auditActor })
    // the demo's past win-back attempts become ended cases, so the program has a history
    const past = await importPastAttempts(store, { actor: context.actor, audit: context.audit })
    signIns = await giveAndKeepDemoSignIns(context, company)
    loaded = `the demo company (seed ${company.seed}, as of ${company.asOf}, ${company.currency}, ${past.created} past win-back cases)`
  }
  const counts = await statsAs(store, actor)
  const lost = counts.orders === 0 ? '' : await analyzeWhenStale(context)
  const seconds = Math.round((performance.now() - started) / 100) / 10
  signIns ??= await keptDemoSignIns(store)
  const summary = [
    'Comeback is ready.',
    describeCounts(context, counts, loaded === null ? null : `${loaded} in ${seconds} s`),
    lost,
    TRY_NEXT,
  ].join('\n')
  const signInText = describeSignIns(context, signIns)
  if (address === null) {
    writeOut(`${summary}\n${signInText}`)
    return
  }
  writeOut(`${summary}\n`)
  await serveUntilStopped(store, address, (url) => [
    signInText,
    `Comeback is serving ${context.database}: open ${url} in a browser (the API is at ${url}/api). Ctrl-C stops it.`,
  ])
}

function describeCounts(context: CliContext, counts: StoreStats, loaded: string | null): string {
  return renderFields([
    ['database', `${context.database} (${context.store.dialect})`],
    ['loaded', loaded ?? 'nothing: the database already has customers'],
    ['customers', counts.customers],
    ['orders', counts.orders],
    ['deals', counts.deals],
    ['incidents', counts.incidents],
    ['contacts', counts.contacts],
    ['users', counts.users],
  ])
}

// the main job — who is gone, and which of them are worth winning back first — run again only
// when the data or the day changed since the newest run (a run takes seconds)
async function analyzeWhenStale(context: CliContext): Promise<string> {
  const freshness = await analysisFreshness(context.store)
  let heading: string
  if (freshness.current) {
    heading = `Analysis as of ${freshness.asOf} (${freshness.model ?? 'rules only'}): ${describeStatusCounts(freshness.statusCounts)} — up to date, so not run again (\`comeback analyze\` runs it anyway).`
  } else {
    const run = await analyze(context.store, { actor: context.auditActor, via: 'cli' })
    heading = `Analysis as of ${run.asOf} (${run.model ?? 'rules only'}): ${describeStatusCounts(run.statusCounts)} — run now (${freshness.reason}).`
  }
  const { rows } = await listLost(context.store, { top: 5 })
  return [
    heading,
    'Best to win back first:',
    ...rows.map((row) => `  ${row.name ?? row.id} — ${row.explanation}`),
    '',
  ].join('\n')
}

function describeStatusCounts(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([status, count]) => `${count} ${status.replace('_', ' ')}`)
    .join(', ')
}

function describeSignIns(context: CliContext, view: DemoSignInsView | null): string {
  if (view !== null) {
    return describeDemoSignIns(view, context.database)
  }
  const demoNote =
    context.store.dialect === 'sqlite'
      ? 'no demo sign-ins are kept beside this database'
      : 'demo sign-ins are shown only when the demo company is loaded'
  return `Sign in with your own account (${demoNote}; an admin sets a password with \`comeback user set-password --email EMAIL\`).\n`
}
