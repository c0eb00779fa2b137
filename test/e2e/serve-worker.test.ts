import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { queueEmail, workerActor } from '../../src/app/index.js'
import { addContacts } from '../../src/app/outreach/__fixtures__/outreach-world.js'
import { startSmtpSink } from '../../src/app/outreach/__fixtures__/smtp-sink.js'
import { createUser, openStore } from '../../src/store/index.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`no match for ${pattern} in: ${seen}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      const match = seen.match(pattern)
      if (match !== null) {
        clearTimeout(timer)
        resolve(match)
      }
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing: ${seen}`)))
  })
}

/** A database with one queued win-back email to `address`; returns the message id. */
async function databaseWithQueuedEmail(path: string, address: string): Promise<number> {
  const store = await openStore(path)
  try {
    await store.migrate()
    const owner = await createUser(store, {
      email: 'owner@serve-worker.test',
      name: 'Owner',
      role: 'rep',
      manager_id: null,
      started_on: '2020-01-01',
      active: 1,
      password_hash: null,
    })
    const { contactIds } = await addContacts(store, {
      ownerId: Number(owner.id),
      contacts: [{ name: 'Quinn Queued', email: address }],
    })
    const queued = await queueEmail(store, workerActor('cli'), {
      contactId: contactIds[0] as number,
      templateKey: 'fun-email-appreciation-day',
    })
    return queued.id
  } finally {
    await store.close()
  }
}

const emailEnv = (smtpUrl: string) => ({
  COMEBACK_SMTP_URL: smtpUrl,
  COMEBACK_PUBLIC_URL: 'https://comeback.test',
  COMEBACK_MAIL_FROM: 'winback@sender.test',
  COMEBACK_POSTAL_ADDRESS: '1 Harbour Street, Springfield 12345',
  COMEBACK_UNSUBSCRIBE_SECRET: 'test-secret-test-secret-test-secret-0123',
})

describe('the background worker in the server and on its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-serve-worker-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('serve runs the jobs in-process: a queued email goes out, and SIGTERM stops it leaving no WAL', async () => {
    const path = join(dir, 'serve.db')
    const messageId = await databaseWithQueuedEmail(path, 'quinn@serve-worker.test')
    const sink = await startSmtpSink()
    const child = spawn(process.execPath, [...CLI, '--db', path, 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...emailEnv(sink.url), COMEBACK_WORKER_INTERVAL_MS: '200' },
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    try {
      await waitForOutput(child, /at (http:\/\/127\.0\.0\.1:\d+)\/api/)
      for (let tries = 0; tries < 150 && sink.messages.length === 0; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(sink.messages.map((message) => message.rcptTo)).toEqual([['quinn@serve-worker.test']])
    } finally {
      child.kill('SIGTERM')
      await sink.close()
    }
    expect(await exited).toBe(0)
    expect(existsSync(`${path}-wal`)).toBe(false)
    const store = await openStore(path)
    try {
      const message = await store.db
        .selectFrom('outbox_messages')
        .select('status')
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow()
      expect(message.status).toBe('sent')
      const jobs = await store.db
        .selectFrom('jobs' as never)
        .select(['kind' as never, 'status' as never])
        .execute()
      expect(jobs).toEqual(
        expect.arrayContaining([
          { kind: 'outbox.send', status: 'done' },
          { kind: 'shadow.cadence', status: 'done' },
          { kind: 'cases.resume', status: 'done' },
        ]),
      )
    } finally {
      await store.close()
    }
  })

  it('with COMEBACK_WORKER=off the server sends nothing; `comeback worker --once` then does', async () => {
    const path = join(dir, 'off.db')
    await databaseWithQueuedEmail(path, 'otto@serve-worker.test')
    const sink = await startSmtpSink()
    try {
      const child = spawn(process.execPath, [...CLI, '--db', path, 'serve', '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...emailEnv(sink.url),
          COMEBACK_WORKER: 'off',
          COMEBACK_WORKER_INTERVAL_MS: '100',
        },
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      try {
        await waitForOutput(child, /at (http:\/\/127\.0\.0\.1:\d+)\/api/)
        // twenty intervals: a running worker would have sent it by now
        await new Promise((resolve) => setTimeout(resolve, 2_000))
        expect(sink.messages).toHaveLength(0)
      } finally {
        child.kill('SIGTERM')
      }
      expect(await exited).toBe(0)
      const once = spawn(process.execPath, [...CLI, '--db', path, 'worker', '--once', '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...emailEnv(sink.url) },
      })
      let stdout = ''
      once.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
      })
      expect(await new Promise((resolve) => once.once('exit', resolve))).toBe(0)
      const pass = JSON.parse(stdout) as { done: number; enqueued: string[] }
      expect(pass.enqueued).toEqual(
        expect.arrayContaining([expect.stringMatching(/^outbox\.send:/)]),
      )
      expect(pass.done).toBe(pass.enqueued.length)
      expect(sink.messages.map((message) => message.rcptTo)).toEqual([['otto@serve-worker.test']])
    } finally {
      await sink.close()
    }
  })
})
