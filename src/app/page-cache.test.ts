import { describe, expect, it } from 'vitest'
import { createPageCache } from './page-cache.js'

describe('the page cache', () => {
  it('forgets the least recently used entry first, a read counting as a use', () => {
    const pages = createPageCache<number>(2)
    pages.set('a', 1)
    pages.set('b', 2)
    expect(pages.get('a')).toBe(1)
    pages.set('c', 3)
    expect(pages.get('b')).toBeUndefined()
    expect(pages.get('a')).toBe(1)
    expect(pages.get('c')).toBe(3)
  })
})
