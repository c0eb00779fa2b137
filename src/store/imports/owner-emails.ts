import type { Store } from '../store.js'

const EMAILS_PER_QUERY = 1000

/** Lower-case and trimmed, as `users.email` is stored. */
const normalize = (email: string): string => email.trim().toLowerCase()

/**
 * Resolves owner emails to user ids for one import, asking the database once per new email. An
 * email no user has resolves to null: the row is stored without an owner rather than rejected.
 */
export class OwnerEmails {
  readonly #store: Store
  readonly #ids = new Map<string, number | null>()

  constructor(store: Store) {
    this.#store = store
  }

  /** Looks up every email of `emails` not looked up before. */
  async load(emails: Iterable<string | null>): Promise<void> {
    const missing = new Set<string>()
    for (const email of emails) {
      if (email !== null && !this.#ids.has(normalize(email))) {
        missing.add(normalize(email))
      }
    }
    if (missing.size === 0) {
      return
    }
    const wanted = [...missing]
    for (let start = 0; start < wanted.length; start += EMAILS_PER_QUERY) {
      const chunk = wanted.slice(start, start + EMAILS_PER_QUERY)
      const rows = await this.#store.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('email', 'in', chunk)
        .execute()
      for (const email of chunk) {
        this.#ids.set(email, null)
      }
      for (const row of rows) {
        this.#ids.set(normalize(row.email), row.id)
      }
    }
  }

  /** The user id for `email` once loaded; null for no email or an unknown one. */
  idOf(email: string | null): number | null {
    return email === null ? null : (this.#ids.get(normalize(email)) ?? null)
  }
}
