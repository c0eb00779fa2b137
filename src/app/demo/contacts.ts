import type { DemoContact, Segment, Territory } from './demo-types.js'
import type { Random } from './random.js'
import {
  CITIES_BY_TERRITORY,
  FIRST_NAMES,
  LAST_NAMES,
  latinName,
  NON_LATIN_NAMES,
  type PersonName,
  STREET_NAMES,
} from './vocabulary.js'

const EXTRA_CONTACTS: Readonly<Record<Segment, readonly [number, number]>> = {
  Enterprise: [2, 4],
  'Mid-market': [1, 3],
  'Small business': [0, 1],
}

/**
 * The people at one account: a decision maker (and, after each change of decision maker, the
 * one who left beside the new one), buyers and users; a few of them have left the company.
 * Emails use the account's `.example` domain; phones the fictional 555-01xx range.
 */
export function drawContacts(
  random: Random,
  account: {
    readonly id: string
    readonly domain: string
    readonly segment: Segment
    readonly territory: Territory
  },
  decisionMakerChanges: number,
): DemoContact[] {
  const postalAddress = drawPostalAddress(random, account.territory)
  const contacts: DemoContact[] = []
  const add = (role: DemoContact['role'], hasLeft: boolean): void => {
    const name = drawPersonName(random)
    contacts.push({
      key: `CT-${account.id}-${contacts.length + 1}`,
      customerId: account.id,
      name: `${name.first} ${name.last}`,
      email:
        `${name.firstAscii}.${name.lastAscii}${contacts.length + 1}@${account.domain}`.toLowerCase(),
      phone: drawPhone(random),
      postalAddress,
      role,
      hasLeft,
    })
  }
  for (let change = 0; change < decisionMakerChanges; change++) {
    add('decision_maker', true)
  }
  add('decision_maker', false)
  const [fewest, most] = EXTRA_CONTACTS[account.segment]
  const extras = random.integer(fewest, most)
  for (let n = 0; n < extras; n++) {
    add(random.chance(0.6) ? 'buyer' : 'user', random.chance(0.08))
  }
  return contacts
}

/** A person's name: mostly Latin script, about one in twenty Greek or Cyrillic. */
export function drawPersonName(random: Random): PersonName {
  return random.chance(0.05)
    ? random.pick(NON_LATIN_NAMES)
    : latinName(random.pick(FIRST_NAMES), random.pick(LAST_NAMES))
}

function drawPhone(random: Random): string {
  const area = random.integer(201, 989)
  return `+1 ${area}-555-01${String(random.integer(0, 99)).padStart(2, '0')}`
}

function drawPostalAddress(random: Random, territory: Territory): string {
  const [city, state, zipPrefix] = random.pick(CITIES_BY_TERRITORY[territory])
  const zip = `${zipPrefix}${String(random.integer(0, 99)).padStart(2, '0')}`
  return `${random.integer(10, 9899)} ${random.pick(STREET_NAMES)}, ${city}, ${state} ${zip}`
}
