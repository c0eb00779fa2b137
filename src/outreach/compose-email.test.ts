import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { composeEmail } from './compose-email.js'
import { tokenMessageId, unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js'

const SENDER = { fromAddress: 'hi@sender.test', fromName: 'Us', postalAddress: '1 Main St, Town' }
const TARGETS = { url: 'https://c.test/u/1.x', mailto: 'mailto:u@sender.test' }

describe('composeEmail (TESTPLAN T15, T22)', () => {
  it('keeps CR/LF out of the subject and names, whatever the values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (name, company) => {
        const email = composeEmail({
          template: { subject: '{{customer}}: {{contact}}', body: 'Hi {{contact}}' },
          values: { contact: name, customer: company },
          sender: { ...SENDER, fromName: company },
          to: { name, address: 'ann@x.test' },
          unsubscribe: TARGETS,
        })
        for (const header of [email.subject, email.to.name, email.from.name]) {
          expect(header).not.toMatch(/[\r\n]/)
        }
        expect(email.html).not.toContain('<script')
      }),
    )
  })

  it('always carries the postal address, a visible link and the one-click headers', () => {
    const email = composeEmail({
      template: { subject: 'Hello', body: 'No footer fields here.' },
      values: {},
      sender: SENDER,
      to: { name: null, address: 'ann@x.test' },
      unsubscribe: TARGETS,
    })
    expect(email.text).toContain(SENDER.postalAddress)
    expect(email.text).toContain(TARGETS.url)
    expect(email.html).toContain(`<a href="${TARGETS.url}">`)
    expect(email.headers).toEqual({
      'List-Unsubscribe': `<${TARGETS.url}>, <${TARGETS.mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
  })
})

describe('unsubscribe tokens', () => {
  const secret = 's'.repeat(40)
  const binding = { messageId: 7, recipient: 'ann@x.test', sender: 'hi@sender.test' }

  it('carry a 256-bit MAC bound to message, recipient and sender', () => {
    const token = unsubscribeToken(secret, binding)
    expect(tokenMessageId(token)).toBe(7)
    expect(Buffer.from(token.split('.')[1] ?? '', 'base64url')).toHaveLength(32)
    expect(verifyUnsubscribeToken(secret, token, binding)).toBe(true)
    for (const other of [
      { ...binding, messageId: 8 },
      { ...binding, recipient: 'bob@x.test' },
      { ...binding, sender: 'other@sender.test' },
    ]) {
      expect(verifyUnsubscribeToken(secret, token, other)).toBe(false)
    }
    expect(verifyUnsubscribeToken(`${secret}x`, token, binding)).toBe(false)
    expect(tokenMessageId('7.short')).toBeNull()
  })
})
