import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.js'
import { insertContacts, insertSuppression, listTouches, type Store } from '../../store/index.js'
import { parseIcs } from '../../test-support/ics-parse.js'
import {
  actorOf,
  addCustomer,
  type CaseWorld,
  caseDialects,
  describeWorld,
} from '../cases/__fixtures__/case-world.js'
import { cancelMeeting, createMeeting, meetingInvite, updateMeeting } from './invites.js'
import { listMeetingsAs } from './meetings-list.js'

const targets = await caseDialects()
const CONFIG = { publicUrl: 'https://comeback.example/app', fromAddress: null }

async function customerWithContacts(
  store: Store,
  world: CaseWorld,
): Promise<{ customerId: string; petr: number; ann: number }> {
  const customerId = await addCustomer(store, world, { ownerId: Number(world.repOld.id) })
  const tag = randomBytes(3).toString('hex')
  await insertContacts(
    store,
    (
      [
        ['petr', 'Пётр Чайковский'],
        ['ann', 'Ann Example'],
      ] as const
    ).map(([key, name]) => ({
      contact_key: `${customerId}-${key}-${tag}`,
      customer_id: customerId,
      name,
      email: `${key}-${tag}@customer.test`,
      role: 'decision_maker',
      has_left: 0 as const,
      lawful_basis: 'legitimate_interest',
      consent: 0 as const,
    })),
  )
  const rows = await store.db
    .selectFrom('contacts')
    .select(['id', 'contact_key'])
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute()
  return { customerId, petr: Number(rows[0]?.id), ann: Number(rows[1]?.id) }
}

function icsFields(ics: string) {
  const lines = parseIcs(ics)
  const get = (name: string) => lines.find((line) => line.name === name)?.value
  return {
    method: get('METHOD'),
    uid: get('UID'),
    sequence: get('SEQUENCE'),
    status: get('STATUS'),
    start: get('DTSTART'),
    location: get('LOCATION'),
    attendees: lines.filter((line) => line.name === 'ATTENDEE').map((line) => line.value),
  }
}

describeWorld('meeting invites', targets, (current) => {
  it('keeps the UID, raises SEQUENCE on a change of time or place, and cancels with the same UID', async () => {
    const { store, world } = current()
    const { customerId, petr } = await customerWithContacts(store, world)
    const rep = await actorOf(store, world.repOld)
    const meeting = await createMeeting(
      store,
      rep,
      {
        customerId,
        title: 'Coffee',
        location: 'Their office',
        startsAt: '2026-12-01T10:00:00Z',
        endsAt: '2026-12-01T11:00:00+00:00',
        attendeeContactIds: [petr],
      },
      CONFIG,
    )
    expect(meeting.uid).toMatch(/^meeting-[0-9a-f-]{36}@comeback\.example$/)
    const first = icsFields((await meetingInvite(store, rep, meeting.id)).ics)
    expect(first).toMatchObject({
      method: 'REQUEST',
      uid: meeting.uid,
      sequence: '0',
      status: 'CONFIRMED',
    })
    expect(first.attendees).toEqual([expect.stringMatching(/^mailto:petr-/i)])

    const moved = await updateMeeting(store, rep, {
      id: meeting.id,
      expectedSequence: 0,
      set: {
        startsAt: '2026-12-02T09:00:00+01:00',
        endsAt: '2026-12-02T10:00:00+01:00',
        location: 'Café',
      },
    })
    expect(moved.sequence).toBe(1)
    const second = icsFields((await meetingInvite(store, rep, meeting.id)).ics)
    expect(second).toMatchObject({
      method: 'REQUEST',
      uid: meeting.uid,
      sequence: '1',
      start: '20261202T080000Z',
      location: 'Café',
    })

    await expect(
      updateMeeting(store, rep, {
        id: meeting.id,
        expectedSequence: 0,
        set: { location: 'Elsewhere' },
      }),
    ).rejects.toThrow(PreconditionFailedError)
    await expect(
      updateMeeting(store, rep, { id: meeting.id, set: { location: 'Café' } }),
    ).rejects.toThrow(/^nothing to change/)

    const cancelled = await cancelMeeting(store, rep, { id: meeting.id })
    expect(cancelled.status).toBe('cancelled')
    const third = icsFields((await meetingInvite(store, rep, meeting.id)).ics)
    expect(third).toMatchObject({
      method: 'CANCEL',
      uid: meeting.uid,
      sequence: '2',
      status: 'CANCELLED',
    })
    await expect(cancelMeeting(store, rep, { id: meeting.id })).rejects.toThrow(ConflictError)

    const touches = await listTouches(store, customerId)
    expect(touches.map((touch) => [touch.channel, touch.note])).toEqual([['meeting', 'Coffee']])
    expect((await listMeetingsAs(store, rep, customerId)).map((m) => m.id)).toEqual([meeting.id])
  })

  it('lets only one of two concurrent changes land on the next SEQUENCE', async () => {
    const { store, world } = current()
    const { customerId, petr } = await customerWithContacts(store, world)
    const rep = await actorOf(store, world.repOld)
    const meeting = await createMeeting(
      store,
      rep,
      {
        customerId,
        title: 'Call',
        startsAt: '2026-12-01T10:00:00Z',
        endsAt: '2026-12-01T10:30:00Z',
        attendeeContactIds: [petr],
      },
      CONFIG,
    )
    const outcomes = await Promise.allSettled(
      ['Room A', 'Room B', 'Room C'].map((location) =>
        updateMeeting(store, rep, { id: meeting.id, expectedSequence: 0, set: { location } }),
      ),
    )
    const landed = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    expect(landed).toHaveLength(1)
    const after = icsFields((await meetingInvite(store, rep, meeting.id)).ics)
    expect(after.sequence).toBe('1')
  })

  it('refuses a suppressed attendee, bad times and a rep of another team', async () => {
    const { store, world } = current()
    const { customerId, petr, ann } = await customerWithContacts(store, world)
    await insertSuppression(store, {
      emailNormalised: null,
      contactId: ann,
      kind: 'unsubscribed',
      source: 'test',
      createdBy: 'test',
    })
    const rep = await actorOf(store, world.repOld)
    const input = {
      customerId,
      title: 'Coffee',
      startsAt: '2026-12-01T10:00:00Z',
      endsAt: '2026-12-01T11:00:00Z',
      attendeeContactIds: [petr, ann],
    }
    await expect(createMeeting(store, rep, input, CONFIG)).rejects.toThrow(
      `contact ${ann} may not be invited: suppressed (unsubscribed)`,
    )
    await expect(
      createMeeting(
        store,
        rep,
        { ...input, attendeeContactIds: [petr], startsAt: '2026-12-01T10:00' },
        CONFIG,
      ),
    ).rejects.toThrow(/^startsAt: /)
    await expect(
      createMeeting(
        store,
        rep,
        { ...input, attendeeContactIds: [petr], endsAt: '2026-12-01T09:00:00Z' },
        CONFIG,
      ),
    ).rejects.toThrow(ValidationError)
    const south = await actorOf(store, world.repSouth)
    await expect(
      createMeeting(store, south, { ...input, attendeeContactIds: [petr] }, CONFIG),
    ).rejects.toThrow(NotFoundError)
    const meeting = await createMeeting(
      store,
      rep,
      { ...input, attendeeContactIds: [petr] },
      CONFIG,
    )
    await expect(meetingInvite(store, south, meeting.id)).rejects.toThrow(
      `no meeting ${meeting.id}`,
    )
    expect(await listTouches(store, customerId)).toHaveLength(1)
  })
})
