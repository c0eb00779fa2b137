import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedCaseWorld } from '../../app/cases/__fixtures__/case-world.js'
import { openStore } from '../../app/index.js'
import { addContacts } from '../../app/outreach/__fixtures__/outreach-world.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']

describe('comeback campaign', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-campaign-'))
  const db = join(dir, 'cli.db')
  const comeback = (args: readonly string[]) =>
    spawnSync(process.execPath, [...CLI, '--db', db, ...args], { encoding: 'utf8' })

  beforeAll(async () => {
    const store = await openStore(db)
    try {
      await store.migrate()
      const world = await seedCaseWorld(store)
      for (let index = 0; index < 12; index += 1) {
        // fixed ids: the holdout is a hash of campaign and customer, so random ids left it empty
        // about one run in 30 (0.75^12), and the lift had no interval to print
        const { customerId } = await addContacts(store, {
          customerId: `C-cli-${index}`,
          ownerId: Number(world.repOld.id),
          contacts: [{ name: `Boss ${index}`, email: `boss-${index}@cli.test` }],
        })
        await store.db
          .updateTable('customers')
          .set({ segment: 'Cli' })
          .where('id', '=', customerId)
          .execute()
        await store.db
          .insertInto('customer_scores')
          .values({
            run_id: world.runId,
            customer_id: customerId,
            status: 'lost',
            status_rule: 'test',
            lost_since: '2024-01-15',
            purchase_days: 1,
            historical_value_minor: 0,
            value_if_won_back_minor: 0,
            win_back_probability: 0.3,
            expected_value_minor: 0,
            explanation: 'test',
          })
          .execute()
      }
    } finally {
      await store.close()
    }
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('creates, launches once, and shows results', () => {
    const created = comeback([
      'campaign',
      'create',
      '--name',
      'Appreciation day',
      '--template',
      'fun-email-appreciation-day',
      '--segment',
      'Cli',
      '--kind',
      'customer',
      '--holdout',
      '0.25',
      '--json',
    ])
    expect(created.stderr).toBe('')
    const made = JSON.parse(created.stdout) as {
      campaign: { id: number }
      members: number
      treated: number
    }
    expect(made.members).toBe(12)
    const id = String(made.campaign.id)
    const first = JSON.parse(comeback(['campaign', 'launch', id, '--json']).stdout)
    expect(first.queued).toBe(made.treated)
    const second = JSON.parse(comeback(['campaign', 'launch', id, '--json']).stdout)
    expect(second).toMatchObject({ queued: 0, alreadyDone: made.treated })
    const list = JSON.parse(comeback(['campaign', 'list', '--json']).stdout) as { status: string }[]
    expect(list).toEqual([expect.objectContaining({ status: 'running' })])
    const results = comeback(['campaign', 'results', id])
    expect(results.stdout).toContain(`treated members`)
    expect(results.stdout).toMatch(
      /lift \(win-back rate\):\s+0\.0 % \(95 % CI -\d+\.\d % to \d+\.\d %, Newcombe 1998\)/,
    )
  }, 120_000)
})
