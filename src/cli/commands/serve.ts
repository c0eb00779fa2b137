import type { Command } from 'commander'
import {
  type Housekeeping,
  ImportJobs,
  keepLostListWarm,
  type Store,
  tidyBeforeServing,
} from '../../app/index.js'
import { ComebackError, ValidationError } from '../../domain/errors.js'
import { createApp, listen, type ServerConfig } from '../../server/index.js'
import { type GlobalOptions, withMigratedStore } from '../context.js'
import { writeNote, writeOut } from '../output.js'
import { startServerWorker } from './serve-worker.js'

/** The `--port` and `--host` options `serve` and `start` share. */
export interface ServeOptions {
  readonly port?: string
  readonly host?: string
}

/** Where to listen: a port (0 picks a free one) and an address. */
export interface ServeAddress {
  readonly port: number
  readonly hostname: string
}

/** Where `serve` and `start` listen unless told otherwise. */
export const DEFAULT_PORT = 3000
export const DEFAULT_HOST = '127.0.0.1'

/**
 * `comeback serve [--port N] [--host H]`: serves the HTTP API on the database (`--db`,
 * `COMEBACK_DB`) until SIGINT or SIGTERM. Deployment settings come from the environment: `PORT`,
 * `HOST`, `COMEBACK_PUBLIC_URL` (the origin browsers use), `COMEBACK_TRUST_PROXY=1` (behind TLS).
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the HTTP API until Ctrl-C')
    .option('--port <port>', `TCP port (default $PORT or ${DEFAULT_PORT}; 0 picks a free one)`)
    .option('--host <host>', `address to listen on (default $HOST or ${DEFAULT_HOST})`)
    .action(async (options: ServeOptions, command: Command) => {
      const address = serveAddress(options)
      await withMigratedStore(command.optsWithGlobals<GlobalOptions>(), (store) =>
        serveUntilStopped(store, address, (url) => [
          `Comeback is serving ${store.url}: the web app at ${url}, the API at ${url}/api (Ctrl-C stops it)`,
        ]),
      )
    })
}

/**
 * The address from `--port`/`--host`, else `PORT`/`HOST`, else 3000 on 127.0.0.1.
 * @throws ValidationError for a port that is not a whole number from 0 to 65535
 */
export function serveAddress(options: ServeOptions): ServeAddress {
  return {
    port: parsePort(options.port ?? process.env['PORT'] ?? String(DEFAULT_PORT)),
    hostname: options.host ?? process.env['HOST'] ?? DEFAULT_HOST,
  }
}

/**
 * Serves the API and the web app on an open store until SIGINT or SIGTERM, then stops taking
 * requests, waits for open ones and for running imports, and returns (the caller closes the
 * store). First recovers abandoned imports and deletes expired sessions. `announce` gets the URL
 * and says what to print once the server listens.
 */
export async function serveUntilStopped(
  store: Store,
  address: ServeAddress,
  announce: (url: string) => readonly string[],
): Promise<void> {
  // listen for the stop signals before saying where we serve, or an early Ctrl-C would kill us
  const stopSignal = nextStopSignal()
  noteTidied(await tidyBeforeServing(store))
  const importJobs = new ImportJobs(store, {
    onError: (importId, error) => logLine({ level: 'warn', importId, error: errorText(error) }),
  })
  const app = createApp({ store, config: configFromEnvironment(), importJobs })
  const server = await listen(app, address).catch((error: unknown) => {
    throw listenError(error, address)
  })
  writeOut(`${announce(server.url).join('\n')}\n`)
  // the lost list's summary is built now and after every new run, not by the first reader
  const warmer = keepLostListWarm(store, {
    onError: (error) => logLine({ level: 'warn', job: 'lost-list-warm', error: errorText(error) }),
  })
  // the stored background jobs (sends, launches, the shadow cadence), unless COMEBACK_WORKER=off
  const worker = startServerWorker(store, { onLog: logLine, errorText })
  const signal = await stopSignal
  writeOut(`${signal}: stopping (Ctrl-C again stops at once)\n`)
  // a pass under way finishes first, like the summary build below, so the store closes cleanly
  await worker.stop()
  // a summary build under way finishes first: closing the store under it would leave the WAL behind
  await warmer.stop()
  await server.close()
  await importJobs.close()
}

function noteTidied(tidied: Housekeeping): void {
  if (tidied.abandonedImports > 0) {
    writeNote(
      `${tidied.abandonedImports} import(s) left running by a process that died were marked failed (their rows removed)`,
    )
  }
  if (tidied.expiredSessions > 0) {
    writeNote(`${tidied.expiredSessions} expired session(s) deleted`)
  }
}

function listenError(error: unknown, address: ServeAddress): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const why = code === 'EADDRINUSE' ? 'is in use' : 'may not be used by this user'
    return new ComebackError(
      'UNAVAILABLE',
      `port ${address.port} on ${address.hostname} ${why}: pick another with PORT=N or --port N`,
      { cause: error },
    )
  }
  return error
}

function errorText(error: unknown): unknown {
  return error instanceof Error ? error.message : error
}

// the server's own log format (one JSON object a line on stderr)
function logLine(entry: Readonly<Record<string, unknown>>): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`)
}

function parsePort(text: string): number {
  const port = Number(text)
  if (!/^\d+$/.test(text.trim()) || port > 65_535) {
    throw new ValidationError(`--port must be a whole number from 0 to 65535, not "${text}"`)
  }
  return port
}

function configFromEnvironment(): ServerConfig {
  const publicUrl = process.env['COMEBACK_PUBLIC_URL']
  let publicOrigin: string | undefined
  if (publicUrl !== undefined && publicUrl !== '') {
    try {
      publicOrigin = new URL(publicUrl).origin
    } catch (error) {
      throw new ValidationError(`COMEBACK_PUBLIC_URL is not a URL: ${publicUrl}`, { cause: error })
    }
  }
  return {
    trustProxy: process.env['COMEBACK_TRUST_PROXY'] === '1',
    ...(publicOrigin === undefined ? {} : { publicOrigin }),
  }
}

function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
