import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pooledByDefault } from './smtp-mailer.js'

describe('pooledByDefault', () => {
  it('adds pool=true and keeps what the URL said', () => {
    expect(pooledByDefault('smtp://127.0.0.1:2525')).toBe('smtp://127.0.0.1:2525?pool=true')
    expect(pooledByDefault('smtp://127.0.0.1:2525?pool=false')).toBe(
      'smtp://127.0.0.1:2525?pool=false',
    )
    expect(pooledByDefault('smtps://mail.example.com?pool=true&maxConnections=2')).toBe(
      'smtps://mail.example.com?pool=true&maxConnections=2',
    )
  })

  it('never changes the credentials, host or port', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 65_535 }),
        (user, password, port) => {
          const url = `smtps://${encodeURIComponent(user)}:${encodeURIComponent(password)}@mail.example.com:${port}`
          const pooled = new URL(pooledByDefault(url))
          expect(decodeURIComponent(pooled.username)).toBe(user)
          expect(decodeURIComponent(pooled.password)).toBe(password)
          expect(pooled.hostname).toBe('mail.example.com')
          expect(pooled.port).toBe(String(port))
          expect(pooled.searchParams.get('pool')).toBe('true')
        },
      ),
    )
  })
})
