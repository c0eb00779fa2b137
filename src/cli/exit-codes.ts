import { CommanderError } from 'commander'
import { type ErrorCode, toComebackError } from '../domain/errors.js'

/** Documented exit codes: 0 ok, 1 internal, 2 usage or invalid input, others by error code. */
export const EXIT_CODE_BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: 2,
  UNAUTHENTICATED: 3,
  FORBIDDEN: 3,
  NOT_FOUND: 4,
  CONFLICT: 5,
  PRECONDITION_FAILED: 5,
  PRECONDITION_REQUIRED: 5,
  PAYLOAD_TOO_LARGE: 2,
  RATE_LIMITED: 6,
  INSUFFICIENT_DATA: 7,
  INTERNAL: 1,
  UNAVAILABLE: 8,
}

/** Prints one line for an error (the cause chain and stack only when verbose) and returns the exit code. */
export function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help text)
    return error.exitCode === 0 ? 0 : 2
  }
  const comeback = toComebackError(error)
  const message =
    comeback.code === 'INTERNAL' && !verbose
      ? `internal error: ${describe(error)} (run with --verbose for details)`
      : comeback.message
  process.stderr.write(`comeback: ${message}\n`)
  for (const issue of comeback.issues.slice(0, 20)) {
    process.stderr.write(`  ${formatIssue(issue)}\n`)
  }
  if (verbose) {
    let cause: unknown = error
    while (cause instanceof Error) {
      process.stderr.write(`${cause.stack ?? cause.message}\n`)
      cause = cause.cause
    }
  }
  return EXIT_CODE_BY_CODE[comeback.code]
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error)
}

function formatIssue(issue: {
  file?: string
  line?: number
  field?: string
  message: string
}): string {
  const where = [issue.file, issue.line, issue.field].filter((part) => part !== undefined).join(':')
  return where === '' ? issue.message : `${where}: ${issue.message}`
}
