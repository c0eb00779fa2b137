/** A bounded map that forgets the least recently used entry first. */
export interface PageCache<TValue> {
  get(key: string): TValue | undefined
  set(key: string, value: TValue): void
}

/**
 * A cache of at most `capacity` entries, least recently used going first (a Map keeps insertion
 * order, so a read moves its entry to the end).
 * @example const pages = createPageCache<string>(2); pages.set('a', 'A'); pages.get('a') // 'A'
 */
export function createPageCache<TValue>(capacity: number): PageCache<TValue> {
  const entries = new Map<string, TValue>()
  return {
    get(key) {
      const value = entries.get(key)
      if (value !== undefined) {
        entries.delete(key)
        entries.set(key, value)
      }
      return value
    },
    set(key, value) {
      entries.delete(key)
      entries.set(key, value)
      if (entries.size > capacity) {
        const oldest = entries.keys().next()
        if (oldest.done !== true) {
          entries.delete(oldest.value)
        }
      }
    },
  }
}

// answers that are frozen all the way down, so whoever sends one may keep what it made of it
const frozenAnswers = new WeakSet<object>()

/**
 * Freezes an answer that a cache hands out again and again, all the way down, and marks it so: a
 * marked answer is the same immutable value each time it comes back, so what was checked and
 * serialised of it once holds for good (see `isFrozenAnswer`, and the server's route mounting).
 * @example pages.set(key, freezeAnswer(page))
 */
export function freezeAnswer<TValue extends object>(value: TValue): TValue {
  freezeDeep(value)
  frozenAnswers.add(value)
  return value
}

/**
 * Whether a value was made immutable with `freezeAnswer` (a plain `Object.freeze` is shallow, so
 * it does not count).
 * @example isFrozenAnswer(freezeAnswer({ items: [] })) // true
 */
export function isFrozenAnswer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && frozenAnswers.has(value)
}

// answers are JSON-like trees (no cycles); an already frozen part may still hide a mutable one
function freezeDeep(value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    return
  }
  Object.freeze(value)
  for (const inner of Object.values(value)) {
    freezeDeep(inner)
  }
}
