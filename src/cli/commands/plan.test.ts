import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, openStore } from '../../app/index.js'
import { pdfText } from '../../test-support/poppler.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']
const MANAGER = 'manager@cli-plan.test'
const REP = 'rep@cli-plan.test'

function comeback(db: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [...CLI, '--db', db, ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function comebackJson(db: string, args: readonly string[]): unknown {
  const run = comeback(db, args)
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
  return JSON.parse(run.stdout)
}

/** A manager (Маргарита) and their rep, and customer C-1 owned by the rep. */
async function seed(db: string): Promise<void> {
  const store = await openStore(db)
  try {
    await store.migrate()
    const manager = await createUser(store, {
      email: MANAGER,
      name: 'Маргарита Соколова',
      role: 'manager',
      started_on: '2016-01-01',
    })
    const rep = await createUser(store, {
      email: REP,
      name: 'Rita',
      role: 'rep',
      manager_id: manager.id,
      started_on: '2018-01-01',
    })
    await store.db
      .insertInto('customers')
      .values({
        id: 'C-1',
        name: 'Ωμέγα Logistics',
        segment: null,
        territory: null,
        owner_id: rep.id,
        created_at: new Date().toISOString(),
        import_id: null,
      })
      .execute()
    await store.db
      .insertInto('account_ownership')
      .values({ customer_id: 'C-1', user_id: rep.id, from_date: '2020-01-01', to_date: null })
      .execute()
  } finally {
    await store.close()
  }
}

interface PlanJson {
  status: string
  version: number
  conditions: { id: number; side: string; status: string; ownerName: string | null }[]
}

describe('comeback plan and case plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-plan-'))
  const db = join(dir, 'plan.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  beforeAll(async () => {
    await seed(db)
  })

  it('writes conditions, agrees the plan, tracks a condition to done once and prints the agreement', () => {
    comebackJson(db, ['--as', MANAGER, 'case', 'open', '--customer', 'C-1', '--rep', REP, '--json'])
    const as = (who: string, args: string[]) =>
      comebackJson(db, ['--as', who, 'plan', ...args, '--json']) as PlanJson
    as(MANAGER, ['start', '1', '--fix', 'Deliveries on Tuesdays, tracked'])
    as(MANAGER, [
      'condition',
      '1',
      '--text',
      'Weekly delivery report',
      '--side',
      'us',
      '--owner',
      REP,
      '--due',
      '2030-01-31',
    ])
    const drafted = as(MANAGER, [
      'condition',
      '1',
      '--text',
      'One named contact',
      '--side',
      'customer',
      '--contact',
      'Ольга Ким',
      '--due',
      '2030-02-28',
    ])
    expect(drafted.conditions.map((line) => [line.side, line.ownerName])).toEqual([
      ['us', 'Rita'],
      ['customer', null],
    ])
    const agreed = as(MANAGER, ['agree', '1', '--their-signer', 'Ольга Ким'])
    expect(agreed.status).toBe('agreed')
    const ours = drafted.conditions[0]?.id ?? 0
    expect(as(REP, ['done', '1', String(ours)]).conditions[0]?.status).toBe('done')
    const again = comeback(db, ['--as', REP, 'plan', 'done', '1', String(ours)])
    expect(again.status).not.toBe(0)
    expect(again.stderr).toMatch(/already done/)
    const bad = comeback(db, [
      '--as',
      MANAGER,
      'plan',
      'condition',
      '1',
      '--text',
      'x',
      '--side',
      'both',
      '--due',
      '2030-01-01',
    ])
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toMatch(/--side/)
    const file = join(dir, 'agreement.pdf')
    const printed = comeback(db, [
      '--as',
      REP,
      'case',
      'plan',
      '1',
      '--pdf',
      file,
      '--size',
      'letter',
    ])
    expect(printed.status, printed.stderr).toBe(0)
    const text = pdfText(readFileSync(file)).replace(/\s+/g, ' ')
    expect(text).toContain('Маргарита Соколова')
    expect(text).toContain('Ольга Ким')
    expect(text).toContain('Ωμέγα Logistics')
    expect(text).toContain('Weekly delivery report')
    // ten CLI processes, each starting tsx: slow on a busy machine
  }, 480_000)
})
