import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { normaliseEmail } from '../../domain/suppression.js'
import type { Mailer } from '../../outreach/index.js'
import { smtpMailer } from '../../outreach/index.js'
import { insertSuppression, type Store } from '../../store/index.js'
import { actorOf, caseDialects, describeWorld } from '../cases/__fixtures__/case-world.js'
import { addContacts, testSendingConfig } from './__fixtures__/outreach-world.js'
import { type SmtpSink, startSmtpSink } from './__fixtures__/smtp-sink.js'
import { queueEmail } from './queue-email.js'
import { sendOutbox } from './send-outbox.js'

// TESTPLAN T8: a sender dies between claiming a message and recording the SMTP answer
const targets = await caseDialects()
const RECIPIENTS = 1000
const SUPPRESSED_EVERY = 20
const SEND_CHILD = fileURLToPath(new URL('./__fixtures__/send-child.ts', import.meta.url))

let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink.close()
})

/** Queues one email to each of `RECIPIENTS` contacts; every 20th address is suppressed first. */
async function queueCampaign(store: Store, who: Awaited<ReturnType<typeof actorOf>>, tag: string) {
  const emails = Array.from({ length: RECIPIENTS }, (_, i) => `r${i}-${tag}@crash.test`)
  const { contactIds } = await addContacts(store, {
    ownerId: who.actor.userId,
    contacts: emails.map((email, i) => ({ name: `R${i}`, email })),
  })
  for (const [i, contactId] of contactIds.entries()) {
    await queueEmail(store, who, { contactId, templateKey: 'fun-email-appreciation-day' })
    if (i % SUPPRESSED_EVERY === 0) {
      // unsubscribed after it was queued: the claim must still stop it
      const email = normaliseEmail(emails[i] ?? '')
      await insertSuppression(store, {
        emailNormalised: email,
        contactId: null,
        kind: 'unsubscribed',
        source: 'test',
        createdBy: 'test',
      })
    }
  }
  return emails
}

function copiesPerRecipient(tag: string): Map<string, number> {
  const copies = new Map<string, number>()
  for (const message of sink.messages) {
    for (const to of message.rcptTo.filter((address) => address.endsWith(`-${tag}@crash.test`))) {
      copies.set(to, (copies.get(to) ?? 0) + 1)
    }
  }
  return copies
}

/**
 * The outbox rows of one test's campaign by status: both tests share a store, so each counts only
 * the messages to its own tagged recipients.
 */
async function countsOf(store: Store, tag: string): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom('outbox_messages')
    .select('status')
    .where('to_normalised', 'like', `%-${tag}@crash.test`)
    .execute()
  const counts: Record<string, number> = {}
  for (const row of rows) {
    counts[row.status] = (counts[row.status] ?? 0) + 1
  }
  return counts
}

function checkOutcome(
  copies: Map<string, number>,
  counts: Record<string, number>,
  emails: readonly string[],
): void {
  expect(Math.max(...copies.values())).toBe(1)
  const received = [...copies.values()].reduce((sum, n) => sum + n, 0)
  const sent = counts['sent'] ?? 0
  const unknown = counts['unknown'] ?? 0
  expect(unknown).toBeLessThanOrEqual(1)
  expect(received).toBeGreaterThanOrEqual(sent)
  expect(received).toBeLessThanOrEqual(sent + unknown)
  expect(counts['suppressed']).toBe(RECIPIENTS / SUPPRESSED_EVERY)
  expect(counts['queued'] ?? 0).toBe(0)
  expect(counts['sending'] ?? 0).toBe(0)
  const suppressedGot = emails.filter((email, i) => i % SUPPRESSED_EVERY === 0 && copies.has(email))
  expect(suppressedGot).toEqual([])
}

describeWorld('T8 outbox crash', targets, (current, target) => {
  it('stopping between claim and SMTP answer: no copy twice, nothing re-sent by itself', async () => {
    const { store, world } = current()
    const who = await actorOf(store, world.admin)
    const tag = `sim${target.name}`.toLowerCase()
    const emails = await queueCampaign(store, who, tag)
    const config = testSendingConfig(sink.url)
    const real = smtpMailer(`${sink.url}?pool=true`, null)
    let sends = 0
    let crashed: () => void = () => undefined
    const crash = new Promise<void>((resolve) => {
      crashed = resolve
    })
    // the 400th message reaches the server, then the "process" dies before the answer is stored
    const dying: Mailer = {
      async send(email) {
        sends += 1
        const receipt = await real.send(email)
        if (sends === 400) {
          crashed()
          return new Promise(() => undefined)
        }
        return receipt
      },
      close: () => undefined,
    }
    void sendOutbox(store, config, { mailer: dying })
    await crash
    expect((await countsOf(store, tag))['sending']).toBe(1)
    const restart = await sendOutbox(store, config, { mailer: real, staleAfterMs: 0 })
    expect(restart.recovered).toBe(1)
    const again = await sendOutbox(store, config, { mailer: real, staleAfterMs: 0 })
    real.close()
    expect(again).toEqual({ recovered: 0, sent: 0, failed: 0, unknown: 0, suppressed: 0 })
    const counts = await countsOf(store, tag)
    expect(counts['unknown']).toBe(1)
    checkOutcome(copiesPerRecipient(tag), counts, emails)
  }, 120_000)

  it.runIf(process.env['CI_LONG'] === '1')(
    'kill -9 of a sending process: no copy twice, nothing re-sent by itself',
    async () => {
      const { store, world } = current()
      const who = await actorOf(store, world.admin)
      const tag = `kill${target.name}`.toLowerCase()
      const emails = await queueCampaign(store, who, tag)
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', SEND_CHILD, target.location, sink.url],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      )
      let gone = false
      let childErrors = ''
      child.stderr?.on('data', (chunk: Buffer) => {
        childErrors += chunk.toString()
      })
      const exited = new Promise<void>((resolve) =>
        child.on('exit', () => {
          gone = true
          resolve()
        }),
      )
      while (copiesPerRecipient(tag).size < 300 && !gone) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      // a sender that stopped by itself before the kill would make this test prove nothing
      expect(
        gone,
        `the sending process stopped before the kill: ${childErrors.slice(0, 2000)}`,
      ).toBe(false)
      child.kill('SIGKILL')
      await exited
      const config = testSendingConfig(sink.url)
      const restart = await sendOutbox(store, config, { staleAfterMs: 0 })
      expect(restart.recovered).toBeLessThanOrEqual(1)
      const again = await sendOutbox(store, config, { staleAfterMs: 0 })
      expect(again.sent).toBe(0)
      checkOutcome(copiesPerRecipient(tag), await countsOf(store, tag), emails)
    },
    300_000,
  )
})
