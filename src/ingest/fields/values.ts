import type { ContactRole, DealStatus, OrderStatus } from '../../domain/records.js'

/** A well-formed email address (a pragmatic check, not RFC 5322): one @, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;.]+$/

/**
 * Reads an email: lower-cased, or null when empty; `'invalid'` when it is not an address.
 * @example readEmail(' Ann@Example.com ') // 'ann@example.com'
 */
export function readEmail(text: string): string | null | 'invalid' {
  const value = text.trim()
  if (value === '') {
    return null
  }
  return EMAIL.test(value) && value.length <= 254 ? value.toLowerCase() : 'invalid'
}

const TRUE_WORDS = new Set(['1', 'y', 'yes', 'true', 't', 'x', 'on', 'ja', 'oui', 'si', 'sí'])
const FALSE_WORDS = new Set(['0', 'n', 'no', 'false', 'f', 'off', '', 'nein', 'non', '-'])

/** Reads a yes/no cell; `'invalid'` when it is neither. */
export function readFlag(text: string): boolean | 'invalid' {
  const value = text.trim().toLowerCase()
  if (TRUE_WORDS.has(value)) {
    return true
  }
  return FALSE_WORDS.has(value) ? false : 'invalid'
}

const ORDER_STATUS: ReadonlyMap<string, OrderStatus> = new Map(
  Object.entries({
    '': 'placed',
    placed: 'placed',
    paid: 'placed',
    complete: 'placed',
    completed: 'placed',
    fulfilled: 'placed',
    shipped: 'placed',
    delivered: 'placed',
    open: 'placed',
    closed: 'placed',
    active: 'placed',
    ok: 'placed',
    processed: 'placed',
    invoiced: 'placed',
    partiallyrefunded: 'placed',
    cancelled: 'cancelled',
    canceled: 'cancelled',
    cancel: 'cancelled',
    void: 'cancelled',
    voided: 'cancelled',
    annulled: 'cancelled',
    refunded: 'refunded',
    refund: 'refunded',
    returned: 'refunded',
    chargeback: 'refunded',
    creditnote: 'refunded',
  }),
)

/** Reads an order status and its synonyms (paid, shipped → placed; canceled, void → cancelled; returned → refunded). */
export function readOrderStatus(text: string): OrderStatus | 'invalid' {
  if (text === 'placed' || text === '') {
    return 'placed'
  }
  return ORDER_STATUS.get(text) ?? ORDER_STATUS.get(squash(text)) ?? 'invalid'
}

const CONTACT_ROLE: ReadonlyMap<string, ContactRole> = new Map(
  Object.entries({
    decisionmaker: 'decision_maker',
    dm: 'decision_maker',
    economicbuyer: 'decision_maker',
    owner: 'decision_maker',
    ceo: 'decision_maker',
    buyer: 'buyer',
    purchaser: 'buyer',
    purchasing: 'buyer',
    procurement: 'buyer',
    user: 'user',
    enduser: 'user',
  }),
)

/** Reads a contact's role; anything unrecognised is `other`, never a reject. */
export function readContactRole(text: string): ContactRole {
  return CONTACT_ROLE.get(squash(text)) ?? 'other'
}

/** A deal's status from its status or stage text: won, lost, else open. */
export function readDealStatus(text: string): DealStatus {
  const value = squash(text)
  if (value.includes('lost') || value === 'dead' || value.includes('closedlost')) {
    return 'lost'
  }
  return value.includes('won') ? 'won' : 'open'
}

/** lower case without spaces, dashes or underscores, so "Partially Refunded" = "partially_refunded" */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_\-./]/g, '')
}

/** Trims a text cell; empty becomes null. */
export function readText(text: string): string | null {
  const value = text.trim()
  return value === '' ? null : value
}
