import { describe, expect, it } from 'vitest'
import { checkContentInput } from './content-library.js'

describe('a content library item', () => {
  const good = {
    title: ' How Acme cut downtime ',
    url: 'https://x.test/acme',
    valueKind: 'case_study',
  }

  it('is trimmed, and an empty segment means everyone', () => {
    expect(checkContentInput({ ...good, segment: '  ' })).toEqual({
      title: 'How Acme cut downtime',
      url: 'https://x.test/acme',
      valueKind: 'case_study',
      segment: null,
    })
  })

  it('refuses bad input in one line naming the field', () => {
    expect(() => checkContentInput({ ...good, title: ' ' })).toThrow(/^title: /)
    expect(() => checkContentInput({ ...good, url: 'javascript:alert(1)' })).toThrow(/^url: /)
    expect(() => checkContentInput({ ...good, url: 'not a url' })).toThrow(/^url: /)
    expect(() => checkContentInput({ ...good, valueKind: 'spam' })).toThrow(/^valueKind: /)
    expect(() => checkContentInput({ ...good, segment: 'x'.repeat(101) })).toThrow(/^segment: /)
  })
})
