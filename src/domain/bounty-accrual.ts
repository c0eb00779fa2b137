import { type BountyRule, bountyShares, capped, fixedBounty, multiplierBounty } from './bounty.js'
import { addMonths } from './case-dates.js'

/** One earning: a credit or the reversal of one, for one rule, person and order. */
export interface EarningLine {
  readonly ruleId: number
  readonly userId: number
  readonly caseId: number
  readonly customerId: string
  readonly orderId: number
  readonly kind: 'fixed' | 'multiplier'
  readonly entry: 'credit' | 'reversal'
  readonly amountMinor: number
}

/** A won case, its people and the base commission rates of each. */
export interface WonCase {
  readonly caseId: number
  readonly customerId: string
  readonly wonOn: string
  readonly ownerId: number
  readonly repIds: readonly number[]
}

/** An order of a won-back customer, as it stands now; `counts` is false once cancelled or refunded. */
export interface CaseOrder {
  readonly orderId: number
  readonly orderedOn: string
  readonly amountMinor: number
  readonly counts: boolean
}

/** The key that makes an earning once (mirrors the database's unique constraints). */
export function earningKey(line: Omit<EarningLine, 'amountMinor' | 'caseId' | 'customerId'>) {
  return `${line.ruleId}:${line.userId}:${line.orderId}:${line.kind}:${line.entry}`
}

/** What is booked for one case and rule, and what this plan adds: keys, and each person's net. */
class CaseBook {
  readonly booked: readonly EarningLine[]
  readonly keys: Set<string>
  readonly held = new Map<number, number>()
  readonly added: EarningLine[] = []

  constructor(booked: readonly EarningLine[]) {
    this.booked = booked
    this.keys = new Set(booked.map(earningKey))
    for (const line of booked) {
      this.held.set(line.userId, this.heldBy(line.userId) + line.amountMinor)
    }
  }

  heldBy(userId: number): number {
    return this.held.get(userId) ?? 0
  }

  has(line: Omit<EarningLine, 'amountMinor' | 'caseId' | 'customerId'>): boolean {
    return this.keys.has(earningKey(line))
  }

  add(line: EarningLine): void {
    this.keys.add(earningKey(line))
    this.held.set(line.userId, this.heldBy(line.userId) + line.amountMinor)
    this.added.push(line)
  }
}

/**
 * The earnings to add for one won case under one rule, given what is already booked: a multiplier
 * credit per person for each order in the first N months after the win, the fixed bounty at the
 * first order after the win (once per person), and a reversal of each credit whose order no
 * longer counts (never a silent edit, SPEC Decisions). Caps bound each person's net per case.
 * Orders after `creditUntil` are not credited yet.
 */
export function planCaseEarnings(
  won: WonCase,
  rule: BountyRule,
  orders: readonly CaseOrder[],
  baseRates: ReadonlyMap<number, number>,
  booked: readonly EarningLine[],
  creditUntil: string | null = null,
): EarningLine[] {
  if (!rule.active || won.wonOn < rule.effectiveFrom) {
    return []
  }
  const book = new CaseBook(
    booked.filter((line) => line.ruleId === rule.id && line.caseId === won.caseId),
  )
  const counting = orders.filter((order) => order.counts)
  reverseWhatNoLongerCounts(book, counting)
  const after = counting
    .filter((order) => order.orderedOn >= won.wonOn)
    .filter((order) => creditUntil === null || order.orderedOn <= creditUntil)
    .sort((a, b) => a.orderedOn.localeCompare(b.orderedOn) || a.orderId - b.orderId)
  const hasFixed = book.booked.some((line) => line.kind === 'fixed' && line.entry === 'credit')
  const first = after.find((order) => order.amountMinor > 0)
  const end = addMonths(won.wonOn, rule.months)
  const base = { ruleId: rule.id, caseId: won.caseId, customerId: won.customerId }
  for (const [userId, share] of bountyShares(won.ownerId, won.repIds, rule.managerShare)) {
    if (rule.fixedMinor > 0 && !hasFixed && first !== undefined) {
      const line = { ...base, userId, orderId: first.orderId, kind: 'fixed' as const }
      const amount = capped(fixedBounty(rule.fixedMinor, share), book.heldBy(userId), rule.capMinor)
      if (amount !== 0 && !book.has({ ...line, entry: 'credit' })) {
        book.add({ ...line, entry: 'credit', amountMinor: amount })
      }
    }
    if (rule.multiplier > 1) {
      const rate = baseRates.get(userId) ?? 0
      for (const order of after.filter((candidate) => candidate.orderedOn < end)) {
        const line = { ...base, userId, orderId: order.orderId, kind: 'multiplier' as const }
        const raw = multiplierBounty(rule.multiplier, rate, order.amountMinor, share)
        const amount = capped(raw, book.heldBy(userId), rule.capMinor)
        if (amount !== 0 && !book.has({ ...line, entry: 'credit' })) {
          book.add({ ...line, entry: 'credit', amountMinor: amount })
        }
      }
    }
  }
  return book.added
}

// a credited order since cancelled, refunded or removed: its credit is reversed, once
function reverseWhatNoLongerCounts(book: CaseBook, counting: readonly CaseOrder[]): void {
  const live = new Set(counting.map((order) => order.orderId))
  for (const credit of book.booked.filter((line) => line.entry === 'credit')) {
    const reversal = { ...credit, entry: 'reversal' as const, amountMinor: -credit.amountMinor }
    if (!live.has(credit.orderId) && !book.has(reversal)) {
      book.add(reversal)
    }
  }
}
