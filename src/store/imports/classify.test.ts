import { describe, expect, it } from 'vitest'
import { classifyStored, type ImportContext, repeatOf } from './classify.js'

const context: ImportContext = { importId: 7, uncommittedImportIds: new Set([7, 8, 9]) }
const placed = ['placed', 1250] as const
const refunded = ['refunded', 1250] as const

describe('classifyStored', () => {
  it('a committed row with the same content is unchanged and, when repeats could differ, marked seen', () => {
    const committed = { row: { importId: 3, content: placed }, pending: null }
    expect(classifyStored(placed, committed, context, true)).toEqual({
      outcome: 'unchanged',
      stage: 'seen',
      kept: placed,
    })
    expect(classifyStored(placed, committed, context, false).stage).toBeNull()
  })

  it('a committed row with other content is updated at publish', () => {
    const committed = { row: { importId: null, content: placed }, pending: null }
    expect(classifyStored(refunded, committed, context, true)).toEqual({
      outcome: 'updated',
      stage: 'upsert',
      kept: refunded,
    })
  })

  it('a row this import wrote makes the record a repeat: the same content unchanged, other content a conflict', () => {
    const own = { row: { importId: 7, content: placed }, pending: null }
    expect(classifyStored(placed, own, context, true).outcome).toBe('unchanged')
    expect(classifyStored(refunded, own, context, true)).toEqual({
      outcome: 'conflict',
      stage: null,
      kept: placed,
    })
  })

  it('what this import staged for the key decides a repeat, whatever the stored row says', () => {
    const staged = {
      row: { importId: null, content: placed },
      pending: { action: 'upsert' as const, content: refunded },
    }
    expect(classifyStored(refunded, staged, context, true).outcome).toBe('unchanged')
    expect(classifyStored(placed, staged, context, true).outcome).toBe('conflict')
  })

  it('a row another unfinished import wrote, or a row gone meanwhile, counts as inserted and is staged', () => {
    const other = { row: { importId: 9, content: refunded }, pending: null }
    const gone = { row: null, pending: null }
    for (const state of [other, gone]) {
      expect(classifyStored(placed, state, context, true)).toEqual({
        outcome: 'inserted',
        stage: 'upsert',
        kept: placed,
      })
    }
  })
})

describe('repeatOf', () => {
  it('numbers compare by value and null equals a missing cell', () => {
    expect(repeatOf([null, 5], [null, 5]).outcome).toBe('unchanged')
    expect(repeatOf([null, 5], [null, 6]).outcome).toBe('conflict')
  })
})
