import type { Kysely } from 'kysely'
import { ConflictError } from '../domain/errors.js'
import {
  appendAudit,
  createUser,
  type Database,
  findUserByEmail,
  getSetting,
  insertContacts,
  insertContracts,
  insertCustomers,
  insertDeals,
  insertIncidents,
  insertOrders,
  insertWinBackAttempts,
  type Store,
  setSetting,
  stats,
} from '../store/index.js'
import type { DemoCompany } from './demo/demo-types.js'
import { type DemoOptions, generateDemoCompany } from './demo/generate-demo-company.js'

// 4 parameters a row: far below SQLite's 32,766 and PostgreSQL's 65,535 per statement
const SPELLS_PER_STATEMENT = 2000

/** What loading the demo company wrote, table by table. */
export interface DemoLoadCounts {
  readonly users: number
  readonly customers: number
  readonly ownershipSpells: number
  readonly contacts: number
  readonly orders: number
  readonly contracts: number
  readonly deals: number
  readonly incidents: number
  readonly winBackAttempts: number
}

/** The generated company (with its hidden truth) and what was written of it. */
export interface DemoLoadResult {
  readonly company: DemoCompany
  readonly counts: DemoLoadCounts
}

/**
 * Generates the demo company and writes it into an empty store in one transaction: users, customers
 * and who owned them when, contacts, orders, contracts, deals, incidents and past win-back
 * attempts; sets the currency to USD when none is set; audits the load under `actor`.
 * @throws ConflictError when the store already holds customers (demo data goes into an empty one)
 * @example const { counts } = await loadDemoCompany(store, { seed: 1, actor: 'local-admin' })
 */
export async function loadDemoCompany(
  store: Store,
  options: DemoOptions & { readonly actor: string },
): Promise<DemoLoadResult> {
  const existing = await stats(store)
  if (existing.customers > 0) {
    throw new ConflictError(
      `the database already holds ${existing.customers} customers; demo data goes into an empty database (pick another with --db)`,
    )
  }
  const company = generateDemoCompany(options)
  const counts = await store.db
    .transaction()
    .execute(async (trx) => writeCompany(trx, company, options.actor))
  return { company, counts }
}

async function writeCompany(
  trx: Kysely<Database>,
  company: DemoCompany,
  actor: string,
): Promise<DemoLoadCounts> {
  const userIds = await writeUsers(trx, company)
  const idOf = (email: string): number | null => userIds.get(email) ?? null
  const customers = await insertCustomers(
    trx,
    company.customers.map((customer) => ({
      id: customer.id,
      name: customer.name,
      segment: customer.segment,
      territory: customer.territory,
      owner_id: idOf(customer.ownerEmail),
    })),
  )
  await writeOwnershipSpells(trx, company, idOf)
  const counts: DemoLoadCounts = {
    users: userIds.size,
    customers,
    ownershipSpells: company.ownership.length,
    ...(await writeRecords(trx, company, idOf)),
  }
  if ((await getSetting(trx, 'currency', null)) === null) {
    await setSetting(trx, 'currency', company.currency, actor)
  }
  await appendAudit(trx, {
    actor,
    via: 'cli',
    action: 'load_demo',
    objectType: 'database',
    objectId: null,
    fields: Object.keys(counts),
  })
  return counts
}

// the store has no bulk inserter for ownership spells yet, and setAccountOwner costs five round
// trips per spell (minutes on PostgreSQL for thousands), so the history goes in as multi-row inserts
async function writeOwnershipSpells(
  trx: Kysely<Database>,
  company: DemoCompany,
  idOf: (email: string) => number | null,
): Promise<void> {
  const rows = company.ownership.flatMap((spell) => {
    const userId = idOf(spell.userEmail)
    return userId === null
      ? []
      : [
          {
            customer_id: spell.customerId,
            user_id: userId,
            from_date: spell.fromDate,
            to_date: spell.toDate,
          },
        ]
  })
  for (let start = 0; start < rows.length; start += SPELLS_PER_STATEMENT) {
    await trx
      .insertInto('account_ownership')
      .values(rows.slice(start, start + SPELLS_PER_STATEMENT))
      .execute()
  }
}

async function writeUsers(
  trx: Kysely<Database>,
  company: DemoCompany,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const user of company.users) {
    const existing = await findUserByEmail(trx, user.email)
    const managerId = user.managerEmail === null ? null : (ids.get(user.managerEmail) ?? null)
    const row =
      existing ??
      (await createUser(trx, {
        email: user.email,
        name: user.name,
        role: user.role,
        manager_id: managerId,
        started_on: user.startedOn,
        base_commission_rate: user.baseCommissionRate,
        active: user.leftOn === null ? 1 : 0,
        password_hash: null,
      }))
    ids.set(user.email, Number(row.id))
  }
  return ids
}

async function writeRecords(
  trx: Kysely<Database>,
  company: DemoCompany,
  idOf: (email: string) => number | null,
): Promise<Omit<DemoLoadCounts, 'users' | 'customers' | 'ownershipSpells'>> {
  const currency = company.currency
  const contacts = await insertContacts(
    trx,
    company.contacts.map((contact) => ({
      contact_key: contact.key,
      customer_id: contact.customerId,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      postal_address: contact.postalAddress,
      role: contact.role,
      has_left: contact.hasLeft ? 1 : 0,
      lawful_basis: 'legitimate_interest',
      basis_source: 'demo data',
      basis_on: company.asOf,
      consent: 0,
    })),
  )
  const orders = await insertOrders(
    trx,
    company.orders.map((order) => ({
      order_key: `id:${order.orderId}`,
      order_id: order.orderId,
      customer_id: order.customerId,
      ordered_on: order.orderedOn,
      amount_minor: order.amountMinor,
      currency,
      status: order.status,
    })),
  )
  const contracts = await insertContracts(
    trx,
    company.contracts.map((contract) => ({
      contract_key: contract.key,
      customer_id: contract.customerId,
      starts_on: contract.startsOn,
      ends_on: contract.endsOn,
      value_minor: contract.valueMinor,
      currency,
      renewed: contract.renewed ? 1 : 0,
    })),
  )
  return {
    contacts,
    orders,
    contracts,
    ...(await writeDealsAndHistory(trx, company, idOf)),
  }
}

async function writeDealsAndHistory(
  trx: Kysely<Database>,
  company: DemoCompany,
  idOf: (email: string) => number | null,
): Promise<{ deals: number; incidents: number; winBackAttempts: number }> {
  const currency = company.currency
  const deals = await insertDeals(
    trx,
    company.deals.map((deal) => ({
      deal_key: deal.key,
      customer_id: deal.customerId,
      name: deal.name,
      stage: deal.stage,
      status: deal.status,
      value_minor: deal.valueMinor,
      currency,
      recurring: deal.recurring ? 1 : 0,
      created_on: deal.createdOn,
      closed_on: deal.closedOn,
      lost_reason: deal.lostReason,
      competitor: deal.competitor,
      next_choice_on: deal.nextChoiceOn,
      owner_id: idOf(deal.ownerEmail),
    })),
  )
  const incidents = await insertIncidents(
    trx,
    company.incidents.map((incident) => ({
      incident_key: incident.key,
      customer_id: incident.customerId,
      kind: incident.kind,
      occurred_on: incident.occurredOn,
      cost_minor: incident.costMinor,
      currency,
      description: incident.description,
    })),
  )
  const winBackAttempts = await insertWinBackAttempts(
    trx,
    company.winBackAttempts.map((attempt) => ({
      customer_id: attempt.customerId,
      started_on: attempt.startedOn,
      ended_on: attempt.endedOn,
      outcome: attempt.outcome,
      reason_code: attempt.reasonCode,
      owner_id: idOf(attempt.ownerEmail),
      notes: attempt.notes,
    })),
  )
  return { deals, incidents, winBackAttempts }
}
