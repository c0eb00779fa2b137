import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { findSuppressions, insertTouch, type PlanTables, type Store } from '../../store/index.js'
import { actorOf, caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { importFile } from '../import-file.js'
import { listLostAs } from '../lost-list-as.js'
import { addContacts } from '../outreach/__fixtures__/outreach-world.js'
import { queueEmail } from '../outreach/queue-email.js'
import { addSuppression } from '../outreach/suppress.js'
import { eraseCustomer } from './erase-customer.js'
import { exportPersonalData } from './personal-data.js'

// TESTPLAN T23: erase customer X, then re-import the original CSV that contains X
const targets = await caseDialects()
const dir = mkdtempSync(join(tmpdir(), 'comeback-erasure-'))
const TEMPLATE = 'professional-email-what-changed'
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)

function file(name: string, lines: readonly string[]): string {
  const path = join(dir, `${name}-${randomBytes(3).toString('hex')}.csv`)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

/** Every `table.column` whose text holds one of `needles` (any case), across the whole schema. */
async function whereFound(store: Store, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = []
  for (const table of await store.db.introspection.getTables()) {
    if (table.isView) {
      continue
    }
    for (const column of table.columns) {
      if (!/char|text|clob/i.test(column.dataType)) {
        continue
      }
      for (const needle of needles) {
        const found = await sql<{
          n: number
        }>`select count(*) as n from ${sql.table(table.name)} where lower(${sql.ref(column.name)}) like ${`%${needle.toLowerCase()}%`}`.execute(
          store.db,
        )
        if (Number(found.rows[0]?.n ?? 0) > 0) {
          hits.push(`${table.name}.${column.name} ∋ ${needle}`)
        }
      }
    }
  }
  return hits
}

/** Whether the SQLite file or its WAL still holds any of `needles` in their bytes. */
function inFileBytes(path: string, needles: readonly string[]): string[] {
  const files = [path, `${path}-wal`].filter((name) => existsSync(name))
  return files.flatMap((name) => {
    const bytes = readFileSync(name)
    return needles.filter((needle) => bytes.includes(Buffer.from(needle, 'utf8')))
  })
}

describeWorld('erasure versus re-import', targets, (current, target) => {
  it('T23: erased PII is gone everywhere, orders stay, a re-import comes back suppressed', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const tag = randomBytes(4).toString('hex')
    const id = `X-${tag}`
    const company = `Xanadu Quillworks ${tag}`
    const person = `Xenia Quorn-${tag}`
    const email = `xenia.${tag}@xanadu.test`
    const phone = `+1 555 01${tag.slice(0, 2)} 77`
    const address = `${tag} Lantern Row, Eastwick`
    const owner = world.repOld.email
    const customers = file('customers', [
      'customer_id,name,segment,territory,owner_email',
      `${id},${company},Erasable,North,${owner}`,
    ])
    const contacts = file('contacts', [
      'customer_id,name,email,phone,postal_address,role,lawful_basis,consent',
      `${id},${person},${email},${phone},"${address}",decision_maker,legitimate_interest,no`,
      `${id},Second ${person},second.${email},,,user,legitimate_interest,no`,
      // a row the import rejects keeps X's address in the reject report's raw text
      `${id},${person},${email},,,decision_maker,legitimate_interest,maybe-not-a-flag`,
    ])
    const orders = file('orders', [
      'customer_id,ordered_on,amount',
      `${id},${daysAgo(200)},120.00`,
      `${id},${daysAgo(170)},80.00`,
    ])
    for (const [kind, path] of [
      ['customers', customers],
      ['contacts', contacts],
      ['orders', orders],
    ] as const) {
      await importFile(store, { kind, path, actor: 'test' })
    }
    await store.db
      .insertInto('customer_scores')
      .values({
        run_id: world.runId,
        customer_id: id,
        status: 'lost',
        status_rule: 'test',
        lost_since: daysAgo(20),
        p_alive: null,
        expected_orders: null,
        expected_next_order: null,
        overdue_days: null,
        first_order_on: null,
        last_order_on: null,
        purchase_days: 2,
        historical_value_minor: 20_000,
        value_if_won_back_minor: 0,
        clv_minor: null,
        win_back_probability: 0.3,
        expected_value_minor: 0,
        explanation: 'test',
      })
      .execute()
    const rows = await store.db
      .selectFrom('contacts')
      .select(['id', 'email'])
      .where('customer_id', '=', id)
      .orderBy('id')
      .execute()
    const first = Number(rows[0]?.id)
    await queueEmail(store, admin, { contactId: first, templateKey: TEMPLATE })
    await insertTouch(store, {
      customer_id: id,
      contact_id: first,
      channel: 'call',
      kind: 'call',
      at: new Date().toISOString(),
      outbox_message_id: null,
      actor: 'test',
      note: `called ${person} on ${phone}`,
    })
    await addSuppression(store, admin, { email: `second.${email}`, kind: 'do_not_contact' })
    await writtenPlanNaming(store, id, person)
    const needles = [company, person, email, phone, address]
    expect((await whereFound(store, needles)).length).toBeGreaterThan(5)

    const before = await exportPersonalData(store, admin, id)
    expect(JSON.stringify(before)).toContain(email)
    expect(before.tables['orders']).toHaveLength(2)
    // rows that name only the customer's case are theirs too
    expect(before.tables['plans']?.map((row) => row['their_signer'])).toEqual([person])
    expect(before.tables['plan_conditions']).toHaveLength(1)
    const search = async () =>
      (await listLostAs(store, admin.actor, { search: company, cachePages: true })).items.length
    expect(await search()).toBe(1)

    const erased = await eraseCustomer(store, admin, id)
    expect(erased.contacts).toBe(2)
    expect(await whereFound(store, needles)).toEqual([])
    if (target.name === 'SQLite') {
      expect(inFileBytes(target.location, needles)).toEqual([])
    }
    const kept = await store.db
      .selectFrom('orders')
      .select('amount_minor')
      .where('customer_id', '=', id)
      .execute()
    expect(kept.map((row) => Number(row.amount_minor)).sort((a, b) => a - b)).toEqual([8000, 12000])
    expect(await search()).toBe(0)
    const after = JSON.stringify(await exportPersonalData(store, admin, id))
    expect(needles.filter((needle) => after.toLowerCase().includes(needle.toLowerCase()))).toEqual(
      [],
    )
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'erase')
      .where('object_id', '=', id)
      .execute()
    expect(audit).toHaveLength(1)

    // the company re-imports its original files: X comes back, and is forgotten again at once
    await importFile(store, { kind: 'customers', path: customers, actor: 'test' })
    await importFile(store, { kind: 'contacts', path: contacts, actor: 'test' })
    expect(await whereFound(store, needles)).toEqual([])
    const back = await store.db
      .selectFrom('contacts')
      .select(['id', 'email', 'name'])
      .where('customer_id', '=', id)
      .where(
        'id',
        'not in',
        rows.map((row) => Number(row.id)),
      )
      .execute()
    expect(back).toHaveLength(2)
    for (const contact of back) {
      expect([contact.email, contact.name]).toEqual([null, null])
      const kinds = (
        await findSuppressions(store, { emailNormalised: null, contactId: Number(contact.id) })
      ).map((row) => row.kind)
      expect(kinds).toContain('erased')
      await expect(
        queueEmail(store, admin, { contactId: Number(contact.id), templateKey: TEMPLATE }),
      ).rejects.toThrow(/no usable email address|suppressed/)
    }
    if (target.name === 'SQLite') {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db)
      expect(inFileBytes(target.location, needles)).toEqual([])
    }
  })

  it('leaves another person of the same name, at another customer, alone', async () => {
    const { store, world } = current()
    const admin = await actorOf(store, world.admin)
    const name = `Kim Namesake-${randomBytes(3).toString('hex')}`
    const ownerId = Number(world.repOld.id)
    const erased = await addContacts(store, {
      ownerId,
      contacts: [{ name, email: `kim.one-${randomBytes(3).toString('hex')}@namesake.test` }],
    })
    const kept = await addContacts(store, {
      ownerId,
      contacts: [{ name, email: `kim.two-${randomBytes(3).toString('hex')}@namesake.test` }],
    })
    await insertTouch(store, {
      customer_id: kept.customerId,
      contact_id: kept.contactIds[0] ?? 0,
      channel: 'call',
      kind: 'call',
      at: new Date().toISOString(),
      outbox_message_id: null,
      actor: 'test',
      note: `met ${name}`,
    })
    await eraseCustomer(store, admin, erased.customerId)
    const names = await store.db
      .selectFrom('contacts')
      .select(['customer_id', 'name'])
      .where('id', 'in', [erased.contactIds[0] ?? 0, kept.contactIds[0] ?? 0])
      .execute()
    expect(Object.fromEntries(names.map((row) => [row.customer_id, row.name]))).toEqual({
      [erased.customerId]: null,
      [kept.customerId]: name,
    })
    const note = await store.db
      .selectFrom('touches')
      .select('note')
      .where('customer_id', '=', kept.customerId)
      .executeTakeFirstOrThrow()
    expect(note.note).toBe(`met ${name}`)
  })

  it('is the admin’s alone, and an unknown customer is not found', async () => {
    const { store, world } = current()
    const vp = await actorOf(store, world.vp)
    await expect(eraseCustomer(store, vp, 'C-anything')).rejects.toThrow(/the admin does/)
    const admin = await actorOf(store, world.admin)
    await expect(eraseCustomer(store, admin, 'C-no-such')).rejects.toThrow(/no customer/)
    const analyst = await actorOf(store, world.analyst)
    await expect(exportPersonalData(store, analyst, 'C-anything')).rejects.toThrow(/admin and VP/)
  })
})

/** A case on the customer with an agreed plan signed by `person`, who owes one condition. */
async function writtenPlanNaming(store: Store, customerId: string, person: string): Promise<void> {
  const at = new Date().toISOString()
  const made = await store.db
    .insertInto('cases')
    .values({
      subject_kind: 'customer',
      subject_key: `customer:${customerId}`,
      customer_id: customerId,
      attempt: 1,
      stage: 'plan_agreed',
      owner_id: (await store.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
      opened_on: daysAgo(10),
      lost_value_minor: 0,
      source: 'app',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const db = store.db.withTables<PlanTables>()
  const plan = await db
    .insertInto('plans')
    .values({
      case_id: made.id,
      their_signer: person,
      created_at: at,
      created_by: 'test',
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('plan_conditions')
    .values({
      plan_id: plan.id,
      case_id: made.id,
      text: 'one weekly delivery report',
      side: 'customer',
      contact_name: person,
      due_on: daysAgo(-30),
      status: 'open',
      created_at: at,
      updated_at: at,
    })
    .execute()
}
