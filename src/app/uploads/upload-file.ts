import { createHash } from 'node:crypto'
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ComebackError, ValidationError } from '../../domain/errors.js'
import { sniffFile } from '../../ingest/index.js'

/** An uploaded file, stored whole on disk. */
export interface ReceivedUpload {
  /** the folder made for it alone (remove it when done) */
  readonly folder: string
  readonly path: string
  readonly fileName: string
  readonly sizeBytes: number
  readonly sha256: string
}

/** How to receive an upload. */
export interface UploadOptions {
  /** where to make the upload's own folder */
  readonly dir: string
  /** the name the client gave; only its last part is kept */
  readonly fileName: string
  readonly maxBytes: number
  /** the `Content-Length` the client declared, if any */
  readonly declaredBytes?: number
}

// sniffFile reads this many bytes to tell text from a binary file
const SNIFF_BYTES = 512
const MAX_NAME_LENGTH = 120
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g

/**
 * The part of a client's file name that is safe as a file name: its last path segment without
 * control characters or leading dots, at most 120 characters; `upload.csv` when nothing is left.
 * A name like `../../etc/passwd` becomes `passwd` (TESTPLAN T17).
 * @example safeFileName('..\\..\\orders 2024.csv') // 'orders 2024.csv'
 */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? ''
  const cleaned = last
    .replace(CONTROL_CHARACTERS, '')
    .replace(/^[.\s]+/, '')
    .trim()
  return cleaned === '' ? 'upload.csv' : cleaned.slice(0, MAX_NAME_LENGTH)
}

function tooLarge(maxBytes: number): ComebackError {
  return new ComebackError(
    'PAYLOAD_TOO_LARGE',
    `the file is larger than the ${Math.floor(maxBytes / (1024 * 1024))} MiB an upload may be`,
  )
}

/**
 * Streams a request body into a new file of its own folder under `dir`, hashing it on the way:
 * refused with PAYLOAD_TOO_LARGE before reading when the declared size is too big, and as soon as
 * the bytes pass `maxBytes` otherwise (never buffered whole in memory); refused as INVALID_INPUT
 * from its first bytes when it is a binary file (PNG, ELF, zip, gzip …) whatever its name says.
 * On any refusal nothing is left on disk.
 * @example const upload = await receiveUpload(request.body, { dir: tmpdir(), fileName: 'orders.csv', maxBytes: 1 << 30 })
 */
export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  options: UploadOptions,
): Promise<ReceivedUpload> {
  if (options.declaredBytes !== undefined && options.declaredBytes > options.maxBytes) {
    await body?.cancel().catch(() => undefined)
    throw tooLarge(options.maxBytes)
  }
  if (body === null) {
    throw new ValidationError('send the CSV file as the request body')
  }
  const folder = await mkdtemp(join(options.dir, 'upload-'))
  const fileName = safeFileName(options.fileName)
  const path = join(folder, fileName)
  const file = await open(path, 'wx')
  try {
    const { sizeBytes, sha256 } = await copyBody(body, file, { path, maxBytes: options.maxBytes })
    return { folder, path, fileName, sizeBytes, sha256 }
  } catch (error) {
    await file.close().catch(() => undefined)
    await rm(folder, { recursive: true, force: true })
    throw error
  } finally {
    await file.close().catch(() => undefined)
  }
}

async function copyBody(
  body: ReadableStream<Uint8Array>,
  file: FileHandle,
  limits: { path: string; maxBytes: number },
): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash('sha256')
  const reader = body.getReader()
  let sizeBytes = 0
  let sniffed = false
  try {
    for (let step = await reader.read(); step.done !== true; step = await reader.read()) {
      sizeBytes += step.value.byteLength
      if (sizeBytes > limits.maxBytes) {
        throw tooLarge(limits.maxBytes)
      }
      hash.update(step.value)
      await file.write(step.value)
      if (!sniffed && sizeBytes >= SNIFF_BYTES) {
        sniffed = true
        await sniff(limits.path)
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined)
    throw error
  }
  if (sizeBytes === 0) {
    throw new ValidationError('the file is empty')
  }
  if (!sniffed) {
    await sniff(limits.path)
  }
  return { sizeBytes, sha256: hash.digest('hex') }
}

// the same check as the CLI's, without the server's temporary path in the message
async function sniff(path: string): Promise<void> {
  try {
    await sniffFile(path)
  } catch (error) {
    if (error instanceof ComebackError) {
      throw new ValidationError(error.message.replaceAll(path, 'the file'), { cause: error })
    }
    throw error
  }
}
