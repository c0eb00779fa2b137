import { ComebackError, type ErrorCode, type Issue } from '../../domain/errors.js'
import type { RejectedRecord } from '../../domain/records.js'
import type { PackedBatch } from './batch-codec.js'

/** What the parse worker tells the main thread. */
export type WorkerMessage =
  | {
      type: 'batch'
      packed: PackedBatch
      rejects: RejectedRecord[]
      newCustomerIds: string[]
      maybeRepeats: Uint8Array
      read: number
      bytesRead: number
    }
  | { type: 'done'; read: number; bytesRead: number }
  | { type: 'error'; error: SerializedError }

/** An error as plain data, so it survives the hop between threads with its code and issues. */
export interface SerializedError {
  readonly comeback: boolean
  readonly code: ErrorCode
  readonly message: string
  readonly issues: readonly Issue[]
  readonly stack?: string
}

/** Turns anything thrown in the worker into plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof ComebackError) {
    const { code, message, issues } = error
    return { comeback: true, code, message, issues, ...stackOf(error) }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { comeback: false, code: 'INTERNAL', message, issues: [], ...stackOf(error) }
}

/** Rebuilds a thrown error on the main thread. */
export function deserializeError(error: SerializedError): Error {
  if (!error.comeback) {
    const plain = new Error(error.message)
    if (error.stack !== undefined) {
      plain.stack = error.stack
    }
    return plain
  }
  return new ComebackError(error.code, error.message, { issues: error.issues })
}

function stackOf(error: unknown): { stack?: string } {
  return error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}
}
