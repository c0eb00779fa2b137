// the bench's HTTP client: keep-alive requests to the server under test, and signing in
import { Agent, request } from 'node:http'

/** The password the bench store gives the users it signs in as. */
export const BENCH_PASSWORD = 'bench password, long enough'

const agent = new Agent({ keepAlive: true, maxSockets: 256 })

function send(
  url: string,
  options: { method: string; path: string; cookie?: string; body?: string },
): Promise<{ status: number; body: string; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path, url)
    const call = request(
      target,
      {
        agent,
        method: options.method,
        headers: {
          accept: 'application/json',
          ...(options.cookie === undefined ? {} : { cookie: options.cookie }),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: response.headers['set-cookie'] ?? [],
          }),
        )
      },
    )
    call.on('error', reject)
    call.end(options.body)
  })
}

export async function signIn(url: string, email: string): Promise<string> {
  const answer = await send(url, {
    method: 'POST',
    path: '/api/session',
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  })
  const cookie = answer.setCookie
    .map((line) => line.split(';')[0])
    .find((pair) => pair?.startsWith('__Host-'))
  if (answer.status !== 200 || cookie === undefined) {
    throw new Error(`bench sign-in as ${email} failed: ${answer.status} ${answer.body}`)
  }
  return cookie
}

export async function get(url: string, path: string, cookie: string): Promise<number> {
  const answer = await send(url, { method: 'GET', path, cookie })
  return answer.status
}
