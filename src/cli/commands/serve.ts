import type { Command } from 'commander'
import { ValidationError } from '../../domain/errors.js'
import { createApp, listen, type ServerConfig } from '../../server/index.js'
import { type GlobalOptions, withMigratedStore } from '../context.js'
import { writeOut } from '../output.js'

interface ServeOptions {
  readonly port?: string
  readonly host?: string
}

const DEFAULT_PORT = 3000
const DEFAULT_HOST = '127.0.0.1'

/**
 * `comeback serve [--port N] [--host H]`: serves the HTTP API on the database (`--db`,
 * `COMEBACK_DB`) until SIGINT or SIGTERM. Deployment settings come from the environment: `PORT`,
 * `HOST`, `COMEBACK_PUBLIC_URL` (the origin browsers use), `COMEBACK_TRUST_PROXY=1` (behind TLS).
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (and later the web app) until Ctrl-C')
    .option('--port <port>', `TCP port (default $PORT or ${DEFAULT_PORT}; 0 picks a free one)`)
    .option('--host <host>', `address to listen on (default $HOST or ${DEFAULT_HOST})`)
    .action(async (options: ServeOptions, command: Command) => {
      const port = parsePort(options.port ?? process.env['PORT'] ?? String(DEFAULT_PORT))
      const hostname = options.host ?? process.env['HOST'] ?? DEFAULT_HOST
      // listen for the stop signals before saying where we serve, or an early Ctrl-C would kill us
      const stopSignal = nextStopSignal()
      await withMigratedStore(command.optsWithGlobals<GlobalOptions>(), async (store) => {
        const app = createApp({ store, config: configFromEnvironment() })
        const server = await listen(app, { port, hostname })
        writeOut(`Comeback is serving ${store.url} at ${server.url}/api (Ctrl-C stops it)\n`)
        const signal = await stopSignal
        writeOut(`${signal}: stopping\n`)
        await server.close()
      })
    })
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
