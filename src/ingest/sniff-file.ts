import { open, stat } from 'node:fs/promises'
import { ComebackError, ValidationError } from '../domain/errors.js'

/** magic numbers of files that are surely not CSV text (TESTPLAN T17) */
const BINARY_SIGNATURES: readonly { name: string; bytes: readonly number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'an ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'a zip archive (or xlsx)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'an xls workbook', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
]

/**
 * Checks that `path` is a readable regular file that looks like text, and returns its size.
 * @throws ValidationError (one clear line naming the file) when it is missing, a folder,
 * unreadable, or a known binary format
 */
export async function sniffFile(path: string): Promise<{ sizeBytes: number }> {
  let sizeBytes: number
  const head = new Uint8Array(512)
  let length: number
  try {
    const info = await stat(path)
    if (!info.isFile()) {
      throw new ValidationError(`cannot read ${path}: it is not a file`)
    }
    sizeBytes = info.size
    const file = await open(path, 'r')
    try {
      length = (await file.read(head, 0, head.length, 0)).bytesRead
    } finally {
      await file.close()
    }
  } catch (error) {
    if (error instanceof ComebackError) {
      throw error
    }
    throw new ValidationError(`cannot read ${path}: ${describeFsError(error)}`, { cause: error })
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new ValidationError(`${path} is UTF-16 text: save it as UTF-8 CSV and import it again`)
  }
  const binary = BINARY_SIGNATURES.find((signature) =>
    signature.bytes.every((byte, index) => head[index] === byte),
  )
  if (binary !== undefined || head.subarray(0, length).includes(0)) {
    throw new ValidationError(`${path} is ${binary?.name ?? 'a binary file'}, not a CSV text file`)
  }
  return { sizeBytes }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOENT') {
    return 'no such file'
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return 'permission denied'
  }
  if (code === 'EISDIR') {
    return 'it is a folder'
  }
  return error instanceof Error ? error.message : String(error)
}
