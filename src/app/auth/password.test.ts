import { describe, expect, it } from 'vitest'
import { hashPassword, PASSWORD_LENGTH, verifyPassword } from './password.js'

describe('passwords', () => {
  it('are stored as argon2id PHC strings with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery staple')
    const second = await hashPassword('correct horse battery staple')
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(first).not.toBe(second)
  })

  it('verify only the password they were made from', async () => {
    const stored = await hashPassword('correct horse battery staple')
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false)
    expect(await verifyPassword(stored, '')).toBe(false)
  })

  it('never match when no password is set or the stored hash is malformed', async () => {
    expect(await verifyPassword(null, 'anything at all here')).toBe(false)
    expect(await verifyPassword('not a hash', 'anything at all here')).toBe(false)
  })

  it('must have a sensible length', async () => {
    await expect(hashPassword('short')).rejects.toThrow(/characters/)
    await expect(hashPassword('x'.repeat(PASSWORD_LENGTH.max + 1))).rejects.toThrow(/characters/)
  })
})
