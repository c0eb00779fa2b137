import type { Command } from 'commander'
import { type GlobalOptions, withMigratedStore } from '../context.js'
import { writeOut } from '../output.js'

/** `comeback db migrate`: creates the database, or brings its schema up to date. */
export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('database commands')
  db.command('migrate')
    .description('create the database if needed and bring its schema up to date')
    .action(async (_options: object, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      await withMigratedStore(globals, async (store) => {
        writeOut(`database ${store.url} (${store.dialect}) is up to date\n`)
      })
    })
}
