import type { Command } from 'commander'
import {
  analyze,
  importPastAttempts,
  listLost,
  listUsersAs,
  loadDemoCompany,
  statsAs,
  type UserRow,
} from '../../app/index.js'
import type { Role } from '../../domain/access-policy.js'
import { type CliContext, type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeOut } from '../output.js'

const ROLE_ORDER: readonly Role[] = ['admin', 'vp', 'manager', 'rep', 'analyst']

/**
 * `comeback start` (what `npm start` runs): opens the database (creating and migrating it), loads
 * the demo company when it holds no customers, then runs the main job — `analyze`, which finds and
 * scores every lost customer — and prints the top of the lost list and what to try next.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'quick start: create or open the database, load the demo company when it is empty, and summarise',
    )
    .action(async (_options: object, command: Command) => {
      await withStore(command.optsWithGlobals<GlobalOptions>(), startAction)
    })
}

async function startAction(context: CliContext): Promise<void> {
  const { store, actor } = context
  const started = performance.now()
  const before = await statsAs(store, actor)
  let loaded: string | null = null
  if (before.customers === 0) {
    const { company } = await loadDemoCompany(store, { actor: context.auditActor })
    // the demo's past win-back attempts become ended cases, so the program has a history
    const past = await importPastAttempts(store, { actor: context.actor, audit: context.audit })
    loaded = `the demo company (seed ${company.seed}, as of ${company.asOf}, ${company.currency}, ${past.created} past win-back cases)`
  }
  const counts = await statsAs(store, actor)
  const users = await listUsersAs(store, actor)
  const lost = counts.orders === 0 ? '' : await analyzeAndSummarise(context)
  const seconds = Math.round((performance.now() - started) / 100) / 10
  writeOut(
    [
      'Comeback is ready.',
      renderFields([
        ['database', `${context.database} (${store.dialect})`],
        [
          'loaded',
          loaded === null
            ? 'nothing: the database already has customers'
            : `${loaded} in ${seconds} s`,
        ],
        ['customers', counts.customers],
        ['orders', counts.orders],
        ['deals', counts.deals],
        ['incidents', counts.incidents],
        ['contacts', counts.contacts],
        ['users', counts.users],
      ]),
      lost,
      loaded === null ? '' : describeDemoUsers(users),
      'Try next:',
      '  npx comeback lost --top 20',
      '  npx comeback customers list --limit 20',
      '  npx comeback customers list --segment Enterprise --csv > enterprise.csv',
      '  npx comeback stats --json',
      '',
    ].join('\n'),
  )
}

// the main job: who is gone, and which of them are worth winning back first
async function analyzeAndSummarise(context: CliContext): Promise<string> {
  const run = await analyze(context.store, { actor: context.auditActor, via: 'cli' })
  const { rows } = await listLost(context.store, { top: 5 })
  const counts = Object.entries(run.statusCounts)
    .map(([status, count]) => `${count} ${status.replace('_', ' ')}`)
    .join(', ')
  return [
    `Analysis as of ${run.asOf} (${run.model}): ${counts}.`,
    'Best to win back first:',
    ...rows.map((row) => `  ${row.name ?? row.id} — ${row.explanation}`),
    '',
  ].join('\n')
}

// one user per role is enough to show who is who; `comeback user list` has everyone
function describeDemoUsers(users: readonly UserRow[]): string {
  const lines = ROLE_ORDER.flatMap((role) => {
    const first = users.find((user) => user.role === role && user.active === 1)
    return first === undefined ? [] : [`  ${role.padEnd(8)} ${first.name} <${first.email}>`]
  })
  return [
    'Demo users (act as one with --as EMAIL; none has a password until one is set):',
    ...lines,
    '',
  ].join('\n')
}
