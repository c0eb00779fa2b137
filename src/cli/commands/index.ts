import type { Command } from 'commander'

/** Each command file exports one `register…Command(program)`; this list is the CLI's surface. */
export const COMMANDS: readonly ((program: Command) => void)[] = []
