import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  type FixturePerson,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { oracleSplitCsv } from '../../test-support/csv-oracle.js'
import { seedAnalysis } from '../../test-support/lost-list-fixture.js'
import { createApp } from '../app.js'
import type { LostListResponse } from '../contract/lost.js'

const targets = await storeTargets()

// an independent RFC 4180 reading of the file, as a spreadsheet would open it
function csvRecords(text: string): Record<string, string>[] {
  const read = oracleSplitCsv(new TextEncoder().encode(text))
  expect(read.rejects).toEqual([])
  return read.records.map((record) =>
    Object.fromEntries(read.header.map((key, index) => [key, record.fields[index] ?? ''])),
  )
}

describe.each(targets)('exports on $name (TESTPLAN T9, T14, T18)', (target) => {
  let fixture: ApiFixture
  const sessions = new Map<FixturePerson, Credentials>()
  const as = (person: FixturePerson) => sessions.get(person) ?? null
  const get = (person: FixturePerson, path: string, on: ApiFixture = fixture) =>
    call(on, { method: 'GET', path, as: as(person) })

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    await seedAnalysis(fixture.store, fixture.users)
    for (const person of ['admin', 'vp', 'manager', 'repA', 'analyst'] as const) {
      sessions.set(person, await signInAs(fixture, person))
    }
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('streams the whole lost list the analyst may read as CSV, the same rows as the list', async () => {
    const response = await get('analyst', '/api/lost/export?status=lost')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(response.headers.get('content-disposition')).toContain('lost-list.csv')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const rows = csvRecords(await response.text())
    const list = (await (
      await get('analyst', '/api/lost?status=lost&limit=200')
    ).json()) as LostListResponse
    expect(rows.map((row) => `${row['kind']}:${row['id']}`).sort()).toEqual(
      list.items.map((item) => `${item.kind}:${item.id}`).sort(),
    )
    expect(rows.length).toBe(list.total)
  })

  it('gives a rep only their own accounts, in both exports (TESTPLAN T9)', async () => {
    const lost = csvRecords(await (await get('repA', '/api/lost/export?status=lapsed')).text())
    expect(lost.length).toBeGreaterThan(0)
    expect(new Set(lost.map((row) => row['ownerId']))).toEqual(
      new Set([String(fixture.users.repA.id)]),
    )
    const customers = (await (await get('repA', '/api/customers/export?format=json')).json()) as {
      ownerId: number
    }[]
    expect(customers).toHaveLength(50)
    expect(customers.every((row) => row.ownerId === fixture.users.repA.id)).toBe(true)
  })

  it('applies the list filters and writes JSON on ?format=json', async () => {
    const response = await get('analyst', '/api/customers/export?format=json&segment=smb')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const rows = (await response.json()) as { id: string; segment: string }[]
    // 25 smb accounts per rep plus the unowned one
    expect(rows).toHaveLength(51)
    expect(rows.every((row) => row.segment === 'smb')).toBe(true)
  })

  it('writes risky names spreadsheet-safe: a formula gets a leading quote (TESTPLAN T14)', async () => {
    const risky = (id: string, name: string) => ({
      id,
      name,
      segment: 'smb',
      territory: 'north',
      owner_id: null,
      created_at: new Date().toISOString(),
      import_id: null,
    })
    await fixture.store.db
      .insertInto('customers')
      .values([risky('X-001', '=HYPERLINK("http://evil")'), risky('X-002', ' +1555')])
      .execute()
    const text = await (await get('analyst', '/api/customers/export?search=X-00')).text()
    const rows = csvRecords(text)
    expect(rows.map((row) => row['name'])).toEqual([`'=HYPERLINK("http://evil")`, `' +1555`])
  })

  it('lets a manager export their 50 accounts but not more than the limit of named rows', async () => {
    expect((await get('manager', '/api/customers/export')).status).toBe(200)
    const strict = withApp({ maxPiiExportRows: 10 })
    const refused = await get('manager', '/api/customers/export', strict)
    expect(refused.status).toBe(403)
    const body = (await refused.json()) as { error: { code: string; message: string } }
    expect(body.error.message).toMatch(/admin, VP or analyst/)
    const denied = await auditRows('denied_export')
    expect(denied.at(-1)?.actor).toBe(`user:${fixture.users.manager.id}`)
    // the roles with bulk rights are not held to it
    expect((await get('analyst', '/api/customers/export', strict)).status).toBe(200)
  })

  it('audits every export with its row count and filter names, never the values (TESTPLAN T20)', async () => {
    const before = (await auditRows('export')).length
    await (await get('vp', '/api/customers/export?search=A%20Customer&segment=smb')).text()
    const rows = await auditRows('export')
    expect(rows).toHaveLength(before + 1)
    const entry = rows.at(-1)
    expect(entry?.actor).toBe(`user:${fixture.users.vp.id}`)
    expect(entry?.object_type).toBe('customer_list')
    expect(JSON.parse(entry?.fields_json ?? '[]')).toEqual([
      'format:csv',
      'rows:25',
      'filter:search',
      'filter:segment',
    ])
    expect(JSON.stringify(entry)).not.toMatch(/A Customer/)
  })

  it('audits an export the reader stopped early as incomplete, with the rows sent so far', async () => {
    const response = await get('analyst', '/api/customers/export?segment=enterprise')
    const reader = response.body?.getReader()
    const first = await reader?.read()
    expect(new TextDecoder().decode(first?.value)).toMatch(/^id,name,/)
    await reader?.cancel()
    await expect
      .poll(async () => JSON.parse((await auditRows('export')).at(-1)?.fields_json ?? '[]'))
      .toEqual(['format:csv', 'rows:0', 'incomplete', 'filter:segment'])
  })

  function withApp(config: Parameters<typeof createApp>[0]['config']): ApiFixture {
    const app = createApp({
      store: fixture.store,
      clock: () => fixture.clock.now,
      webRoot: null,
      ...(config === undefined ? {} : { config }),
    })
    return { ...fixture, app }
  }

  async function auditRows(action: string) {
    return await fixture.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  }
})
