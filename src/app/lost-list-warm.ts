import { NotFoundError } from '../domain/errors.js'
import { readDataVersion, type Store } from '../store/index.js'
import { searchTextOf } from './lost-list-search.js'
import { currentRunSummary, type RunSummary } from './run-summary.js'

/**
 * Builds the newest run's lost-list summary (counts, the in-memory sort index, lost deals) and the
 * search's names now, so that the first request (or first search) does not wait the several
 * seconds a million customers take to read.
 * Resolves false when there is no analysis yet (nothing to build), true once built.
 * @example await warmLostList(store) // at server start, before or right after listening
 */
export async function warmLostList(store: Store): Promise<boolean> {
  return (await summaryIfAny(store)) !== null
}

const WAIT_MS = 100

async function summaryIfAny(store: Store): Promise<RunSummary | null> {
  try {
    let found = await currentRunSummary(store)
    // while a newer version of the same run is summed, the last one answers: wait for the newer
    while (!found.current) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS))
      found = await currentRunSummary(store)
    }
    await searchTextOf(store, found.summary.index)
    return found.summary
  } catch (error) {
    if (error instanceof NotFoundError) {
      return null
    }
    throw error
  }
}

/** What `keepLostListWarm` returns: stops the watch. */
export interface LostListWarmer {
  /** stops watching; resolves once a look or build under way has finished, so the store may close */
  stop(): Promise<void>
}

const DEFAULT_WATCH_MS = 2_000

/** How `keepLostListWarm` watches, and whom it tells. */
export interface LostListWarmOptions {
  /** how often to look at the data version, ms (default 2,000) */
  readonly everyMs?: number
  /** called with the run id once a summary is built for a new version of the data */
  readonly onWarm?: (runId: number) => void
  /** called when a look or a build failed; the next tick tries again */
  readonly onError?: (error: unknown) => void
}

/**
 * Watches the data version (one cheap statement every `everyMs`) and rebuilds the lost-list summary
 * as soon as it changes — a run published by `comeback analyze` in another process, an import, an
 * ownership change — so a reader rarely waits for it.
 * @example const warmer = keepLostListWarm(store); …; await warmer.stop()
 */
export function keepLostListWarm(store: Store, options: LostListWarmOptions = {}): LostListWarmer {
  let seen = ''
  let running: Promise<void> | null = null
  let stopped = false
  const look = async () => {
    try {
      const version = JSON.stringify(await readDataVersion(store))
      const summary = version === seen ? null : await summaryIfAny(store)
      if (summary !== null) {
        seen = version
        options.onWarm?.(summary.runId)
      }
    } catch (error) {
      options.onError?.(error)
    }
  }
  const tick = () => {
    if (running === null && !stopped) {
      // cleared in a callback, which always runs after this assignment
      running = look().finally(() => {
        running = null
      })
    }
  }
  const timer = setInterval(tick, options.everyMs ?? DEFAULT_WATCH_MS)
  // the watch never keeps a process alive on its own
  timer.unref()
  tick()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
