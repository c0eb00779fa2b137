import { describe, expect, it } from 'vitest'
import { createPageCache, freezeAnswer, isFrozenAnswer } from './page-cache.js'

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

  it('freezes a kept answer all the way down and marks it, which a shallow freeze does not', () => {
    const page = freezeAnswer({ items: [{ reasons: ['price'] }], facets: { segments: ['smb'] } })
    expect(isFrozenAnswer(page)).toBe(true)
    expect(Object.isFrozen(page.items[0]?.reasons)).toBe(true)
    expect(Object.isFrozen(page.facets.segments)).toBe(true)
    expect(() => page.items[0]?.reasons.push('late')).toThrow(TypeError)
    expect(isFrozenAnswer(Object.freeze({ items: [] }))).toBe(false)
    expect(isFrozenAnswer(null)).toBe(false)
  })
})
