import fc from 'fast-check'
import { expect, it } from 'vitest'
import { FirstSeen } from './first-seen.js'

it('says first exactly once per id, in any order of ids', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 200 }), (ids) => {
      const seen = new FirstSeen()
      const firsts = ids.filter((id) => seen.isFirst(id))
      expect(firsts).toEqual([...new Set(ids)])
    }),
  )
})
