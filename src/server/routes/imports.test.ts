import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImportJobs } from '../../app/index.js'
import { isFormulaRisk } from '../../domain/csv-cell.js'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { splitBytes } from '../../test-support/csv-split.js'
import { createApp } from '../app.js'
import type { ImportFieldsResponse, ImportJob, ImportListResponse } from '../contract/imports.js'
import { listen } from '../listen.js'
import type { ServerEnv } from '../server-env.js'

const targets = await storeTargets()
const MAX_UPLOAD = 4096

// risky text in every column the report repeats: the raw record and the rejected value
const HOSTILE_ROWS = [
  'A-001,2024-02-01,120.50,W-1',
  'A-002,=HYPERLINK("http://evil.example"),10.00,W-2',
  'A-003,2024-03-05,+1555-000-0101,W-3',
  'A-004,@SUM(A1:A9),5.00,W-4',
  'A-005,2024-04-02,99.99,W-5',
  'A-006,\t-2+3,1.00,W-6',
]
const HOSTILE_CSV = `customer_id,ordered_on,amount,order_id\n${HOSTILE_ROWS.join('\n')}\n`

/** A body that counts how much of it the server pulled, `chunks` pieces of 1 KiB. */
function countingBody(chunks: number, firstBytes = new Uint8Array(0)) {
  const pulled = { chunks: 0 }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks >= chunks) {
        controller.close()
        return
      }
      pulled.chunks += 1
      const piece = new Uint8Array(1024).fill(0x61)
      piece.set(pulled.chunks === 1 ? firstBytes : new Uint8Array(0))
      controller.enqueue(piece)
    },
  })
  return { stream, pulled }
}

// an upload's folder goes once its import has ended, a moment after the import says so
async function uploadsLeft(dir: string): Promise<string[]> {
  for (let tries = 0; tries < 100 && readdirSync(dir).length > 0; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return readdirSync(dir)
}

describe.each(targets)('imports over the API on $name (TESTPLAN T14, T17, T18)', (target) => {
  let fixture: ApiFixture
  let analyst: Credentials
  let uploadDir: string
  let limited: Hono<ServerEnv>
  let jobs: ImportJobs

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    analyst = await signInAs(fixture, 'analyst')
    uploadDir = mkdtempSync(join(tmpdir(), 'comeback-uploads-'))
    jobs = new ImportJobs(fixture.store, {
      uploadDir,
      maxUploadBytes: MAX_UPLOAD,
      maxStartsPerHour: 4,
    })
    limited = createApp({ store: fixture.store, log: () => undefined, importJobs: jobs })
  })
  afterAll(async () => {
    await jobs.close()
    await fixture.close()
    rmSync(uploadDir, { recursive: true, force: true })
  })

  function upload(
    body: string | ReadableStream<Uint8Array>,
    options: { query?: string; headers?: Record<string, string>; as?: Credentials | null } = {},
  ): Promise<Response> {
    const credentials = options.as === undefined ? analyst : options.as
    return Promise.resolve(
      limited.request(`http://localhost/api/imports?${options.query ?? 'kind=orders'}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'text/csv',
          ...(credentials === null
            ? {}
            : { cookie: credentials.cookie, 'x-csrf-token': credentials.csrfToken }),
          ...options.headers,
        },
        duplex: 'half',
      } as RequestInit),
    )
  }

  async function finished(id: number): Promise<ImportJob> {
    for (let tries = 0; tries < 400; tries += 1) {
      // the app that started it knows its progress
      const response = await limited.request(`http://localhost/api/imports/${id}`, {
        headers: { cookie: analyst.cookie },
      })
      const job = (await response.json()) as ImportJob
      if (job.state !== 'running') {
        return job
      }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`import ${id} did not finish`)
  }

  it('imports an upload in the background and offers its rejected rows as a formula-safe CSV', async () => {
    const response = await upload(HOSTILE_CSV, { query: 'kind=orders&fileName=hostile.csv' })
    expect(response.status, await response.clone().text()).toBe(202)
    const started = (await response.json()) as ImportJob
    expect(started).toMatchObject({ kind: 'orders', fileName: 'hostile.csv' })
    const job = await finished(started.id)
    expect(job).toMatchObject({ state: 'committed', inserted: 2, rejected: 4, error: null })
    expect(job.bytesRead).toBe(Buffer.byteLength(HOSTILE_CSV))
    expect(job.bytesTotal).toBe(Buffer.byteLength(HOSTILE_CSV))
    expect(job.rejectsUrl).toBe(`/api/imports/${job.id}/rejects.csv`)

    const report = await call(fixture, { method: 'GET', path: job.rejectsUrl ?? '', as: analyst })
    expect(report.status).toBe(200)
    expect(report.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(report.headers.get('content-disposition')).toMatch(
      /^attachment; filename="import-\d+-rejects\.csv"$/,
    )
    const parsed = splitBytes(new Uint8Array(await report.arrayBuffer()))
    expect(parsed.rejects).toEqual([])
    expect(parsed.header).toEqual(['line', 'field', 'code', 'message', 'raw'])
    expect(parsed.records.map((record) => record.fields[0])).toEqual(['3', '4', '5', '7'])
    for (const record of parsed.records) {
      for (const cell of record.fields) {
        expect(isFormulaRisk(cell), cell).toBe(false)
      }
    }
    const raws = parsed.records.map((record) => record.fields[4])
    expect(raws).toEqual(
      [HOSTILE_ROWS[1], HOSTILE_ROWS[2], HOSTILE_ROWS[3], HOSTILE_ROWS[5]].map((row) =>
        isFormulaRisk(row ?? '') ? `'${row}` : row,
      ),
    )
    expect(await uploadsLeft(uploadDir)).toEqual([])
  })

  it('lists imports newest first and says which fields each kind reads', async () => {
    const list = await call(fixture, { method: 'GET', path: '/api/imports', as: analyst })
    const { items } = (await list.json()) as ImportListResponse
    expect(items.length).toBeGreaterThan(0)
    expect(items.map((item) => item.id)).toEqual(
      [...items.map((item) => item.id)].sort((a, b) => b - a),
    )
    const first = await call(fixture, { method: 'GET', path: '/api/imports?limit=1', as: analyst })
    const firstPage = (await first.json()) as ImportListResponse
    expect(firstPage.items.map((item) => item.id)).toEqual([items[0]?.id])
    const second = await call(fixture, {
      method: 'GET',
      path: `/api/imports?limit=1&beforeId=${firstPage.nextBeforeId}`,
      as: analyst,
    })
    const secondPage = (await second.json()) as ImportListResponse
    expect(secondPage.items.map((item) => item.id)).toEqual(items.length > 1 ? [items[1]?.id] : [])
    const fields = await call(fixture, { method: 'GET', path: '/api/imports/fields', as: analyst })
    const { kinds } = (await fields.json()) as ImportFieldsResponse
    expect(kinds.orders.find((field) => field.name === 'customer_id')?.required).toBe(true)
    expect(Object.keys(kinds).sort()).toEqual([
      'contacts',
      'contracts',
      'customers',
      'deals',
      'incidents',
      'orders',
    ])
  })

  it('refuses a declared size over the limit with 413 before reading the body', async () => {
    const body = countingBody(64)
    const response = await upload(body.stream, {
      headers: { 'content-length': String(64 * 1024) },
    })
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    )
    expect(body.pulled.chunks).toBeLessThanOrEqual(1)
  })

  it('stops reading an undeclared body as soon as it passes the limit, and keeps nothing', async () => {
    const body = countingBody(1000)
    const response = await upload(body.stream)
    expect(response.status).toBe(413)
    // the limit is 4 KiB: a few pieces past it at most, never the whole megabyte
    expect(body.pulled.chunks).toBeLessThan(10)
    expect(await uploadsLeft(uploadDir)).toEqual([])
  })

  it('answers 413 over a real socket while the client is still sending the body', async () => {
    const server = await listen(limited, { port: 0, hostname: '127.0.0.1' })
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const sending = request(`${server.url}/api/imports?kind=orders`, {
          method: 'POST',
          headers: {
            'content-type': 'text/csv',
            'content-length': String(100 * 1024 * 1024),
            cookie: analyst.cookie,
            'x-csrf-token': analyst.csrfToken,
          },
        })
        sending.on('response', (response) => {
          resolve(response.statusCode ?? 0)
          sending.destroy()
        })
        sending.on('error', (error) => reject(error))
        // a first piece of a declared 100 MiB body, never the rest
        sending.write(Buffer.alloc(64 * 1024, 0x61))
      })
      expect(status).toBe(413)
    } finally {
      await server.close()
    }
  })

  it('refuses PNG, ELF, gzip and zip files named .csv, and keeps nothing', async () => {
    const before = await fixture.store.db.selectFrom('imports').select('id').execute()
    const signatures = [
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00],
      [0x1f, 0x8b, 0x08, 0x00],
      [0x50, 0x4b, 0x03, 0x04],
    ]
    for (const signature of signatures) {
      const body = countingBody(3, new Uint8Array(signature))
      const response = await upload(body.stream, { query: 'kind=orders&fileName=orders.csv' })
      expect(response.status, signature.join(',')).toBe(400)
      const text = await response.text()
      expect(text).not.toContain(uploadDir)
    }
    expect(await fixture.store.db.selectFrom('imports').select('id').execute()).toEqual(before)
    expect(await uploadsLeft(uploadDir)).toEqual([])
  })

  it('keeps only the last part of a file name, so ../ leads nowhere', async () => {
    const csv = 'customer_id,ordered_on,amount\nA-009,2024-05-05,1.00\n'
    const response = await upload(csv, {
      query: `kind=orders&fileName=${encodeURIComponent('../../../etc/passwd.csv')}`,
    })
    expect(response.status).toBe(202)
    const job = await finished(((await response.json()) as ImportJob).id)
    expect(job.fileName).toBe('passwd.csv')
    expect(await uploadsLeft(uploadDir)).toEqual([])
  })

  it('refuses a JSON body, a missing session and a missing CSRF token', async () => {
    const json = await upload('{"a":1}', { headers: { 'content-type': 'application/json' } })
    expect(json.status).toBe(400)
    const anonymous = await upload('customer_id\nA-1\n', { as: null })
    expect(anonymous.status).toBe(401)
    const noToken = await limited.request('http://localhost/api/imports?kind=orders', {
      method: 'POST',
      body: 'customer_id\nA-1\n',
      headers: { 'content-type': 'text/csv', cookie: analyst.cookie },
    })
    expect(noToken.status).toBe(403)
  })

  it("answers 429 with Retry-After past a user's imports per hour", async () => {
    const statuses: number[] = []
    let last: Response | undefined
    for (let n = 0; n < 4; n += 1) {
      last = await upload(`customer_id,ordered_on,amount\nA-0${n}0,2024-05-0${n + 1},${n}.00\n`)
      statuses.push(last.status)
    }
    // the earlier tests started two of this hour's four
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0)
    expect(last?.status).toBe(429)
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
