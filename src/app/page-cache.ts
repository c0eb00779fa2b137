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
