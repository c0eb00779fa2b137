import { type CaseActor, createCampaign, createMeeting } from '../../../app/index.js'
import type { ApiFixture } from '../../../test-support/api-fixture.js'

/**
 * The access matrix's probes (TESTPLAN T9) on letters and meetings. Letters are really rendered
 * (a PDF and a touch: harmless); campaign letters run over an empty segment (409, nothing to
 * print); meeting changes carry a stale sequence (412).
 */
export interface LetterProbe {
  readonly path: string
  readonly body?: unknown
  readonly owner: number | null | 'missing' | 'collection'
  readonly success?: number
}

const TEMPLATE = 'professional-letter-peace-offering'
const CONFIG = { publicUrl: 'https://comeback.example', fromAddress: null }
const seeded = {
  /** [customer id, contact id, meeting id, owner] */
  customers: [] as [string, number, number, number | null][],
  campaigns: [] as [number, number][],
}

function adminOf(fixture: ApiFixture): CaseActor {
  const { admin } = fixture.users
  return {
    actor: { userId: admin.id, role: 'admin', teamUserIds: new Set([admin.id]) },
    audit: { actorUserId: admin.id, via: 'api', requestId: null },
  }
}

/** A contact with a postal address and a meeting on `customerId`; returns their ids. */
export async function seedLetterCustomer(
  fixture: ApiFixture,
  customerId: string,
): Promise<{ contactId: number; meetingId: number }> {
  const row = await fixture.store.db
    .insertInto('contacts')
    .values({
      contact_key: `letters-matrix-${customerId}-${Math.random().toString(36).slice(2)}`,
      customer_id: customerId,
      name: 'Пётр Чайковский',
      email: `letters-${customerId.toLowerCase()}@letters.test`,
      phone: null,
      postal_address: '12 Elm St, Springfield, IL 62704',
      role: 'decision_maker',
      has_left: 0,
      lawful_basis: 'legitimate_interest',
      basis_source: null,
      basis_on: null,
      consent: 0,
      import_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const contactId = Number(row.id)
  const meeting = await createMeeting(
    fixture.store,
    adminOf(fixture),
    {
      customerId,
      title: 'Matrix meeting',
      startsAt: '2030-01-02T10:00:00Z',
      endsAt: '2030-01-02T11:00:00Z',
      attendeeContactIds: [contactId],
    },
    CONFIG,
  )
  return { contactId, meetingId: meeting.id }
}

/** Contacts and meetings on rep A's, rep B's and nobody's account, and two empty campaigns. */
export async function seedLetterMatrix(fixture: ApiFixture): Promise<void> {
  const { admin, manager, repA, repB } = fixture.users
  seeded.customers = []
  for (const [customerId, owner] of [
    ['A-001', repA.id],
    ['B-001', repB.id],
    ['U-001', null],
  ] as const) {
    const { contactId, meetingId } = await seedLetterCustomer(fixture, customerId)
    seeded.customers.push([customerId, contactId, meetingId, owner])
  }
  seeded.campaigns = []
  for (const [person, role] of [
    [admin, 'admin'],
    [manager, 'manager'],
  ] as const) {
    const made = await createCampaign(
      fixture.store,
      {
        actor: { userId: person.id, role, teamUserIds: new Set([person.id]) },
        audit: { actorUserId: person.id, via: 'api', requestId: null },
      },
      {
        name: `Letters matrix ${role}`,
        templateKey: 'fun-email-appreciation-day',
        segment: { segment: 'no-such-segment', kind: 'customer' },
      },
    )
    seeded.campaigns.push([made.campaign.id, person.id])
  }
}

const onCustomers = (suffix: string, body?: unknown): LetterProbe[] => [
  ...seeded.customers.map(([customerId, , , owner]) => ({
    path: `/api/customers/${customerId}${suffix}`,
    owner,
    ...(body === undefined ? {} : { body }),
  })),
  {
    path: `/api/customers/Z-999${suffix}`,
    owner: 'missing' as const,
    ...(body === undefined ? {} : { body }),
  },
]

const onMeetings = (suffix: string, body?: unknown, success?: number): LetterProbe[] => [
  ...seeded.customers.map(([, , meetingId, owner]) => ({
    path: `/api/meetings/${meetingId}${suffix}`,
    owner,
    ...(body === undefined ? {} : { body }),
    ...(success === undefined ? {} : { success }),
  })),
  {
    path: `/api/meetings/999999${suffix}`,
    owner: 'missing' as const,
    ...(body === undefined ? {} : { body }),
  },
]

/** Probes for every letter and meeting route, by operation id. */
export const LETTER_PROBES: Record<string, (fixture: ApiFixture) => LetterProbe[]> = {
  renderCustomerLetter: () => onCustomers('/letter', { templateKey: TEMPLATE, size: 'a4' }),
  renderLetterBatch: () => [
    ...seeded.customers.map(([customerId, , , owner]) => ({
      path: '/api/letters/batch',
      body: { customerIds: [customerId], templateKey: TEMPLATE, size: 'letter' },
      owner,
    })),
    {
      path: '/api/letters/batch',
      body: { customerIds: ['Z-999'], templateKey: TEMPLATE },
      owner: 'missing',
    },
  ],
  renderCampaignLetters: () => [
    ...seeded.campaigns.map(([id, owner]) => ({
      path: `/api/campaigns/${id}/letters`,
      body: { templateKey: TEMPLATE },
      owner,
      success: 409,
    })),
    { path: '/api/campaigns/999999/letters', body: { templateKey: TEMPLATE }, owner: 'missing' },
  ],
  listCustomerMeetings: () => onCustomers('/meetings'),
  createMeeting: () => [
    ...seeded.customers.map(([customerId, contactId, , owner]) => ({
      path: '/api/meetings',
      body: {
        customerId,
        title: 'Probe meeting',
        startsAt: '2030-02-01T10:00:00Z',
        endsAt: '2030-02-01T10:30:00Z',
        attendeeContactIds: [contactId],
      },
      owner,
    })),
    {
      path: '/api/meetings',
      body: {
        customerId: 'Z-999',
        title: 'Probe meeting',
        startsAt: '2030-02-01T10:00:00Z',
        endsAt: '2030-02-01T10:30:00Z',
        attendeeContactIds: [1],
      },
      owner: 'missing',
    },
  ],
  updateMeeting: () => onMeetings('', { location: 'Probe room', expectedSequence: 999 }, 412),
  cancelMeeting: () => onMeetings('/cancel', { expectedSequence: 999 }, 412),
  getMeetingInvite: () => onMeetings('/invite.ics'),
}
