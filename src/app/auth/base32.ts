import { ValidationError } from '../../domain/errors.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * RFC 4648 §6 base32 without padding, as authenticator apps expect TOTP secrets.
 * @example encodeBase32(Buffer.from('foobar')) // 'MZXW6YTBOI'
 */
export function encodeBase32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let output = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      output += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) {
    output += ALPHABET[(value << (5 - bits)) & 31]
  }
  return output
}

/**
 * Decodes RFC 4648 base32; case, spaces and `=` padding are ignored.
 * @throws ValidationError on a character outside the alphabet
 * @example decodeBase32('MZXW6YTBOI') // bytes of 'foobar'
 */
export function decodeBase32(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s=]/g, '')
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const char of clean) {
    const index = ALPHABET.indexOf(char)
    if (index < 0) {
      throw new ValidationError('not a base32 string')
    }
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Uint8Array.from(bytes)
}
