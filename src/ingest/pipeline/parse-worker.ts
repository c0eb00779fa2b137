// the parse worker's entry: parses one file and posts packed batches, at most a few ahead of the writer
import { parentPort, workerData } from 'node:worker_threads'
import type { ImportKind } from '../../domain/records.js'
import { packRecords } from './batch-codec.js'
import { type ParseOptions, parseCsvFile } from './parse-csv-file.js'
import { RECORD_CODECS } from './record-codecs.js'
import { serializeError, type WorkerMessage } from './worker-messages.js'

const MAX_BATCHES_AHEAD = 6

async function run(): Promise<void> {
  const port = parentPort
  if (port === null) {
    throw new Error('parse-worker must run as a worker thread')
  }
  const options = workerData as ParseOptions
  const codec = RECORD_CODECS[options.kind as ImportKind]
  let ahead = 0
  let wake: (() => void) | undefined
  port.on('message', () => {
    ahead--
    wake?.()
  })
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => {
    port.postMessage(message, transfer)
  }
  try {
    const summary = await parseCsvFile(options, async (batch) => {
      const packed = packRecords(codec, batch.records)
      const { read, bytesRead, rejects, newCustomerIds, maybeRepeats } = batch
      post({ type: 'batch', packed, rejects, newCustomerIds, maybeRepeats, read, bytesRead }, [
        maybeRepeats.buffer as ArrayBuffer,
        packed.lengths.buffer as ArrayBuffer,
        packed.numbers.buffer as ArrayBuffer,
        packed.words.buffer as ArrayBuffer,
      ])
      ahead++
      while (ahead >= MAX_BATCHES_AHEAD) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
    })
    post({ type: 'done', ...summary })
  } catch (error) {
    post({ type: 'error', error: serializeError(error) })
  }
}

await run()
