import { spawn } from 'node:child_process'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { PreconditionFailedError } from '../../domain/errors.js'
import { auditTrail, getCaseRow, type Store } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { getCaseAs } from './case-detail.js'
import { moveCase, updateCase } from './move-case.js'
import { openCase } from './open-case.js'

const targets = await caseDialects()

async function freshCase(store: Store, world: CaseWorld): Promise<number> {
  const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
  const opened = await openCase(store, await actorOf(store, world.managerNorth), {
    subject: { kind: 'customer', customerId },
    today: TODAY,
  })
  return opened.id
}

describeWorld('optimistic concurrency (TESTPLAN T6)', targets, (current, target) => {
  it('of 50 concurrent moves made from the same version, exactly one wins', async () => {
    const { store, world } = current()
    const caseId = await freshCase(store, world)
    const who = await actorOf(store, world.managerNorth)
    // PostgreSQL: five pools, ten writers each. SQLite: the one connection a process holds, as the
    // server does; better-sqlite3 is synchronous, so a second connection in the same process would
    // block the event loop while it waits for the write lock
    const extra =
      target.name === 'SQLite'
        ? []
        : await Promise.all(Array.from({ length: 5 }, () => target.open()))
    const stores = extra.length === 0 ? [store] : extra
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, index) =>
          moveCase(stores[index % stores.length] as Store, who, {
            caseId,
            expectedVersion: 1,
            to: 'researching',
            nextStep: `writer ${index}`,
            today: TODAY,
          }),
        ),
      )
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled')
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(49)
      for (const outcome of lost) {
        expect(outcome.reason).toBeInstanceOf(PreconditionFailedError)
      }
    } finally {
      await Promise.all(extra.map((opened) => opened.close()))
    }
    const row = await getCaseRow(store, caseId)
    expect(Number(row?.version)).toBe(2)
    const moves = (await auditTrail(store, 'case', String(caseId))).filter(
      (entry) => entry.action === 'move',
    )
    expect(moves).toHaveLength(1)
    const events = await store.db
      .selectFrom('case_events')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'moved')
      .execute()
    expect(events).toHaveLength(1)
  })

  it('loses no update under any interleaving of read-then-write writers (fc.scheduler)', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.managerNorth)
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const caseId = await freshCase(store, world)
        const writers = Array.from({ length: 4 }, async (_, index) => {
          await s.schedule(Promise.resolve(`read ${index}`))
          const seen = await getCaseAs(store, who, caseId, { today: TODAY })
          await s.schedule(Promise.resolve(`write ${index}`))
          try {
            await updateCase(store, who, {
              caseId,
              expectedVersion: seen.version,
              nextStep: `step of writer ${index}`,
              today: TODAY,
            })
            return { index, basedOn: seen.version }
          } catch (error) {
            if (error instanceof PreconditionFailedError) {
              return null
            }
            throw error
          }
        })
        const results = await s.waitFor(Promise.all(writers))
        const wins = results.filter((result) => result !== null)
        const final = await getCaseAs(store, who, caseId, { today: TODAY })
        // every win consumed a distinct version, and the last one's step is what stands
        expect(new Set(wins.map((win) => win.basedOn)).size).toBe(wins.length)
        expect(final.version).toBe(1 + wins.length)
        const last = wins.reduce((best, win) => (win.basedOn > best.basedOn ? win : best))
        expect(final.nextStep).toBe(`step of writer ${last.index}`)
        const updates = (await auditTrail(store, 'case', String(caseId))).filter(
          (entry) => entry.action === 'update',
        )
        expect(updates).toHaveLength(wins.length)
      }),
      { numRuns: 20 },
    )
  })

  it('of 50 moves from the same version in five processes at once, exactly one wins', async () => {
    const { store, world } = current()
    const caseId = await freshCase(store, world)
    // five processes, ten writers each: on SQLite they meet at the file lock, on PostgreSQL at the row
    const children = Array.from({ length: 5 }, () =>
      runChild([target.location, String(caseId), String(world.vp.id), '10']),
    )
    const results = await Promise.all(children)
    expect(results.flatMap((result) => result.other)).toEqual([])
    expect(results.reduce((sum, result) => sum + result.won, 0)).toBe(1)
    expect(results.reduce((sum, result) => sum + result.stale, 0)).toBe(49)
    const row = await getCaseRow(store, caseId)
    expect(Number(row?.version)).toBe(2)
    const moves = (await auditTrail(store, 'case', String(caseId))).filter(
      (entry) => entry.action === 'move',
    )
    expect(moves).toHaveLength(1)
  })
})

interface ChildResult {
  readonly won: number
  readonly stale: number
  readonly other: readonly string[]
}

function runChild(args: readonly string[]): Promise<ChildResult> {
  const script = new URL('./__fixtures__/concurrent-mover.ts', import.meta.url).pathname
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) {
        resolve(JSON.parse(stdout) as ChildResult)
      } else {
        reject(new Error(`child exited ${code}: ${stderr}`))
      }
    })
  })
}
