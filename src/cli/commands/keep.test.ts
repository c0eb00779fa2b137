import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, openStore } from '../../app/index.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']

function comeback(db: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [...CLI, '--db', db, ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function comebackJson(db: string, args: readonly string[]): unknown {
  const run = comeback(db, args)
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
  return JSON.parse(run.stdout)
}

const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

/** A rep's customer C-1 with three incidents this year: the let-go rule's default fires. */
async function seed(db: string): Promise<void> {
  const store = await openStore(db)
  try {
    await store.migrate()
    const rep = await createUser(store, {
      email: 'rep@cli-keep.test',
      name: 'Rita',
      role: 'rep',
      started_on: '2018-01-01',
    })
    await store.db
      .insertInto('customers')
      .values({
        id: 'C-1',
        name: 'Acme',
        segment: null,
        territory: null,
        owner_id: rep.id,
        created_at: new Date().toISOString(),
        import_id: null,
      })
      .execute()
    await store.db
      .insertInto('incidents')
      .values(
        [10, 40, 90].map((days) => ({
          incident_key: `i-${days}`,
          customer_id: 'C-1',
          kind: 'late_delivery',
          occurred_on: daysAgo(days),
          cost_minor: 10_000,
          currency: 'USD',
          description: null,
          import_id: null,
        })),
      )
      .execute()
  } finally {
    await store.close()
  }
}

describe('comeback letgo, alerts and relapse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-keep-'))
  const db = join(dir, 'keep.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  beforeAll(async () => {
    await seed(db)
  })

  it('suggests letting C-1 go with the rule shown, marks it once, then suggests it no more', () => {
    const before = comebackJson(db, ['letgo', 'suggest', '--json']) as {
      customerId: string
      reason: string
      rule: string
    }[]
    expect(before).toEqual([
      expect.objectContaining({
        customerId: 'C-1',
        reason: 'too_many_incidents',
        rule: '3 incidents in 365 days (rule: 3 or more)',
      }),
    ])
    const refused = comeback(db, ['letgo', 'mark', 'C-1', '--reason', 'rude'])
    expect(refused.status).not.toBe(0)
    expect(refused.stderr.split('\n')[0]).toContain('reason: one of difficult')
    const marked = comeback(db, ['letgo', 'mark', 'C-1', '--reason', 'difficult', '--note', 'x'])
    expect(marked.status).toBe(0)
    expect(marked.stdout).toMatch(/^C-1 let go; task \d+: leave them happy, ask for a referral/)
    expect(comeback(db, ['letgo', 'mark', 'C-1', '--reason', 'difficult']).stdout).toBe(
      'C-1 was already let go\n',
    )
    expect(comebackJson(db, ['letgo', 'suggest', '--json'])).toEqual([])
  }, 300_000)

  it('prints alerts and the re-lapse report as JSON', () => {
    expect(comebackJson(db, ['alerts', '--json'])).toEqual([])
    const report = comebackJson(db, ['relapse', '--json', '--as-of', '2025-06-30']) as {
      asOf: string
      total: { wins: number; rate: number | null }
    }
    expect(report.asOf).toBe('2025-06-30')
    expect(report.total).toMatchObject({ wins: 0, rate: null })
    const watch = comeback(db, ['alerts', 'watch'])
    expect(watch).toMatchObject({ status: 0, stderr: '' })
    expect(watch.stdout).toBe('0 watched reasons back, 0 P(alive) slips, 0 re-lapses alerted\n')
  }, 300_000)
})
