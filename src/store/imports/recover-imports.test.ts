import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { type DialectTarget, describeEachDialect, testDialects } from './__fixtures__/dialects.js'
import {
  freshPrefix,
  integrityCheck,
  startInput,
  storedOrderCount,
  visibleOrders,
} from './__fixtures__/import-helpers.js'
import { orderRecords } from './__fixtures__/order-records.js'
import { beginImport } from './begin-import.js'
import { recoverImports } from './recover-imports.js'

const dialects = await testDialects()

const WRITER = fileURLToPath(new URL('./__fixtures__/crash-writer.ts', import.meta.url))
const ORDERS = 30_000
const BATCH = 1000
const { CI_LONG } = process.env
const RUNS = CI_LONG === '1' ? 5 : 1

interface WriterRun {
  readonly batches: number
  readonly published: boolean
  readonly killed: boolean
}

/**
 * Runs the crash writer as a child process; with `killAfterBatches`, sends SIGKILL once that many
 * batches are done plus a random few milliseconds, so the kill may land inside a transaction.
 */
function runWriter(
  target: DialectTarget,
  args: { prefix: string; sha: string },
  killAfterBatches: number | null,
): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        WRITER,
        target.location,
        args.prefix,
        args.sha,
        String(ORDERS),
        String(BATCH),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let batches = 0
    let published = false
    let pending = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        batches += line === 'batch' ? 1 : 0
        published ||= line === 'published'
        if (line === 'batch' && batches === killAfterBatches) {
          setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 20))
        }
      }
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) =>
      resolve({ batches, published, killed: signal === 'SIGKILL' }),
    )
  })
}

describeEachDialect('recovering from a crash', dialects, (current, target) => {
  it.each(Array.from({ length: RUNS }, (_, run) => run + 1))(
    'an import killed with SIGKILL midway leaves the visible rows as before; recovery and a re-run publish every row once (run %i)',
    async () => {
      const store = current()
      const prefix = freshPrefix()
      const sha = freshPrefix()
      const visibleBefore = (await visibleOrders(store, prefix)).length
      const killed = await runWriter(target, { prefix, sha }, 2 + Math.floor(Math.random() * 5))
      expect(killed).toMatchObject({ killed: true, published: false })
      expect(await visibleOrders(store, prefix)).toHaveLength(visibleBefore)
      expect(await recoverImports(store, { staleAfterMs: 0 })).toBeGreaterThanOrEqual(1)
      expect(await storedOrderCount(store, prefix)).toBe(0)
      expect(await integrityCheck(store)).toBe('ok')
      const running = await store.db
        .selectFrom('imports')
        .select('id')
        .where('status', '=', 'running')
        .execute()
      expect(running).toEqual([])
      const rerun = await runWriter(target, { prefix, sha }, null)
      expect(rerun).toEqual({ batches: ORDERS / BATCH, published: true, killed: false })
      const visible = await visibleOrders(store, prefix)
      expect(visible).toHaveLength(visibleBefore + ORDERS)
      expect(new Set(visible.map((row) => row.order_key)).size).toBe(ORDERS)
      expect(await integrityCheck(store)).toBe('ok')
    },
  )

  it('leaves a running import with a fresh heartbeat alone and recovers nothing twice', async () => {
    const store = current()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix: freshPrefix(), count: 10 }))
    expect(await recoverImports(store, { staleAfterMs: 60_000 })).toBe(0)
    const row = await store.db
      .selectFrom('imports')
      .select('status')
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('running')
    await session.publish()
    expect(await recoverImports(store, { staleAfterMs: 0 })).toBe(0)
  })

  it('a session whose import was recovered as abandoned can no longer write or publish', async () => {
    const store = current()
    const prefix = freshPrefix()
    const session = await beginImport(store, startInput())
    await session.write(orderRecords({ prefix, count: 10 }))
    expect(await recoverImports(store, { staleAfterMs: 0 })).toBe(1)
    await expect(session.write(orderRecords({ prefix, count: 10 }))).rejects.toThrow(
      /no longer running/,
    )
    await expect(session.publish()).rejects.toThrow(/not running/)
    expect(await storedOrderCount(store, prefix)).toBe(0)
  })
})
