import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** The hex SHA-256 of a file's bytes, streamed (flat memory). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer)
  }
  return hash.digest('hex')
}
