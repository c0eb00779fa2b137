import {
  JOB_HANDLERS,
  outreachConfigFromEnv,
  type RunningWorker,
  type SendingConfig,
  type Store,
  sendingConfigIfAny,
  startWorker,
  workerConfigFromEnv,
} from '../../app/index.js'

/**
 * The server's in-process worker (`serve` and `start`): the `comeback worker` loop on the server's
 * store, every `COMEBACK_WORKER_INTERVAL_MS` (default 30 s); `COMEBACK_WORKER=off` turns it off
 * (tests that must not send, or a deployment that runs `comeback worker` on its own). A
 * misconfigured email setup is logged and the worker runs without sending rather than stopping
 * the server.
 */
export function startServerWorker(
  store: Store,
  log: {
    readonly onLog: (entry: Readonly<Record<string, unknown>>) => void
    readonly errorText: (error: unknown) => unknown
  },
): RunningWorker {
  const config = workerConfigFromEnv()
  if (!config.enabled) {
    return { stop: async () => undefined }
  }
  let sending: SendingConfig | null = null
  try {
    sending = sendingConfigIfAny(outreachConfigFromEnv())
  } catch (error) {
    log.onLog({ level: 'warn', job: 'worker', error: log.errorText(error) })
  }
  return startWorker(store, {
    handlers: JOB_HANDLERS,
    sending,
    via: 'api',
    everyMs: config.everyMs,
    onPass: (pass) => {
      if (pass.done + pass.retried + pass.failed > 0) {
        log.onLog({ level: 'info', job: 'worker', ...pass })
      }
    },
    onError: (error) => log.onLog({ level: 'warn', job: 'worker', error: log.errorText(error) }),
  })
}
