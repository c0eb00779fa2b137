import { describe, expect, it } from 'vitest'
import { RateLimitedError } from './auth/errors.js'
import { DEFAULT_QUOTA_RULES, Quotas } from './quota.js'

describe('Quotas', () => {
  it('allows the limit within the window, refuses the next with the seconds to wait', () => {
    let now = 1_000_000
    const quotas = new Quotas({ export: { limit: 3, windowSeconds: 3600 } }, () => now)
    for (let n = 0; n < 3; n += 1) {
      quotas.spend('export', 7)
      now += 1000
    }
    const refusal = (() => {
      try {
        quotas.spend('export', 7)
      } catch (error) {
        return error
      }
      return undefined
    })()
    expect(refusal).toBeInstanceOf(RateLimitedError)
    // the first use was 3 s ago: it leaves the hour's window in 3597 s
    expect((refusal as RateLimitedError).retryAfterSeconds).toBe(3597)
    expect((refusal as RateLimitedError).message).toMatch(/3 exports in the last hour/)
  })

  it('counts each user and each kind apart', () => {
    const quotas = new Quotas({ export: { limit: 1, windowSeconds: 60 } }, () => 0)
    quotas.spend('export', 1)
    expect(() => quotas.spend('export', 1)).toThrow(RateLimitedError)
    expect(() => quotas.spend('export', 2)).not.toThrow()
    expect(() => quotas.spend('search', 1)).not.toThrow()
  })

  it('slides: a use leaves the count once its window has passed, and a refusal is not counted', () => {
    let now = 0
    const quotas = new Quotas({ search: { limit: 2, windowSeconds: 60 } }, () => now)
    quotas.spend('search', 1)
    now = 30_000
    quotas.spend('search', 1)
    expect(() => quotas.spend('search', 1)).toThrow(RateLimitedError)
    now = 60_000
    // the first search left the window; the refused one never counted
    expect(() => quotas.spend('search', 1)).not.toThrow()
    expect(() => quotas.spend('search', 1)).toThrow(RateLimitedError)
  })

  it('counts a search only when there is text to search for', () => {
    const quotas = new Quotas({ search: { limit: 1, windowSeconds: 60 } }, () => 0)
    quotas.spendSearch(1, undefined)
    quotas.spendSearch(1, '   ')
    quotas.spendSearch(1, 'ann')
    expect(() => quotas.spendSearch(1, 'bob')).toThrow(RateLimitedError)
  })

  it('refuses a limit below 1 or a window that is not positive', () => {
    expect(() => new Quotas({ export: { limit: 0, windowSeconds: 60 } })).toThrow(RangeError)
    expect(() => new Quotas({ search: { limit: 5, windowSeconds: 0 } })).toThrow(RangeError)
  })

  it('has defaults sized for people: 60 searches a minute, 20 exports an hour', () => {
    expect(DEFAULT_QUOTA_RULES.search).toEqual({ limit: 60, windowSeconds: 60 })
    expect(DEFAULT_QUOTA_RULES.export).toEqual({ limit: 20, windowSeconds: 3600 })
  })
})
