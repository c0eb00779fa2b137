import { Command } from 'commander'
import { COMMANDS } from './commands/index.js'
import { reportError } from './exit-codes.js'

/** Builds the `comeback` program with every command registered. */
export function createProgram(): Command {
  const program = new Command('comeback')
    .description('Comeback wins back lost customers and failed sales.')
    .option(
      '--db <url>',
      'database: a SQLite file path or postgres://… (default $COMEBACK_DB or ./comeback.db)',
    )
    .option('--as <email>', 'act as this user (default $COMEBACK_USER, or the local admin)')
    .option('--verbose', 'show the cause chain and stack of an error')
    .exitOverride()
    // usage errors read like every other error: one line, prefixed with the program's name
    .configureOutput({
      outputError: (text, write) => write(`comeback: ${text.replace(/^error: /, '')}`),
    })
  for (const register of COMMANDS) {
    register(program)
  }
  return program
}

/** Runs the CLI and returns its exit code; errors end as one stderr line (stack with --verbose). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram()
  try {
    await program.parseAsync([...argv])
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    return reportError(error, argv.includes('--verbose'))
  }
}
