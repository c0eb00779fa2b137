import { ValidationError } from '../../domain/errors.js'
import {
  DAYS_PER_YEAR,
  dayFromIsoDate,
  isIsoDate,
  isoDateFromDay,
  todayIsoDate,
} from './calendar.js'
import { drawContacts } from './contacts.js'
import { contractsFor } from './contracts.js'
import { drawCustomerBase } from './customer-plan.js'
import { type CustomerStory, type StoryWorld, tellCustomerStory } from './customer-story.js'
import { customerTruth } from './customer-truth.js'
import { type DrawnDeal, drawCustomerDeals } from './deals.js'
import type {
  DemoCompany,
  DemoContact,
  DemoContract,
  DemoCustomer,
  DemoOwnershipSpell,
  DemoTruth,
  DemoWinBackAttempt,
} from './demo-types.js'
import type { DrawnIncident } from './incidents.js'
import type { DrawnOrder } from './orders.js'
import { type OwnerSpell, ownerOn } from './ownership.js'
import { tellProspectStory } from './prospects.js'
import { createRandom } from './random.js'
import { createFixes, createStaff } from './staff.js'

/** How to generate the demo company; every field has a default. */
export interface DemoOptions {
  /** the seed: the same seed (and as-of date) gives the same company */
  readonly seed?: number
  /** customers who bought (prospects of failed sales come on top, about 18 % more) */
  readonly customers?: number
  /** the last day of the company's history, `YYYY-MM-DD` (default today, UTC) */
  readonly asOf?: string
}

export const DEFAULT_DEMO_SEED = 1
export const DEFAULT_DEMO_CUSTOMERS = 3000
const MAX_DEMO_CUSTOMERS = 1_000_000
const HISTORY_YEARS = 4

interface Collected {
  readonly customers: DemoCustomer[]
  readonly ownership: DemoOwnershipSpell[]
  readonly contacts: DemoContact[]
  readonly orders: DrawnOrder[]
  readonly contracts: DemoContract[]
  readonly deals: DrawnDeal[]
  readonly incidents: DrawnIncident[]
  readonly winBackAttempts: DemoWinBackAttempt[]
  readonly truth: DemoTruth[]
}

/**
 * Generates a realistic synthetic B2B company — staff, customers who buy like a Pareto/NBD
 * population, contracts, incidents, deals won and lost, contacts and past win-back attempts —
 * with each customer's hidden truth. Pure: no I/O, deterministic for a seed and as-of date.
 * @example const company = generateDemoCompany({ seed: 7, customers: 500, asOf: '2025-06-30' })
 */
export function generateDemoCompany(options: DemoOptions = {}): DemoCompany {
  const { seed, customerCount, asOf } = validate(options)
  const random = createRandom(seed)
  const asOfDay = dayFromIsoDate(asOf)
  const startDay = asOfDay - Math.round(HISTORY_YEARS * DAYS_PER_YEAR)
  const staff = createStaff(random, asOfDay)
  const world: StoryWorld = { random, staff, fixes: createFixes(staff, asOfDay), asOfDay }
  const collected: Collected = {
    customers: [],
    ownership: [],
    contacts: [],
    orders: [],
    contracts: [],
    deals: [],
    incidents: [],
    winBackAttempts: [],
    truth: [],
  }
  for (let index = 1; index <= customerCount; index++) {
    const story = tellCustomerStory(world, drawCustomerBase(random, index, { startDay, asOfDay }))
    collectCustomer(world, story, collected)
  }
  const prospectCount = Math.round(customerCount * 0.18)
  for (let index = 1; index <= prospectCount; index++) {
    const prospect = tellProspectStory(world, index, startDay)
    collected.customers.push(prospect.customer)
    collected.ownership.push(...spellsOf(prospect.customer.id, prospect.spells))
    collected.contacts.push(...prospect.contacts)
    collected.deals.push(...prospect.deals)
    collected.truth.push(prospect.truth)
  }
  return {
    seed,
    asOf,
    currency: 'USD',
    users: staff.users,
    fixes: world.fixes,
    ...finish(collected),
  }
}

function collectCustomer(world: StoryWorld, story: CustomerStory, collected: Collected): void {
  const { base } = story
  const truth = customerTruth(world, story)
  const changes =
    (story.lifetimes.some((lifetime) => lifetime.reason === 'decision_maker_change') ? 1 : 0) +
    (truth.decisionMakerChangedSinceLoss ? 1 : 0)
  collected.customers.push({
    id: base.id,
    name: base.name,
    segment: base.segment,
    territory: base.territory,
    ownerEmail: ownerOn(story.spells, world.asOfDay),
  })
  collected.ownership.push(...spellsOf(base.id, story.spells))
  collected.contacts.push(...drawContacts(world.random, base, changes))
  collected.orders.push(...story.orders)
  if (base.hasContract) {
    collected.contracts.push(...contractsFor(base.id, story.lifetimes, world.asOfDay))
  }
  collected.deals.push(
    ...drawCustomerDeals(world.random, story, {
      asOfDay: world.asOfDay,
      leaverEmail: world.staff.leaver.email,
    }),
  )
  collected.incidents.push(...story.incidents)
  if (story.attempt !== null) {
    collected.winBackAttempts.push(story.attempt)
  }
  collected.truth.push(truth)
}

// keys are given in date order, as a real system would have numbered them
function finish(
  collected: Collected,
): Omit<DemoCompany, 'seed' | 'asOf' | 'currency' | 'users' | 'fixes'> {
  const orders = [...collected.orders]
    .sort((a, b) => a.day - b.day || compareText(a.customerId, b.customerId))
    .map((order, index) => ({
      orderId: `SO-${String(index + 1).padStart(7, '0')}`,
      customerId: order.customerId,
      orderedOn: isoDateFromDay(order.day),
      amountMinor: order.amountMinor,
      status: order.status,
    }))
  const incidents = [...collected.incidents]
    .sort((a, b) => a.day - b.day || compareText(a.customerId, b.customerId))
    .map(({ day, ...incident }, index) => ({
      key: `INC-${String(index + 1).padStart(6, '0')}`,
      occurredOn: isoDateFromDay(day),
      ...incident,
    }))
  const deals = [...collected.deals]
    .sort(
      (a, b) => compareText(a.createdOn, b.createdOn) || compareText(a.customerId, b.customerId),
    )
    .map((deal, index) => ({ key: `D-${String(index + 1).padStart(6, '0')}`, ...deal }))
  return {
    customers: collected.customers,
    ownership: collected.ownership,
    contacts: collected.contacts,
    orders,
    contracts: collected.contracts,
    deals,
    incidents,
    winBackAttempts: collected.winBackAttempts,
    truth: collected.truth,
  }
}

function spellsOf(customerId: string, spells: readonly OwnerSpell[]): DemoOwnershipSpell[] {
  return spells.map((spell) => ({
    customerId,
    userEmail: spell.email,
    fromDate: isoDateFromDay(spell.fromDay),
    toDate: spell.toDay === null ? null : isoDateFromDay(spell.toDay),
  }))
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function validate(options: DemoOptions): {
  readonly seed: number
  readonly customerCount: number
  readonly asOf: string
} {
  const seed = options.seed ?? DEFAULT_DEMO_SEED
  const customerCount = options.customers ?? DEFAULT_DEMO_CUSTOMERS
  const asOf = options.asOf ?? todayIsoDate()
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ValidationError(
      `the demo seed must be a whole number from 0 to 4294967295, not ${seed}`,
    )
  }
  if (!Number.isInteger(customerCount) || customerCount < 1 || customerCount > MAX_DEMO_CUSTOMERS) {
    throw new ValidationError(
      `the demo customer count must be a whole number from 1 to ${MAX_DEMO_CUSTOMERS}, not ${customerCount}`,
    )
  }
  if (!isIsoDate(asOf)) {
    throw new ValidationError(
      `the demo as-of date must be a date written YYYY-MM-DD, not "${asOf}"`,
    )
  }
  return { seed, customerCount, asOf }
}
