import type { Command } from 'commander'
import {
  JOB_HANDLERS,
  type JobsPass,
  outreachConfigFromEnv,
  sendingConfigIfAny,
  startWorker,
  workerConfigFromEnv,
  workerPass,
} from '../../app/index.js'
import { can } from '../../domain/access-policy.js'
import { ForbiddenError } from '../../domain/errors.js'
import { type GlobalOptions, withStore } from '../context.js'
import { renderFields, writeNote, writeOut } from '../output.js'

interface WorkerOptions {
  readonly once?: boolean
  readonly json?: boolean
}

/**
 * `comeback worker [--once]`: runs the stored background jobs (SPEC "Background work": campaign
 * sends and scheduled launches, the shadow cadence, resting cases) — one pass with `--once`, else
 * a pass every `COMEBACK_WORKER_INTERVAL_MS` until SIGINT or SIGTERM. The server runs the same
 * loop in-process; running both is safe, since each job is claimed by one worker only.
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run the background jobs: one pass with --once, else until Ctrl-C')
    .option('--once', 'run what is due once, then exit')
    .option('--json', 'with --once: print what the pass did as JSON')
    .action(async (options: WorkerOptions, command: Command) => {
      const sending = sendingConfigIfAny(outreachConfigFromEnv())
      const config = workerConfigFromEnv()
      await withStore(command.optsWithGlobals<GlobalOptions>(), async (context) => {
        if (!can(context.actor, 'write', { type: 'setting' })) {
          throw new ForbiddenError('the background worker runs as an admin (--as an admin email)')
        }
        if (sending === null) {
          writeNote('email is not configured (COMEBACK_SMTP_URL …): queued messages wait')
        }
        const base = { handlers: JOB_HANDLERS, sending, via: 'cli' as const }
        if (options.once === true) {
          const pass = await workerPass(context.store, base)
          writeOut(
            options.json === true
              ? `${JSON.stringify(pass, null, 2)}\n`
              : `${renderFields([...passFields(pass), ['enqueued', pass.enqueued.join(', ')]])}\n`,
          )
          return
        }
        const stop = nextStopSignal()
        const worker = startWorker(context.store, {
          ...base,
          everyMs: config.everyMs,
          onPass: (pass) => {
            if (pass.done + pass.retried + pass.failed > 0) {
              logLine({ level: 'info', job: 'worker', ...pass })
            }
          },
          onError: (error) =>
            logLine({ level: 'warn', job: 'worker', error: (error as Error).message ?? error }),
        })
        writeOut(
          `the worker runs every ${config.everyMs} ms on ${context.database} (Ctrl-C stops it)\n`,
        )
        const signal = await stop
        writeOut(`${signal}: stopping after the pass under way\n`)
        await worker.stop()
      })
    })
}

function passFields(pass: JobsPass): [string, number][] {
  return [
    ['done', pass.done],
    ['retried', pass.retried],
    ['failed', pass.failed],
  ]
}

function logLine(entry: Readonly<Record<string, unknown>>): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`)
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
