import { expect, it } from 'vitest'
import { auditTrail } from '../../store/index.js'
import {
  actorOf,
  addCustomer,
  caseDialects,
  describeWorld,
  TODAY,
} from './__fixtures__/case-world.js'
import { assignCase } from './assign-case.js'
import { moveCase, updateCase } from './move-case.js'
import { openCase } from './open-case.js'
import { recordFix } from './record-fix.js'

const targets = await caseDialects()

// distinctive free text: none of it may reach the audit log (TESTPLAN T20)
const SECRETS = {
  words: 'XYZZY-words the warehouse lost our pallets',
  remedy: 'XYZZY-remedy a named contact',
  cost: 'XYZZY-cost two days of downtime',
  override: 'XYZZY-override the customer insisted on her',
  step: 'XYZZY-step call Mrs Example at home',
  fix: 'XYZZY-fix new carrier since May',
}

describeWorld('the audit log of cases (TESTPLAN T20)', targets, (current) => {
  it('gives one entry per change, naming actor, object and fields, never their values', async () => {
    const { store, world } = current()
    const customerId = await addCustomer(store, world, {
      ownerId: Number(world.repOld.id),
      territory: 'Audit',
    })
    const manager = await actorOf(store, world.managerNorth)
    const opened = await openCase(store, manager, {
      subject: { kind: 'customer', customerId },
      nextStep: SECRETS.step,
      today: TODAY,
    })
    await assignCase(store, manager, {
      caseId: opened.id,
      expectedVersion: 1,
      interviewerId: Number(world.repOld.id),
      overrides: [{ rule: 'interviewer_not_losing_rep', reason: SECRETS.override }],
      today: TODAY,
    })
    await moveCase(store, manager, {
      caseId: opened.id,
      expectedVersion: 2,
      to: 'meeting_held',
      approachChannel: 'meeting',
      finding: {
        customerWords: SECRETS.words,
        remedy: SECRETS.remedy,
        customerCostNote: SECRETS.cost,
        reasons: ['delivery'],
      },
      today: TODAY,
    })
    await updateCase(store, manager, {
      caseId: opened.id,
      expectedVersion: 3,
      nextStep: SECRETS.step,
      today: TODAY,
    })
    const fix = await recordFix(store, await actorOf(store, world.vp), {
      reasonCode: 'delivery',
      fixedOn: TODAY,
      scope: { kind: 'territory', value: 'Audit' },
      note: SECRETS.fix,
      today: TODAY,
    })
    const trail = await auditTrail(store, 'case', String(opened.id))
    expect(trail.map((entry) => [entry.action, entry.actor, entry.via])).toEqual([
      ['create', `user:${world.managerNorth.id}`, 'api'],
      ['assign', `user:${world.managerNorth.id}`, 'api'],
      ['move', `user:${world.managerNorth.id}`, 'api'],
      ['update', `user:${world.managerNorth.id}`, 'api'],
    ])
    expect(JSON.parse(trail[2]?.fields_json ?? '[]')).toEqual(
      expect.arrayContaining([
        'customer_words',
        'remedy',
        'customer_cost_note',
        'reasons',
        'stage',
      ]),
    )
    expect(JSON.parse(trail[1]?.fields_json ?? '[]')).toContain('rule_overrides')
    expect(fix.resurfaced.map((item) => item.caseId)).toEqual([opened.id])
    const everything = JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute())
    for (const secret of Object.values(SECRETS)) {
      expect(everything).not.toContain(secret)
    }
    expect(everything).not.toContain('XYZZY')
  })
})
