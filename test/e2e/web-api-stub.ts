/**
 * A TEST-ONLY stand-in for the API routes the web app needs but the server does not serve yet
 * (`GET /api/lost`, `GET /api/dashboard`, `GET /api/imports/fields`, `GET|POST /api/imports`,
 * `GET /api/imports/{id}`, its rejects report). It answers in the shapes of
 * `src/web/api/proposed-contract.ts`, from the real store and the real `app` use cases, so the
 * browser e2e can exercise those pages; each route is mounted only while the real API lacks it.
 * It does not apply the access policy beyond requiring a session: never ship it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Context, Hono } from 'hono'
import { importFile, listLost, type Store } from '../../src/app/index.js'
import type { ImportKind } from '../../src/domain/records.js'
import { IMPORT_KINDS } from '../../src/domain/records.js'
import { FIELDS_BY_KIND } from '../../src/ingest/mapping/columns.js'
import type { ServerEnv } from '../../src/server/server-env.js'
import { hasValidCsrfToken } from '../../src/server/session-cookie.js'
import type { ImportJob, LostListItem } from '../../src/web/api/proposed-contract.js'

type C = Context<ServerEnv>

const fail = (c: C, status: 401 | 403 | 404 | 400, code: string, message: string) =>
  c.json({ error: { code, message } }, status)

/** Mounts the stand-in routes the real route table lacks; returns which it mounted. */
export function mountProposedApiStub(
  app: Hono<ServerEnv>,
  store: Store,
  realPaths: readonly string[],
): string[] {
  const mounted: string[] = []
  const add = (
    method: 'get' | 'post',
    path: string,
    honoPath: string,
    handler: (c: C) => Promise<Response>,
  ) => {
    if (realPaths.includes(path)) {
      return
    }
    mounted.push(`${method.toUpperCase()} /api${path}`)
    app.on(method.toUpperCase(), `/api${honoPath}`, async (c) => {
      if (c.get('session') === null) {
        return fail(c, 401, 'UNAUTHENTICATED', 'sign in first')
      }
      if (method === 'post' && !hasValidCsrfToken(c)) {
        return fail(c, 403, 'FORBIDDEN', 'missing or wrong CSRF token')
      }
      return await handler(c)
    })
  }
  const imports = createImportStub(store)
  add('get', '/lost', '/lost', (c) => lostList(c, store))
  add('get', '/dashboard', '/dashboard', (c) => dashboard(c, store))
  add('get', '/imports/fields', '/imports/fields', async (c) => c.json({ kinds: importFields() }))
  add('get', '/imports', '/imports', async (c) =>
    c.json({ items: [...imports.jobs.values()].reverse() }),
  )
  add('post', '/imports', '/imports', (c) => imports.start(c))
  add('get', '/imports/{id}', '/imports/:id{[0-9]+}', async (c) => {
    const job = imports.jobs.get(Number(c.req.param('id')))
    return job === undefined ? fail(c, 404, 'NOT_FOUND', 'no such import') : c.json(job)
  })
  add('get', '/imports/{id}/rejects.csv', '/imports/:id{[0-9]+}/rejects.csv', async (c) => {
    const file = imports.rejectFiles.get(Number(c.req.param('id')))
    if (file === undefined) {
      return fail(c, 404, 'NOT_FOUND', 'no such report')
    }
    return c.body(readFileSync(file), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="import-${c.req.param('id')}-rejects.csv"`,
    })
  })
  return mounted
}

function importFields() {
  return Object.fromEntries(
    IMPORT_KINDS.map((kind) => [
      kind,
      FIELDS_BY_KIND[kind].map((field) => ({
        name: field.name,
        required: field.required,
        aliases: field.aliases,
      })),
    ]),
  )
}

async function latestRun(store: Store) {
  return await store.db
    .selectFrom('analysis_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

async function lostItems(
  store: Store,
  status: string,
): Promise<{ asOf: string; currency: string; items: LostListItem[] } | null> {
  const run = await latestRun(store)
  if (run === undefined) {
    return null
  }
  const customers = await store.db
    .selectFrom('customer_scores as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .select([
      's.customer_id',
      's.status',
      's.status_rule',
      's.lost_since',
      's.p_alive',
      's.overdue_days',
      's.value_if_won_back_minor',
      's.win_back_probability',
      's.expected_value_minor',
      's.explanation',
      'c.name',
      'c.segment',
      'c.owner_id',
      'u.name as owner_name',
    ])
    .where('s.run_id', '=', run.id)
    .where('s.status', '=', status as 'lost')
    .execute()
  const lost = await listLost(store)
  const deals = await store.db
    .selectFrom('deals as d')
    .leftJoin('customers as c', 'c.id', 'd.customer_id')
    .leftJoin('users as u', 'u.id', 'd.owner_id')
    .select([
      'd.id',
      'd.customer_id',
      'd.lost_reason',
      'd.owner_id',
      'c.segment',
      'u.name as owner_name',
    ])
    .where('d.status', '=', 'lost')
    .execute()
  const dealById = new Map(deals.map((deal) => [String(deal.id), deal]))
  const items: LostListItem[] = customers.map((row) => ({
    kind: 'customer',
    id: row.customer_id,
    customerId: row.customer_id,
    name: row.name,
    segment: row.segment,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    ownerName: row.owner_name,
    status: row.status as LostListItem['status'],
    statusRule: row.status_rule,
    lostSince: row.lost_since,
    probabilityAlive: row.p_alive === null ? null : Number(row.p_alive),
    overdueDays: row.overdue_days === null ? null : Number(row.overdue_days),
    valueIfWonBackMinor: Number(row.value_if_won_back_minor),
    winBackProbability: Number(row.win_back_probability),
    expectedValueMinor: Number(row.expected_value_minor),
    reason: null,
    explanation: row.explanation,
  }))
  if (status === 'lost') {
    for (const row of lost.rows.filter((one) => one.kind === 'deal')) {
      const deal = dealById.get(row.id)
      items.push({
        kind: 'deal',
        id: row.id,
        customerId: deal?.customer_id ?? row.id,
        name: row.name,
        segment: deal?.segment ?? null,
        ownerId: deal?.owner_id === null || deal === undefined ? null : Number(deal.owner_id),
        ownerName: deal?.owner_name ?? null,
        status: 'lost',
        statusRule: row.statusRule,
        lostSince: null,
        probabilityAlive: null,
        overdueDays: null,
        valueIfWonBackMinor: Math.round(row.valueIfWonBack * 100),
        winBackProbability: row.winBackProbability,
        expectedValueMinor: Math.round(row.expectedValue * 100),
        reason: deal?.lost_reason ?? null,
        explanation: row.explanation,
      })
    }
  }
  return { asOf: run.as_of, currency: run.currency, items }
}

const SORT_VALUE: Record<string, (item: LostListItem) => number | string> = {
  expectedValue: (item) => item.expectedValueMinor,
  valueIfWonBack: (item) => item.valueIfWonBackMinor,
  winBackProbability: (item) => item.winBackProbability,
  overdueDays: (item) => item.overdueDays ?? -1,
  lostSince: (item) => item.lostSince ?? '',
  name: (item) => (item.name ?? item.id).toLowerCase(),
}

// a rough stand-in for the access policy: reps see their accounts, managers their team's
async function visibleTo(c: C, store: Store, items: LostListItem[]): Promise<LostListItem[]> {
  const user = c.get('session')?.user
  if (user === undefined || (user.role !== 'rep' && user.role !== 'manager')) {
    return items
  }
  const reports = await store.db
    .selectFrom('users')
    .select('id')
    .where('manager_id', '=', user.id)
    .execute()
  const team = new Set([
    user.id,
    ...(user.role === 'manager' ? reports.map((row) => Number(row.id)) : []),
  ])
  return items.filter((item) => item.ownerId !== null && team.has(item.ownerId))
}

async function lostList(c: C, store: Store): Promise<Response> {
  const q = c.req.query()
  const found = await lostItems(store, q['status'] ?? 'lost')
  if (found === null) {
    return fail(c, 404, 'NOT_FOUND', 'there is no analysis yet: run `comeback analyze` first')
  }
  const all = await visibleTo(c, store, found.items)
  const search = (q['search'] ?? '').toLowerCase()
  const items = all.filter(
    (item) =>
      (q['kind'] === undefined || item.kind === q['kind']) &&
      (q['segment'] === undefined || item.segment === q['segment']) &&
      (q['ownerId'] === undefined || String(item.ownerId) === q['ownerId']) &&
      (q['reason'] === undefined || item.reason === q['reason']) &&
      (q['minValueMinor'] === undefined ||
        item.valueIfWonBackMinor >= Number(q['minValueMinor'])) &&
      (q['minOverdueDays'] === undefined ||
        (item.overdueDays ?? -1) >= Number(q['minOverdueDays'])) &&
      (search === '' || `${item.name ?? ''} ${item.id}`.toLowerCase().includes(search)),
  )
  const sort = q['sort'] ?? '-expectedValue'
  const key = SORT_VALUE[sort.replace(/^-/, '')] ?? SORT_VALUE['expectedValue']
  const direction = sort.startsWith('-') ? -1 : 1
  if (key !== undefined) {
    items.sort((left, right) =>
      key(left) < key(right) ? -direction : key(left) > key(right) ? direction : 0,
    )
  }
  const offset = Number(q['offset'] ?? 0)
  const limit = Number(q['limit'] ?? 50)
  const owners = new Map(
    all.flatMap((item) =>
      item.ownerId === null ? [] : [[item.ownerId, item.ownerName ?? `#${item.ownerId}`] as const],
    ),
  )
  return c.json({
    asOf: found.asOf,
    currency: found.currency,
    total: items.length,
    items: items.slice(offset, offset + limit),
    facets: {
      segments: [
        ...new Set(all.flatMap((item) => (item.segment === null ? [] : [item.segment]))),
      ].sort(),
      owners: [...owners.entries()]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      reasons: [
        ...new Set(all.flatMap((item) => (item.reason === null ? [] : [item.reason]))),
      ].sort(),
    },
  })
}

async function dashboard(c: C, store: Store): Promise<Response> {
  const run = await latestRun(store)
  const lost = await lostItems(store, 'lost')
  if (run === undefined || lost === null) {
    return fail(c, 404, 'NOT_FOUND', 'there is no analysis yet: run `comeback analyze` first')
  }
  const counts = JSON.parse(run.status_counts_json) as Record<string, number>
  const periodEnd = run.as_of
  const periodStart = `${Number(periodEnd.slice(0, 4)) - 1}${periodEnd.slice(4)}`
  const lostCustomers = lost.items.filter((item) => item.kind === 'customer')
  const becameLost = lostCustomers.filter((item) => (item.lostSince ?? '') >= periodStart).length
  const active = (counts['active'] ?? 0) + (counts['at_risk'] ?? 0)
  const months = new Map<string, { customers: number; deals: number }>()
  for (const item of lostCustomers) {
    if ((item.lostSince ?? '') >= periodStart) {
      const month = (item.lostSince ?? '').slice(0, 7)
      const entry = months.get(month) ?? { customers: 0, deals: 0 }
      months.set(month, { ...entry, customers: entry.customers + 1 })
    }
  }
  const lostDeals = await store.db
    .selectFrom('deals')
    .select('closed_on')
    .where('status', '=', 'lost')
    .execute()
  for (const deal of lostDeals) {
    if ((deal.closed_on ?? '') >= periodStart) {
      const month = (deal.closed_on ?? '').slice(0, 7)
      const entry = months.get(month) ?? { customers: 0, deals: 0 }
      months.set(month, { ...entry, deals: entry.deals + 1 })
    }
  }
  const reasons = new Map<string, { count: number; valueMinor: number }>()
  for (const item of lost.items) {
    const reason = item.reason ?? (item.kind === 'deal' ? 'other' : null)
    if (reason !== null) {
      const entry = reasons.get(reason) ?? { count: 0, valueMinor: 0 }
      reasons.set(reason, {
        count: entry.count + 1,
        valueMinor: entry.valueMinor + item.valueIfWonBackMinor,
      })
    }
  }
  const deals = lost.items.filter((item) => item.kind === 'deal')
  return c.json({
    asOf: run.as_of,
    currency: run.currency,
    statusCounts: {
      active: counts['active'] ?? 0,
      at_risk: counts['at_risk'] ?? 0,
      lapsed: counts['lapsed'] ?? 0,
      lost: counts['lost'] ?? 0,
    },
    lostDeals: {
      count: deals.length,
      valueMinor: deals.reduce((sum, item) => sum + item.valueIfWonBackMinor, 0),
    },
    valueAtStakeMinor: lost.items.reduce((sum, item) => sum + item.valueIfWonBackMinor, 0),
    expectedValueMinor: lost.items.reduce((sum, item) => sum + item.expectedValueMinor, 0),
    churn: {
      periodStart,
      periodEnd,
      becameLost,
      activeAtStart: active + becameLost,
      rate: active + becameLost === 0 ? null : becameLost / (active + becameLost),
    },
    lostByMonth: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, entry]) => ({ month, ...entry })),
    topReasons: [...reasons.entries()]
      .map(([reason, entry]) => ({ reason, ...entry }))
      .sort((a, b) => b.valueMinor - a.valueMinor)
      .slice(0, 8),
  })
}

function createImportStub(store: Store) {
  const jobs = new Map<number, ImportJob>()
  const rejectFiles = new Map<number, string>()
  const dir = mkdtempSync(join(tmpdir(), 'comeback-web-imports-'))
  let sequence = 0
  async function start(c: C): Promise<Response> {
    const q = c.req.query()
    const kind = q['kind'] as ImportKind
    if (!IMPORT_KINDS.includes(kind)) {
      return fail(c, 400, 'INVALID_INPUT', 'kind must be one of the import kinds')
    }
    sequence += 1
    const path = join(dir, `upload-${sequence}.csv`)
    writeFileSync(path, Buffer.from(await c.req.arrayBuffer()))
    const map = JSON.parse(q['map'] ?? '{}') as Record<string, string>
    const cleaned = Object.fromEntries(Object.entries(map).filter(([, header]) => header !== ''))
    const result = await importFile(store, {
      kind,
      path,
      map: cleaned,
      actor: 'web-e2e',
      rejectsPath: `${path}.rejects.csv`,
    })
    const job: ImportJob = {
      id: result.importId,
      kind,
      fileName: q['fileName'] ?? null,
      state: 'committed',
      bytesRead: 1,
      bytesTotal: 1,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      error: null,
      rejectsUrl:
        result.rejectsFile === null ? null : `/api/imports/${result.importId}/rejects.csv`,
    }
    jobs.set(job.id, job)
    if (result.rejectsFile !== null) {
      rejectFiles.set(job.id, result.rejectsFile)
    }
    return c.json(job, 202)
  }
  return { jobs, rejectFiles, start }
}

/**
 * Wraps the real app so `GET /api/customers/{id}` also carries the proposed `score`,
 * `statusHistory` and `orderHistory` (CustomerScoreExtras) while the real API lacks them.
 */
export function withCustomerExtras(app: Hono<ServerEnv>, store: Store): Hono<ServerEnv> {
  const outer = new Hono<ServerEnv>()
  outer.all('*', async (c) => {
    const response = await app.fetch(c.req.raw)
    const match = /^\/api\/customers\/([^/]+)$/.exec(c.req.path)
    if (c.req.method !== 'GET' || match === null || response.status !== 200) {
      return response
    }
    const body = (await response.json()) as Record<string, unknown>
    if (!('score' in body)) {
      Object.assign(body, await customerExtras(store, decodeURIComponent(match[1] ?? '')))
    }
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    return new Response(JSON.stringify(body), { status: 200, headers })
  })
  return outer
}

async function customerExtras(store: Store, customerId: string) {
  const scores = await store.db
    .selectFrom('customer_scores as s')
    .innerJoin('analysis_runs as r', 'r.id', 's.run_id')
    .selectAll('s')
    .select(['r.as_of', 'r.model'])
    .where('s.customer_id', '=', customerId)
    .orderBy('s.run_id')
    .execute()
  const orders = await store.db
    .selectFrom('orders')
    .select(['ordered_on', 'amount_minor'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'placed')
    .orderBy('ordered_on')
    .execute()
  const months = new Map<string, { orders: number; amountMinor: number }>()
  for (const order of orders) {
    const month = order.ordered_on.slice(0, 7)
    const entry = months.get(month) ?? { orders: 0, amountMinor: 0 }
    months.set(month, {
      orders: entry.orders + 1,
      amountMinor: entry.amountMinor + Number(order.amount_minor),
    })
  }
  const latest = scores[scores.length - 1]
  return {
    score:
      latest === undefined
        ? null
        : {
            asOf: latest.as_of,
            model: latest.model,
            status: latest.status,
            statusRule: latest.status_rule,
            lostSince: latest.lost_since,
            probabilityAlive: latest.p_alive === null ? null : Number(latest.p_alive),
            expectedOrders: latest.expected_orders === null ? null : Number(latest.expected_orders),
            expectedNextOrder: latest.expected_next_order,
            overdueDays: latest.overdue_days === null ? null : Number(latest.overdue_days),
            valueIfWonBackMinor: Number(latest.value_if_won_back_minor),
            clvMinor: latest.clv_minor === null ? null : Number(latest.clv_minor),
            winBackProbability: Number(latest.win_back_probability),
            expectedValueMinor: Number(latest.expected_value_minor),
            explanation: latest.explanation,
          },
    statusHistory: [...scores]
      .sort((left, right) => left.as_of.localeCompare(right.as_of))
      .map((row) => ({
        asOf: row.as_of,
        status: row.status,
        probabilityAlive: row.p_alive === null ? null : Number(row.p_alive),
      })),
    orderHistory: [...months.entries()].map(([month, entry]) => ({ month, ...entry })),
  }
}
