import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ImportKind, RecordByKind, RejectedRecord } from '../../domain/records.js'
import { unpackRecords } from './batch-codec.js'
import type { ParseOptions } from './parse-csv-file.js'
import { RECORD_CODECS } from './record-codecs.js'
import { deserializeError, type WorkerMessage } from './worker-messages.js'

/** One batch from the parse worker, unpacked on the main thread. */
export interface WorkerBatch<TKind extends ImportKind> {
  readonly records: RecordByKind[TKind][]
  readonly rejects: RejectedRecord[]
  /** the customers these records name that no earlier record of the file named */
  readonly newCustomerIds: string[]
  /** one per record: 0 when its key is met for the first time in the file, 1 when it may repeat */
  readonly maybeRepeats: Uint8Array
  readonly read: number
  readonly bytesRead: number
}

/**
 * Parses a CSV file in a worker thread and yields its batches; the worker reads ahead a few
 * batches while the caller writes, and waits for the caller beyond that. Runs from compiled
 * JavaScript and, under tsx or Vitest, from TypeScript (the worker then loads tsx).
 * @example for await (const batch of parseInWorker<'orders'>(options)) await session.write(batch.records)
 */
export async function* parseInWorker<TKind extends ImportKind>(
  options: ParseOptions,
): AsyncGenerator<WorkerBatch<TKind>, { read: number; bytesRead: number }> {
  const worker = startWorker(options)
  const inbox = createInbox(worker)
  const codec = RECORD_CODECS[options.kind as TKind]
  try {
    for (;;) {
      const message = await inbox.next()
      if (message.type === 'error') {
        throw deserializeError(message.error)
      }
      if (message.type === 'done') {
        return { read: message.read, bytesRead: message.bytesRead }
      }
      const { packed, rejects, newCustomerIds, maybeRepeats, read, bytesRead } = message
      const records = unpackRecords(codec, packed)
      yield { records, rejects, newCustomerIds, maybeRepeats, read, bytesRead }
      worker.postMessage('ack')
    }
  } finally {
    await worker.terminate()
  }
}

function startWorker(options: ParseOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    // a worker cannot take every flag its parent got (node --input-type=module -e …)
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'))
    return new Worker(new URL('./parse-worker.js', import.meta.url), {
      workerData: options,
      execArgv,
    })
  }
  // running from TypeScript (tsx, Vitest): the worker registers tsx before loading its entry
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json')
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href
  const entry = new URL('./parse-worker.ts', import.meta.url).href
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, { eval: true, workerData: options })
}

/** queues the worker's messages (and its crash, as an error message) for one reader */
function createInbox(worker: Worker): { next(): Promise<WorkerMessage> } {
  const queue: WorkerMessage[] = []
  let waiting: ((message: WorkerMessage) => void) | undefined
  const deliver = (message: WorkerMessage): void => {
    if (waiting === undefined) {
      queue.push(message)
    } else {
      const resolve = waiting
      waiting = undefined
      resolve(message)
    }
  }
  worker.on('message', deliver)
  worker.on('error', (error: Error) => {
    deliver({
      type: 'error',
      error: { comeback: false, code: 'INTERNAL', message: error.message, issues: [] },
    })
  })
  worker.on('exit', (code) => {
    const message = `the parse worker stopped early (exit code ${code})`
    deliver({ type: 'error', error: { comeback: false, code: 'INTERNAL', message, issues: [] } })
  })
  return {
    next: () => {
      const queued = queue.shift()
      if (queued !== undefined) {
        return Promise.resolve(queued)
      }
      return new Promise((resolve) => {
        waiting = resolve
      })
    },
  }
}
