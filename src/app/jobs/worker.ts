import { randomBytes } from 'node:crypto'
import { ValidationError } from '../../domain/errors.js'
import type { Store } from '../../store/index.js'
import {
  type OutreachConfig,
  requireSendingConfig,
  type SendingConfig,
} from '../outreach/outreach-config.js'
import type { JobHandlers } from './job-kinds.js'
import { type JobsPass, runDueJobs } from './run-jobs.js'
import { tick } from './tick.js'

/** How the background worker runs (deployment settings: environment variables). */
export interface WorkerConfig {
  /** `COMEBACK_WORKER=off` keeps the server from running jobs (tests that must not send) */
  readonly enabled: boolean
  /** `COMEBACK_WORKER_INTERVAL_MS`: the pause between passes (default 30 s) */
  readonly everyMs: number
}

export const DEFAULT_WORKER_INTERVAL_MS = 30_000

/**
 * The worker settings from `env`.
 * @throws ValidationError for an interval that is not a whole number of ms from 100 to a day
 */
export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const switchText = (env['COMEBACK_WORKER'] ?? 'on').trim().toLowerCase()
  if (!['on', 'off', '1', '0', 'true', 'false', ''].includes(switchText)) {
    throw new ValidationError(`COMEBACK_WORKER is on or off, not "${env['COMEBACK_WORKER']}"`)
  }
  const intervalText = env['COMEBACK_WORKER_INTERVAL_MS']?.trim() ?? ''
  const everyMs = intervalText === '' ? DEFAULT_WORKER_INTERVAL_MS : Number(intervalText)
  if (!/^\d*$/.test(intervalText) || everyMs < 100 || everyMs > 86_400_000) {
    throw new ValidationError(
      `COMEBACK_WORKER_INTERVAL_MS is a whole number of milliseconds from 100 to 86400000, not "${intervalText}"`,
    )
  }
  return { enabled: !['off', '0', 'false'].includes(switchText), everyMs }
}

/** What a pass of the worker is given. */
export interface WorkerPassOptions {
  readonly handlers: JobHandlers
  readonly sending: SendingConfig | null
  readonly via: 'api' | 'cli'
  readonly workerId?: string
  readonly now?: () => Date
}

/** One pass: enqueue what is periodically due, then run every due job. */
export async function workerPass(
  store: Store,
  options: WorkerPassOptions,
): Promise<JobsPass & { enqueued: string[] }> {
  const now = options.now ?? (() => new Date())
  const { enqueued } = await tick(store, {
    now: now(),
    sendingConfigured: options.sending !== null,
  })
  const pass = await runDueJobs(store, {
    handlers: options.handlers,
    sending: options.sending,
    via: options.via,
    now,
    ...(options.workerId === undefined ? {} : { workerId: options.workerId }),
  })
  return { ...pass, enqueued }
}

/** What `startWorker` returns. */
export interface RunningWorker {
  /** stops the loop; resolves once a pass under way has finished, so the store may close */
  stop(): Promise<void>
}

/**
 * Runs `workerPass` now and then every `everyMs` (never two at once), in this process — the
 * server's in-process worker and `comeback worker` both use it.
 * @example const worker = startWorker(store, { ...options, everyMs: 30_000 }); …; await worker.stop()
 */
export function startWorker(
  store: Store,
  options: WorkerPassOptions & {
    readonly everyMs: number
    readonly onPass?: (pass: JobsPass & { enqueued: string[] }) => void
    readonly onError?: (error: unknown) => void
  },
): RunningWorker {
  const workerId = options.workerId ?? `worker-${process.pid}-${randomBytes(3).toString('hex')}`
  let running: Promise<void> | null = null
  let stopped = false
  const pass = async () => {
    try {
      options.onPass?.(await workerPass(store, { ...options, workerId }))
    } catch (error) {
      options.onError?.(error)
    }
  }
  const beat = () => {
    if (running === null && !stopped) {
      running = pass().finally(() => {
        running = null
      })
    }
  }
  const timer = setInterval(beat, options.everyMs)
  // the loop never keeps a process alive on its own: the server or the signal wait does
  timer.unref()
  beat()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

/**
 * The sending settings when email is configured, null when it is not set up at all (then the
 * worker sends nothing and says so); a half-done setup is an error naming what is missing.
 * @throws ValidationError from `requireSendingConfig`
 */
export function sendingConfigIfAny(config: OutreachConfig): SendingConfig | null {
  return config.smtpUrl === null ? null : requireSendingConfig(config)
}
