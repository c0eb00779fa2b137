import { DAYS_PER_YEAR, isoDateFromDay } from './calendar.js'
import type { DemoFix, DemoRole, DemoUser, Territory } from './demo-types.js'
import type { Random } from './random.js'
import {
  FIRST_NAMES,
  LAST_NAMES,
  latinName,
  NON_LATIN_NAMES,
  type PersonName,
} from './vocabulary.js'

export const TERRITORIES: readonly Territory[] = ['North', 'South', 'East', 'West']

/** A seller with the days they started and (perhaps) left, for assigning accounts over time. */
export interface Seller {
  readonly email: string
  readonly startDay: number
  readonly leftDay: number | null
  readonly territory: Territory
}

/** The sales organisation: every user, and who sells where, when. */
export interface Staff {
  readonly users: readonly DemoUser[]
  readonly repsByTerritory: Readonly<Record<Territory, readonly Seller[]>>
  readonly managerByTerritory: Readonly<Record<Territory, string>>
  readonly vpEmail: string
  /** the abrasive rep who left; their accounts fell to their manager */
  readonly leaver: Seller
}

const STAFF_DOMAIN = 'comeback-demo.example'

/** Builds the demo's users: an admin, a VP, an analyst, a manager and 3–4 reps per territory. */
export function createStaff(random: Random, asOfDay: number): Staff {
  const names = uniqueNames(random, 24)
  const users: DemoUser[] = []
  const add = (user: Omit<DemoUser, 'email' | 'name'>): DemoUser => {
    const name = names[users.length] ?? latinName('Sam', `Seller${users.length}`)
    const created = { ...user, name: `${name.first} ${name.last}`, email: staffEmail(name) }
    users.push(created)
    return created
  }
  const yearsAgo = (years: number): string => isoDateFromDay(asOfDay - years * DAYS_PER_YEAR)
  const base = { leftOn: null, territory: null, baseCommissionRate: 0 }
  add({ ...base, role: 'admin', managerEmail: null, startedOn: yearsAgo(6) })
  const vp = add({ ...base, role: 'vp', managerEmail: null, startedOn: yearsAgo(7) })
  add({ ...base, role: 'analyst', managerEmail: vp.email, startedOn: yearsAgo(3) })
  const leaverTerritory = random.pick(TERRITORIES)
  const newcomerTerritories = TERRITORIES.filter((territory) => territory !== leaverTerritory)
  const repsByTerritory = {} as Record<Territory, Seller[]>
  const managerByTerritory = {} as Record<Territory, string>
  let leaver: Seller | null = null
  for (const territory of TERRITORIES) {
    const manager = add({
      ...base,
      role: 'manager',
      managerEmail: vp.email,
      startedOn: yearsAgo(4.5 + random.next() * 3),
      territory,
      baseCommissionRate: 0.02,
    })
    managerByTerritory[territory] = manager.email
    const plans = repPlans(random, asOfDay, {
      hasLeaver: territory === leaverTerritory,
      hasNewcomer: newcomerTerritories.slice(0, 2).includes(territory),
    })
    repsByTerritory[territory] = plans.map((plan) => {
      const rep = add({
        role: 'rep' satisfies DemoRole,
        managerEmail: manager.email,
        startedOn: isoDateFromDay(plan.startDay),
        leftOn: plan.leftDay === null ? null : isoDateFromDay(plan.leftDay),
        territory,
        baseCommissionRate: Math.round((0.05 + random.next() * 0.03) * 1000) / 1000,
      })
      const seller = { email: rep.email, startDay: plan.startDay, leftDay: plan.leftDay, territory }
      if (plan.leftDay !== null) {
        leaver = seller
      }
      return seller
    })
  }
  if (leaver === null) {
    throw new Error('the demo staff always has one rep who left')
  }
  return { users, repsByTerritory, managerByTerritory, vpEmail: vp.email, leaver }
}

interface RepPlan {
  readonly startDay: number
  readonly leftDay: number | null
}

function repPlans(
  random: Random,
  asOfDay: number,
  options: { readonly hasLeaver: boolean; readonly hasNewcomer: boolean },
): RepPlan[] {
  const veteran = (): RepPlan => ({
    startDay: Math.round(asOfDay - (4.2 + random.next() * 2.5) * DAYS_PER_YEAR),
    leftDay: null,
  })
  const plans = [veteran(), veteran()]
  if (options.hasLeaver) {
    const leftDay = asOfDay - random.integer(290, 330)
    plans.push({ startDay: Math.round(asOfDay - 5.5 * DAYS_PER_YEAR), leftDay })
    // the replacement the seeds describe: "his replacement is greatly appreciated"
    plans.push({ startDay: leftDay + random.integer(20, 40), leftDay: null })
  } else {
    plans.push(veteran())
  }
  if (options.hasNewcomer) {
    plans.push({ startDay: asOfDay - random.integer(40, 170), leftDay: null })
  }
  return plans
}

/** The dated fixes of the demo company's history, some of them scoped (SPEC: fix scopes). */
export function createFixes(staff: Staff, asOfDay: number): DemoFix[] {
  const leftDay = staff.leaver.leftDay ?? asOfDay
  return [
    {
      reason: 'rep_relationship',
      fixedOn: isoDateFromDay(leftDay),
      scope: { kind: 'rep', value: staff.leaver.email },
      note: 'The abrasive rep was replaced',
    },
    {
      reason: 'no_one_stop_offer',
      fixedOn: isoDateFromDay(asOfDay - 420),
      scope: null,
      note: 'One-stop offer launched: installation and service now bundled',
    },
    {
      reason: 'delivery',
      fixedOn: isoDateFromDay(asOfDay - 240),
      scope: null,
      note: 'New logistics partner; on-time delivery above 98 %',
    },
    {
      reason: 'price',
      fixedOn: isoDateFromDay(asOfDay - 150),
      scope: { kind: 'segment', value: 'Small business' },
      note: 'Small-business price list is now competitive',
    },
  ]
}

function uniqueNames(random: Random, count: number): PersonName[] {
  const seen = new Set<string>()
  const names: PersonName[] = []
  while (names.length < count) {
    const name = random.chance(0.1)
      ? random.pick(NON_LATIN_NAMES)
      : latinName(random.pick(FIRST_NAMES), random.pick(LAST_NAMES))
    const email = staffEmail(name)
    if (!seen.has(email)) {
      seen.add(email)
      names.push(name)
    }
  }
  return names
}

function staffEmail(name: PersonName): string {
  return `${name.firstAscii}.${name.lastAscii}@${STAFF_DOMAIN}`.toLowerCase()
}
