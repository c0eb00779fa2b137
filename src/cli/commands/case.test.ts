import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, openStore } from '../../app/index.js'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']
const MANAGER = 'manager@cli-cases.test'
const REP = 'rep@cli-cases.test'
const VP = 'vp@cli-cases.test'

function comeback(db: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [...CLI, '--db', db, ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** Runs a command that must succeed and parses its JSON, showing stderr when it does not. */
function comebackJson(db: string, args: readonly string[]): unknown {
  const run = comeback(db, args)
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
  return JSON.parse(run.stdout)
}

/** A manager, their rep, the VP, and customer C-1: lost since January, owned by the rep. */
async function seed(db: string): Promise<void> {
  const store = await openStore(db)
  try {
    await store.migrate()
    const vp = await createUser(store, {
      email: VP,
      name: 'Vera VP',
      role: 'vp',
      started_on: '2015-01-01',
    })
    const manager = await createUser(store, {
      email: MANAGER,
      name: 'Max Manager',
      role: 'manager',
      manager_id: vp.id,
      started_on: '2016-01-01',
    })
    const rep = await createUser(store, {
      email: REP,
      name: 'Rita Rep',
      role: 'rep',
      manager_id: manager.id,
      started_on: '2018-01-01',
    })
    const at = new Date().toISOString()
    await store.db
      .insertInto('customers')
      .values({
        id: 'C-1',
        name: 'Acme Foods',
        segment: 'Enterprise',
        territory: 'North',
        owner_id: rep.id,
        created_at: at,
        import_id: null,
      })
      .execute()
    await store.db
      .insertInto('account_ownership')
      .values({ customer_id: 'C-1', user_id: rep.id, from_date: '2020-01-01', to_date: null })
      .execute()
    // the newest analysis found C-1 lost since January 2024
    const run = await store.db
      .insertInto('analysis_runs')
      .values({
        as_of: '2024-06-30',
        time_unit: 'day',
        model_requested: 'auto',
        model: null,
        params_json: null,
        fit_json: null,
        validation_json: null,
        choice_reason: 'test',
        notes_json: '[]',
        settings_json: '{}',
        currency: 'USD',
        customer_count: 1,
        status_counts_json: '{}',
        created_at: at,
        actor: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await store.db
      .insertInto('customer_scores')
      .values({
        run_id: run.id,
        customer_id: 'C-1',
        status: 'lost',
        status_rule: 'test',
        lost_since: '2024-01-15',
        p_alive: 0.1,
        expected_orders: null,
        expected_next_order: null,
        overdue_days: null,
        first_order_on: null,
        last_order_on: null,
        purchase_days: 3,
        historical_value_minor: 0,
        value_if_won_back_minor: 0,
        clv_minor: null,
        win_back_probability: 0.3,
        expected_value_minor: 0,
        explanation: 'test',
      })
      .execute()
  } finally {
    await store.close()
  }
}

describe('comeback case, fix, reason and lessons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-cli-cases-'))
  const db = join(dir, 'cases.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  beforeAll(async () => {
    await seed(db)
  })

  it('refuses the losing rep as interviewer, then opens the case with a written override', () => {
    const open = [
      '--as',
      MANAGER,
      'case',
      'open',
      '--customer',
      'C-1',
      '--rep',
      REP,
      '--interviewer',
      REP,
      '--json',
    ]
    const refused = comeback(db, open)
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/interviewer_not_losing_rep/)
    const opened = comeback(db, [
      ...open,
      '--override',
      'interviewer_not_losing_rep=the customer asked for Rita by name',
    ])
    expect(opened.stderr).toBe('')
    expect(opened.status).toBe(0)
    const detail = JSON.parse(opened.stdout) as {
      id: number
      stage: string
      overrides: { rule: string }[]
    }
    expect(detail.stage).toBe('identified')
    expect(detail.overrides.map((override) => override.rule)).toEqual([
      'interviewer_not_losing_rep',
    ])
  })

  it('moves the case with the answers each stage asks for, and refuses a stale version', () => {
    const approached = comeback(db, [
      '--as',
      REP,
      'case',
      'move',
      '1',
      '--to',
      'approached',
      '--approach',
      'letter',
      '--json',
    ])
    expect(approached.status).toBe(0)
    expect(JSON.parse(approached.stdout)).toMatchObject({ stage: 'approached', version: 2 })
    const stale = comeback(db, [
      '--as',
      REP,
      'case',
      'update',
      '1',
      '--if-version',
      '1',
      '--next-step',
      'call',
    ])
    expect(stale.status).toBe(5)
    expect(stale.stderr).toMatch(/version 2, not 1/)
    const missing = comeback(db, ['--as', MANAGER, 'case', 'move', '1', '--to', 'meeting_held'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/customer’s own words/)
    const met = comeback(db, [
      '--as',
      MANAGER,
      'case',
      'move',
      '1',
      '--to',
      'meeting_held',
      '--words',
      'Your prices went up twice in a year',
      '--reason',
      'price',
      '--cost',
      '1200.50',
      '--remedy',
      'A price review',
      '--json',
    ])
    expect(met.status).toBe(0)
    expect(JSON.parse(met.stdout)).toMatchObject({
      stage: 'meeting_held',
      reasons: ['price'],
      finding: { customerCostMinor: 120_050 },
    })
    expect(comebackJson(db, ['--as', REP, 'case', 'list', '--json'])).toEqual([
      expect.objectContaining({ id: 1, stage: 'meeting_held', owner: 'Max Manager' }),
    ])
  })

  it('lists the cases as `comeback cases`, sorted and paged like `case list`', () => {
    // `comeback cases` is the same list, with sorting and paging
    expect(
      comebackJson(db, [
        '--as',
        REP,
        'cases',
        '--stage',
        'meeting_held',
        '--sort',
        '-lostValue',
        '--json',
      ]),
    ).toEqual([expect.objectContaining({ id: 1, stage: 'meeting_held' })])
    expect(comebackJson(db, ['--as', REP, 'cases', '--ended', '--json'])).toEqual([])
    expect(comeback(db, ['--as', REP, 'cases', '--sort', 'shoe size']).status).not.toBe(0)
  }, 120_000)

  it('records a fix and lists the ids it resurfaced; the lessons show the reason', () => {
    const fix = comeback(db, [
      '--as',
      VP,
      'fix',
      'add',
      '--reason',
      'price',
      '--date',
      '2024-06-01',
      '--note',
      'prices are now competitive',
      '--json',
    ])
    expect(fix.stderr).toBe('')
    const result = JSON.parse(fix.stdout) as {
      resurfaced: { subjectKey: string; caseId: number | null }[]
    }
    expect(result.resurfaced.map((item) => [item.subjectKey, item.caseId])).toEqual([
      ['customer:C-1', 1],
    ])
    expect(JSON.parse(fix.stdout)).toMatchObject({
      resurfacedCustomerIds: ['C-1'],
      resurfacedDealIds: [],
    })
    const lessons = comeback(db, ['lessons', '--json'])
    expect(JSON.parse(lessons.stdout)).toMatchObject({
      lossesWithReason: 1,
      byCount: [{ code: 'price', count: 1 }],
    })
    const csv = comeback(db, ['lessons', '--csv'])
    expect(csv.stdout.split(/\r?\n/)[0]).toBe(
      'section,group,code,label,fixable,count,countShare,cumulativeCountShare,revenueMinor,revenueShare,cumulativeRevenueShare',
    )
  })

  it('lists the taxonomy and refuses a rep editing it', () => {
    const list = comeback(db, ['reason', 'list', '--csv'])
    expect(list.stdout).toMatch(/^code,label,fixable,parentCode,mergedIntoCode,version\r?\n/)
    expect(list.stdout).toMatch(/\nprice,Price,true,,,1\r?\n/)
    const denied = comeback(db, [
      '--as',
      REP,
      'reason',
      'add',
      '--code',
      'slow_quotes',
      '--label',
      'Slow quotes',
      '--fixable',
      'yes',
    ])
    expect(denied.status).toBe(3)
  })
})
