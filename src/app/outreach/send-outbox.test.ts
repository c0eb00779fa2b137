import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { dkimVerify } from 'mailauth/lib/dkim/verify.js'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ComebackError } from '../../domain/errors.js'
import { actorOf, caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { addContacts, testSendingConfig } from './__fixtures__/outreach-world.js'
import { headerOf, headersOf, type SmtpSink, startSmtpSink } from './__fixtures__/smtp-sink.js'
import { queueEmail } from './queue-email.js'
import { sendOutbox } from './send-outbox.js'
import { sendTestEmail } from './send-test.js'
import { addSuppression } from './suppress.js'
import { createTemplate } from './templates.js'
import { unsubscribeByToken } from './unsubscribe.js'

const targets = await caseDialects()
let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink.close()
})

const EMAIL_TEMPLATE = 'professional-email-what-changed'

/** A fresh address per test and dialect: both dialects send to the one sink. */
function unique(local: string, domain: string): string {
  return `${local}-${randomBytes(3).toString('hex')}@${domain}`
}

/** The raw text with quoted-printable soft line breaks joined. */
function joined(raw: string): string {
  return raw.replace(/=\r?\n/g, '')
}

function headerBlock(raw: string): string {
  return raw.split(/\r?\n\r?\n/, 1)[0] ?? ''
}

function tokenIn(raw: string): string {
  const match = /https:\/\/comeback\.test\/u\/([0-9]+\.[A-Za-z0-9_-]{43})/.exec(joined(raw))
  if (match?.[1] === undefined) {
    throw new Error(`no unsubscribe link in the message: ${raw}`)
  }
  return match[1]
}

function sunkTo(address: string) {
  return sink.messages.filter((message) =>
    message.rcptTo.some((to) => to.toLowerCase() === address.toLowerCase()),
  )
}

describeWorld('sending the outbox', targets, (current) => {
  it('T15: CR/LF and Bcc in names and fields reach no header; merge fields render literally', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const evil = 'Ann\r\nBcc: x@evil.test'
    const to = unique('t15', 'victim.test')
    const { contactIds } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      customerName: 'Acme\r\nBcc: y@evil.test',
      contacts: [{ name: evil, email: to }],
    })
    const injection = "{{constructor.constructor('return process')()}}"
    await queueEmail(store, who, {
      contactId: contactIds[0] ?? 0,
      templateKey: EMAIL_TEMPLATE,
      reason: injection,
      whatWasFixed: '<script>alert(1)</script>',
    })
    await sendOutbox(store, testSendingConfig(sink.url))
    const [message, ...others] = sunkTo(to)
    expect(others).toHaveLength(0)
    expect(message?.rcptTo).toEqual([to])
    const raw = message?.raw ?? ''
    expect(sink.messages.flatMap((m) => m.rcptTo).filter((to) => to.includes('evil'))).toEqual([])
    expect(headersOf(raw).map(([name]) => name.toLowerCase())).not.toContain('bcc')
    expect(headerBlock(raw)).not.toMatch(/^bcc:/im)
    expect(joined(raw)).not.toMatch(/^bcc:/im)
    // the value is text in the body, never evaluated
    expect(joined(raw)).toContain('constructor.constructor')
    const html = joined(raw).split(/Content-Type: text\/html/i)[1] ?? ''
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
  })

  it('T22: one-click headers, postal address, visible link, DKIM over both headers', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const config = {
      ...testSendingConfig(sink.url),
      dkim: {
        domainName: 'sender.test',
        keySelector: 'test',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    }
    const to = unique('t22', 'recipient.test')
    const { contactIds } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      contacts: [{ name: 'Bea', email: to }],
    })
    await queueEmail(store, who, { contactId: contactIds[0] ?? 0, templateKey: EMAIL_TEMPLATE })
    await sendOutbox(store, config)
    const raw = sunkTo(to)[0]?.raw ?? ''
    const listUnsubscribe = headerOf(raw, 'List-Unsubscribe') ?? ''
    expect(listUnsubscribe).toMatch(/^<https:\/\/comeback\.test\/u\/[^>]+>, <mailto:[^>]+>$/)
    expect(headerOf(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    const token = tokenIn(raw)
    // the MAC part alone is 256 bits (43 base64url characters)
    expect(token.split('.')[1]).toHaveLength(43)
    const body = joined(raw)
    expect(body).toContain('1 Harbour Street, Springfield 12345')
    expect(body).toMatch(
      /<a href=3D"https:\/\/comeback\.test\/u\/|<a href="https:\/\/comeback\.test\/u\//,
    )
    const dnsKey = publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
    const verified = await dkimVerify(raw, {
      resolver: async (name: string, type: string) =>
        name === 'test._domainkey.sender.test' && type === 'TXT'
          ? [[`v=DKIM1; k=rsa; p=${dnsKey}`]]
          : [],
    })
    expect(verified.results[0]?.status.result).toBe('pass')
    const signature = headerOf(raw, 'DKIM-Signature') ?? ''
    const signed = (/\bh=([^;]+)/.exec(signature)?.[1] ?? '').replace(/\s/g, '').toLowerCase()
    expect(signed.split(':')).toEqual(
      expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']),
    )
  })

  it('T21: after a one-click unsubscribe, already-queued messages are not sent', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const config = testSendingConfig(sink.url)
    const to = unique('T21', 'Recipient.test')
    const { contactIds } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      contacts: [{ name: 'Cy', email: to }],
    })
    const contactId = contactIds[0] ?? 0
    await queueEmail(store, who, { contactId, templateKey: EMAIL_TEMPLATE })
    await sendOutbox(store, config)
    const token = tokenIn(sunkTo(to)[0]?.raw ?? '')
    await queueEmail(store, who, { contactId, templateKey: EMAIL_TEMPLATE })
    const secret = config.unsubscribeSecret
    expect(await unsubscribeByToken(store, { secret, token, requestId: null })).toBe('unsubscribed')
    expect(await unsubscribeByToken(store, { secret, token, requestId: null })).toBe('unsubscribed')
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    expect(await unsubscribeByToken(store, { secret, token: altered, requestId: null })).toBe(
      'not_found',
    )
    const run = await sendOutbox(store, config)
    expect(run.suppressed).toBe(1)
    expect(sunkTo(to)).toHaveLength(1)
    const error = await queueEmail(store, who, { contactId, templateKey: EMAIL_TEMPLATE }).catch(
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(ComebackError)
    expect((error as ComebackError).code).toBe('CONFLICT')
  })

  it('a refused recipient fails, a bounce suppresses and flags the contact', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const refusing = await startSmtpSink({ reject: (address) => address.startsWith('gone-') })
    try {
      const gone = unique('gone', 'old.test')
      const { contactIds } = await addContacts(store, {
        ownerId: Number(world.repOld.id),
        contacts: [{ name: 'Di', email: gone }],
      })
      const contactId = contactIds[0] ?? 0
      await queueEmail(store, who, { contactId, templateKey: EMAIL_TEMPLATE })
      const run = await sendOutbox(store, testSendingConfig(refusing.url))
      expect(run.failed).toBe(1)
      const bounce = await addSuppression(store, who, {
        email: gone.toUpperCase(),
        kind: 'bounced',
      })
      expect(bounce.flaggedContacts).toBe(1)
      const contact = await store.db
        .selectFrom('contacts')
        .select('address_flag')
        .where('id', '=', contactId)
        .executeTakeFirstOrThrow()
      expect(contact.address_flag).toBe('old_address')
    } finally {
      await refusing.close()
    }
  })

  it('refuses contacts without a lawful basis and templates with unknown fields', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const { contactIds } = await addContacts(store, {
      ownerId: Number(world.repOld.id),
      contacts: [{ name: 'Ed', email: 'nobasis@recipient.test', lawfulBasis: null }],
    })
    await expect(
      queueEmail(store, who, { contactId: contactIds[0] ?? 0, templateKey: EMAIL_TEMPLATE }),
    ).rejects.toThrow(/lawful basis/)
    await expect(
      createTemplate(store, who, {
        kind: 'email',
        tone: 'fun',
        name: 'Injected',
        subject: 'Hi',
        body: "{{constructor.constructor('x')()}}",
      }),
    ).rejects.toThrow(/template has problems/)
  })

  it('a test email goes through the outbox, and a suppressed address is refused clearly', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const config = testSendingConfig(sink.url)
    const to = unique('smoke', 'recipient.test')
    const sent = await sendTestEmail(store, who, { to, config })
    expect(sent.outcome).toBe('sent')
    expect(headerOf(sunkTo(to)[0]?.raw ?? '', 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe=One-Click',
    )
    await addSuppression(store, who, { email: to, kind: 'do_not_contact' })
    await expect(sendTestEmail(store, who, { to, config })).rejects.toThrow(
      /is suppressed \(do_not_contact\): no email was sent/,
    )
    expect(sunkTo(to)).toHaveLength(1)
  })
})
