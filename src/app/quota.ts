import { RateLimitedError } from './auth/errors.js'

/** The kinds of work a user's quota counts (TESTPLAN T18). */
export type QuotaKind = 'search' | 'export' | 'import'

/** How many of one kind a user may do within a sliding window. */
export interface QuotaRule {
  readonly limit: number
  readonly windowSeconds: number
}

/** One rule per kind of work. */
export type QuotaRules = Readonly<Record<QuotaKind, QuotaRule>>

/**
 * Defaults sized for people, not scripts: a person searching as they type stays far below 60 a
 * minute, and 20 exports an hour is more than a working day needs; imports match `ImportJobs`'
 * own thirty an hour.
 */
export const DEFAULT_QUOTA_RULES: QuotaRules = {
  search: { limit: 60, windowSeconds: 60 },
  export: { limit: 20, windowSeconds: 60 * 60 },
  import: { limit: 30, windowSeconds: 60 * 60 },
}

const NOUNS: Readonly<Record<QuotaKind, string>> = {
  search: 'searches',
  export: 'exports',
  import: 'imports',
}

/**
 * Per-user quotas over a sliding window, kept in memory by the one server process. `spend` checks
 * and records in one synchronous step, so concurrent requests cannot both take the last place
 * (Node runs it without interleaving). Past the quota it throws RateLimitedError with the seconds
 * until the oldest counted use leaves the window, which the server sends as `Retry-After`.
 * @example const quotas = new Quotas(); quotas.spend('export', user.id) // throws past 20 an hour
 */
export class Quotas {
  readonly #rules: QuotaRules
  readonly #now: () => number
  readonly #uses = new Map<string, number[]>()

  constructor(rules: Partial<QuotaRules> = {}, now: () => number = () => Date.now()) {
    this.#rules = { ...DEFAULT_QUOTA_RULES, ...rules }
    this.#now = now
    for (const [kind, rule] of Object.entries(this.#rules)) {
      if (!Number.isInteger(rule.limit) || rule.limit < 1 || !(rule.windowSeconds > 0)) {
        throw new RangeError(`the ${kind} quota needs a whole limit ≥ 1 and a positive window`)
      }
    }
  }

  /** The rule of one kind of work. */
  ruleOf(kind: QuotaKind): QuotaRule {
    return this.#rules[kind]
  }

  /**
   * Counts one use of `kind` by `userId`, or throws when the quota is spent (nothing counted then).
   * @throws RateLimitedError past the quota
   */
  spend(kind: QuotaKind, userId: number): void {
    const rule = this.#rules[kind]
    const windowMs = rule.windowSeconds * 1000
    const now = this.#now()
    const key = `${kind}:${userId}`
    const recent = (this.#uses.get(key) ?? []).filter((at) => now - at < windowMs)
    const oldest = recent[0]
    if (recent.length >= rule.limit && oldest !== undefined) {
      this.#uses.set(key, recent)
      throw new RateLimitedError(
        `you made ${recent.length} ${NOUNS[kind]} in the last ${describeWindow(rule.windowSeconds)}, the most allowed: try again later`,
        Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
      )
    }
    recent.push(now)
    this.#uses.set(key, recent)
  }

  /** Counts a search only when there is something to search for (an empty box is a plain list). */
  spendSearch(userId: number, search: string | undefined): void {
    if (search !== undefined && search.trim() !== '') {
      this.spend('search', userId)
    }
  }
}

function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0) {
    return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`
  }
  if (seconds % 60 === 0) {
    return seconds === 60 ? 'minute' : `${seconds / 60} minutes`
  }
  return `${seconds} seconds`
}
