import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase32, encodeBase32 } from './base32.js'
import { hotp, matchTotp, totpStep, totpUri } from './totp.js'

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii')

describe('base32 (RFC 4648 §10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ]

  it('encodes the published vectors (without padding) and decodes them with or without it', () => {
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(Buffer.from(plain))).toBe(encoded)
      expect(Buffer.from(decodeBase32(encoded)).toString()).toBe(plain)
      expect(Buffer.from(decodeBase32(`${encoded.toLowerCase()}===`)).toString()).toBe(plain)
    }
  })

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes)
      }),
    )
  })

  it('refuses characters outside the alphabet', () => {
    expect(() => decodeBase32('MZ1W')).toThrow(/base32/)
  })
})

describe('HOTP and TOTP', () => {
  it('gives the HOTP values of RFC 4226 appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ]
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected)
  })

  it('gives the SHA-1 TOTP values of RFC 6238 appendix B (8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ]
    for (const [seconds, code] of vectors) {
      expect(hotp(RFC_KEY, totpStep(new Date(seconds * 1000)), 8)).toBe(code)
    }
  })

  it('accepts a code one step either side of now and nothing further', () => {
    const secret = encodeBase32(RFC_KEY)
    const now = new Date(1_700_000_000_000)
    const step = totpStep(now)
    for (const offset of [-1, 0, 1]) {
      expect(matchTotp(secret, hotp(RFC_KEY, step + offset), now)).toBe(step + offset)
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = hotp(RFC_KEY, step + offset)
      const nearby = [-1, 0, 1].map((near) => hotp(RFC_KEY, step + near))
      if (!nearby.includes(code)) {
        expect(matchTotp(secret, code, now)).toBeNull()
      }
    }
  })

  it('refuses anything that is not six digits', () => {
    const secret = encodeBase32(RFC_KEY)
    for (const code of ['', '12345', '1234567', 'abcdef', ' 755224']) {
      expect(matchTotp(secret, code, new Date(0))).toBeNull()
    }
  })

  it('builds an otpauth URI that names the issuer, the account and the secret', () => {
    const uri = new URL(totpUri({ secretBase32: 'MZXW6YTBOI', accountName: 'ann@example.com' }))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.host).toBe('totp')
    expect(decodeURIComponent(uri.pathname)).toBe('/Comeback:ann@example.com')
    expect(uri.searchParams.get('secret')).toBe('MZXW6YTBOI')
    expect(uri.searchParams.get('issuer')).toBe('Comeback')
  })
})
