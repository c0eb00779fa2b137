import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** One message the sink took: the SMTP envelope and the raw message as it arrived. */
export interface SunkMessage {
  readonly mailFrom: string
  readonly rcptTo: readonly string[]
  readonly raw: string
}

/** A real SMTP server in process (smtp-server) that keeps what it is sent. */
export interface SmtpSink {
  readonly url: string
  readonly messages: SunkMessage[]
  close(): Promise<void>
}

/**
 * Starts an SMTP sink on a free loopback port. `reject` may refuse a recipient with a 550, as a
 * real server refuses an unknown mailbox.
 */
export async function startSmtpSink(
  options: { reject?: (address: string) => boolean } = {},
): Promise<SmtpSink> {
  const messages: SunkMessage[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address) === true) {
        const error = Object.assign(new Error('no such mailbox'), { responseCode: 550 })
        callback(error)
        return
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const from = session.envelope.mailFrom
        messages.push({
          mailFrom: from === false ? '' : from.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The header block of a raw message, unfolded, as [name, value] pairs in order. */
export function headersOf(raw: string): [string, string][] {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? ''
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  return unfolded.split(/\r?\n/).map((line): [string, string] => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()]
  })
}

/** The first header called `name` (any case), or undefined. */
export function headerOf(raw: string, name: string): string | undefined {
  return headersOf(raw).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
}
