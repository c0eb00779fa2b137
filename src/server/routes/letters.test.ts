import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ApiFixture,
  type Credentials,
  call,
  createApiFixture,
  signInAs,
  storeTargets,
} from '../../test-support/api-fixture.js'
import { parseIcs } from '../../test-support/ics-parse.js'
import { pdfInfo, pdfText } from '../../test-support/poppler.js'
import { seedLetterCustomer } from './__fixtures__/letters-matrix-probes.js'

const targets = await storeTargets()
const TEMPLATE = 'professional-letter-peace-offering'

describe.each(targets)('letters and meeting invites over HTTP on $name', (target) => {
  let fixture: ApiFixture
  let repA: Credentials
  let manager: Credentials
  const seeded: Record<string, { contactId: number; meetingId: number }> = {}

  beforeAll(async () => {
    fixture = await createApiFixture(target)
    for (const customerId of ['A-001', 'A-002', 'B-001']) {
      seeded[customerId] = await seedLetterCustomer(fixture, customerId)
    }
    await fixture.store.db
      .insertInto('suppressions')
      .values({
        suppression_key: 'contact:a-002:unsubscribed',
        email_normalised: null,
        contact_id: seeded['A-002']?.contactId ?? 0,
        kind: 'unsubscribed',
        source: 'test',
        created_at: new Date().toISOString(),
        created_by: 'test',
      })
      .execute()
    repA = await signInAs(fixture, 'repA')
    manager = await signInAs(fixture, 'manager')
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('answers a letter as a PDF download with the name readable, and hides another rep’s customer', async () => {
    const response = await call(fixture, {
      method: 'POST',
      path: '/api/customers/A-001/letter',
      as: repA,
      body: { templateKey: TEMPLATE, size: 'letter', reason: 'late deliveries' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="letter-A-001-.*\.pdf"$/,
    )
    const pdf = Buffer.from(await response.arrayBuffer())
    expect(pdfInfo(pdf)['Page size']).toContain('(letter)')
    expect(pdfText(pdf)).toContain('Пётр Чайковский')
    const hidden = await call(fixture, {
      method: 'POST',
      path: '/api/customers/B-001/letter',
      as: repA,
      body: { templateKey: TEMPLATE },
    })
    expect(hidden.status).toBe(404)
    const suppressed = await call(fixture, {
      method: 'POST',
      path: '/api/customers/A-002/letter',
      as: repA,
      body: { templateKey: TEMPLATE },
    })
    expect(suppressed.status).toBe(409)
    expect(((await suppressed.json()) as { error: { message: string } }).error.message).toContain(
      'suppressed (unsubscribed)',
    )
  })

  it('merges a batch and lists the skipped customer in a header', async () => {
    const response = await call(fixture, {
      method: 'POST',
      path: '/api/letters/batch',
      as: manager,
      body: { customerIds: ['A-001', 'A-002'], templateKey: TEMPLATE, size: 'a4' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-letters-count')).toBe('1')
    const skipped = JSON.parse(decodeURIComponent(response.headers.get('x-letters-skipped') ?? ''))
    expect(skipped).toEqual([
      {
        customerId: 'A-002',
        contactId: seeded['A-002']?.contactId,
        reason: 'suppressed',
        detail: 'unsubscribed',
      },
    ])
    expect(pdfInfo(Buffer.from(await response.arrayBuffer()))['Pages']).toBe('1')
    const bad = await call(fixture, {
      method: 'POST',
      path: '/api/letters/batch',
      as: manager,
      body: { customerIds: ['A-001'], templateKey: TEMPLATE, size: 'b5' },
    })
    expect(bad.status).toBe(400)
  })

  it('plans, moves and cancels a meeting; the .ics keeps its UID and raises SEQUENCE', async () => {
    const created = await call(fixture, {
      method: 'POST',
      path: '/api/meetings',
      as: repA,
      body: {
        customerId: 'A-001',
        title: 'Coffee',
        startsAt: '2026-12-01T10:00:00Z',
        endsAt: '2026-12-01T11:00:00Z',
        attendeeContactIds: [seeded['A-001']?.contactId],
      },
    })
    expect(created.status).toBe(201)
    const meeting = (await created.json()) as { id: number; uid: string; sequence: number }
    const invite = async () => {
      const response = await call(fixture, {
        method: 'GET',
        path: `/api/meetings/${meeting.id}/invite.ics`,
        as: repA,
      })
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="meeting-${meeting.id}.ics"`,
      )
      const lines = parseIcs(await response.text())
      const get = (name: string) => lines.find((line) => line.name === name)?.value
      return [get('METHOD'), get('UID'), get('SEQUENCE')]
    }
    expect(await invite()).toEqual(['REQUEST', meeting.uid, '0'])
    const moved = await call(fixture, {
      method: 'PATCH',
      path: `/api/meetings/${meeting.id}`,
      as: repA,
      body: {
        startsAt: '2026-12-03T10:00:00Z',
        endsAt: '2026-12-03T11:00:00Z',
        expectedSequence: 0,
      },
    })
    expect(moved.status).toBe(200)
    expect(await invite()).toEqual(['REQUEST', meeting.uid, '1'])
    const stale = await call(fixture, {
      method: 'PATCH',
      path: `/api/meetings/${meeting.id}`,
      as: repA,
      body: { location: 'x', expectedSequence: 0 },
    })
    expect(stale.status).toBe(412)
    const cancelled = await call(fixture, {
      method: 'POST',
      path: `/api/meetings/${meeting.id}/cancel`,
      as: repA,
      body: {},
    })
    expect(cancelled.status).toBe(200)
    expect(await invite()).toEqual(['CANCEL', meeting.uid, '2'])
    const list = await call(fixture, {
      method: 'GET',
      path: '/api/customers/A-001/meetings',
      as: repA,
    })
    const items = ((await list.json()) as { items: { id: number; status: string }[] }).items
    expect(items.find((item) => item.id === meeting.id)?.status).toBe('cancelled')
  })
})
